//! The members table: name, email, role, status, joined, actions. Column
//! headers sort; the server pages.

use api::members::MemberView;
use api::{SortDir, SortKey};
use leptos::prelude::*;
use permissions::{Actor, Seats, Template};

use super::action_menu::{ActionMenu, MenuItem};
use super::actions::{Destination, MemberAction, member_actions, transfer_availability};
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
) -> impl IntoView {
    let destinations = StoredValue::new(destinations);
    let sort_header = move |key: SortKey, label: &'static str| {
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
            <th scope="col" aria-sort=state>
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
                        {sort_header(SortKey::Name, "Name")}
                        {sort_header(SortKey::Email, "Email")}
                        <th scope="col">"Role"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Projects"</th>
                        {sort_header(SortKey::Joined, "Joined")}
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
                                    <td class="name"><crate::avatar::Avatar id=m.user_id name=m.name.clone()/>{m.name.clone()}{m.owner.then_some(view! { <span class="badge owner">"Owner"</span> })}</td>
                                    <td class="email">{m.email.clone()}</td>
                                    <td class="role">{role_name(&m.role)}</td>
                                    <td><span class=format!("badge status-{status}")>{status}</span>
                                        {m.access_expires_at.map(|at| view! { <span class="muted">" until " {format_date(at)}</span> })}
                                    </td>
                                    <td>{
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
                                    <td>{format_date(m.joined_at)}</td>
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
