//! Bulk import (PRODUCT §6, seed 004): what a file of rows would do to an
//! org, decided once. Preview and commit both call [`plan`] over the facts
//! the server loads, so a preview cannot promise what the commit then
//! refuses. Every row meets the rules a single change would: R1/R2 for the
//! role it invites to, R3–R5 for a role update, R6 for a pending
//! invitation, R7 seat by seat in line order, and project grants under the
//! actor's own project access (R2, R12).

use std::collections::BTreeMap;

use crate::decision::{Denial, Rule};
use crate::facts::{Actor, Invitation, Member, ProjectAccess, Seats};
use crate::role::Template;

mod plan;

pub use plan::plan;

/// One data row of the file, as the server parsed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Its line in the file (the header is line 1).
    pub line: u32,
    /// The address, ASCII-lowercased (as typed when it is not one).
    pub email: String,
    /// Why the row's text is not valid (the address, the name, the
    /// message), as the server's parser said; `None` when it is.
    pub problem: Option<String>,
    /// A role by key or name, any case.
    pub role: String,
    /// Group names, any case.
    pub groups: Vec<String>,
    /// `(project name, project role)` pairs, any case.
    pub projects: Vec<(String, String)>,
}

/// Who an address already is in the org.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// A member, with their role key's position in the template.
    Member {
        /// The member as facts.
        member: Member,
        /// Index of their role in `template.org_roles`.
        role: usize,
    },
    /// An open invitation, pending or expired.
    Invited {
        /// The invitation as facts.
        invitation: Invitation,
        /// Index of its role in `template.org_roles`.
        role: usize,
    },
}

/// What to do with rows of people already in the org.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Policy {
    /// Leave them as they are.
    #[default]
    Skip,
    /// Give them the file's role, where the rules allow.
    UpdateRole,
}

/// What the server loads for a plan.
#[derive(Clone, Debug)]
pub struct Facts<'a> {
    /// The moment of asking.
    pub now: i64,
    /// The org's template.
    pub template: &'a Template,
    /// Who imports.
    pub actor: Actor,
    /// Seat usage before the import.
    pub seats: Seats,
    /// Everyone the file may name who is already there, by folded address.
    pub existing: &'a BTreeMap<String, Existing>,
    /// The org's groups by lowercased name.
    pub groups: &'a BTreeMap<String, i64>,
    /// The org's projects by lowercased name, with the actor's access.
    pub projects: &'a BTreeMap<String, (i64, ProjectAccess)>,
    /// The existing-member policy.
    pub policy: Policy,
}

/// What one row does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A new invitation (takes a seat).
    NewInvite,
    /// Their invitation had expired: a fresh one (takes a seat).
    ExpiredReinvited,
    /// A member already; `true` when their role changes.
    AlreadyMember(bool),
    /// Invited and pending; `true` when the invitation's role changes.
    AlreadyInvited(bool),
    /// A suspended member (or one whose access ended): an import never
    /// brings them back.
    Suspended,
    /// Refused; the row's `problem` says why.
    Invalid,
}

impl Outcome {
    /// Its stable name on the wire and in reports.
    pub const fn name(self) -> &'static str {
        match self {
            Self::NewInvite => "new_invite",
            Self::ExpiredReinvited => "expired_invite_reinvited",
            Self::AlreadyMember(_) => "already_member",
            Self::AlreadyInvited(_) => "already_invited",
            Self::Suspended => "suspended",
            Self::Invalid => "invalid",
        }
    }
}

/// Why a row is refused: the rule, when one decided, and the sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The rule that refused it; `None` for input that is not valid.
    pub rule: Option<Rule>,
    /// What the admin reads.
    pub reason: String,
}

impl From<Denial> for Problem {
    fn from(d: Denial) -> Self {
        Self {
            rule: d.rule(),
            reason: d.to_string(),
        }
    }
}

pub(crate) fn invalid(reason: String) -> Problem {
    Problem { rule: None, reason }
}

/// One row's place in the plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    /// Its line.
    pub line: u32,
    /// What it does.
    pub outcome: Outcome,
    /// The resolved role's index in `template.org_roles`.
    pub role: Option<usize>,
    /// The resolved groups' ids.
    pub groups: Vec<i64>,
    /// The resolved `(project id, project role index)` pairs.
    pub projects: Vec<(i64, usize)>,
    /// Why it is refused, when it is.
    pub problem: Option<Problem>,
}

/// The whole plan, in line order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// One entry per row.
    pub rows: Vec<Planned>,
    /// Seats the file's invitations need.
    pub seats_needed: u32,
    /// Seats free before the import; `None` without a limit.
    pub seats_free: Option<u32>,
}

impl Plan {
    /// How many rows have each outcome, by name.
    pub fn totals(&self) -> BTreeMap<&'static str, usize> {
        let mut t = BTreeMap::new();
        for r in &self.rows {
            *t.entry(r.outcome.name()).or_default() += 1;
        }
        t
    }
}
