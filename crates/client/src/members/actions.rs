//! Which row actions a viewer gets, straight from the permissions crate:
//! a permanent denial (the role lacks the permission) hides the action, a
//! contextual one (the Owner, oneself, a higher role, full seats) shows it
//! disabled with the crate's sentence, the same one the server's 403 says.

use api::members::{InvitationView, MemberView};
use permissions::{
    Action, Actor, Decision, Denial, Grant, Invitation, InvitationState, MemberStatus,
    OrgPermission, Seats, Template, UserId, decide,
};

/// How an action appears.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Availability {
    /// Not offered at all.
    Hidden,
    /// Offered, disabled, with the reason.
    Disabled(String),
    /// Offered.
    Enabled,
}

impl Availability {
    /// From a decision of the crate.
    pub fn of(d: Decision) -> Self {
        match d.denial() {
            None => Self::Enabled,
            // Not applicable to the row's state (reactivate an active member).
            Some(Denial::WrongState) => Self::Hidden,
            Some(denial) if denial.is_permanent() => Self::Hidden,
            Some(denial) => Self::Disabled(denial.to_string()),
        }
    }
}

/// An action on a member row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemberAction {
    /// Change the org role.
    ChangeRole,
    /// Suspend.
    Suspend,
    /// Reactivate.
    Reactivate,
    /// Remove from the org.
    Remove,
    /// Make them the Owner.
    TransferOwnership,
    /// Move them to another org of the viewer's (R14).
    TransferUser,
    /// Set or clear when their access ends (R16).
    SetAccessExpiry,
}

impl MemberAction {
    /// The menu label.
    pub const fn label(self) -> &'static str {
        match self {
            Self::ChangeRole => "Change role",
            Self::Suspend => "Suspend",
            Self::Reactivate => "Reactivate",
            Self::Remove => "Remove",
            Self::TransferOwnership => "Transfer ownership",
            Self::TransferUser => "Transfer to another organization",
            Self::SetAccessExpiry => "Set access end date",
        }
    }
}

/// An action on a pending or expired invitation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InvitationAction {
    /// New link, new expiry.
    Resend,
    /// New link handed to the viewer instead of mailed (R6 as for resend).
    CopyLink,
    /// Change the role it invites to.
    EditRole,
    /// Withdraw it.
    Revoke,
}

impl InvitationAction {
    /// The menu label.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Resend => "Resend invitation",
            Self::CopyLink => "Copy a new link",
            Self::EditRole => "Edit role",
            Self::Revoke => "Revoke invitation",
        }
    }
}

/// A role's grant in the template (unknown keys grant nothing).
pub fn grant(t: &Template, role: &str, owner: bool) -> Grant {
    let mut g = t.org_role(role).map(|r| r.grant()).unwrap_or_default();
    g.owner = owner;
    g
}

/// The viewer as decision facts.
pub fn viewer(t: &Template, user_id: i64, role: &str, owner: bool, suspended: bool) -> Actor {
    let status = if suspended {
        MemberStatus::Suspended
    } else {
        MemberStatus::Active
    };
    Actor::of(t, UserId(user_id), role, owner, status, None)
}

/// A member row as decision facts.
pub fn target(t: &Template, m: &MemberView) -> Actor {
    let status = match m.status {
        ::api::MemberStatus::Active => MemberStatus::Active,
        ::api::MemberStatus::Suspended => MemberStatus::Suspended,
    };
    Actor::of(
        t,
        UserId(m.user_id),
        &m.role,
        m.owner,
        status,
        m.access_expires_at,
    )
}

/// Seats as decision facts.
pub fn seats(s: &api::orgs::Seats) -> Seats {
    let clamp = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
    Seats {
        used: clamp(s.used),
        limit: s.limit.map(clamp),
    }
}

