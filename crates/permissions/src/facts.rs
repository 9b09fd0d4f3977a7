//! Facts a decision is made over. The caller loads them fresh for every
//! request (R9); the crate never caches or fetches anything.

use serde::{Deserialize, Serialize};

use crate::permission::{OrgPermissions, ProjectPermissions};

/// A user's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub i64);

/// The permissions a role gives, as facts: what R2 and R3 compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Grant {
    /// Org permissions.
    pub org: OrgPermissions,
    /// Project permissions on every project of the org.
    pub projects: ProjectPermissions,
    /// Whether this is the Owner role.
    pub owner: bool,
    /// Whether these are an API key's permissions acting (R17).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub key: bool,
}

impl Grant {
    /// Whether every permission of `self` is also in `other`.
    /// INVARIANT: this is the only comparison between roles; there is no order.
    pub fn is_subset(&self, other: &Grant) -> bool {
        self.org.is_subset(other.org) && self.projects.is_subset(other.projects)
    }
}

/// A membership's status. Pending people are invitations, not members.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberStatus {
    /// Has access according to the role.
    Active,
    /// Keeps the membership but has no access and holds no seat.
    Suspended,
}

/// A member of the organization, as loaded for this request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    /// The member's user id.
    pub user: UserId,
    /// The member's role permissions.
    pub grant: Grant,
    /// Active or suspended.
    pub status: MemberStatus,
    /// When access ends (R16), unix seconds; `None` for no end.
    pub access_expires_at: Option<i64>,
}

/// The member who asks.
pub type Actor = Member;
/// The member an action is done to.
pub type Target = Member;

impl Member {
    /// A membership as facts, from what server and client both hold: the
    /// role key in the org's `template` (a key it lacks grants nothing),
    /// whether they are the Owner, their standing and access expiry. The
    /// one place a membership becomes facts, on both sides.
    pub fn of(
        template: &crate::Template,
        user: UserId,
        role: &str,
        owner: bool,
        status: MemberStatus,
        access_expires_at: Option<i64>,
    ) -> Self {
        let mut grant = template
            .org_role(role)
            .map(|r| r.grant())
            .unwrap_or_default();
        grant.owner = owner;
        Self {
            user,
            grant,
            status,
            access_expires_at,
        }
    }

    /// An active member without access expiry.
    pub const fn active(user: UserId, grant: Grant) -> Self {
        Self {
            user,
            grant,
            status: MemberStatus::Active,
            access_expires_at: None,
        }
    }

    /// The same member with another status.
    pub const fn with_status(mut self, status: MemberStatus) -> Self {
        self.status = status;
        self
    }

    /// The same member with an access expiry (R16).
    pub const fn expiring_at(mut self, at: i64) -> Self {
        self.access_expires_at = Some(at);
        self
    }
}

/// Who takes over the projects of a member who is suspended, removed or
/// moved to another org (R10), as named by the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Heir {
    /// Nobody was named.
    #[default]
    Unnamed,
    /// The named user is not a member of the org.
    NotAMember,
    /// The named member, as loaded for this request.
    Member(Member),
}

/// The projects a member owns and who takes them over (R10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Handover {
    /// How many projects the member owns.
    pub owned: u32,
    /// The new owner the same step names, if any.
    pub heir: Heir,
}

impl Handover {
    /// A member who owns no project.
    pub const NONE: Self = Self {
        owned: 0,
        heir: Heir::Unnamed,
    };

    /// `owned` projects and nobody named to take them.
    pub const fn unnamed(owned: u32) -> Self {
        Self {
            owned,
            heir: Heir::Unnamed,
        }
    }
}

/// Where an invitation stands, apart from its expiry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationState {
    /// Not yet accepted nor revoked: pending or, past its expiry, expired.
    Open,
    /// Accepted: the invitee is a member now.
    Accepted,
    /// Revoked by someone allowed to.
    Revoked,
    /// Declined by the invitee.
    Declined,
}

/// An invitation, as loaded for this request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Invitation {
    /// Open, accepted, revoked or declined.
    pub state: InvitationState,
    /// When the link stops working, unix seconds.
    pub expires_at: i64,
    /// The permissions of the role it invites to.
    pub grant: Grant,
}

impl Invitation {
    /// Whether the invitation is open and past its expiry at `now`.
    pub const fn is_expired(&self, now: i64) -> bool {
        matches!(self.state, InvitationState::Open) && now >= self.expires_at
    }
}

/// Seat usage of an organization (R7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Seats {
    /// Seats held by active members and pending unexpired invitations,
    /// not counting the one the action would take.
    pub used: u32,
    /// The seat limit; `None` for unlimited.
    pub limit: Option<u32>,
}

impl Seats {
    /// Whether one more seat can be taken.
    pub const fn has_free(&self) -> bool {
        match self.limit {
            Some(limit) => self.used < limit,
            None => true,
        }
    }
}

/// What an actor holds in one project, before R12 unites it. The server
/// sends the viewer's own with each project, so the client decides its
/// project controls with the same rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProjectAccess {
    /// What the actor's org role gives on every project.
    pub baseline: ProjectPermissions,
    /// Whether the actor owns the project (its owner is its Manager).
    pub owner: bool,
    /// The direct project role's permissions, if any.
    pub direct: ProjectPermissions,
    /// The union of what the actor's groups give in this project.
    pub groups: ProjectPermissions,
}

/// A task's allocation mode (seed 004).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskMode {
    /// Assignees pull items; groups may be assigned.
    Pull,
    /// Items are distributed to named people; groups may not be assigned.
    Distribution,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{OrgPermission, templates};

    #[test]
    fn a_membership_becomes_facts_and_an_unknown_role_grants_nothing() {
        let t = &templates::default_template();
        let admin = Member::of(t, UserId(2), "admin", false, MemberStatus::Active, Some(9));
        assert!(admin.grant.org.contains(OrgPermission::ChangeMemberRoles));
        assert!(!admin.grant.owner);
        assert_eq!(admin.access_expires_at, Some(9));
        let owner = Member::of(t, UserId(1), "owner", true, MemberStatus::Active, None);
        assert!(owner.grant.owner);
        let stray = Member::of(
            t,
            UserId(3),
            "annotator",
            false,
            MemberStatus::Suspended,
            None,
        );
        assert!(stray.grant.org.is_empty());
        assert_eq!(stray.status, MemberStatus::Suspended);
    }
}
