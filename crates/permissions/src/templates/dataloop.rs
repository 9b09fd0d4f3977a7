//! Seed 004 (Dataloop): Owner, Admin, Member, Worker — the permission table
//! cell for cell, with PRODUCT §3's two decisions: Members add and re-role
//! members (bounded by R2/R3), and Admins may claim project ownership.

use super::default::default_project_roles;
use super::{build, org, org_role, owner_role};
use crate::permission::{OrgPermission as O, ProjectPermissions};
use crate::role::Template;

pub(super) fn template() -> Template {
    build(
        "dataloop",
        "Dataloop",
        vec![
            owner_role("Created the organization and cannot be removed; allowed every operation"),
            org_role(
                "admin",
                "Admin",
                "Deletes and renames the organization, creates projects, adds and removes members, manages groups and integrations",
                org(&[
                    O::ViewMembers,
                    O::InviteMembers,
                    O::ManageInvitations,
                    O::ChangeMemberRoles,
                    O::RemoveMembers,
                    O::CreateProjects,
                    O::ListAllProjects,
                    O::ClaimProjectOwnership,
                    O::ManageGroups,
                    O::ViewIntegrations,
                    O::ManageIntegrations,
                    O::ManageSettings,
                    O::DeleteOrg,
                    O::ManageApiKeys,
                    O::ViewAuditLog,
                    O::QueryDecisions,
                ]),
                ProjectPermissions::all(),
            ),
            org_role(
                "member",
                "Member",
                "Opens projects, views the members, adds and re-roles Members and Workers",
                org(&[
                    O::ViewMembers,
                    O::InviteMembers,
                    O::ManageInvitations,
                    O::ChangeMemberRoles,
                    O::CreateProjects,
                    O::ViewIntegrations,
                ]),
                ProjectPermissions::empty(),
            ),
            org_role(
                "worker",
                "Worker",
                "Annotation workforce: no permissions on the organization itself",
                org(&[]),
                ProjectPermissions::empty(),
            ),
        ],
        default_project_roles(),
        "member",
        "admin",
    )
}
