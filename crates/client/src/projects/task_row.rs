//! A task with its assignees and their status; assigning a group (R12:
//! pull tasks only) or one person (found by searching the org).

use api::projects::{AssignmentView, GroupView, TaskView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Actor, ProjectAccess, ProjectPermission, TaskMode};

use super::actions::{assign_group, project_control};
use crate::api::Client;
use crate::members::actions::Availability;
use crate::people_picker::{PeoplePicker, members_of};

#[component]
#[expect(clippy::too_many_arguments, reason = "a component's props")]
pub fn TaskRow(
    client: Client,
    org: i64,
    project: i64,
    access: ProjectAccess,
    viewer: Actor,
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
    let person = RwSignal::new(None::<(i64, String)>);
    let assign_person = {
        let (client, load) = (client.clone(), load.clone());
        move |_| {
            let Some((user, name)) = person.get_untracked() else {
                return;
            };
            let (client, load) = (client.clone(), load.clone());
            spawn_local(async move {
                match client.assign_user(org, project, t, user).await {
                    Ok(()) => {
                        person.set(None);
                        load();
                    }
                    Err(e) => error.set(Some(format!("{name}: {}", e.message()))),
                }
            });
        }
    };
    let person_ctl = project_control(&viewer, access, ProjectPermission::ManageTasks);
    let find = members_of(client.clone(), org);
    let assigned = Signal::derive(move || {
        assignments.with(|a| {
            a.iter()
                .filter(|x| x.status == api::AssignmentStatus::Active)
                .map(|x| x.user_id)
                .collect::<Vec<_>>()
        })
    });
    let refresh = load.clone();
    let mode = match task.mode {
        api::TaskMode::Distribution => TaskMode::Distribution,
        api::TaskMode::Pull => TaskMode::Pull,
    };
    let assign_ctl = assign_group(&viewer, access, mode);
    view! {
        <div class="task" aria-label=format!("Task {}", task.name)>
            <h4>{task.name.clone()} <span class="badge">{task.mode.as_str()}</span>
                <button type="button" class="link" on:click=move |_| refresh()>"Refresh"</button></h4>
            {match assign_ctl {
                Availability::Hidden => None,
                ctl => {
                    let reason = match &ctl { Availability::Disabled(r) => Some(r.clone()), _ => None };
                    let off = reason.is_some();
                    Some(view! {
                        <div class="inline">
                            <label>"Assign group "
                                <select name="task_group" disabled=off on:change=move |ev| pick.set(event_target_value(&ev))>
                                    <option value="">"Choose…"</option>
                                    {move || groups.get().into_iter().map(|g| view! { <option value=g.id.to_string()>{g.name}</option> }).collect_view()}
                                </select>
                            </label>
                            <button type="button" class="assign" disabled=off on:click=assign>"Assign"</button>
                            {reason.map(|r| view! { <span class="reason">{r}</span> })}
                        </div>
                    })
                }
            }}
            {(person_ctl == Availability::Enabled).then(|| view! {
                <div class="inline">
                    <PeoplePicker find=find label="Assign person" name="task_person" chosen=person status=api::MemberStatus::Active exclude=assigned/>
                    <button type="button" class="assign-person" disabled=move || person.with(Option::is_none) on:click=assign_person>"Assign"</button>
                </div>
            })}
            <ul class="plain assignments">
                {move || assignments.get().into_iter().map(|a| view! {
                    <li data-assignee=a.user_id>{a.name.clone()} " " <span class=format!("badge status-{}", a.status)>{a.status.as_str()}</span></li>
                }).collect_view()}
            </ul>
        </div>
    }
}
