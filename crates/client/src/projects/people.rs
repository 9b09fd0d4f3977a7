//! Who is on a project and why (seed 003's "Manage users", seed 004's
//! contributors): each person's direct role and what their groups give.
//! Those who may manage the project's members change a direct role (only
//! to roles they may give, R2) or take it away; a group's grant changes
//! with the group.

use api::projects::ProjectMemberView;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Client;

/// The people list. `roles` are the (key, name) pairs the viewer may give
/// here, empty when they may not manage the project's members.
#[component]
pub fn ProjectPeople(
    client: Client,
    org: i64,
    project: i64,
    roles: Vec<(String, String)>,
    /// Every project role's (key, name), to show any role by name.
    names: Vec<(String, String)>,
    /// The project's owner (id, name): listed first, as the Owner.
    owner: (i64, String),
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let people = RwSignal::new(Vec::<ProjectMemberView>::new());
    let load = {
        let client = client.clone();
        move || {
            let client = client.clone();
            spawn_local(async move {
                match client.project_people(org, project).await {
                    Ok(p) => people.set(p),
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    load();
    let set = move |user: i64, role: Option<String>| {
        let (client, load) = (client.clone(), load.clone());
        spawn_local(async move {
            match client
                .set_project_member(org, project, user, role.as_deref())
                .await
            {
                Ok(()) => {
                    error.set(None);
                    load();
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    let name_of = move |key: &str| {
        names
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| key.to_string())
    };
    let manages = !roles.is_empty();
    view! {
        <h3>"People"</h3>
        <ul class="plain people">
            {
                let (owner_id, owner_name) = owner.clone();
                move || (!people.with(|p| p.iter().any(|m| m.user_id == owner_id))).then(|| view! {
                    <li data-person=owner_id><span class="who">{owner_name.clone()}</span>" "<span class="badge owner">"Owner"</span></li>
                })
            }
            {move || {
                let list = people.get();
                list.into_iter().map(|m| {
                    let (set, roles, name_of) = (set.clone(), roles.clone(), name_of.clone());
                    let user = m.user_id;
                    let groups = m.via_groups.iter()
                        .map(|(g, r)| format!("{} via {g}", name_of(r)))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let direct = m.role.clone();
                    let editable = manages && (direct.is_none() || direct.as_ref().is_some_and(|r| roles.iter().any(|(k, _)| k == r)));
                    view! {
                        <li data-person=user>
                            <span class="who">{m.name.clone()}</span>" "
                            {(user == owner.0).then(|| view! { <span class="badge owner">"Owner"</span>" " })}
                            {match (editable, direct.clone()) {
                                (true, current) => {
                                    let set2 = set.clone();
                                    view! {
                                        <select name="person_role" aria-label=format!("Project role of {}", m.name)
                                            on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                set2(user, (!v.is_empty()).then_some(v));
                                            }>
                                            <option value="" selected=current.is_none()>"No direct role"</option>
                                            {roles.iter().map(|(k, n)| view! { <option value=k.clone() selected=current.as_deref() == Some(k.as_str())>{n.clone()}</option> }).collect_view()}
                                        </select>
                                    }.into_any()
                                }
                                (false, Some(r)) => view! { <span class="badge">{name_of(&r)}</span> }.into_any(),
                                (false, None) => ().into_any(),
                            }}
                            {(!groups.is_empty()).then(|| view! { " " <span class="muted">{groups}</span> })}
                        </li>
                    }
                }).collect_view()
            }}
        </ul>
    }
}
