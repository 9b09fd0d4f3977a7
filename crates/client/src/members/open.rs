//! Which dialog of the Members tab is open.

use api::members::MemberView;

use super::actions::MemberAction;

/// What dialog is open.
#[derive(Clone, Debug, PartialEq)]
pub enum Open {
    /// No dialog.
    None,
    /// Invite people.
    Invite,
    /// Import people from a CSV file.
    Import,
    /// Change a member's role.
    ChangeRole(MemberView),
    /// Confirm a grave action.
    Confirm(MemberAction, MemberView),
    /// A member's projects.
    Projects(MemberView),
    /// Move a member to another org (R14).
    TransferUser(MemberView),
    /// Set when a member's access ends (R16).
    AccessExpiry(MemberView),
    /// R10 refused: choose who takes over the member's projects.
    Reassign(MemberAction, MemberView, String),
}
