//! Composes the rules of [`crate::rules`] into one decision per action.

use enumset::EnumSet;

use crate::action::Action;
use crate::decision::{Decision, Denial, Rule};
use crate::facts::{Actor, Grant, Handover, Invitation, Member, MemberStatus, Seats, Target};
use crate::keys::{ApiKey, KeyOp, KeyState};
use crate::permission::{OrgPermission as P, ProjectPermission};
use crate::rules::*;

/// Records which rules were checked, so an allow can say why too.
#[derive(Default)]
struct Trail(EnumSet<Rule>);

impl Trail {
    fn check(&mut self, rule: Rule, outcome: Result<(), Denial>) -> Result<(), Denial> {
        self.0 |= rule;
        outcome
    }

    fn finish(self, outcome: Result<(), Denial>) -> Decision {
        match outcome {
            Ok(()) => Decision::allow(self.0),
            Err(denial) => Decision::deny(denial),
        }
    }
}

/// Decides whether `actor` may take `action` at time `now` (unix seconds).
///
/// Rules are checked in a fixed order and the first denial wins, so the
/// reason given is the most fundamental one: the actor's own standing (R9,
/// R16), then the role (R1), then self (R5), the Owner (R4), the target and
/// grant ceilings (R3, R2), and the counted rules last (R7, R10).
pub fn decide(now: i64, actor: &Actor, action: &Action) -> Decision {
    let mut trail = Trail::default();
    let outcome = run(&mut trail, now, actor, action);
    trail.finish(outcome)
}

