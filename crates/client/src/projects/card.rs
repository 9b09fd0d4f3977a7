//! One project: claim ownership (R11), add a group with a project role
//! (R2, R12), create tasks.

use api::projects::{GroupView, ProjectView, TaskView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Actor, ProjectPermission, Template};

use super::actions::{grantable_project_roles, project_control};
use super::people::ProjectPeople;
use super::task_row::TaskRow;
use crate::api::Client;
use crate::members::actions::Availability;

#[component]
#[expect(clippy::too_many_arguments, reason = "a component's props")]
pub fn ProjectCard(
    client: Client,
    org: i64,
    project: ProjectView,
    viewer: Actor,
    template: &'static Template,
    groups: RwSignal<Vec<GroupView>>,
    claim_ok: bool,
    error: RwSignal<Option<String>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let id = project.id;
    let access = project.access;
    let members_ctl = project_control(&viewer, access, ProjectPermission::ManageProjectMembers);
    let tasks_ctl = project_control(&viewer, access, ProjectPermission::ManageTasks);
    let roles: Vec<(String, String)> = grantable_project_roles(template, &viewer, access)
        .into_iter()
        .map(|r| (r.key.to_string(), r.name.to_string()))
        .collect();
    let tasks = RwSignal::new(Vec::<TaskView>::new());
    let load_tasks = {
        let client = client.clone();
        move || {
            let client = client.clone();
            spawn_local(async move {
                if let Ok(t) = client.tasks(org, id).await {
                    tasks.set(t);
                }
            });
        }
    };
    load_tasks();
    let mine = project.owner_id == viewer.user.0;
    let run = move |fut: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<(), crate::api::ApiError>>>,
    >,
                    after: Callback<()>| {
        spawn_local(async move {
            match fut.await {
                Ok(()) => {
                    error.set(None);
                    after.run(());
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    let claim = {
        let client = client.clone();
        move |_| {
            let client = client.clone();
            run(
                Box::pin(async move { client.claim(org, id).await.map(drop) }),
                on_change,
            );
        }
    };
    let (group_pick, role_pick) = (
        RwSignal::new(String::new()),
        RwSignal::new(roles.last().map(|r| r.0.clone()).unwrap_or_default()),
    );
    let add_group = {
        let client = client.clone();
        move |_| {
            let client = client.clone();
            let Ok(g) = group_pick.get_untracked().parse::<i64>() else {
                return;
            };
            let role = role_pick.get_untracked();
            run(
                Box::pin(async move { client.set_project_group(org, id, g, &role).await }),
                on_change,
            );
        }
    };
    let (task_name, task_mode) = (
        RwSignal::new(String::new()),
        RwSignal::new(api::TaskMode::Pull),
    );
    let add_task = {
        let (client, load_tasks) = (client.clone(), load_tasks.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let client = client.clone();
            let (n, m) = (task_name.get_untracked(), task_mode.get_untracked());
            let load_tasks = load_tasks.clone();
            run(
                Box::pin(async move { client.create_task(org, id, &n, m).await.map(drop) }),
                Callback::new(move |()| {
                    task_name.set(String::new());
                    load_tasks();
                }),
            );
        }
    };
    view! {
        <article class="card project" aria-label=format!("Project {}", project.name)>
            <h2>{project.name.clone()} {mine.then_some(view! { <span class="badge owner">"Owner"</span> })}</h2>
            <p class="muted project-owner">"Owner: " {if mine { "you".to_string() } else { project.owner_name.clone() }}</p>
            {(claim_ok && !mine).then(|| view! { <button type="button" on:click=claim>"Claim ownership"</button> })}
            {(members_ctl != Availability::Hidden).then(|| view! {
            <div class="inline">
                <label>"Add group "
                    <select name="project_group" on:change=move |ev| group_pick.set(event_target_value(&ev))>
                        <option value="">"Choose…"</option>
                        {move || groups.get().into_iter().map(|g| view! { <option value=g.id.to_string()>{g.name}</option> }).collect_view()}
                    </select>
                </label>
                <label>" as "
                    <select name="project_role" prop:value=move || role_pick.get() on:change=move |ev| role_pick.set(event_target_value(&ev))>
                        {roles.iter().map(|(key, name)| view! { <option value=key.clone()>{name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" class="add-group" on:click=add_group>"Add group"</button>
            </div>
            })}
            <ProjectPeople client=client.clone() org=org project=id error=error owner=(project.owner_id, project.owner_name.clone())
                roles=if members_ctl == Availability::Enabled { roles.clone() } else { Vec::new() }
                names=template.project_roles.iter().map(|r| (r.key.to_string(), r.name.to_string())).collect()/>
            <h3>"Tasks"</h3>
            {match tasks_ctl.clone() {
                Availability::Hidden => None,
                ctl => {
                    let reason = match &ctl { Availability::Disabled(r) => Some(r.clone()), _ => None };
                    let off = reason.is_some();
                    Some(view! {
                        <form class="inline" on:submit=add_task>
                            <label>"New task " <input name="task_name" required disabled=off prop:value=move || task_name.get() on:input=move |ev| task_name.set(event_target_value(&ev))/></label>
                            <label>" mode "
                                <select name="task_mode" disabled=off on:change=move |ev| task_mode.set(api::TaskMode::parse(&event_target_value(&ev)).unwrap_or(api::TaskMode::Pull))>
                                    <option value="pull">"Pull"</option>
                                    <option value="distribution">"Distribution"</option>
                                </select>
                            </label>
                            <button type="submit" disabled=off>"Create task"</button>
                            {reason.map(|r| view! { <span class="reason">{r}</span> })}
                        </form>
                    })
                }
            }}
            {move || {
                let client = client.clone();
                tasks.get().into_iter().map(|t| view! { <TaskRow client=client.clone() org=org project=id access=access viewer=viewer task=t groups=groups error=error/> }).collect_view()
            }}
        </article>
    }
}
