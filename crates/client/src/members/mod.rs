//! The Members tab: everyone in the org with their actions, and the people
//! invited but not yet in.

pub mod access_expiry;
pub mod action_menu;
pub mod actions;
mod apply;
pub mod bulk;
pub mod change_role;
pub mod copy_link;
pub mod dialog;
mod dialogs;
pub mod email_chips;
pub mod import_dialog;
pub mod invitations;
pub mod invite_dialog;
pub mod member_projects;
mod open;
mod query;
pub mod reassign;
mod seat_usage;
mod table;
mod transfer_user;

/// The list state and table, exposed for component tests.
pub use self::query::ListState as ListStateForTests;
pub use self::table::MembersTable as MembersTableForTests;

use api::members::{InvitationView, MemberView};

pub use self::seat_usage::SeatUsage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::Template;

use self::actions::{Availability, MemberAction, grantable_roles, invite_availability, viewer};
use self::apply::Apply;
use self::dialogs::OpenDialog;
use self::invitations::Invitations;
use self::open::Open;
use self::query::{ListState, Query};
use self::table::MembersTable;
use crate::api::Client;
use crate::facts::Facts;
use crate::now;

/// The Members tab of one org, for the signed-in viewer.
#[component]
pub fn MembersView(
    client: Client,
    /// The org's facts (it is loaded when the tab is shown).
    facts: Facts,
    me: i64,
    template: &'static Template,
    /// The viewer's other orgs (R14).
    destinations: Vec<actions::Destination>,
) -> impl IntoView {
    let Some(first) = facts.current() else {
        return view! { <p class="loading">"Loading…"</p> }.into_any();
    };
    let org_id = first.id;
    // The org as last read; `facts` keeps it fresh after every change.
    let org_sig = Memo::new(move |_| facts.current().unwrap_or_else(|| first.clone()));
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

    // One message at a time: a success clears the last refusal and back.
    Effect::new(move |_| {
        if notice.with(Option::is_some) {
            error.set(None);
        }
    });
    Effect::new(move |_| {
        if error.with(Option::is_some) {
            notice.set(None);
        }
    });
    let refresh_org = {
        let client = client.clone();
        move || facts.changed(client.clone())
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
    // Any change of the query, or anything changed from the page, reloads
    // the rows and the invitations.
    {
        let client = client.clone();
        let load_invitations = load_invitations.clone();
        Effect::new(move |_| {
            let q = list.query.get();
            facts.version();
            list.reload(client.clone(), org_id, q, error);
            load_invitations();
        });
    }

    let seats = Signal::derive(move || actions::seats(&org_sig.get().seats));
    let selected = RwSignal::new(std::collections::BTreeSet::<i64>::new());
    let act = Apply {
        client: client.clone(),
        org_id,
        facts,
        list,
        open,
        notice,
        error,
    };
    let pick = {
        let act = act.clone();
        Callback::new(
            move |(action, m): (MemberAction, MemberView)| match action {
                MemberAction::ChangeRole => open.set(Open::ChangeRole(m)),
                MemberAction::TransferUser => open.set(Open::TransferUser(m)),
                MemberAction::SetAccessExpiry => open.set(Open::AccessExpiry(m)),
                MemberAction::Reactivate => act.run(action, m, None, None),
                _ => open.set(Open::Confirm(action, m)),
            },
        )
    };
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
        let refresh_org = refresh_org.clone();
        Callback::new(move |()| refresh_org())
    };
    let act_dialog = act.clone();
    let client_dialog = client.clone();
    let destinations_dialog = destinations.clone();
    view! {
        <section class="members" aria-labelledby="members-heading">
            <div class="members-head">
                <h1 id="members-heading">"Members " <span class="count">{move || org_sig.get().members}</span></h1>
                <SeatUsage org=Signal::from(org_sig)/>
                {move || match invite_availability(now(), &viewer.get()) {
                    Availability::Hidden => None,
                    Availability::Disabled(reason) => Some(view! { <button type="button" disabled title=reason.clone()>"Invite"</button><span class="reason">{reason}</span> }.into_any()),
                    Availability::Enabled => Some(view! {
                        <button type="button" class="primary" on:click=move |_| open.set(Open::Invite)>"Invite"</button>
                        <button type="button" on:click=move |_| open.set(Open::Import)>"Import…"</button>
                    }.into_any()),
                }}
            </div>
            <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
            <p class="error" role="alert">{move || error.get()}</p>
            <Query state=list template=template/>
            <p class="export"><a href=move || crate::api::export_url(org_id, &list.query.get()) download="members.csv">"Export CSV"</a>
                <span class="muted">" (every member matching the search and filters)"</span></p>
            <bulk::BulkBar client=client.clone() org=org_id template=template viewer=viewer seats=seats rows=list.rows selected=selected
                on_done=Callback::new({ let refresh = refresh_org.clone(); move |()| refresh() })/>
            <MembersTable list=list template=template viewer=viewer seats=seats on_pick=pick selected=selected
                on_role=Callback::new({ let act = act.clone(); move |(m, role): (MemberView, String)| act.run(MemberAction::ChangeRole, m, Some(role), None) })
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
                on_change=Callback::new(move |()| refresh_org())/>
        </section>
        <OpenDialog open=open client=client_dialog org_id=org_id template=template viewer=viewer list=list
            roles=roles notice=notice error=error act=act_dialog send_invite=send_invite after_invite=after_invite
            destinations=destinations_dialog/>
    }
    .into_any()
}
