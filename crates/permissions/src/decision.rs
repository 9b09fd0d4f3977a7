//! A decision: allowed or denied, the rules that decided it, and the reason.

use std::fmt;

use enumset::{EnumSet, EnumSetType};
use serde::{Deserialize, Serialize};

/// The contextual rules of PRODUCT §4, by id.
#[derive(EnumSetType, Debug, Hash, Serialize, Deserialize)]
#[enumset(serialize_repr = "list")]
pub enum Rule {
    /// Deny by default.
    R1,
    /// Grant ceiling.
    R2,
    /// Target ceiling.
    R3,
    /// One protected Owner.
    R4,
    /// No self-management.
    R5,
    /// Invitation lifecycle.
    R6,
    /// Seat limit.
    R7,
    /// Invitation acceptance.
    R8,
    /// Immediate effect.
    R9,
    /// Project owners.
    R10,
    /// Claim ownership.
    R11,
    /// Groups.
    R12,
    /// Auto-join.
    R13,
    /// Transfer user.
    R14,
    /// Org isolation.
    R15,
    /// Membership expiry.
    R16,
    /// Key ceiling.
    R17,
    /// Asking about others.
    R18,
    /// Template switch.
    R19,
}

impl Rule {
    /// The id as written in docs and error bodies (`"R7"`).
    pub const fn id(self) -> &'static str {
        match self {
            Self::R1 => "R1",
            Self::R2 => "R2",
            Self::R3 => "R3",
            Self::R4 => "R4",
            Self::R5 => "R5",
            Self::R6 => "R6",
            Self::R7 => "R7",
            Self::R8 => "R8",
            Self::R9 => "R9",
            Self::R10 => "R10",
            Self::R11 => "R11",
            Self::R12 => "R12",
            Self::R13 => "R13",
            Self::R14 => "R14",
            Self::R15 => "R15",
            Self::R16 => "R16",
            Self::R17 => "R17",
            Self::R18 => "R18",
            Self::R19 => "R19",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

pub use crate::denial::Denial;

/// The outcome of [`decide`](crate::decide): allowed or denied, with the
/// rules that decided it (every rule checked for an allow; the denying rule
/// for a denial) and, when denied, the reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    rules: EnumSet<Rule>,
    denial: Option<Denial>,
}

impl Decision {
    pub(crate) const fn allow(rules: EnumSet<Rule>) -> Self {
        Self {
            rules,
            denial: None,
        }
    }

    pub(crate) fn deny(denial: Denial) -> Self {
        Self {
            rules: denial.rule().map(EnumSet::only).unwrap_or_default(),
            denial: Some(denial),
        }
    }

    /// Whether the action is allowed.
    pub const fn is_allowed(&self) -> bool {
        self.denial.is_none()
    }

    /// Why it is denied, if it is.
    pub const fn denial(&self) -> Option<Denial> {
        self.denial
    }

    /// The rules that decided.
    pub const fn rules(&self) -> EnumSet<Rule> {
        self.rules
    }

    /// `Ok` when allowed, the denial otherwise, for `?` in handlers.
    pub fn into_result(self) -> Result<(), Denial> {
        match self.denial {
            None => Ok(()),
            Some(d) => Err(d),
        }
    }
}
