//! Why an action is denied: one reason per rule outcome, with the rule
//! that denied and the sentence the UI and the 403 show.

use std::fmt;

use crate::decision::Rule;
use crate::permission::{OrgPermission, ProjectPermission};

/// Why an action is denied. Deliberately not `#[non_exhaustive]`: a new
/// reason must break every `match` in the UI until it is handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Denial {
    /// R1: the role lacks an org permission.
    MissingPermission(OrgPermission),
    /// R1: the actor lacks a project permission.
    MissingProjectPermission(ProjectPermission),
    /// R1: only the creator or a holder of "delete any artifact" may delete.
    NotArtifactCreator,
    /// R2: the role to give has permissions the actor lacks.
    AboveGrantCeiling,
    /// R3: the target has permissions the actor lacks.
    AboveTargetCeiling,
    /// R4: the Owner role is never given, only transferred.
    OwnerRoleNotGrantable,
    /// R4: the Owner cannot be removed, suspended or demoted.
    OwnerProtected,
    /// R4: the Owner cannot leave.
    OwnerCannotLeave,
    /// R4: ownership goes only to an active member.
    OwnershipToInactive,
    /// R4: the Owner never carries an access expiry, so ownership goes only
    /// to a member without one.
    OwnershipToExpiring,
    /// R2: the person who sent an invitation can no longer give its role
    /// (demoted, suspended, removed, or the template changed).
    InviterCannotGrant,
    /// R5: nobody manages their own membership.
    SelfManagement,
    /// R6 / R8: the invitation was accepted already.
    InvitationAccepted,
    /// R6 / R8: the invitation was revoked.
    InvitationRevoked,
    /// R6 / R8: the invitee declined the invitation.
    InvitationDeclined,
    /// R6: an expired invitation's role cannot be edited (resend it).
    InvitationExpiredEdit,
    /// R7: the seat limit cannot go below the seats in use.
    SeatLimitBelowUsage {
        /// Seats in use now.
        used: u32,
        /// The limit asked for.
        limit: u32,
    },
    /// R7: no free seat.
    SeatLimitReached {
        /// The org's seat limit.
        limit: u32,
    },
    /// R8: the link has expired.
    InvitationExpired,
    /// R8: the invitation was sent to another email.
    WrongInvitee,
    /// R9: the actor's membership is suspended.
    ActorSuspended,
    /// R10: the member still owns projects.
    OwnsProjects {
        /// How many projects still need a new owner.
        count: u32,
    },
    /// R10: the named new owner of the projects is not an active member
    /// whose access is current and who may own projects.
    HeirNotEligible,
    /// R14: moving a user's projects out of the org takes its Owner.
    MoveProjectsOwnerOnly,
    /// R19: only the Owner switches the role template.
    TemplateSwitchOwnerOnly,
    /// R12: groups cannot be assigned to distribution tasks.
    GroupOnDistributionTask,
    /// R13: public mail domains cannot be auto-join domains.
    PublicMailDomain,
    /// R13: auto-join cannot give a role above Member.
    AutoJoinRoleTooHigh,
    /// R13: disposable mail domains cannot be auto-join domains.
    DisposableDomain,
    /// R13: a public suffix (`co.uk`) has many owners; claim a domain below it.
    PublicSuffixDomain,
    /// R13: an IP address is not a domain.
    IpLiteralDomain,
    /// R13: another organization has verified this domain.
    DomainTaken,
    /// R13: the claim is not proven yet; it admits nobody.
    DomainUnproven,
    /// R13: the domain's mode is off.
    DomainJoinOff,
    /// R13: only verified addresses join by their domain.
    EmailUnverified,
    /// R13: someone who was removed or left comes back only by invitation.
    DepartedNeedsInvitation,
    /// R15: the actor has no membership in the organization.
    NotAMember,
    /// R16: the actor's access has expired.
    AccessExpired,
    /// R18: asking about someone else needs "query decisions".
    AskAboutOthers,
    /// R17: the key was revoked.
    KeyRevoked,
    /// R17: the key is disabled.
    KeyDisabled,
    /// R17: the key has expired.
    KeyExpired,
    /// R17: the secret was replaced by a rotation and its grace is over.
    KeyRotatedOut,
    /// R17: the key's owner is gone, out of standing or below the key.
    KeySuspended,
    /// R17: keys never manage keys, ownership or the org's existence.
    KeysMayNot,
    /// The action does not apply to the target's current state (suspend a
    /// suspended member, reactivate an active one). No rule: a conflict.
    WrongState,
}

