//! The contextual rules of PRODUCT §4, one named function each.
//!
//! Each returns `Ok(())` when the rule lets the action through and the
//! [`Denial`] otherwise. [`decide`](crate::decide) chains them per action;
//! the server calls the few that are not about an org action (R8, R13)
//! directly.

use crate::decision::Denial;
use crate::facts::{
    Actor, Grant, Handover, Heir, Invitation, InvitationState, Member, MemberStatus, ProjectAccess,
    Seats, Target, TaskMode,
};
use crate::permission::{OrgPermission, OrgPermissions, ProjectPermission, ProjectPermissions};

/// R1 Deny by default: allowed only if the role holds the permission.
pub fn r1_org_permission(held: OrgPermissions, needed: OrgPermission) -> Result<(), Denial> {
    if held.contains(needed) {
        Ok(())
    } else {
        Err(Denial::MissingPermission(needed))
    }
}

/// R1 for project actions: the effective project permissions (R12) must hold it.
pub fn r1_project_permission(
    effective: ProjectPermissions,
    needed: ProjectPermission,
) -> Result<(), Denial> {
    if effective.contains(needed) {
        Ok(())
    } else {
        Err(Denial::MissingProjectPermission(needed))
    }
}

/// R1 for artifacts (seed 001): the creator, or a holder of "delete any
/// artifact", may delete a dataset or model; the creator still needs write
/// access to datasets.
pub fn r1_delete_artifact(effective: ProjectPermissions, creator: bool) -> Result<(), Denial> {
    if effective.contains(ProjectPermission::DeleteAnyArtifact)
        || (creator && effective.contains(ProjectPermission::ManageDatasets))
    {
        Ok(())
    } else {
        Err(Denial::NotArtifactCreator)
    }
}

/// R2 Grant ceiling: one may give only a role whose permissions are a subset
/// of one's own. The Owner role is never given (R4).
pub fn r2_grant_ceiling(actor: &Grant, role: &Grant) -> Result<(), Denial> {
    if role.owner {
        Err(Denial::OwnerRoleNotGrantable)
    } else if role.is_subset(actor) {
        Ok(())
    } else {
        Err(Denial::AboveGrantCeiling)
    }
}

/// R2 for project roles: one may give only a project role whose permissions
/// one holds in that project.
pub fn r2_project_grant_ceiling(
    effective: ProjectPermissions,
    role: ProjectPermissions,
) -> Result<(), Denial> {
    if role.is_subset(effective) {
        Ok(())
    } else {
        Err(Denial::AboveGrantCeiling)
    }
}

/// R3 Target ceiling: one may act on a member only if their permissions are
/// a subset of one's own.
pub fn r3_target_ceiling(actor: &Grant, target: &Grant) -> Result<(), Denial> {
    if target.is_subset(actor) {
        Ok(())
    } else {
        Err(Denial::AboveTargetCeiling)
    }
}

/// R4 One protected Owner: the Owner cannot be removed, suspended or demoted.
pub fn r4_owner_protected(target: &Target) -> Result<(), Denial> {
    if target.grant.owner {
        Err(Denial::OwnerProtected)
    } else {
        Ok(())
    }
}

/// R4: the Owner cannot leave.
pub fn r4_owner_stays(actor: &Actor) -> Result<(), Denial> {
    if actor.grant.owner {
        Err(Denial::OwnerCannotLeave)
    } else {
        Ok(())
    }
}

/// R4: ownership moves only to an active member without an access
/// expiry, since the Owner never carries one (R16).
pub fn r4_transfer_target(target: &Target, now: i64) -> Result<(), Denial> {
    if target.status != MemberStatus::Active || r16_access_current(target, now).is_err() {
        Err(Denial::OwnershipToInactive)
    } else if target.access_expires_at.is_some() {
        Err(Denial::OwnershipToExpiring)
    } else {
        Ok(())
    }
}

/// R2 at acceptance: an invitation grants its role only while the person
/// who sent it could still give it — an active member in standing who may
/// invite and holds every permission of the role, under the org's current
/// template. `None`: the inviter is no longer a member.
pub fn r2_inviter_still_grants(
    inviter: Option<&Member>,
    role: &Grant,
    now: i64,
) -> Result<(), Denial> {
    let Some(inviter) = inviter else {
        return Err(Denial::InviterCannotGrant);
    };
    let standing = r9_active(inviter).is_ok() && r16_access_current(inviter, now).is_ok();
    if standing
        && r1_org_permission(inviter.grant.org, OrgPermission::InviteMembers).is_ok()
        && r2_grant_ceiling(&inviter.grant, role).is_ok()
    {
        Ok(())
    } else {
        Err(Denial::InviterCannotGrant)
    }
}

/// R7: the seat limit never drops below the seats in use.
pub fn r7_limit_covers_usage(limit: Option<u32>, used: u32) -> Result<(), Denial> {
    match limit {
        Some(limit) if limit < used => Err(Denial::SeatLimitBelowUsage { used, limit }),
        _ => Ok(()),
    }
}

/// R5 No self-management: nobody changes their own role or access.
pub fn r5_not_self(actor: &Actor, target: &Target) -> Result<(), Denial> {
    if actor.user == target.user {
        Err(Denial::SelfManagement)
    } else {
        Ok(())
    }
}

/// R6 Invitation lifecycle: resend and revoke apply only to invitations not
/// yet accepted, revoked or declined.
pub fn r6_invitation_open(invitation: &Invitation) -> Result<(), Denial> {
    match invitation.state {
        InvitationState::Open => Ok(()),
        InvitationState::Accepted => Err(Denial::InvitationAccepted),
        InvitationState::Revoked => Err(Denial::InvitationRevoked),
        InvitationState::Declined => Err(Denial::InvitationDeclined),
    }
}

