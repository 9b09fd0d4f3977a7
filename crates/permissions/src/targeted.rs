//! What a named org action means on one member or one invitation, for the
//! decision point (AuthZEN resources `member` and `invitation`): where the
//! crate has an action about that very target, it is that action, so "may
//! Bea change Cy's role?" meets R3–R5 and R10 as the page's button does;
//! every other name is the org permission itself.

use crate::action::Action;
use crate::facts::{Handover, Invitation, Target};
use crate::names::Named;
use crate::permission::OrgPermission as P;

impl Named {
    /// This name asked about `target`, who owns what `projects` says
    /// (nobody is named to take them over: a question has no heir). `None`
    /// for a project action, which is not decided on a member.
    pub const fn on_member(self, target: Target, projects: Handover) -> Option<Action> {
        let Self::Org(p) = self else {
            return None;
        };
        Some(match p {
            // "May change their role" at all: to the role they hold now,
            // so only who they are and who asks decide, not a new role.
            P::ChangeMemberRoles => Action::ChangeRole {
                target,
                role: target.grant,
            },
            P::RemoveMembers => Action::Remove { target, projects },
            P::TransferOwnership => Action::TransferOwnership { target },
            other => Action::Org(other),
        })
    }

    /// This name asked about `invitation`. `None` for a project action.
    pub const fn on_invitation(self, invitation: Invitation) -> Option<Action> {
        let Self::Org(p) = self else {
            return None;
        };
        Some(match p {
            P::ManageInvitations => Action::RevokeInvitation { invitation },
            other => Action::Org(other),
        })
    }
}
