//! The Projects tab: projects the viewer may see, with claim (R11), groups
//! in the project (R12), tasks, group assignment to pull tasks and each
//! assignee's status. What the crate says the viewer can never do is not
//! shown; the server's refusal is shown when a project role decides.

use api::projects::{AssignmentView, GroupView, ProjectView, TaskView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Action, Actor, OrgPermission, Template, decide};

use crate::api::Client;
use crate::now;

/// Projects of the org the viewer may see.
#[component]
pub fn ProjectsView(
    client: Client,
    org: i64,
    viewer: Actor,
    template: &'static Template,
) -> impl IntoView {
    let projects = RwSignal::new(Vec::<ProjectView>::new());
    let groups = RwSignal::new(Vec::<GroupView>::new());
    let error = RwSignal::new(None::<String>);
    let can = |p: OrgPermission| decide(now(), &viewer, &Action::Org(p)).is_allowed();
    let (create_ok, claim_ok) = (
        can(OrgPermission::CreateProjects),
        decide(now(), &viewer, &Action::ClaimProjectOwnership).is_allowed(),
    );
    let reload = {
        let client = client.clone();
        move || {
            let client = client.clone();
            spawn_local(async move {
                match client.projects(org).await {
                    Ok(p) => projects.set(p),
                    Err(e) => error.set(Some(e.message())),
                }
                if let Ok(g) = client.groups(org).await {
                    groups.set(g);
                }
            });
        }
    };
    reload();
    let name = RwSignal::new(String::new());
    let create = {
        let (client, reload) = (client.clone(), reload.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (client, reload) = (client.clone(), reload.clone());
            spawn_local(async move {
                match client.create_project(org, &name.get_untracked()).await {
                    Ok(_) => {
                        name.set(String::new());
                        reload();
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    view! {
        <section class="projects" aria-labelledby="projects-heading">
            <h1 id="projects-heading">"Projects"</h1>
            <p class="error" role="alert">{move || error.get()}</p>
            {create_ok.then(|| view! {
                <form class="inline" on:submit=create>
                    <label>"New project " <input name="project_name" required prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></label>
                    <button type="submit" class="primary">"Create project"</button>
                </form>
            })}
            {move || {
                let (client, reload) = (client.clone(), reload.clone());
                projects.get().into_iter().map(|p| view! {
                    <ProjectCard client=client.clone() org=org project=p viewer=viewer template=template groups=groups claim_ok=claim_ok error=error
                        on_change=Callback::new({ let reload = reload.clone(); move |()| reload() })/>
                }).collect_view()
            }}
        </section>
    }
}

#[component]
#[allow(clippy::too_many_arguments, reason = "a component's props")]
fn ProjectCard(
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
        RwSignal::new(
            template
                .project_roles
                .last()
                .map(|r| r.key.to_string())
                .unwrap_or_default(),
        ),
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
        RwSignal::new("pull".to_string()),
    );
    let add_task = {
        let (client, load_tasks) = (client.clone(), load_tasks.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let client = client.clone();
            let (n, m) = (task_name.get_untracked(), task_mode.get_untracked());
            let load_tasks = load_tasks.clone();
            run(
                Box::pin(async move { client.create_task(org, id, &n, &m).await.map(drop) }),
                Callback::new(move |()| load_tasks()),
            );
        }
    };
    view! {
        <article class="card project" aria-label=format!("Project {}", project.name)>
            <h2>{project.name.clone()} {mine.then_some(view! { <span class="badge owner">"Owner"</span> })}</h2>
            {(claim_ok && !mine).then(|| view! { <button type="button" on:click=claim>"Claim ownership"</button> })}
            <div class="inline">
                <label>"Add group "
                    <select name="project_group" on:change=move |ev| group_pick.set(event_target_value(&ev))>
                        <option value="">"Choose…"</option>
                        {move || groups.get().into_iter().map(|g| view! { <option value=g.id.to_string()>{g.name}</option> }).collect_view()}
                    </select>
                </label>
                <label>" as "
                    <select name="project_role" prop:value=move || role_pick.get() on:change=move |ev| role_pick.set(event_target_value(&ev))>
                        {template.project_roles.iter().map(|r| view! { <option value=r.key.to_string()>{r.name.to_string()}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" class="add-group" on:click=add_group>"Add group"</button>
            </div>
            <h3>"Tasks"</h3>
            <form class="inline" on:submit=add_task>
                <label>"New task " <input name="task_name" required on:input=move |ev| task_name.set(event_target_value(&ev))/></label>
                <label>" mode "
                    <select name="task_mode" on:change=move |ev| task_mode.set(event_target_value(&ev))>
                        <option value="pull">"Pull"</option>
                        <option value="distribution">"Distribution"</option>
                    </select>
                </label>
                <button type="submit">"Create task"</button>
            </form>
            {move || {
                let client = client.clone();
                tasks.get().into_iter().map(|t| view! { <TaskRow client=client.clone() org=org project=id task=t groups=groups error=error/> }).collect_view()
            }}
        </article>
    }
}

#[component]
fn TaskRow(
    client: Client,
    org: i64,
    project: i64,
    task: TaskView,
    groups: RwSignal<Vec<GroupView>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let assignments = RwSignal::new(Vec::<AssignmentView>::new());
    let t = task.id;
    let load = {
        let client = client.clone();
        move || {
            let client = client.clone();
            spawn_local(async move {
                if let Ok(a) = client.assignments(org, project, t).await {
                    assignments.set(a);
                }
            });
        }
    };
    load();
    let pick = RwSignal::new(String::new());
    let assign = {
        let (client, load) = (client.clone(), load.clone());
        move |_| {
            let Ok(g) = pick.get_untracked().parse::<i64>() else {
                return;
            };
            let (client, load) = (client.clone(), load.clone());
            spawn_local(async move {
                match client.assign_group(org, project, t, g).await {
                    Ok(()) => load(),
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    let refresh = load.clone();
    view! {
        <div class="task" aria-label=format!("Task {}", task.name)>
            <h4>{task.name.clone()} <span class="badge">{task.mode.clone()}</span>
                <button type="button" class="link" on:click=move |_| refresh()>"Refresh"</button></h4>
            <div class="inline">
                <label>"Assign group "
                    <select name="task_group" on:change=move |ev| pick.set(event_target_value(&ev))>
                        <option value="">"Choose…"</option>
                        {move || groups.get().into_iter().map(|g| view! { <option value=g.id.to_string()>{g.name}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" class="assign" on:click=assign>"Assign"</button>
            </div>
            <ul class="plain assignments">
                {move || assignments.get().into_iter().map(|a| view! {
                    <li data-assignee=a.user_id>{a.name.clone()} " " <span class=format!("badge status-{}", a.status)>{a.status.clone()}</span></li>
                }).collect_view()}
            </ul>
        </div>
    }
}
