//! R13 Auto-join by a verified domain: which domains an org may claim,
//! what proves a claim, and what a verified address gets from one.
//!
//! The server holds the lists (public mail providers, disposable domains,
//! public suffixes) and says what a domain is; the crate decides.

use serde::{Deserialize, Serialize};

use crate::decision::Denial;
use crate::facts::{Grant, Seats};

/// What a domain is, as the server's lists say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DomainKind {
    /// A domain someone owns: it may be claimed.
    Private,
    /// Anyone can get an address there (gmail.com and the like).
    PublicMail,
    /// Throwaway inboxes.
    Disposable,
    /// A public suffix (`co.uk`, `github.io`): many owners below it.
    PublicSuffix,
    /// An IP address, not a name.
    IpLiteral,
}

/// What a verified domain does for people with an address at it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinMode {
    /// They join when they verify their address.
    AutoJoin,
    /// They are offered a one-click join after verifying.
    #[default]
    Suggest,
    /// They may ask; an admin admits them.
    Request,
    /// Nothing happens.
    Off,
}

impl JoinMode {
    /// Every mode, in the order the page offers them.
    pub const ALL: [Self; 4] = [Self::AutoJoin, Self::Suggest, Self::Request, Self::Off];

    /// The wire and storage name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AutoJoin => "auto_join",
            Self::Suggest => "suggest",
            Self::Request => "request",
            Self::Off => "off",
        }
    }

    /// Parses the wire and storage name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// What proves that the claiming org holds the domain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Proof {
    /// The admin who checks holds a verified address at exactly the domain.
    pub verified_email_at_domain: bool,
    /// `_roster-challenge.<domain>` holds the claim's challenge in a TXT record.
    pub dns_challenge_found: bool,
}

/// An org's claim on a domain, as far as a join is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claim {
    /// Proven (R13); a pending claim admits nobody.
    pub verified: bool,
    /// What it does.
    pub mode: JoinMode,
    /// The permissions of its default role.
    pub role: Grant,
    /// The template's auto-join ceiling now: a template switch after the
    /// claim may have put the role above it, and then nobody joins by it.
    pub ceiling: Grant,
}

/// Where the person stands with the org.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Never a member, or only through invitations since.
    Stranger,
    /// A member now (active, suspended or with ended access).
    Member,
    /// Removed or left, and not invited again since.
    Departed,
    /// Already in the org's request queue.
    Requested,
}

/// How the join came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occasion {
    /// Roster noticed at e-mail verification.
    Verification,
    /// The person clicked "Join" or "Ask to join".
    Asked,
}

/// What a verified address gets from a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joining {
    /// Becomes a member with the claim's role.
    Join,
    /// Is offered "Join" or "Ask to join" and nothing is written: suggest
    /// and request modes at verification (nobody is queued unasked).
    Suggest,
    /// Is put in the admins' queue; `seats_full` says the mode would have
    /// let them in but no seat is free (R7).
    Request {
        /// Whether the seat limit, not the mode, queued them.
        seats_full: bool,
    },
}

/// R13: which domains may be claimed, and with which default role: never
/// a domain anyone can get an address at, never above Member, and never
/// above what the claiming admin could grant (R2).
pub fn r13_claimable(kind: DomainKind, role: &Grant, ceiling: &Grant) -> Result<(), Denial> {
    match kind {
        DomainKind::Private => {}
        DomainKind::PublicMail => return Err(Denial::PublicMailDomain),
        DomainKind::Disposable => return Err(Denial::DisposableDomain),
        DomainKind::PublicSuffix => return Err(Denial::PublicSuffixDomain),
        DomainKind::IpLiteral => return Err(Denial::IpLiteralDomain),
    }
    r13_role_within(role, ceiling)
}

/// R13: a domain never gives the Owner role nor more than Member's.
pub fn r13_role_within(role: &Grant, ceiling: &Grant) -> Result<(), Denial> {
    if role.owner || !role.is_subset(ceiling) {
        Err(Denial::AutoJoinRoleTooHigh)
    } else {
        Ok(())
    }
}

/// R13: a claim is proven by a verified address at exactly the domain or
/// by the DNS challenge.
pub fn r13_proven(proof: &Proof) -> Result<(), Denial> {
    if proof.verified_email_at_domain || proof.dns_challenge_found {
        Ok(())
    } else {
        Err(Denial::DomainUnproven)
    }
}

/// R13 (with R7): what a person with a verified address at a claimed
/// domain gets. Only verified addresses, only proven claims; members stay
/// as they are (a suspended one stays suspended); someone who was removed
/// or left is never brought back by their domain, only by an invitation.
pub fn decide_join(
    claim: &Claim,
    email_verified: bool,
    standing: Standing,
    seats: &Seats,
    occasion: Occasion,
) -> Result<Joining, Denial> {
    if !claim.verified {
        return Err(Denial::DomainUnproven);
    }
    if claim.mode == JoinMode::Off {
        return Err(Denial::DomainJoinOff);
    }
    r13_role_within(&claim.role, &claim.ceiling)?;
    if !email_verified {
        return Err(Denial::EmailUnverified);
    }
    match standing {
        Standing::Stranger => {}
        Standing::Member | Standing::Requested => return Err(Denial::WrongState),
        Standing::Departed => return Err(Denial::DepartedNeedsInvitation),
    }
    let asked = occasion == Occasion::Asked;
    let joins = match claim.mode {
        JoinMode::AutoJoin => true,
        JoinMode::Suggest => asked,
        JoinMode::Request | JoinMode::Off => false,
    };
    Ok(if !joins {
        if asked {
            Joining::Request { seats_full: false }
        } else {
            Joining::Suggest
        }
    } else if seats.has_free() {
        Joining::Join
    } else {
        Joining::Request { seats_full: true }
    })
}
