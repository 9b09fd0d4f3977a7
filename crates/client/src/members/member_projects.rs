//! A member's projects (seed 002): the count in the Members table opens
//! this list. Each project says where the member's standing comes from
//! (owner, a direct role, each group's role); an allowed viewer changes a
//! direct role in place, removes it, or adds the member to another project
//! with a role they choose. The permissions crate decides every control
//! from the viewer's facts in that project.

use api::members::MemberView;
use api::projects::{MemberProjectView, ProjectView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Action, Actor, OrgPermission, ProjectPermission, Template, decide};

use super::actions::Availability;
use super::dialog::Dialog;
use crate::api::Client;
use crate::now;
use crate::projects::actions::{grantable_project_roles, project_control};

/// Whether the viewer may see which projects `member` is on: their own, or
/// with "list all org projects" (the server's rule for this list).
pub fn may_list(viewer: &Actor, member: i64) -> Result<(), String> {
    if viewer.user.0 == member {
        return Ok(());
    }
    decide(now(), viewer, &Action::Org(OrgPermission::ListAllProjects))
        .denial()
        .map_or(Ok(()), |d| Err(d.to_string()))
}

/// (key, name) of the project roles the viewer may give in `p` (R2).
fn roles_in(template: &'static Template, viewer: &Actor, p: &ProjectView) -> Vec<(String, String)> {
    grantable_project_roles(template, viewer, p.access)
        .into_iter()
        .map(|r| (r.key.to_string(), r.name.to_string()))
        .collect()
}

fn role_name(template: &Template, key: &str) -> String {
    template
        .project_role(key)
        .map_or_else(|| key.to_string(), |r| r.name.to_string())
}

