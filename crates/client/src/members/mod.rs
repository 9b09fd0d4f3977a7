//! The Members tab: everyone in the org with their actions, and the people
//! invited but not yet in.

pub mod access_expiry;
pub mod action_menu;
pub mod actions;
pub mod change_role;
pub mod copy_link;
pub mod dialog;
pub mod invitations;
pub mod invite_dialog;
pub mod member_projects;
mod query;
pub mod reassign;
mod table;
mod transfer_user;

/// The list state and table, exposed for component tests.
pub use self::query::ListState as ListStateForTests;
pub use self::table::MembersTable as MembersTableForTests;

use api::members::{InvitationView, MemberView};
use api::orgs::OrgView;
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::Template;

use self::actions::{Availability, MemberAction, grantable_roles, invite_availability, viewer};
use self::change_role::ChangeRoleDialog;
use self::dialog::Confirm;
use self::invitations::Invitations;
use self::invite_dialog::InviteDialog;
use self::query::{ListState, Query};
use self::table::MembersTable;
use crate::api::Client;
use crate::now;

/// What dialog is open.
#[derive(Clone, Debug, PartialEq)]
enum Open {
    None,
    Invite,
    ChangeRole(MemberView),
    Confirm(MemberAction, MemberView),
    Projects(MemberView),
    TransferUser(MemberView),
    AccessExpiry(MemberView),
    /// R10 refused: choose who takes over the member's projects.
    Reassign(MemberAction, MemberView, String),
}