/// R6: a role can be edited only on a pending invitation (an expired one is
/// resent instead, which takes a seat again).
pub fn r6_invitation_pending(invitation: &Invitation, now: i64) -> Result<(), Denial> {
    r6_invitation_open(invitation)?;
    if invitation.is_expired(now) {
        Err(Denial::InvitationExpiredEdit)
    } else {
        Ok(())
    }
}

/// R7 Seat limit: active members plus pending unexpired invitations never
/// exceed the limit.
pub fn r7_seat_free(seats: &Seats) -> Result<(), Denial> {
    match seats.limit {
        Some(limit) if !seats.has_free() => Err(Denial::SeatLimitReached { limit }),
        _ => Ok(()),
    }
}

/// R8 Invitation acceptance: only an open, unexpired invitation, and only by
/// the account with the invited email.
pub fn r8_acceptable(invitation: &Invitation, email_matches: bool, now: i64) -> Result<(), Denial> {
    r6_invitation_open(invitation)?;
    if invitation.is_expired(now) {
        Err(Denial::InvitationExpired)
    } else if !email_matches {
        Err(Denial::WrongInvitee)
    } else {
        Ok(())
    }
}

/// R9 Immediate effect: a suspended membership gives no access. The caller
/// loads the membership on every request, never from a cache.
pub fn r9_active(actor: &Actor) -> Result<(), Denial> {
    match actor.status {
        MemberStatus::Active => Ok(()),
        MemberStatus::Suspended => Err(Denial::ActorSuspended),
    }
}

/// R10 Project owners: a member who owns projects is suspended or removed
/// only once every one of them has a new owner.
pub fn r10_projects_reassigned(unassigned_projects: u32) -> Result<(), Denial> {
    match unassigned_projects {
        0 => Ok(()),
        count => Err(Denial::OwnsProjects { count }),
    }
}

/// R10: the projects of `target` go to a named heir who is another active
/// member in standing and may own projects (holds "create projects").
/// Nothing to hand over passes whoever is named.
pub fn r10_handover(target: &Target, projects: &Handover, now: i64) -> Result<(), Denial> {
    if projects.owned == 0 {
        return Ok(());
    }
    match projects.heir {
        Heir::Unnamed => r10_projects_reassigned(projects.owned),
        Heir::NotAMember => Err(Denial::HeirNotEligible),
        Heir::Member(heir) => {
            if heir.user != target.user
                && r9_active(&heir).is_ok()
                && r16_access_current(&heir, now).is_ok()
                && heir.grant.org.contains(OrgPermission::CreateProjects)
            {
                Ok(())
            } else {
                Err(Denial::HeirNotEligible)
            }
        }
    }
}

/// R11 Claim ownership: holders of "claim project ownership" may make
/// themselves owner of any project of the org.
pub fn r11_may_claim(held: OrgPermissions) -> Result<(), Denial> {
    r1_org_permission(held, OrgPermission::ClaimProjectOwnership)
}

/// R12 Groups: effective project permissions are the union of the org
/// role's baseline, ownership (the owner is the project's Manager), the
/// direct project role and every group's project role.
pub fn r12_effective(access: &ProjectAccess) -> ProjectPermissions {
    let owner = if access.owner {
        ProjectPermissions::all()
    } else {
        ProjectPermissions::empty()
    };
    access.baseline | owner | access.direct | access.groups
}

/// R12: groups may be assigned to pull tasks only (seed 004).
pub fn r12_group_task(mode: TaskMode) -> Result<(), Denial> {
    match mode {
        TaskMode::Pull => Ok(()),
        TaskMode::Distribution => Err(Denial::GroupOnDistributionTask),
    }
}

/// R18 Asking about others: anyone may ask the decision point about
/// themselves; about another subject only with "query decisions".
pub fn r18_may_ask(held: OrgPermissions, other: bool) -> Result<(), Denial> {
    if !other || held.contains(OrgPermission::QueryDecisions) {
        Ok(())
    } else {
        Err(Denial::AskAboutOthers)
    }
}

/// R19 Template switch: it reshapes every role's power, so it is the
/// Owner's alone.
pub fn r19_owner_switches(actor: &Actor) -> Result<(), Denial> {
    if actor.grant.owner {
        Ok(())
    } else {
        Err(Denial::TemplateSwitchOwnerOnly)
    }
}

/// R14: moving a user *with* the projects they own out of the org is as
/// grave as deleting them: only the Owner may. Anyone else names a new
/// owner in the org (R10).
pub fn r14_projects_leave(
    actor: &Actor,
    target: &Target,
    projects: &Handover,
    now: i64,
) -> Result<(), Denial> {
    match projects.heir {
        Heir::Unnamed if projects.owned > 0 && !actor.grant.owner => {
            Err(Denial::MoveProjectsOwnerOnly)
        }
        Heir::Unnamed => Ok(()),
        _ => r10_handover(target, projects, now),
    }
}

/// R15 Org isolation: without a membership nothing of the org exists.
pub fn r15_member<T>(membership: Option<T>) -> Result<T, Denial> {
    membership.ok_or(Denial::NotAMember)
}

/// R16 Membership expiry: from its access expiry on, a member is treated as
/// removed.
pub fn r16_access_current(member: &Actor, now: i64) -> Result<(), Denial> {
    match member.access_expires_at {
        Some(at) if now >= at => Err(Denial::AccessExpired),
        _ => Ok(()),
    }
}
