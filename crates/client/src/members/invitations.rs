//! Pending and expired invitations: when sent, delivery state, and resend,
//! copy a new link, edit role, revoke — each as the permissions crate allows.

use std::sync::Arc;

use api::members::InvitationView;
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Actor, Seats, Template};

use super::action_menu::{ActionMenu, MenuItem};
use super::actions::{InvitationAction, grantable_roles, invitation_actions};
use super::change_role::ChangeRoleDialog;
use super::copy_link::{CopyLinkDialog, FetchLink};
use crate::api::Client;
use crate::{format_date, now};

/// The invitations section.
#[component]
#[expect(clippy::too_many_arguments, reason = "a component's props")]
pub fn Invitations(
    client: Client,
    org_id: i64,
    template: &'static Template,
    viewer: Memo<Actor>,
    items: RwSignal<Vec<InvitationView>>,
    seats: Signal<Seats>,
    error: RwSignal<Option<String>>,
    notice: RwSignal<Option<String>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let editing = RwSignal::new(None::<InvitationView>);
    let copying = RwSignal::new(None::<InvitationView>);
    let link_client = client.clone();
    let run = {
        let client = client.clone();
        move |action: InvitationAction, inv: InvitationView, role: Option<String>| {
            let client = client.clone();
            editing.set(None);
            spawn_local(async move {
                let result = match action {
                    InvitationAction::Resend => {
                        client.invitation_action(org_id, inv.id, "resend").await
                    }
                    InvitationAction::Revoke => {
                        client.invitation_action(org_id, inv.id, "revoke").await
                    }
                    InvitationAction::EditRole => {
                        client
                            .edit_invitation_role(org_id, inv.id, &role.unwrap_or_default())
                            .await
                    }
                    // Has its own dialog; never run from here.
                    InvitationAction::CopyLink => return,
                };
                match result {
                    Ok(()) => {
                        notice.set(Some(format!(
                            "{}: {} done",
                            inv.email,
                            action.label().to_lowercase()
                        )));
                        on_change.run(());
                    }
                    Err(e) => error.set(Some(format!("{}: {}", inv.email, e.message()))),
                }
            });
        }
    };
    let run_menu = run.clone();
    let role_name = move |key: &str| {
        template
            .org_role(key)
            .map(|r| r.name.to_string())
            .unwrap_or_else(|| key.to_string())
    };
    view! {
        <Show when=move || !items.get().is_empty()>
            <h2>"Invited " <span class="count">{move || items.with(Vec::len)}</span></h2>
            <div class="members-wrap">
                <table class="members-table invitations">
                    <thead>
                        <tr>
                            <th scope="col">"Email"</th>
                            <th scope="col">"Role"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col" class="col-sent">"Sent"</th>
                            <th scope="col"><span class="sr-only">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        {
                            let run_menu = run_menu.clone();
                            move || items.get().into_iter().map(|inv| {
                                let menu = invitation_actions(now(), template, &viewer.get(), &inv, seats.get())
                                    .into_iter()
                                    .map(|(kind, availability)| {
                                        let inv = inv.clone();
                                        let run = run_menu.clone();
                                        MenuItem {
                                            label: kind.label(),
                                            availability,
                                            on_select: Callback::new(move |()| match kind {
                                                InvitationAction::EditRole => editing.set(Some(inv.clone())),
                                                InvitationAction::CopyLink => copying.set(Some(inv.clone())),
                                                _ => run(kind, inv.clone(), None),
                                            }),
                                        }
                                    })
                                    .collect();
                                let failed = inv.delivery == api::Delivery::Failed;
                                view! {
                                    <tr data-invitation=inv.id>
                                        <td>{inv.email.clone()}</td>
                                        <td>{role_name(&inv.role)}</td>
                                        <td><span class=format!("badge status-{}", inv.status)>{inv.status.as_str()}</span>
                                            {failed.then(|| {
                                                let why = inv.delivery_error.clone().unwrap_or_default();
                                                view! {
                                                    <span class="badge status-failed" title=why.clone()>"delivery failed"</span>
                                                    <span class="delivery-error">{why}</span>
                                                }
                                            })}</td>
                                        <td class="col-sent">{format_date(inv.sent_at)}</td>
                                        <td><ActionMenu subject=inv.email.clone() items=menu/></td>
                                    </tr>
                                }
                            }).collect_view()
                        }
                    </tbody>
                </table>
            </div>
        </Show>
        {move || editing.get().map(|inv| {
            let run = run.clone();
            let roles = grantable_roles(template, &viewer.get()).into_iter().map(|r| (r.key.to_string(), r.name.to_string())).collect();
            let inv2 = inv.clone();
            view! {
                <ChangeRoleDialog subject=inv.email.clone() current=inv.role.clone() roles=roles
                    on_submit=Callback::new(move |role: String| run(InvitationAction::EditRole, inv2.clone(), Some(role)))
                    on_close=Callback::new(move |()| editing.set(None))/>
            }
        })}
        {move || copying.get().map(|inv| {
            let client = link_client.clone();
            let id = inv.id;
            let fetch: FetchLink = Arc::new(move || {
                let client = client.clone();
                Box::pin(async move { client.invitation_link(org_id, id).await })
            });
            view! {
            <CopyLinkDialog invitation=inv fetch=fetch
                on_renewed=on_change
                on_close=Callback::new(move |()| copying.set(None))/>
            }
        })}
    }
}