fn run(t: &mut Trail, now: i64, actor: &Actor, action: &Action) -> Result<(), Denial> {
    use Rule::*;
    // A suspended member may still leave; everything else needs standing.
    if !matches!(action, Action::Leave { .. }) {
        t.check(R9, r9_active(actor))?;
    }
    t.check(R16, r16_access_current(actor, now))?;
    let g = &actor.grant;
    if g.key {
        t.check(R17, crate::keys::r17_key_may(action))?;
    }
    match *action {
        Action::Org(permission) => t.check(R1, r1_org_permission(g.org, permission)),
        Action::OpenOrg => Ok(()),
        Action::SwitchTemplate => {
            t.check(R1, r1_org_permission(g.org, P::ManageSettings))?;
            t.check(R19, r19_owner_switches(actor))
        }
        Action::SetSeatLimit { limit, used } => {
            t.check(R1, r1_org_permission(g.org, P::ManageSettings))?;
            t.check(R7, r7_limit_covers_usage(limit, used))
        }
        // A key asks as itself: its owner is someone else to it (R17 × R18).
        Action::AskAbout { other } => t.check(R18, r18_may_ask(g.org, other || g.key)),
        Action::ClaimProjectOwnership => {
            t.check(R1, r1_org_permission(g.org, P::ClaimProjectOwnership))?;
            t.check(R11, r11_may_claim(g.org))
        }
        Action::ClaimDomain {
            kind,
            role,
            ceiling,
        } => {
            t.check(R1, r1_org_permission(g.org, P::ManageSettings))?;
            t.check(R13, crate::domains::r13_claimable(kind, &role, &ceiling))?;
            t.check(R2, r2_grant_ceiling(g, &role))
        }
        Action::ProveDomain { proof } => {
            t.check(R1, r1_org_permission(g.org, P::ManageSettings))?;
            t.check(R13, crate::domains::r13_proven(&proof))
        }
        Action::AdmitJoinRequest {
            role,
            ceiling,
            seats,
        } => {
            t.check(R1, r1_org_permission(g.org, P::InviteMembers))?;
            t.check(R13, crate::domains::r13_role_within(&role, &ceiling))?;
            t.check(R2, r2_grant_ceiling(g, &role))?;
            t.check(R7, r7_seat_free(&seats))
        }
        Action::CreateKey { role } => {
            t.check(R1, r1_org_permission(g.org, P::ManageApiKeys))?;
            t.check(R17, crate::keys::r17_key_role(g, &role))
        }
        Action::Key { op, key } => key_op(t, actor, op, &key),
        Action::Invite { role, seats } => {
            t.check(R1, r1_org_permission(g.org, P::InviteMembers))?;
            t.check(R2, r2_grant_ceiling(g, &role))?;
            t.check(R7, r7_seat_free(&seats))
        }
        Action::ResendInvitation { invitation, seats } => {
            t.check(R1, r1_org_permission(g.org, P::ManageInvitations))?;
            t.check(R6, r6_invitation_open(&invitation))?;
            // Only invitations one could have sent oneself.
            t.check(R2, r2_grant_ceiling(g, &invitation.grant))?;
            // A pending invitation already holds its seat; an expired one
            // takes a seat again when it is resent.
            if invitation.is_expired(now) {
                t.check(R7, r7_seat_free(&seats))?;
            }
            Ok(())
        }
        Action::RevokeInvitation { invitation } => {
            t.check(R1, r1_org_permission(g.org, P::ManageInvitations))?;
            t.check(R6, r6_invitation_open(&invitation))?;
            t.check(R2, r2_grant_ceiling(g, &invitation.grant))
        }
        Action::EditInvitationRole { invitation, role } => {
            t.check(R1, r1_org_permission(g.org, P::ManageInvitations))?;
            t.check(R6, r6_invitation_pending(&invitation, now))?;
            t.check(R2, r2_grant_ceiling(g, &invitation.grant))?;
            t.check(R2, r2_grant_ceiling(g, &role))
        }
        Action::ChangeRole { target, role } => {
            manage_member(t, actor, &target, P::ChangeMemberRoles)?;
            t.check(R2, r2_grant_ceiling(g, &role))
        }
        Action::SetAccessExpiry {
            target,
            expires_at,
            seats,
        } => {
            manage_member(t, actor, &target, P::ChangeMemberRoles)?;
            // Ended access that the change brings back is a reactivation:
            // it takes the power to reactivate and, if active, a seat.
            let ended = r16_access_current(&target, now).is_err();
            let revives = expires_at.is_none_or(|at| at > now);
            if ended && revives {
                t.check(R1, r1_org_permission(g.org, P::RemoveMembers))?;
                if target.status == MemberStatus::Active {
                    t.check(R7, r7_seat_free(&seats))?;
                }
            }
            Ok(())
        }
        Action::Suspend { target, projects } => {
            manage_member(t, actor, &target, P::RemoveMembers)?;
            state(target.status == MemberStatus::Active)?;
            t.check(R10, r10_handover(&target, &projects, now))
        }
        Action::Reactivate { target, seats } => {
            manage_member(t, actor, &target, P::RemoveMembers)?;
            state(target.status == MemberStatus::Suspended)?;
            t.check(R7, r7_seat_free(&seats))
        }
        Action::Remove { target, projects } => {
            manage_member(t, actor, &target, P::RemoveMembers)?;
            t.check(R10, r10_handover(&target, &projects, now))
        }
        Action::TransferOwnership { target } => {
            t.check(R1, r1_org_permission(g.org, P::TransferOwnership))?;
            t.check(R5, r5_not_self(actor, &target))?;
            t.check(R4, r4_transfer_target(&target, now))
        }
        Action::Leave { projects } => {
            t.check(R4, r4_owner_stays(actor))?;
            t.check(R10, r10_handover(actor, &projects, now))
        }
        Action::Project { permission, access } => {
            let effective = r12_effective(&access);
            t.0 |= R12;
            t.check(R1, r1_project_permission(effective, permission))
        }
        Action::GrantProjectRole { role, access } => {
            let effective = r12_effective(&access);
            t.0 |= R12;
            t.check(
                R1,
                r1_project_permission(effective, ProjectPermission::ManageProjectMembers),
            )?;
            t.check(R2, r2_project_grant_ceiling(effective, role))
        }
        Action::DeleteArtifact { creator, access } => {
            let effective = r12_effective(&access);
            t.0 |= R12;
            t.check(R1, r1_delete_artifact(effective, creator))
        }
        Action::AssignGroupToTask { mode, access } => {
            let effective = r12_effective(&access);
            t.check(
                R1,
                r1_project_permission(effective, ProjectPermission::ManageTasks),
            )?;
            t.check(R12, r12_group_task(mode))
        }
    }
}

