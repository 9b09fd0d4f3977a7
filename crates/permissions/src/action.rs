//! What an actor asks to do, with the facts about its target.

use crate::domains::{DomainKind, Proof};
use crate::facts::{Grant, Handover, Invitation, ProjectAccess, Seats, Target, TaskMode};
use crate::keys::{ApiKey, KeyOp};
use crate::permission::{OrgPermission, ProjectPermission, ProjectPermissions};

/// An action on an organization, with everything the rules need to know
/// about its target. All fields are plain facts, so an action is `Copy`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// An action that needs only an org permission (view members, create a
    /// project, manage groups, view the audit log, delete the org, …).
    Org(OrgPermission),
    /// See the organization at all: its name, settings and the projects one
    /// may open (R9, R16). Every read inside an org starts here.
    OpenOrg,
    /// Switch the org's role template (R1, R19): it reshapes every role.
    SwitchTemplate,
    /// Set or clear the seat limit (R1, R7): never below the seats in use.
    SetSeatLimit {
        /// The new limit; `None` for no limit.
        limit: Option<u32>,
        /// Seats in use now (active members and pending invitations).
        used: u32,
    },
    /// Make oneself owner of a project of the org (R11).
    ClaimProjectOwnership,
    /// Ask the decision point about a subject (R18): about oneself anyone
    /// may; about someone else needs "query decisions".
    AskAbout {
        /// Whether the subject is someone other than the asker.
        other: bool,
    },
    /// Claim a mail domain for auto-join, or change its default role
    /// (R1 settings, R13 what may be claimed and never above Member, R2).
    ClaimDomain {
        /// What the server's lists say the domain is.
        kind: DomainKind,
        /// The default role's permissions.
        role: Grant,
        /// The template's auto-join ceiling (its Member role).
        ceiling: Grant,
    },
    /// Prove a claimed domain (R1 settings, R13 the proof).
    ProveDomain {
        /// What was found.
        proof: Proof,
    },
    /// Let in someone who asked to join by their domain: an invitation
    /// accepted at once (R1 invite, R13 the role still within Member's,
    /// R2, R7).
    AdmitJoinRequest {
        /// The claim's role.
        role: Grant,
        /// The template's auto-join ceiling.
        ceiling: Grant,
        /// Seat usage now.
        seats: Seats,
    },
    /// Create an API key acting with `role` (R1, R17: R2's ceiling).
    CreateKey {
        /// The key's permissions.
        role: Grant,
    },
    /// Rotate, disable, enable, revoke or take over a key (R1, R3, R17).
    Key {
        /// What to do.
        op: KeyOp,
        /// The key.
        key: ApiKey,
    },
    /// Invite someone with a role (R1, R2, R4, R7).
    Invite {
        /// The role's permissions.
        role: Grant,
        /// Seat usage now.
        seats: Seats,
    },
    /// Resend an invitation: new token, new expiry (R1, R6, R7).
    ResendInvitation {
        /// The invitation.
        invitation: Invitation,
        /// Seat usage now, not counting this invitation.
        seats: Seats,
    },
    /// Revoke an invitation (R1, R6).
    RevokeInvitation {
        /// The invitation.
        invitation: Invitation,
    },
    /// Change the role of a pending invitation (R1, R2, R6).
    EditInvitationRole {
        /// The invitation.
        invitation: Invitation,
        /// The new role.
        role: Grant,
    },
    /// Change a member's org role (R1, R2, R3, R4, R5).
    ChangeRole {
        /// The member.
        target: Target,
        /// The new role.
        role: Grant,
    },
    /// Suspend a member (R1, R3, R4, R5, R10).
    Suspend {
        /// The member.
        target: Target,
        /// The projects they own and who takes them over (R10).
        projects: Handover,
    },
    /// Reactivate a suspended member (R1, R3, R5, R7).
    Reactivate {
        /// The member.
        target: Target,
        /// Seat usage now.
        seats: Seats,
    },
    /// Remove a member from the org (R1, R3, R4, R5, R10).
    Remove {
        /// The member.
        target: Target,
        /// The projects they own and who takes them over (R10).
        projects: Handover,
    },
    /// Set or clear a member's access expiry (R16). On a member whose
    /// access has ended this brings them back: R1 to reactivate and R7.
    SetAccessExpiry {
        /// The member.
        target: Target,
        /// The new expiry, unix seconds; `None` clears it.
        expires_at: Option<i64>,
        /// Seat usage now.
        seats: Seats,
    },
    /// Hand the Owner role to another member (R4).
    TransferOwnership {
        /// The member who becomes Owner.
        target: Target,
    },
    /// Leave the organization (R4, R5, R10).
    Leave {
        /// The projects the actor owns and who takes them over.
        projects: Handover,
    },
    /// Anything inside a project (R1, R12).
    Project {
        /// The permission needed.
        permission: ProjectPermission,
        /// What the actor holds in that project.
        access: ProjectAccess,
    },
    /// Add someone to a project, or change their project role (R1, R2, R12).
    GrantProjectRole {
        /// The project role's permissions.
        role: ProjectPermissions,
        /// What the actor holds in that project.
        access: ProjectAccess,
    },
    /// Delete a dataset or model (R1; seed 001's creator rule).
    DeleteArtifact {
        /// Whether the actor created the artifact.
        creator: bool,
        /// What the actor holds in that project.
        access: ProjectAccess,
    },
    /// Assign a group to a task (R1, R12).
    AssignGroupToTask {
        /// The task's allocation mode.
        mode: TaskMode,
        /// What the actor holds in that project.
        access: ProjectAccess,
    },
}