/// The Members tab of one org, for the signed-in viewer.
#[component]
pub fn MembersView(
    client: Client,
    org: OrgView,
    me: i64,
    template: &'static Template,
    /// The viewer's other orgs (R14).
    destinations: Vec<actions::Destination>,
) -> impl IntoView {
    let org_id = org.id;
    let org_sig = RwSignal::new(org);
    let viewer = Memo::new(move |_| {
        let o = org_sig.get();
        let suspended = o.my_status == ::api::MemberStatus::Suspended;
        viewer(template, me, &o.my_role, o.owner_id == me, suspended)
    });
    let list = ListState::new();
    let invitations = RwSignal::new(Vec::<InvitationView>::new());
    let open = RwSignal::new(Open::None);
    let notice = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);

    let refresh_org = {
        let client = client.clone();
        move || {
            let client = client.clone();
            spawn_local(async move {
                if let Ok(o) = client.org(org_id).await {
                    org_sig.set(o);
                }
            });
        }
    };
    let load_invitations = {
        let client = client.clone();
        move || {
            let client = client.clone();
            spawn_local(async move {
                match client.invitations(org_id).await {
                    Ok(v) => invitations.set(v),
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    // Any change of the query reloads the first page.
    {
        let client = client.clone();
        Effect::new(move |_| {
            let q = list.query.get();
            list.reload(client.clone(), org_id, q, error);
        });
    }
    load_invitations();

    // Optimistic: the row changes at once and is put back if refused.
    let act = {
        let client = client.clone();
        let refresh_org = refresh_org.clone();
        move |action: MemberAction, m: MemberView, role: Option<String>, heir: Option<i64>| {
            let client = client.clone();
            let refresh_org = refresh_org.clone();
            let before = list.rows.get_untracked();
            match action {
                MemberAction::Remove => list.rows.update(|r| r.retain(|x| x.user_id != m.user_id)),
                MemberAction::Suspend | MemberAction::Reactivate | MemberAction::ChangeRole => {
                    list.rows.update(|r| {
                        if let Some(x) = r.iter_mut().find(|x| x.user_id == m.user_id) {
                            match action {
                                MemberAction::Suspend => x.status = api::MemberStatus::Suspended,
                                MemberAction::Reactivate => x.status = api::MemberStatus::Active,
                                _ => x.role = role.clone().unwrap_or_default(),
                            }
                        }
                    })
                }
                MemberAction::TransferOwnership
                | MemberAction::TransferUser
                | MemberAction::SetAccessExpiry => {}
            }
            open.set(Open::None);
            spawn_local(async move {
                let result = match action {
                    MemberAction::ChangeRole => client
                        .change_role(org_id, m.user_id, &role.unwrap_or_default())
                        .await
                        .map(drop),
                    MemberAction::Suspend => {
                        client
                            .remove_or_suspend(org_id, m.user_id, true, heir)
                            .await
                    }
                    // These have their own dialog and call.
                    MemberAction::TransferUser | MemberAction::SetAccessExpiry => Ok(()),
                    MemberAction::Reactivate => client
                        .set_suspended(org_id, m.user_id, false)
                        .await
                        .map(drop),
                    MemberAction::Remove => {
                        client
                            .remove_or_suspend(org_id, m.user_id, false, heir)
                            .await
                    }
                    MemberAction::TransferOwnership => {
                        client.transfer_ownership(org_id, m.user_id).await.map(drop)
                    }
                };
                match result {
                    Ok(()) => {
                        notice.set(Some(format!(
                            "{}: {} done",
                            m.name,
                            action.label().to_lowercase()
                        )));
                        error.set(None);
                        refresh_org();
                        if action == MemberAction::TransferOwnership {
                            list.query.update(|_| {});
                        }
                    }
                    Err(e) if e.code() == Some("owns_projects") => {
                        list.rows.set(before);
                        open.set(Open::Reassign(action, m, e.message()));
                    }
                    Err(e) => {
                        list.rows.set(before);
                        error.set(Some(format!("{} was not changed: {}", m.name, e.message())));
                    }
                }
            });
        }
    };
    let pick = {
        let act = act.clone();
        Callback::new(
            move |(action, m): (MemberAction, MemberView)| match action {
                MemberAction::ChangeRole => open.set(Open::ChangeRole(m)),
                MemberAction::TransferUser => open.set(Open::TransferUser(m)),
                MemberAction::SetAccessExpiry => open.set(Open::AccessExpiry(m)),
                MemberAction::Reactivate => act(action, m, None, None),
                _ => open.set(Open::Confirm(action, m)),
            },
        )
    };
    let close = Callback::new(move |()| open.set(Open::None));
    let roles = Memo::new(move |_| {
        grantable_roles(template, &viewer.get())
            .into_iter()
            .map(|r| (r.key.to_string(), r.name.to_string()))
            .collect::<Vec<_>>()
    });
    let send_invite: invite_dialog::SendInvite = {
        let client = client.clone();
        std::sync::Arc::new(move |body| {
            let client = client.clone();
            Box::pin(async move { client.invite(org_id, &body).await })
        })
    };
    let after_invite = {
        let load_invitations = load_invitations.clone();
        let refresh_org = refresh_org.clone();
        Callback::new(move |()| {
            load_invitations();
            refresh_org();
        })
    };
    let act_dialog = act.clone();
    let client_dialog = client.clone();
    let destinations_dialog = destinations.clone();
    view! {
        <section class="members" aria-labelledby="members-heading">
            <div class="members-head">
                <h1 id="members-heading">"Members"</h1>
                <SeatUsage org=org_sig/>
                {move || match invite_availability(now(), &viewer.get()) {
                    Availability::Hidden => None,
                    Availability::Disabled(reason) => Some(view! { <button type="button" disabled title=reason.clone()>"Invite"</button><span class="reason">{reason}</span> }.into_any()),
                    Availability::Enabled => Some(view! { <button type="button" class="primary" on:click=move |_| open.set(Open::Invite)>"Invite"</button> }.into_any()),
                }}
            </div>
            <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            <Query state=list template=template/>
            <MembersTable list=list template=template viewer=viewer seats=Signal::derive(move || actions::seats(&org_sig.get().seats)) on_pick=pick
                on_projects=Callback::new(move |m| open.set(Open::Projects(m))) destinations=destinations.clone()/>
            {
                let client = client.clone();
                move || list.next.get().map(|_| {
                    let client = client.clone();
                    view! { <button type="button" class="more" on:click=move |_| list.more(client.clone(), org_id, error)>"Load more"</button> }
                })
            }
            <Invitations client=client.clone() org_id=org_id template=template viewer=viewer items=invitations
                seats=Signal::derive(move || actions::seats(&org_sig.get().seats)) error=error notice=notice
                on_change=Callback::new({ let load = load_invitations.clone(); let refresh = refresh_org.clone(); move |()| { load(); refresh(); } })/>
        </section>
        {move || match open.get() {
            Open::None => None,
            Open::TransferUser(m) => {
                let client = client_dialog.clone();
                let m2 = m.clone();
                let here = list.rows.get_untracked();
                let dests = destinations_dialog.clone();
                let (_, allowed) = actions::transfer_availability(now(), template, &viewer.get_untracked(), &m, &dests);
                Some(view! {
                    <transfer_user::TransferUserDialog member=m destinations=allowed on_close=close
                        on_submit=Callback::new(move |(to_org, role): (i64, String)| {
                            let (client, m2, here) = (client.clone(), m2.clone(), here.clone());
                            open.set(Open::None);
                            spawn_local(async move {
                                match client.transfer_user(org_id, m2.user_id, to_org, &role).await {
                                    Ok(()) => {
                                        list.rows.set(here.into_iter().filter(|r| r.user_id != m2.user_id).collect());
                                        notice.set(Some(format!("{} moved to another organization", m2.name)));
                                    }
                                    Err(e) => error.set(Some(format!("{} was not moved: {}", m2.name, e.message()))),
                                }
                            });
                        })/>
                }.into_any())
            }
            Open::AccessExpiry(m) => {
                let client = client_dialog.clone();
                let m2 = m.clone();
                Some(view! {
                    <access_expiry::AccessExpiryDialog member=m on_close=close on_submit=Callback::new(move |at: Option<i64>| {
                        let (client, m2) = (client.clone(), m2.clone());
                        open.set(Open::None);
                        spawn_local(async move {
                            match client.set_access_expiry(org_id, m2.user_id, at).await {
                                Ok(updated) => {
                                    list.rows.update(|r| if let Some(x) = r.iter_mut().find(|x| x.user_id == updated.user_id) { x.access_expires_at = updated.access_expires_at });
                                    notice.set(Some(format!("{}: access end date saved", m2.name)));
                                }
                                Err(e) => error.set(Some(format!("{}: {}", m2.name, e.message()))),
                            }
                        });
                    })/>
                }.into_any())
            }
            Open::Projects(m) => Some(view! { <member_projects::MemberProjects client=client_dialog.clone() org=org_id member=m template=template viewer=viewer.get_untracked() on_close=close/> }.into_any()),
            Open::Reassign(action, m, reason) => {
                let act = act_dialog.clone();
                let m2 = m.clone();
                let candidates = list.rows.get_untracked().into_iter().filter(|r| r.user_id != m.user_id && r.status == api::MemberStatus::Active).map(|r| (r.user_id, r.name)).collect();
                Some(view! {
                    <reassign::ReassignDialog member=m action=action.label() reason=reason candidates=candidates
                        on_submit=Callback::new(move |heir| act(action, m2.clone(), None, Some(heir))) on_close=close/>
                }.into_any())
            }
            Open::Invite => Some(view! { <InviteDialog roles=roles.get() send=send_invite.clone() on_sent=after_invite on_close=close/> }.into_any()),
            Open::ChangeRole(m) => {
                let act = act_dialog.clone();
                let m2 = m.clone();
                Some(view! {
                    <ChangeRoleDialog subject=m.name.clone() current=m.role.clone() roles=roles.get()
                        on_submit=Callback::new(move |role: String| act(MemberAction::ChangeRole, m2.clone(), Some(role), None))
                        on_close=close/>
                }.into_any())
            }
            Open::Confirm(action, m) => {
                let act = act_dialog.clone();
                let message = match action {
                    MemberAction::Remove => format!("{} will lose access to this organization at once.", m.name),
                    MemberAction::Suspend => format!("{} will lose access until reactivated, and frees a seat.", m.name),
                    MemberAction::TransferOwnership => format!(
                        "{} becomes the Owner; you become {}.",
                        m.name,
                        template.owner_successor().map_or("a member", |r| r.name.as_ref())
                    ),
                    _ => String::new(),
                };
                let m2 = m.clone();
                Some(view! {
                    <Confirm title=format!("{} {}?", action.label(), m.name) message=message confirm_label=action.label()
                        on_confirm=Callback::new(move |()| act(action, m2.clone(), None, None)) on_close=close/>
                }.into_any())
            }
        }}
    }
}

/// "7 of 10 seats".
#[component]
pub fn SeatUsage(org: RwSignal<OrgView>) -> impl IntoView {
    view! {
        <span class="seats" aria-label="Seat usage">
            {move || {
                let s = org.get().seats;
                match s.limit {
                    Some(limit) => format!("{} of {limit} seats", s.used),
                    None if s.used == 1 => "1 seat used, no limit".to_string(),
                    None => format!("{} seats used, no limit", s.used),
                }
            }}
        </span>
    }
}