impl Denial {
    /// The rule that denied, or `None` for a state conflict.
    pub const fn rule(self) -> Option<Rule> {
        Some(match self {
            Self::MissingPermission(_)
            | Self::MissingProjectPermission(_)
            | Self::NotArtifactCreator => Rule::R1,
            Self::AboveGrantCeiling | Self::InviterCannotGrant => Rule::R2,
            Self::AboveTargetCeiling => Rule::R3,
            Self::OwnerRoleNotGrantable
            | Self::OwnerProtected
            | Self::OwnerCannotLeave
            | Self::OwnershipToInactive
            | Self::OwnershipToExpiring => Rule::R4,
            Self::SelfManagement => Rule::R5,
            Self::InvitationAccepted
            | Self::InvitationRevoked
            | Self::InvitationDeclined
            | Self::InvitationExpiredEdit => Rule::R6,
            Self::SeatLimitReached { .. } | Self::SeatLimitBelowUsage { .. } => Rule::R7,
            Self::InvitationExpired | Self::WrongInvitee => Rule::R8,
            Self::ActorSuspended => Rule::R9,
            Self::OwnsProjects { .. } | Self::HeirNotEligible => Rule::R10,
            Self::MoveProjectsOwnerOnly => Rule::R14,
            Self::TemplateSwitchOwnerOnly => Rule::R19,
            Self::GroupOnDistributionTask => Rule::R12,
            Self::PublicMailDomain
            | Self::AutoJoinRoleTooHigh
            | Self::DisposableDomain
            | Self::PublicSuffixDomain
            | Self::IpLiteralDomain
            | Self::DomainTaken
            | Self::DomainUnproven
            | Self::DomainJoinOff
            | Self::EmailUnverified
            | Self::DepartedNeedsInvitation => Rule::R13,
            Self::NotAMember => Rule::R15,
            Self::AccessExpired => Rule::R16,
            Self::AskAboutOthers => Rule::R18,
            Self::KeyRevoked
            | Self::KeyDisabled
            | Self::KeyExpired
            | Self::KeyRotatedOut
            | Self::KeySuspended
            | Self::KeysMayNot => Rule::R17,
            Self::WrongState => return None,
        })
    }

    /// Whether the actor could never take this action with their role: the
    /// UI hides such actions and disables (with the reason) all others.
    pub const fn is_permanent(self) -> bool {
        matches!(
            self,
            Self::MissingPermission(_)
                | Self::MissingProjectPermission(_)
                | Self::NotAMember
                | Self::KeysMayNot
        )
    }

    /// Whether this says the presented API key cannot be used at all: the
    /// request is unauthenticated (401), not forbidden.
    pub const fn is_key_unusable(self) -> bool {
        matches!(
            self,
            Self::KeyRevoked
                | Self::KeyDisabled
                | Self::KeyExpired
                | Self::KeyRotatedOut
                | Self::KeySuspended
        )
    }
}

