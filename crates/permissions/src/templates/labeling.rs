//! Seed 002 (labeling platform): Admin, Manager, Trusted, Viewer.

use super::default::default_project_roles;
use super::{build, org, org_role, owner_role};
use crate::permission::{OrgPermission as O, ProjectPermissions};
use crate::role::Template;

pub(super) fn template() -> Template {
    build(
        "labeling",
        "Labeling platform",
        vec![
            owner_role("The organization's owner (Roster keeps one protected Owner per org)"),
            org_role(
                "admin",
                "Admin",
                "User management: invite, reinvite, change roles, deactivate, transfer users, manage users' projects",
                org(&[
                    O::ViewMembers,
                    O::InviteMembers,
                    O::ManageInvitations,
                    O::ChangeMemberRoles,
                    O::RemoveMembers,
                    O::ManageGroups,
                    O::CreateProjects,
                    O::ListAllProjects,
                    O::ClaimProjectOwnership,
                    O::ManageApiKeys,
                    O::ViewIntegrations,
                    O::ManageIntegrations,
                    O::ViewAuditLog,
                    O::QueryDecisions,
                    O::ManageSettings,
                    O::ManageBilling,
                ]),
                ProjectPermissions::all(),
            ),
            org_role(
                "manager",
                "Manager",
                "Invites people up to Manager, changes their roles, creates projects",
                org(&[
                    O::ViewMembers,
                    O::InviteMembers,
                    O::ManageInvitations,
                    O::ChangeMemberRoles,
                    O::CreateProjects,
                    O::ManageApiKeys,
                    O::ViewIntegrations,
                ]),
                ProjectPermissions::empty(),
            ),
            org_role(
                "trusted",
                "Trusted",
                "Creates projects and works in the projects they are on",
                org(&[O::ViewMembers, O::CreateProjects, O::ViewIntegrations]),
                ProjectPermissions::empty(),
            ),
            org_role(
                "viewer",
                "Viewer",
                "Sees the users list only",
                org(&[O::ViewMembers]),
                ProjectPermissions::empty(),
            ),
        ],
        default_project_roles(),
        "trusted",
        "admin",
    )
}
