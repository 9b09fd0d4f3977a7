//! Roster's permission model: the role matrix and the contextual rules R1–R19.
//!
//! This crate is the single source of truth for "may this person do this?".
//! It is compiled into the server, which enforces every decision, and into the
//! WASM client, which uses the very same decisions to hide or disable actions.
//! It performs no I/O and reads no clock: callers load the [facts](crate::facts)
//! and pass `now` in.
//!
//! ```
//! use permissions::{decide, templates, Action, Actor, MemberStatus, UserId};
//!
//! let t = templates::default_template();
//! let manager = Actor::active(UserId(1), t.org_role("manager").unwrap().grant());
//! let admin = t.org_role("admin").unwrap().grant();
//! let d = decide(0, &manager, &Action::Invite { role: admin, seats: Default::default() });
//! assert!(!d.is_allowed());
//! assert_eq!(d.denial().unwrap().rule(), Some(permissions::Rule::R2));
//! ```
#![forbid(unsafe_code)]
// The crate decides for both targets: it must never panic or index out of
// bounds on whatever facts it is given.
#![cfg_attr(not(test), deny(clippy::panic, clippy::indexing_slicing))]
#![deny(missing_docs)]

mod action;
mod decide;
mod decision;
mod denial;
pub mod domains;
pub mod facts;
pub mod import;
pub mod keys;
pub mod names;
mod permission;
mod role;
pub mod rules;
mod targeted;
pub mod templates;

pub use action::Action;
pub use decide::{decide, decide_acceptance, decide_transfer_user};
pub use decision::{Decision, Denial, Rule};
pub use facts::{
    Actor, Grant, Handover, Heir, Invitation, InvitationState, Member, MemberStatus, ProjectAccess,
    Seats, Target, TaskMode, UserId,
};
pub use keys::{ApiKey, KeyOp, KeySecret, KeyState, decide_key_use};
pub use permission::{OrgPermission, OrgPermissions, ProjectPermission, ProjectPermissions};
pub use role::{OrgRole, ProjectRole, Template};
