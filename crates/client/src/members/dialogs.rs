//! The dialog open on the Members tab, one per user action: each one's
//! own component, wired here to the server call it makes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Actor, Template};

use super::actions::{self, Destination, MemberAction};
use super::apply::Apply;
use super::change_role::ChangeRoleDialog;
use super::dialog::Confirm;
use super::invite_dialog::{InviteDialog, SendInvite};
use super::open::Open;
use super::query::ListState;
use super::{access_expiry, member_projects, reassign, transfer_user};
use crate::api::Client;
use crate::now;

/// Whichever dialog `open` names.
#[component]
#[expect(clippy::too_many_arguments, reason = "a component's props")]
pub fn OpenDialog(
    open: RwSignal<Open>,
    client: Client,
    org_id: i64,
    template: &'static Template,
    viewer: Memo<Actor>,
    list: ListState,
    /// The roles the viewer may give (R2): (key, name).
    roles: Memo<Vec<(String, String)>>,
    notice: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
    act: Apply,
    send_invite: SendInvite,
    after_invite: Callback<()>,
    destinations: Vec<Destination>,
) -> impl IntoView {
    let close = Callback::new(move |()| open.set(Open::None));
    let facts = act.facts;
    move || {
        match open.get() {
        Open::None => None,
        Open::TransferUser(m) => {
            let client = client.clone();
            let m2 = m.clone();
            let here = list.rows.get_untracked();
            let dests = destinations.clone();
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
                                    facts.changed(client.clone());
                                }
                                Err(e) => error.set(Some(format!("{} was not moved: {}", m2.name, e.message()))),
                            }
                        });
                    })/>
            }.into_any())
        }
        Open::AccessExpiry(m) => {
            let client = client.clone();
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
                                facts.changed(client.clone());
                            }
                            Err(e) => error.set(Some(format!("{}: {}", m2.name, e.message()))),
                        }
                    });
                })/>
            }.into_any())
        }
        Open::Projects(m) => Some(view! { <member_projects::MemberProjects client=client.clone() org=org_id member=m template=template viewer=viewer.get_untracked() on_close=close
            on_change=Callback::new({ let client = client.clone(); move |()| facts.changed(client.clone()) })/> }.into_any()),
        Open::Reassign(action, m, reason) => {
            let act = act.clone();
            let m2 = m.clone();
            let find = crate::people_picker::members_of(client.clone(), org_id);
            Some(view! {
                <reassign::ReassignDialog member=m action=action.label() reason=reason template=template find=find
                    on_submit=Callback::new(move |heir| act.run(action, m2.clone(), None, Some(heir))) on_close=close/>
            }.into_any())
        }
        Open::Import => Some(view! { <super::import_dialog::ImportDialog client=client.clone() org=org_id on_done=after_invite on_close=close/> }.into_any()),
        Open::Invite => Some(view! { <InviteDialog roles=roles.get() send=send_invite.clone() on_sent=after_invite on_close=close/> }.into_any()),
        Open::ChangeRole(m) => {
            let act = act.clone();
            let m2 = m.clone();
            Some(view! {
                <ChangeRoleDialog subject=m.name.clone() current=m.role.clone() roles=roles.get()
                    on_submit=Callback::new(move |role: String| act.run(MemberAction::ChangeRole, m2.clone(), Some(role), None))
                    on_close=close/>
            }.into_any())
        }
        Open::Confirm(action, m) => {
            let act = act.clone();
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
                    on_confirm=Callback::new(move |()| act.run(action, m2.clone(), None, None)) on_close=close/>
            }.into_any())
        }
    }
    }
}
