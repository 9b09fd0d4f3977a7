//! Seed 001 (MLOps platform): Administrator, Creator, Viewer.

use super::default::default_project_roles;
use super::{build, org, org_role, owner_role, project};
use crate::permission::{OrgPermission as O, ProjectPermission as P, ProjectPermissions};
use crate::role::Template;

pub(super) fn template() -> Template {
    let mut creator_projects = ProjectPermissions::all();
    // "A creator cannot delete artifacts (e.g., datasets, models, etc.),
    // other than his own" — the creator rule lives in R1.
    creator_projects.remove(P::DeleteAnyArtifact);
    build(
        "mlops",
        "MLOps platform",
        vec![
            owner_role("The organization's owner (Roster keeps one protected Owner per org)"),
            org_role(
                "administrator",
                "Administrator",
                "Full control: members and their access, invitations, every project and artifact, deleting artifacts",
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
                "creator",
                "Creator",
                "Sets up and runs projects across all tasks; deletes only artifacts they created",
                org(&[O::ViewMembers, O::CreateProjects, O::ViewIntegrations]),
                creator_projects,
            ),
            org_role(
                "viewer",
                "Viewer",
                "View-only access to every artifact",
                org(&[O::ViewMembers, O::ViewIntegrations]),
                project(&[P::ViewProject]),
            ),
        ],
        default_project_roles(),
        "creator",
        "administrator",
    )
}
