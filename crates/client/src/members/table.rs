//! The members table: name, email, role, status, joined, actions. Column
//! headers sort; the server pages.

use api::members::MemberView;
use api::{SortDir, SortKey};
use leptos::prelude::*;
use permissions::{Actor, Seats, Template};

use super::action_menu::{ActionMenu, MenuItem};
use super::actions::{
    Availability, Destination, MemberAction, grantable_roles, member_actions, transfer_availability,
};
use super::query::ListState;
use crate::{format_date, now};

/// The table of loaded rows.
#[component]
pub fn MembersTable(
    list: ListState,
    template: &'static Template,
    viewer: Memo<Actor>,
    seats: Signal<Seats>,
    on_pick: Callback<(MemberAction, MemberView)>,
    /// Opens a member's projects.
    on_projects: Callback<MemberView>,
    /// The viewer's other orgs (R14 transfer destinations).
    #[prop(default = Vec::new())]
    destinations: Vec<Destination>,
    /// Ticked rows, for actions on several at once; no tick column without.
    #[prop(optional)]
    selected: Option<RwSignal<std::collections::BTreeSet<i64>>>,
    /// A role chosen in the row's own role picker (shown where the crate
    /// allows changing that member's role).
    #[prop(optional)]
    on_role: Option<Callback<(MemberView, String)>>,
) -> impl IntoView {
    let destinations = StoredValue::new(destinations);
    let sort_header = move |key: SortKey, label: &'static str, class: &'static str| {
        let state = move || {
            let q = list.query.get();
            if q.sort.unwrap_or(SortKey::Name) == key {
                if q.dir == Some(SortDir::Desc) {
                    "descending"
                } else {
                    "ascending"
                }
            } else {
                "none"
            }
        };
        view! {
            <th scope="col" class=class aria-sort=state>
                <button type="button" class="sort" on:click=move |_| list.query.update(|q| {
                    if q.sort.unwrap_or(SortKey::Name) == key {
                        q.dir = (q.dir != Some(SortDir::Desc)).then_some(SortDir::Desc)
                    } else {
                        q.sort = Some(key);
                        q.dir = None
                    }
                })>
                    {label}
                    {move || match state() { "ascending" => " ▲", "descending" => " ▼", _ => "" }}
                </button>
            </th>
        }
    };
    let role_name = move |key: &str| {
        template
            .org_role(key)
            .map(|r| r.name.to_string())
            .unwrap_or_else(|| key.to_string())
    };
    view! {
        <div class="members-wrap">
            <table class="members-table" aria-busy=move || list.loading.get().to_string()>
                <caption class="sr-only">"Members of the organization"</caption>
                <thead>
                    <tr>
                        {selected.map(|sel| view! {
                            <th scope="col" class="col-pick">
                                <input type="checkbox" aria-label="Select every member shown"
                                    prop:checked=move || { let n = list.rows.with(Vec::len); n > 0 && sel.with(|s| s.len() == n) }
                                    on:change=move |ev| {
                                        let all = event_target_checked(&ev);
                                        sel.set(if all { list.rows.with(|r| r.iter().map(|m| m.user_id).collect()) } else { Default::default() });
                                    }/>
                            </th>
                        })}
                        {sort_header(SortKey::Name, "Name", "col-name")}
                        {sort_header(SortKey::Email, "Email", "col-email")}
                        <th scope="col">"Role"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col" class="col-groups">"Groups"</th>
                        <th scope="col" class="col-projects">"Projects"</th>
                        {sort_header(SortKey::Joined, "Joined", "col-joined")}
                        <th scope="col" class="col-seen">"Last sign-in"</th>
                        <th scope="col"><span class="sr-only">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || list.rows.get()
                        key=|m| (m.user_id, m.role.clone(), m.status, m.access_expires_at, m.projects)
                        children=move |m: MemberView| {
                            // Judged again whenever the viewer or the seats
                            // change, not only when the row does.
                            let menu = {
                                let m = m.clone();
                                move || {
                                    let viewer = viewer.get();
                                    let mut actions = member_actions(now(), template, &viewer, &m, seats.get());
                                    let (transfer, _) = destinations.with_value(|d| transfer_availability(now(), template, &viewer, &m, d));
                                    actions.push((MemberAction::TransferUser, transfer));
                                    let items = actions
                                        .into_iter()
                                        .map(|(kind, availability)| {
                                            let m = m.clone();
                                            MenuItem { label: kind.label(), availability, on_select: Callback::new(move |()| on_pick.run((kind, m.clone()))) }
                                        })
                                        .collect::<Vec<_>>();
                                    view! { <ActionMenu subject=m.name.clone() items=items/> }
                                }
                            };
                            let status = m.status.as_str();
                            view! {
                                <tr data-user=m.user_id>
                                    {selected.map(|sel| {
                                        let id = m.user_id;
                                        view! {
                                            <td class="col-pick"><input type="checkbox" aria-label=format!("Select {}", m.name)
                                                prop:checked=move || sel.with(|s| s.contains(&id))
                                                on:change=move |ev| { let on = event_target_checked(&ev); sel.update(|s| { if on { s.insert(id); } else { s.remove(&id); } }); }/></td>
                                        }
                                    })}
                                    <td class="name"><crate::avatar::Avatar id=m.user_id name=m.name.clone()/>{m.name.clone()}{m.owner.then_some(view! { <span class="badge owner">"Owner"</span> })}</td>
                                    <td class="email col-email">{m.email.clone()}</td>
                                    <td class="role">{
                                        let mv = m.clone();
                                        let name = role_name(&m.role);
                                        move || {
                                            let picker = on_role.filter(|_| {
                                                member_actions(now(), template, &viewer.get(), &mv, seats.get())
                                                    .iter()
                                                    .any(|(k, a)| *k == MemberAction::ChangeRole && *a == Availability::Enabled)
                                            });
                                            match picker {
                                                Some(pick) => {
                                                    let mv = mv.clone();
                                                    let current = mv.role.clone();
                                                    let roles = grantable_roles(template, &viewer.get());
                                                    view! {
                                                        <select name="row_role" aria-label=format!("Role of {}", mv.name)
                                                            on:change=move |ev| pick.run((mv.clone(), event_target_value(&ev)))>
                                                            {roles.into_iter().map(|r| { let sel = r.key == current; view! { <option value=r.key.to_string() selected=sel>{r.name.to_string()}</option> } }).collect_view()}
                                                        </select>
                                                    }.into_any()
                                                }
                                                None => view! { <span>{name.clone()}</span> }.into_any(),
                                            }
                                        }
                                    }</td>
                                    <td><span class=format!("badge status-{status}")>{status}</span>
                                        {m.access_expires_at.map(|at| view! { <span class="muted">" until " {format_date(at)}</span> })}
                                    </td>
                                    <td class="col-groups">{if m.groups.is_empty() { "—".to_string() } else { m.groups.join(", ") }}</td>
                                    <td class="col-projects">{
                                        // A count the viewer may not open is just a number.
                                        let mv = m.clone();
                                        move || match super::member_projects::may_list(&viewer.get(), mv.user_id) {
                                            Ok(()) => {
                                                let mv = mv.clone();
                                                let label = format!("Projects of {}: {}", mv.name, mv.projects);
                                                view! { <button type="button" class="link" aria-label=label on:click=move |_| on_projects.run(mv.clone())>{mv.projects}</button> }.into_any()
                                            }
                                            Err(_) => view! { <span>{mv.projects}</span> }.into_any(),
                                        }
                                    }</td>
                                    <td class="col-joined">{format_date(m.joined_at)}</td>
                                    <td class="col-seen">{m.last_sign_in_at.map_or_else(|| "never".to_string(), format_date)}</td>
                                    <td>{menu}</td>
                                </tr>
                            }
                        }
                    />
                </tbody>
            </table>
        </div>
        <Show when=move || list.rows.get().is_empty() && !list.loading.get()>
            <p class="muted">"No members match."</p>
        </Show>
    }
}