impl fmt::Display for Denial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingPermission(p) => write!(f, "your role does not allow you to {}", p.verb()),
            Self::MissingProjectPermission(p) => {
                write!(f, "your project role does not allow you to {}", p.verb())
            }
            Self::NotArtifactCreator => f.write_str(
                "only its creator or someone allowed to delete any artifact may delete it",
            ),
            Self::AboveGrantCeiling => {
                f.write_str("you can only give a role whose permissions you hold yourself")
            }
            Self::AboveTargetCeiling => f.write_str("this member has permissions you do not hold"),
            Self::OwnerRoleNotGrantable => {
                f.write_str("the Owner role can only be handed over by transferring ownership")
            }
            Self::OwnerProtected => f.write_str(
                "the Owner cannot be removed, suspended or demoted; ownership must be transferred first",
            ),
            Self::OwnerCannotLeave => {
                f.write_str("the Owner cannot leave; transfer ownership to another member first")
            }
            Self::OwnershipToInactive => {
                f.write_str("ownership can only be transferred to an active member")
            }
            Self::OwnershipToExpiring => f.write_str(
                "ownership can only go to a member without an access end date; clear it first",
            ),
            Self::InviterCannotGrant => f.write_str(
                "the person who invited you can no longer give this role; ask an admin of the organization to invite you again",
            ),
            Self::SeatLimitBelowUsage { used, limit } => write!(
                f,
                "{used} seats are in use, more than a limit of {limit}; free seats first"
            ),
            Self::HeirNotEligible => f.write_str(
                "the new owner must be another active member whose access has not ended and who may create projects",
            ),
            Self::MoveProjectsOwnerOnly => f.write_str(
                "only the Owner may move a member's projects out of the organization; choose a new owner for them here instead",
            ),
            Self::TemplateSwitchOwnerOnly => {
                f.write_str("only the Owner may switch the organization's role template")
            }
            Self::SelfManagement => {
                f.write_str("you cannot change your own role or access; ask another admin")
            }
            Self::InvitationAccepted => f.write_str("this invitation has already been accepted"),
            Self::InvitationRevoked => f.write_str("this invitation was revoked"),
            Self::InvitationDeclined => f.write_str("this invitation was declined"),
            Self::InvitationExpiredEdit => {
                f.write_str("this invitation has expired; resend it to change its role")
            }
            Self::SeatLimitReached { limit } => write!(
                f,
                "all {limit} seats are taken; raise the seat limit or free a seat first"
            ),
            Self::InvitationExpired => f.write_str("this invitation has expired"),
            Self::WrongInvitee => {
                f.write_str("this invitation was sent to a different email address")
            }
            Self::ActorSuspended => {
                f.write_str("your membership in this organization is suspended")
            }
            Self::OwnsProjects { count: 1 } => {
                f.write_str("this member owns a project; choose its new owner first")
            }
            Self::OwnsProjects { count } => write!(
                f,
                "this member owns {count} projects; choose their new owners first"
            ),
            Self::GroupOnDistributionTask => {
                f.write_str("groups can only be assigned to pull tasks, not distribution tasks")
            }
            Self::PublicMailDomain => {
                f.write_str("public mail domains cannot be auto-join domains")
            }
            Self::AutoJoinRoleTooHigh => {
                f.write_str("auto-join cannot give a role above Member")
            }
            Self::DisposableDomain => {
                f.write_str("disposable mail domains cannot be auto-join domains")
            }
            Self::PublicSuffixDomain => f.write_str(
                "this is a public suffix shared by many owners; claim your own domain below it",
            ),
            Self::IpLiteralDomain => f.write_str("an IP address is not a domain; enter a domain name"),
            Self::DomainTaken => f.write_str("another organization has verified this domain"),
            Self::DomainUnproven => f.write_str(
                "this domain is not verified yet: verify an address at it or publish the DNS record",
            ),
            Self::DomainJoinOff => f.write_str("joining by this domain is turned off"),
            Self::EmailUnverified => {
                f.write_str("verify your e-mail address first; only verified addresses join by domain")
            }
            Self::DepartedNeedsInvitation => f.write_str(
                "you left or were removed from this organization; ask an admin to invite you again",
            ),
            Self::NotAMember => f.write_str("not found"),
            Self::AccessExpired => f.write_str("your access to this organization has expired"),
            Self::AskAboutOthers => f.write_str(
                "asking whether someone else may act needs the \"query decisions\" permission; you may ask about yourself",
            ),
            Self::KeyRevoked => f.write_str("this API key was revoked"),
            Self::KeyDisabled => f.write_str("this API key is disabled"),
            Self::KeyExpired => f.write_str("this API key has expired"),
            Self::KeyRotatedOut => f.write_str(
                "this API key's secret was replaced by a rotation; use the new secret",
            ),
            Self::KeySuspended => f.write_str(
                "this API key is suspended: its owner no longer holds its permissions; someone allowed to give its role must take it over",
            ),
            Self::KeysMayNot => f.write_str(
                "API keys never manage keys, ownership or the organization's existence; sign in to do this",
            ),
            Self::WrongState => f.write_str("the member is not in a state this action applies to"),
        }
    }
}
