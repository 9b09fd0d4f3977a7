//! Seed 000 (Plainsight): Admin, Project Manager, Labeler — org-wide roles,
//! so each carries its project permissions on every project.

use super::default::default_project_roles;
use super::{build, org, org_role, owner_role, project};
use crate::permission::{OrgPermission as O, ProjectPermission as P, ProjectPermissions};
use crate::role::Template;

pub(super) fn template() -> Template {
    // "create and delete datasets, add datasources, create label definitions,
    // label images, review images, lock dataset versions, export datasets,
    // create models and model versions, run, deploy, and test models"
    let project_work = project(&[
        P::ViewProject,
        P::ManageDatasets,
        P::DeleteAnyArtifact,
        P::ManageDatasources,
        P::DefineLabels,
        P::Label,
        P::Review,
        P::LockVersions,
        P::Export,
        P::ManageModels,
        P::RunModels,
    ]);
    build(
        "plainsight",
        "Plainsight",
        vec![
            owner_role("The account owner (Roster keeps one protected Owner per org)"),
            org_role(
                "admin",
                "Admin",
                "Administrative functions: invite, edit roles, resend invitations, delete users, API keys, billing, account state",
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
                "project_manager",
                "Project Manager",
                "Manages labeling and training projects; invites Project Managers and Labelers; manages API keys",
                org(&[
                    O::ViewMembers,
                    O::InviteMembers,
                    O::CreateProjects,
                    O::ManageApiKeys,
                ]),
                project_work,
            ),
            org_role(
                "labeler",
                "Labeler",
                "Views datasets and labels images",
                org(&[]),
                project(&[P::ViewProject, P::Label]),
            ),
        ],
        default_project_roles(),
        "labeler",
        "admin",
    )
}