/// The checks shared by every action on another member: the permission,
/// not oneself, not the Owner, not someone with more permissions.
fn manage_member(t: &mut Trail, actor: &Actor, target: &Target, needed: P) -> Result<(), Denial> {
    t.check(Rule::R1, r1_org_permission(actor.grant.org, needed))?;
    t.check(Rule::R5, r5_not_self(actor, target))?;
    t.check(Rule::R4, r4_owner_protected(target))?;
    t.check(Rule::R3, r3_target_ceiling(&actor.grant, &target.grant))
}

/// Taking a key's access away (disable, revoke) its owner may always do;
/// anyone else needs "manage API keys" and every permission of the key
/// (R3). Handing access out again (rotate, enable, take over) needs
/// "manage API keys" even for the owner, and R2's ceiling, as creating does.
fn key_op(t: &mut Trail, actor: &Actor, op: KeyOp, key: &ApiKey) -> Result<(), Denial> {
    use crate::keys::r17_key_role;
    let g = &actor.grant;
    let own = key.owner == actor.user;
    let hands_out = matches!(op, KeyOp::Rotate | KeyOp::Enable | KeyOp::TakeOver);
    if !own || hands_out {
        t.check(Rule::R1, r1_org_permission(g.org, P::ManageApiKeys))?;
    }
    state(match op {
        KeyOp::Enable => key.state == KeyState::Disabled,
        KeyOp::Disable => key.state == KeyState::Active,
        KeyOp::TakeOver => key.state != KeyState::Revoked && !own,
        KeyOp::Rotate | KeyOp::Revoke => key.state != KeyState::Revoked,
    })?;
    if !own && op != KeyOp::TakeOver {
        t.check(Rule::R3, r3_target_ceiling(g, &key.grant))?;
    }
    if hands_out {
        t.check(Rule::R17, r17_key_role(g, &key.grant))?;
    }
    Ok(())
}

fn state(applies: bool) -> Result<(), Denial> {
    if applies {
        Ok(())
    } else {
        Err(Denial::WrongState)
    }
}

/// Decides whether an invitation may be accepted (R8), whether it still
/// grants its role — its sender, as they stand now under the org's current
/// template, could still give it (R2) — and takes its seat (R7).
/// `inviter` is `None` when the sender is no longer a member; `seats.used`
/// must not count this invitation itself.
pub fn decide_acceptance(
    now: i64,
    invitation: &Invitation,
    email_matches: bool,
    inviter: Option<&Member>,
    seats: &Seats,
) -> Decision {
    let mut t = Trail::default();
    let outcome = t
        .check(Rule::R8, r8_acceptable(invitation, email_matches, now))
        .and_then(|()| {
            t.check(
                Rule::R2,
                r2_inviter_still_grants(inviter, &invitation.grant, now),
            )
        })
        .and_then(|()| t.check(Rule::R7, r7_seat_free(seats)));
    t.finish(outcome)
}

/// R14 Transfer user: the actor must be allowed to remove `target` from
/// org A and to invite with `role` into org B, where a seat must be free.
/// The projects the user owns in A either go along — A's Owner alone may
/// take them out of A — or to a new owner in A named in the same step (R10).
pub fn decide_transfer_user(
    now: i64,
    actor_in_a: &Actor,
    target: &Target,
    projects: &Handover,
    actor_in_b: Option<&Actor>,
    role: &Grant,
    seats_in_b: &Seats,
) -> Decision {
    let mut t = Trail::default();
    t.0 |= Rule::R14;
    let outcome = (|| {
        t.check(Rule::R9, r9_active(actor_in_a))?;
        t.check(Rule::R16, r16_access_current(actor_in_a, now))?;
        manage_member(&mut t, actor_in_a, target, P::RemoveMembers)?;
        t.check(
            Rule::R14,
            r14_projects_leave(actor_in_a, target, projects, now),
        )?;
        let b = r15_member(actor_in_b);
        t.check(Rule::R15, b.map(|_| ()))?;
        let b = b?;
        t.check(Rule::R9, r9_active(b))?;
        t.check(Rule::R16, r16_access_current(b, now))?;
        t.check(Rule::R1, r1_org_permission(b.grant.org, P::InviteMembers))?;
        t.check(Rule::R2, r2_grant_ceiling(&b.grant, role))?;
        t.check(Rule::R7, r7_seat_free(seats_in_b))
    })();
    t.finish(outcome)
}
