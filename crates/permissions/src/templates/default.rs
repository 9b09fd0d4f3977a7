//! Roster's default roles (PRODUCT §3).

use super::{build, org, org_role, owner_role, project, project_role};
use crate::permission::{OrgPermission as O, ProjectPermission as P, ProjectPermissions};
use crate::role::{ProjectRole, Template};

/// The default template: Owner, Admin, Manager, Member, Labeler, Viewer.
pub fn default_template() -> Template {
    let admin_org = org(&[
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
    ]);
    build(
        "default",
        "Roster default",
        vec![
            owner_role(
                "Created the organization; everything, and only the Owner deletes it or hands it over",
            ),
            org_role(
                "admin",
                "Admin",
                "Runs the organization: members, groups, settings, every project",
                admin_org,
                ProjectPermissions::all(),
            ),
            org_role(
                "manager",
                "Manager",
                "Invites people up to Manager, changes their roles, creates projects, manages API keys",
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
                "member",
                "Member",
                "Sees the members, creates projects, works in the projects they are on",
                org(&[O::ViewMembers, O::CreateProjects, O::ViewIntegrations]),
                ProjectPermissions::empty(),
            ),
            org_role(
                "labeler",
                "Labeler",
                "Works only in the projects and tasks they are put on",
                org(&[]),
                ProjectPermissions::empty(),
            ),
            org_role(
                "viewer",
                "Viewer",
                "Sees the members list, nothing more",
                org(&[O::ViewMembers]),
                ProjectPermissions::empty(),
            ),
        ],
        default_project_roles(),
        "member",
        "admin",
    )
}

/// Manager, Reviewer, Labeler, Observer.
pub(crate) fn default_project_roles() -> Vec<ProjectRole> {
    let labeler = project(&[P::ViewProject, P::Label]);
    let reviewer = labeler | project(&[P::Review, P::EditLabels, P::ManageViews]);
    vec![
        project_role(
            "manager",
            "Manager",
            "Everything in the project",
            ProjectPermissions::all(),
        ),
        project_role(
            "reviewer",
            "Reviewer",
            "Labels, reviews and edits labels, keeps views",
            reviewer,
        ),
        project_role("labeler", "Labeler", "Sees the project and labels", labeler),
        project_role(
            "observer",
            "Observer",
            "Read-only",
            project(&[P::ViewProject]),
        ),
    ]
}
