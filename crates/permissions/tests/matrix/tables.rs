//! The set of tables every template is walked through, and the walk.

use permissions::{
    Action, Actor, Handover, InvitationState, KeyOp, KeyState, MemberStatus, Seats, Template,
    UserId,
};

use crate::key_walk::walk_keys;
use crate::support::{
    covers_every_org_permission, grant, invitation, org_action, walk_grants, walk_invitations,
    walk_plain, walk_project_baseline, walk_project_roles, walk_targets,
};

/// Every table a template is walked through. Cells: `Y`/`✓` allowed,
/// `–`/`R1` denied by R1, `Rn` denied by rule n, `S` a state conflict.
pub struct Tables {
    /// Org role keys, in column order.
    pub roles: &'static [&'static str],
    /// The role a targeted change gives (so that only R3/R4/R5 decide).
    pub lowest: &'static str,
    pub plain: &'static str,
    pub change_role: &'static str,
    pub set_expiry: &'static str,
    pub suspend: &'static str,
    pub reactivate: &'static str,
    pub remove: &'static str,
    pub transfer: &'static str,
    pub invite: &'static str,
    pub change_role_to: &'static str,
    pub edit_invitation_to: &'static str,
    pub resend: &'static str,
    pub revoke: &'static str,
    pub edit_invitation: &'static str,
    /// Actor rows × the role a new key acts with (R1, R17 with R2's ceiling).
    pub create_key: &'static str,
    /// Actor rows × key columns (see `walk_keys`): revoke and disable.
    pub key_revoke: &'static str,
    /// Actor rows × key columns: rotate and enable.
    pub key_rotate: &'static str,
    /// Actor rows × key columns: take over.
    pub key_take_over: &'static str,
    pub project_roles: &'static [&'static str],
    pub project_by_role: &'static str,
    pub project_by_org_role: &'static str,
}

/// Walks every table; returns the cases walked per action, in order.
pub fn walk_template(t: &Template, x: &Tables) -> Vec<(&'static str, usize)> {
    use MemberStatus::{Active, Suspended};
    let lowest = grant(t, x.lowest);
    let free = Seats::default();
    let keys = |table, name, state, op| walk_keys(t, x.roles, table, name, state, op);
    let walks = vec![
        ("plain", {
            covers_every_org_permission(t, x.plain);
            walk_plain(t, x.roles, x.plain, org_action)
        }),
        (
            "change_role",
            walk_targets(
                t,
                x.roles,
                x.change_role,
                "change role of",
                Active,
                |target| Action::ChangeRole {
                    target,
                    role: lowest,
                },
            ),
        ),
        (
            "set_expiry",
            walk_targets(
                t,
                x.roles,
                x.set_expiry,
                "set expiry of",
                Active,
                |target| Action::SetAccessExpiry {
                    target,
                    expires_at: None,
                    seats: free,
                },
            ),
        ),
        (
            "suspend",
            walk_targets(t, x.roles, x.suspend, "suspend", Active, |target| {
                Action::Suspend {
                    target,
                    projects: Handover::NONE,
                }
            }),
        ),
        (
            "reactivate",
            walk_targets(
                t,
                x.roles,
                x.reactivate,
                "reactivate",
                Suspended,
                |target| Action::Reactivate {
                    target,
                    seats: free,
                },
            ),
        ),
        (
            "remove",
            walk_targets(t, x.roles, x.remove, "remove", Active, |target| {
                Action::Remove {
                    target,
                    projects: Handover::NONE,
                }
            }),
        ),
        (
            "transfer",
            walk_targets(
                t,
                x.roles,
                x.transfer,
                "transfer ownership to",
                Active,
                |target| Action::TransferOwnership { target },
            ),
        ),
        (
            "invite",
            walk_grants(t, x.roles, x.invite, "invite as", |role| Action::Invite {
                role,
                seats: free,
            }),
        ),
        (
            "change_role_to",
            walk_grants(
                t,
                x.roles,
                x.change_role_to,
                "change a lowest member to",
                |role| Action::ChangeRole {
                    target: Actor::active(UserId(99), lowest),
                    role,
                },
            ),
        ),
        (
            "edit_invitation_to",
            walk_grants(
                t,
                x.roles,
                x.edit_invitation_to,
                "edit invitation to",
                |role| Action::EditInvitationRole {
                    invitation: invitation(t, x.lowest, InvitationState::Open, false),
                    role,
                },
            ),
        ),
        (
            "resend",
            walk_invitations(t, x.lowest, x.resend, "resend", |invitation| {
                Action::ResendInvitation {
                    invitation,
                    seats: free,
                }
            }),
        ),
        (
            "revoke",
            walk_invitations(t, x.lowest, x.revoke, "revoke", |invitation| {
                Action::RevokeInvitation { invitation }
            }),
        ),
        (
            "edit_invitation",
            walk_invitations(
                t,
                x.lowest,
                x.edit_invitation,
                "edit role of",
                |invitation| Action::EditInvitationRole {
                    invitation,
                    role: lowest,
                },
            ),
        ),
        (
            "create_key",
            walk_grants(t, x.roles, x.create_key, "create a key as", |role| {
                Action::CreateKey { role }
            }),
        ),
        (
            "revoke_key",
            keys(x.key_revoke, "revoke", KeyState::Active, KeyOp::Revoke),
        ),
        (
            "disable_key",
            keys(x.key_revoke, "disable", KeyState::Active, KeyOp::Disable),
        ),
        (
            "rotate_key",
            keys(x.key_rotate, "rotate", KeyState::Active, KeyOp::Rotate),
        ),
        (
            "enable_key",
            keys(x.key_rotate, "enable", KeyState::Disabled, KeyOp::Enable),
        ),
        (
            "take_over_key",
            keys(
                x.key_take_over,
                "take over",
                KeyState::Active,
                KeyOp::TakeOver,
            ),
        ),
        (
            "project_by_role",
            walk_project_roles(t, x.project_roles, x.project_by_role),
        ),
        (
            "project_by_org_role",
            walk_project_baseline(t, x.roles, x.project_by_org_role),
        ),
    ];
    let mut failures = Vec::new();
    let counts = walks
        .into_iter()
        .map(|(name, w)| {
            failures.extend(w.failures);
            (name, w.cases)
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} wrong cells:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Every template lists every role it has, so no role drops out.
    assert_eq!(t.org_roles.len(), x.roles.len(), "{}: roles", t.key);
    assert_eq!(
        t.project_roles.len(),
        x.project_roles.len(),
        "{}: project roles",
        t.key
    );
    counts
}
