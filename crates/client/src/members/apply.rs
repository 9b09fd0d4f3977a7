//! Doing a member action from the Members tab: optimistic — the row
//! changes at once and is put back if the server refuses — then the org's
//! facts (seats, the viewer's role and ownership) and every list are read
//! again from the server.

use api::members::MemberView;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::actions::MemberAction;
use super::open::Open;
use super::query::ListState;
use crate::api::Client;
use crate::facts::Facts;

/// What an action needs from the tab.
#[derive(Clone)]
pub struct Apply {
    /// The API.
    pub client: Client,
    /// The org.
    pub org_id: i64,
    /// The org's facts, refreshed after every change.
    pub facts: Facts,
    /// The rows.
    pub list: ListState,
    /// The open dialog.
    pub open: RwSignal<Open>,
    /// "Done" messages.
    pub notice: RwSignal<Option<String>>,
    /// Refusals.
    pub error: RwSignal<Option<String>>,
}

impl Apply {
    /// Does `action` to `m` (with the new role, or the heir of their
    /// projects, when it takes one).
    pub fn run(
        &self,
        action: MemberAction,
        m: MemberView,
        role: Option<String>,
        heir: Option<i64>,
    ) {
        let Self {
            client,
            org_id,
            facts,
            list,
            open,
            notice,
            error,
        } = self.clone();
        let before = list.rows.get_untracked();
        match action {
            MemberAction::Remove => list.rows.update(|r| r.retain(|x| x.user_id != m.user_id)),
            MemberAction::Suspend | MemberAction::Reactivate | MemberAction::ChangeRole => {
                list.rows.update(|r| {
                    if let Some(x) = r.iter_mut().find(|x| x.user_id == m.user_id) {
                        match action {
                            MemberAction::Suspend => x.status = ::api::MemberStatus::Suspended,
                            MemberAction::Reactivate => x.status = ::api::MemberStatus::Active,
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
                    facts.changed(client);
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
}