/// The panel.
#[component]
pub fn MemberProjects(
    client: Client,
    org: i64,
    member: MemberView,
    template: &'static Template,
    viewer: Actor,
    on_close: Callback<()>,
    /// Runs after a change, so the page reads its facts again.
    #[prop(default = Callback::new(|()| ()))]
    on_change: Callback<()>,
) -> impl IntoView {
    let title = format!("Projects of {}", member.name);
    if let Err(why) = may_list(&viewer, member.user_id) {
        return view! {
            <Dialog title=title on_close=on_close>
                <p class="muted">{format!("You cannot see which projects {} is on: {why}", member.name)}</p>
                <div class="dialog-actions"><button type="button" on:click=move |_| on_close.run(())>"Close"</button></div>
            </Dialog>
        }
        .into_any();
    }
    let manages = move |p: &ProjectView| {
        project_control(&viewer, p.access, ProjectPermission::ManageProjectMembers)
            == Availability::Enabled
    };
    let theirs = RwSignal::new(None::<Vec<MemberProjectView>>);
    let all = RwSignal::new(Vec::<ProjectView>::new());
    let (error, notice) = (RwSignal::new(None::<String>), RwSignal::new(None::<String>));
    let user = member.user_id;
    let load = {
        let client = client.clone();
        move || {
            let client = client.clone();
            spawn_local(async move {
                match client.member_projects(org, user).await {
                    Ok(p) => theirs.set(Some(p)),
                    Err(e) => error.set(Some(e.message())),
                }
                if let Ok(p) = client.projects(org).await {
                    all.set(p);
                }
            });
        }
    };
    load();
    let set = move |project: i64, name: String, role: Option<String>| {
        let (client, load) = (client.clone(), load.clone());
        spawn_local(async move {
            match client
                .set_project_member(org, project, user, role.as_deref())
                .await
            {
                Ok(()) => {
                    error.set(None);
                    notice.set(Some(match role {
                        Some(r) => format!("{name}: now {}", role_name(template, &r)),
                        None => format!("Removed from {name}"),
                    }));
                    load();
                    on_change.run(());
                }
                Err(e) => {
                    notice.set(None);
                    error.set(Some(e.message()));
                }
            }
        });
    };
    let set = StoredValue::new(set);
    // Projects the viewer may add them to: not owned, no direct role yet.
    let addable = Memo::new(move |_| {
        let theirs = theirs.get().unwrap_or_default();
        all.get()
            .into_iter()
            .filter(|p| manages(p))
            .filter(|p| {
                !theirs
                    .iter()
                    .any(|t| t.project.id == p.id && (t.owner || t.role.is_some()))
            })
            .collect::<Vec<_>>()
    });
    let (pick, role) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let add_roles = Memo::new(move |_| {
        let picked = pick.get().parse::<i64>().ok();
        addable.with(|a| {
            a.iter()
                .find(|p| Some(p.id) == picked)
                .map(|p| roles_in(template, &viewer, p))
                .unwrap_or_default()
        })
    });
    view! {
        <Dialog title=title on_close=on_close>
            <ul class="plain member-projects">
                {move || match theirs.get() {
                    None => view! { <li class="muted">"Loading…"</li> }.into_any(),
                    Some(list) if list.is_empty() => view! { <li class="muted">"Not on any project."</li> }.into_any(),
                    Some(list) => list.into_iter().map(|m| {
                        let p = m.project.clone();
                        let editable = !m.owner && manages(&p);
                        let mut roles = roles_in(template, &viewer, &p);
                        if let Some(r) = m.role.as_ref().filter(|r| !roles.iter().any(|(k, _)| k == *r)) {
                            roles.insert(0, (r.clone(), role_name(template, r)));
                        }
                        let current = m.role.clone().unwrap_or_default();
                        let (id, name, name2) = (p.id, p.name.clone(), p.name.clone());
                        view! {
                            <li>
                                <strong>{p.name.clone()}</strong>
                                {m.owner.then_some(view! { <span class="badge owner">"Owner"</span> })}
                                {match (m.role.clone(), editable) {
                                    (Some(_), true) => view! {
                                        <label>" Role "
                                            <select name="member_project_role" aria-label=format!("Role in {}", p.name)
                                                on:change=move |ev| set.with_value(|s| s(id, name.clone(), Some(event_target_value(&ev))))>
                                                {roles.into_iter().map(|(k, n)| { let sel = k == current; view! { <option value=k selected=sel>{n}</option> } }).collect_view()}
                                            </select>
                                        </label>
                                        <button type="button" class="link" on:click=move |_| set.with_value(|s| s(id, name2.clone(), None))>"Remove from project"</button>
                                    }.into_any(),
                                    (Some(r), false) => view! { <span>{format!(" {}", role_name(template, &r))}</span> }.into_any(),
                                    (None, _) => ().into_any(),
                                }}
                                {m.via_groups.iter().map(|(g, r)| view! { <span class="muted">{format!(" · {} through the group {g}", role_name(template, r))}</span> }).collect_view()}
                            </li>
                        }
                    }).collect_view().into_any(),
                }}
            </ul>
            <Show when=move || !addable.get().is_empty()>
                <div class="inline">
                    <label>"Add to "
                        <select name="member_project" on:change=move |ev| { pick.set(event_target_value(&ev)); role.set(String::new()); }>
                            <option value="">"Choose a project…"</option>
                            {move || addable.get().into_iter().map(|p| view! { <option value=p.id.to_string()>{p.name}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>" as "
                        <select name="member_project_new_role" prop:value=move || role.get() on:change=move |ev| role.set(event_target_value(&ev))>
                            <option value="">"Choose a role…"</option>
                            {move || add_roles.get().into_iter().map(|(key, name)| view! { <option value=key>{name}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="button" disabled=move || pick.get().is_empty() || role.get().is_empty() on:click=move |_| {
                        let Ok(p) = pick.get_untracked().parse::<i64>() else { return };
                        let name = addable.with_untracked(|a| a.iter().find(|x| x.id == p).map(|x| x.name.clone())).unwrap_or_default();
                        set.with_value(|s| s(p, name, Some(role.get_untracked())));
                        pick.set(String::new());
                        role.set(String::new());
                    }>"Add"</button>
                </div>
            </Show>
            <p class="notice" role="status">{move || notice.get()}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            <div class="dialog-actions"><button type="button" on:click=move |_| on_close.run(())>"Close"</button></div>
        </Dialog>
    }
    .into_any()
}
