//! A member's projects (seed 002): the count in the Members table opens
//! this list, where an allowed viewer adds or removes them. Which projects
//! the viewer may add to or remove from, and with which roles, the
//! permissions crate decides from the viewer's facts in each project.

use api::members::MemberView;
use api::projects::ProjectView;
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Actor, ProjectPermission, Template};

use super::actions::Availability;
use super::dialog::Dialog;
use crate::api::Client;
use crate::projects::actions::{grantable_project_roles, project_control};

/// The panel.
#[component]
pub fn MemberProjects(
    client: Client,
    org: i64,
    member: MemberView,
    template: &'static Template,
    viewer: Actor,
    on_close: Callback<()>,
) -> impl IntoView {
    let manages = move |p: &ProjectView| {
        project_control(&viewer, p.access, ProjectPermission::ManageProjectMembers)
            == Availability::Enabled
    };
    let theirs = RwSignal::new(Vec::<ProjectView>::new());
    let all = RwSignal::new(Vec::<ProjectView>::new());
    let error = RwSignal::new(None::<String>);
    let user = member.user_id;
    let load = {
        let client = client.clone();
        move || {
            let client = client.clone();
            spawn_local(async move {
                match client.member_projects(org, user).await {
                    Ok(p) => theirs.set(p),
                    Err(e) => error.set(Some(e.message())),
                }
                if let Ok(p) = client.projects(org).await {
                    all.set(p);
                }
            });
        }
    };
    load();
    let set = {
        let (client, load) = (client.clone(), load.clone());
        move |project: i64, role: Option<String>| {
            let (client, load) = (client.clone(), load.clone());
            spawn_local(async move {
                match client
                    .set_project_member(org, project, user, role.as_deref())
                    .await
                {
                    Ok(()) => load(),
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    let (pick, role) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    // The roles the viewer may give in the picked project (R2).
    let roles = Memo::new(move |_| {
        let picked = pick.get().parse::<i64>().ok();
        all.with(|all| {
            all.iter()
                .find(|p| Some(p.id) == picked)
                .map(|p| {
                    grantable_project_roles(template, &viewer, p.access)
                        .into_iter()
                        .map(|r| (r.key.to_string(), r.name.to_string()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    Effect::new(move |_| {
        let keys = roles.get();
        if !keys.iter().any(|(k, _)| *k == role.get_untracked()) {
            role.set(keys.last().map(|r| r.0.clone()).unwrap_or_default());
        }
    });
    let addable = move || {
        all.get()
            .into_iter()
            .filter(|p| manages(p) && !theirs.with(|t| t.iter().any(|q| q.id == p.id)))
            .collect::<Vec<_>>()
    };
    let add = set.clone();
    view! {
        <Dialog title=format!("Projects of {}", member.name) on_close=on_close>
            <ul class="plain">
                {move || {
                    let set = set.clone();
                    let list = theirs.get();
                    if list.is_empty() {
                        return view! { <li class="muted">"Not on any project."</li> }.into_any();
                    }
                    list.into_iter().map(|p| {
                        let set = set.clone();
                        let owner = p.owner_id == user;
                        let removable = !owner && manages(&p);
                        view! {
                            <li>{p.name.clone()} {owner.then_some(view! { <span class="badge owner">"Owner"</span> })}
                                {removable.then(|| view! { <button type="button" class="link" on:click=move |_| set(p.id, None)>"Remove from project"</button> })}
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
            <Show when=move || !addable().is_empty()>
                <div class="inline">
                    <label>"Add to "
                        <select name="member_project" on:change=move |ev| pick.set(event_target_value(&ev))>
                            <option value="">"Choose…"</option>
                            {move || addable().into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>" as "
                        <select name="member_project_role" prop:value=move || role.get() on:change=move |ev| role.set(event_target_value(&ev))>
                            {move || roles.get().into_iter().map(|(key, name)| view! { <option value=key>{name}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="button" on:click={
                        let add = add.clone();
                        move |_| if let Ok(p) = pick.get_untracked().parse() { add(p, Some(role.get_untracked())) }
                    }>"Add"</button>
                </div>
            </Show>
            <p class="error" role="alert">{move || error.get()}</p>
            <div class="dialog-actions"><button type="button" on:click=move |_| on_close.run(())>"Close"</button></div>
        </Dialog>
    }
}