/// Every row action and how it appears for this viewer.
pub fn member_actions(
    now: i64,
    t: &Template,
    viewer: &Actor,
    m: &MemberView,
    seats: Seats,
) -> Vec<(MemberAction, Availability)> {
    let target = target(t, m);
    // Re-giving the member's own role isolates R1/R3/R4/R5; the role picker
    // then offers only the roles R2 allows.
    let change = Action::ChangeRole {
        target,
        role: grant(t, &m.role, false),
    };
    [
        (MemberAction::ChangeRole, change),
        (
            MemberAction::SetAccessExpiry,
            // Clearing the date: on a member whose access ended this is a
            // reactivation (R1 to reactivate, R7 a seat).
            Action::SetAccessExpiry {
                target,
                expires_at: None,
                seats,
            },
        ),
        (
            MemberAction::Suspend,
            Action::Suspend {
                target,
                projects: permissions::Handover::NONE,
            },
        ),
        (
            MemberAction::Reactivate,
            Action::Reactivate { target, seats },
        ),
        (
            MemberAction::Remove,
            Action::Remove {
                target,
                projects: permissions::Handover::NONE,
            },
        ),
        (
            MemberAction::TransferOwnership,
            Action::TransferOwnership { target },
        ),
    ]
    .into_iter()
    .map(|(kind, action)| (kind, Availability::of(decide(now, viewer, &action))))
    .collect()
}

/// The roles this viewer may give (R2), most powerful first.
pub fn grantable_roles<'t>(t: &'t Template, viewer: &Actor) -> Vec<&'t permissions::OrgRole> {
    t.org_roles
        .iter()
        .filter(|r| permissions::rules::r2_grant_ceiling(&viewer.grant, &r.grant()).is_ok())
        .collect()
}

/// Whether the viewer may invite at all (the Invite button).
pub fn invite_availability(now: i64, viewer: &Actor) -> Availability {
    Availability::of(decide(
        now,
        viewer,
        &Action::Org(OrgPermission::InviteMembers),
    ))
}

/// Every invitation action and how it appears for this viewer.
pub fn invitation_actions(
    now: i64,
    t: &Template,
    viewer: &Actor,
    inv: &InvitationView,
    seats: Seats,
) -> Vec<(InvitationAction, Availability)> {
    let invitation = Invitation {
        state: InvitationState::Open,
        expires_at: inv.expires_at,
        grant: grant(t, &inv.role, false),
    };
    let same_role = grant(t, &inv.role, false);
    [
        (
            InvitationAction::Resend,
            Action::ResendInvitation { invitation, seats },
        ),
        // The server asks the same question for a link as for a resend.
        (
            InvitationAction::CopyLink,
            Action::ResendInvitation { invitation, seats },
        ),
        (
            InvitationAction::EditRole,
            Action::EditInvitationRole {
                invitation,
                role: same_role,
            },
        ),
        (
            InvitationAction::Revoke,
            Action::RevokeInvitation { invitation },
        ),
    ]
    .into_iter()
    .map(|(kind, action)| (kind, Availability::of(decide(now, viewer, &action))))
    .collect()
}

/// One of the viewer's other orgs, as a transfer destination (R14).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Destination {
    /// The org.
    pub org_id: i64,
    /// Its name.
    pub name: String,
    /// Its template.
    pub template: &'static Template,
    /// The viewer there.
    pub viewer: Actor,
}

/// Whether the viewer may move `m` to any of `destinations`, and where to:
/// enabled with the orgs that allow it, else hidden or disabled with the
/// crate's reason. The seat check is the server's (seats there are unknown).
pub fn transfer_availability(
    now: i64,
    t: &Template,
    viewer: &Actor,
    m: &MemberView,
    destinations: &[Destination],
) -> (Availability, Vec<Destination>) {
    let target = target(t, m);
    let mut first_denial = None;
    let mut ok = Vec::new();
    for d in destinations {
        // The least powerful role of the destination: can the viewer move them at all?
        let lowest = d
            .template
            .org_roles
            .last()
            .map(|r| r.grant())
            .unwrap_or_default();
        let decision = permissions::decide_transfer_user(
            now,
            viewer,
            &target,
            &permissions::Handover::NONE,
            Some(&d.viewer),
            &lowest,
            &Seats::default(),
        );
        if decision.is_allowed() {
            ok.push(d.clone());
        } else if first_denial.is_none() {
            first_denial = Some(decision);
        }
    }
    if !ok.is_empty() {
        return (Availability::Enabled, ok);
    }
    match first_denial {
        Some(d) => (Availability::of(d), ok),
        None => (Availability::Hidden, ok),
    }
}
