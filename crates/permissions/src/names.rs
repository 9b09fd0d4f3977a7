//! Stable dotted names for every permission, as the platform's other
//! services and AuthZEN callers name actions (`members.invite`,
//! `project.label`). One table each way, so a name can never mean two
//! permissions.

use crate::permission::{OrgPermission, ProjectPermission};

/// A permission by its dotted name: org-wide, or inside a project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    /// Decided on the org (resource type `org`).
    Org(OrgPermission),
    /// Decided inside a project (resource type `project`).
    Project(ProjectPermission),
}

impl OrgPermission {
    /// The permission's stable dotted name.
    pub const fn dotted(self) -> &'static str {
        match self {
            Self::ViewMembers => "members.view",
            Self::InviteMembers => "members.invite",
            Self::ManageInvitations => "invitations.manage",
            Self::ChangeMemberRoles => "members.change_role",
            Self::RemoveMembers => "members.remove",
            Self::ManageGroups => "groups.manage",
            Self::CreateProjects => "projects.create",
            Self::ListAllProjects => "projects.list_all",
            Self::ClaimProjectOwnership => "projects.claim",
            Self::SetProjectUnderOrg => "projects.set_under_org",
            Self::ManageApiKeys => "api_keys.manage",
            Self::ViewIntegrations => "integrations.view",
            Self::ManageIntegrations => "integrations.manage",
            Self::ViewAuditLog => "audit.view",
            Self::ManageSettings => "org.settings",
            Self::ManageBilling => "org.billing",
            Self::DeleteOrg => "org.delete",
            Self::TransferOwnership => "org.transfer_ownership",
            Self::QueryDecisions => "decisions.query",
        }
    }
}

impl ProjectPermission {
    /// The permission's stable dotted name.
    pub const fn dotted(self) -> &'static str {
        match self {
            Self::ViewProject => "project.view",
            Self::Label => "project.label",
            Self::Review => "project.review",
            Self::EditLabels => "project.edit_labels",
            Self::ManageViews => "project.manage_views",
            Self::DefineLabels => "project.define_labels",
            Self::ManageDatasets => "project.manage_datasets",
            Self::ManageDatasources => "project.manage_datasources",
            Self::LockVersions => "project.lock_versions",
            Self::Export => "project.export",
            Self::ManageModels => "project.manage_models",
            Self::RunModels => "project.run_models",
            Self::ConfigurePipelines => "project.configure_pipelines",
            Self::ManageTasks => "project.manage_tasks",
            Self::ManageProjectMembers => "project.manage_members",
            Self::DeleteAnyArtifact => "project.delete_any_artifact",
        }
    }
}

impl Named {
    /// The permission a dotted name stands for; `None` for a name Roster
    /// does not know.
    pub fn parse(name: &str) -> Option<Self> {
        enumset::EnumSet::<OrgPermission>::all()
            .iter()
            .find(|p| p.dotted() == name)
            .map(Self::Org)
            .or_else(|| {
                enumset::EnumSet::<ProjectPermission>::all()
                    .iter()
                    .find(|p| p.dotted() == name)
                    .map(Self::Project)
            })
    }

    /// Its dotted name.
    pub const fn dotted(self) -> &'static str {
        match self {
            Self::Org(p) => p.dotted(),
            Self::Project(p) => p.dotted(),
        }
    }

    /// Every permission, by name: org ones first.
    pub fn all() -> impl Iterator<Item = Self> {
        enumset::EnumSet::<OrgPermission>::all()
            .iter()
            .map(Self::Org)
            .chain(
                enumset::EnumSet::<ProjectPermission>::all()
                    .iter()
                    .map(Self::Project),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::Named;

    #[test]
    fn every_name_is_unique_dotted_and_reads_back() {
        let mut seen = std::collections::HashSet::new();
        for n in Named::all() {
            let name = n.dotted();
            assert!(seen.insert(name), "{name} twice");
            assert!(name.contains('.') && name.is_ascii(), "{name}");
            assert_eq!(Named::parse(name), Some(n));
        }
        assert_eq!(Named::parse("members.destroy"), None);
    }
}
