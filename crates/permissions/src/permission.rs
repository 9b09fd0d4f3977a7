//! The permissions a role can hold, at org level and at project level.

use enumset::{EnumSet, EnumSetType};
use serde::{Deserialize, Serialize};

/// A permission held through an organization role (PRODUCT §3).
#[derive(EnumSetType, Debug, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[enumset(serialize_repr = "list")]
pub enum OrgPermission {
    /// See the members list.
    ViewMembers,
    /// Invite people and bulk-import them.
    InviteMembers,
    /// Resend, revoke and edit pending invitations.
    ManageInvitations,
    /// Change the org role of members.
    ChangeMemberRoles,
    /// Suspend, reactivate and remove members.
    RemoveMembers,
    /// Create, rename and delete groups and change who is in them.
    ManageGroups,
    /// Create projects.
    CreateProjects,
    /// See every project of the org, not only one's own.
    ListAllProjects,
    /// Make oneself owner of any project of the org (R11).
    ClaimProjectOwnership,
    /// Move an existing project under the organization (Dataloop).
    SetProjectUnderOrg,
    /// Create and revoke API keys.
    ManageApiKeys,
    /// See the org's integrations.
    ViewIntegrations,
    /// Create, update and delete integrations.
    ManageIntegrations,
    /// Read the audit log.
    ViewAuditLog,
    /// Org settings, seat limit, rename, deactivate and reactivate the org.
    ManageSettings,
    /// Payment methods, usage and invoices (Plainsight).
    ManageBilling,
    /// Delete the organization.
    DeleteOrg,
    /// Hand the Owner role to another member (R4).
    TransferOwnership,
    /// Ask the decision point whether *another* member may act (R18).
    QueryDecisions,
}

/// A permission inside one project (PRODUCT §3, project permissions).
#[derive(EnumSetType, Debug, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[enumset(serialize_repr = "list")]
pub enum ProjectPermission {
    /// See the project, its datasets and images.
    ViewProject,
    /// Label items.
    Label,
    /// Review labels.
    Review,
    /// Edit existing labels.
    EditLabels,
    /// Create and edit saved views.
    ManageViews,
    /// Create label definitions (the ontology).
    DefineLabels,
    /// Create datasets and upload data.
    ManageDatasets,
    /// Add datasources (cameras, buckets).
    ManageDatasources,
    /// Lock dataset versions.
    LockVersions,
    /// Export datasets.
    Export,
    /// Create models and model versions.
    ManageModels,
    /// Run, deploy and test models.
    RunModels,
    /// Configure inference pipelines and alerts.
    ConfigurePipelines,
    /// Create tasks and assign people and groups to them.
    ManageTasks,
    /// Add and remove project members and set their project roles.
    ManageProjectMembers,
    /// Delete datasets and models created by someone else.
    DeleteAnyArtifact,
}

/// A set of org permissions; copied, compared as sets, never ordered.
pub type OrgPermissions = EnumSet<OrgPermission>;
/// A set of project permissions.
pub type ProjectPermissions = EnumSet<ProjectPermission>;

impl OrgPermission {
    /// What the permission lets one do, as a verb phrase ("invite members").
    pub const fn verb(self) -> &'static str {
        match self {
            Self::ViewMembers => "view members",
            Self::InviteMembers => "invite members",
            Self::ManageInvitations => "resend, revoke or edit invitations",
            Self::ChangeMemberRoles => "change member roles",
            Self::RemoveMembers => "suspend, reactivate or remove members",
            Self::ManageGroups => "manage groups",
            Self::CreateProjects => "create projects",
            Self::ListAllProjects => "list all projects of the organization",
            Self::ClaimProjectOwnership => "claim project ownership",
            Self::SetProjectUnderOrg => "set a project under the organization",
            Self::ManageApiKeys => "manage API keys",
            Self::ViewIntegrations => "view integrations",
            Self::ManageIntegrations => "manage integrations",
            Self::ViewAuditLog => "view the audit log",
            Self::ManageSettings => "change organization settings",
            Self::ManageBilling => "manage billing",
            Self::DeleteOrg => "delete the organization",
            Self::TransferOwnership => "transfer ownership",
            Self::QueryDecisions => "ask whether other members may act",
        }
    }

    /// A short column label for the Roles table.
    pub const fn label(self) -> &'static str {
        match self {
            Self::ViewMembers => "View members",
            Self::InviteMembers => "Invite members",
            Self::ManageInvitations => "Resend / revoke / edit invitations",
            Self::ChangeMemberRoles => "Change member roles",
            Self::RemoveMembers => "Suspend / reactivate / remove members",
            Self::ManageGroups => "Manage groups",
            Self::CreateProjects => "Create projects",
            Self::ListAllProjects => "List all org projects",
            Self::ClaimProjectOwnership => "Claim project ownership",
            Self::SetProjectUnderOrg => "Set a project under the org",
            Self::ManageApiKeys => "Manage API keys",
            Self::ViewIntegrations => "View integrations",
            Self::ManageIntegrations => "Manage integrations",
            Self::ViewAuditLog => "View audit log",
            Self::ManageSettings => "Org settings, seats, rename, deactivate",
            Self::ManageBilling => "Manage billing",
            Self::DeleteOrg => "Delete org",
            Self::TransferOwnership => "Transfer ownership",
            Self::QueryDecisions => "Query decisions about others",
        }
    }
}

impl ProjectPermission {
    /// What the permission lets one do, as a verb phrase.
    pub const fn verb(self) -> &'static str {
        match self {
            Self::ViewProject => "view this project",
            Self::Label => "label",
            Self::Review => "review labels",
            Self::EditLabels => "edit labels",
            Self::ManageViews => "manage views",
            Self::DefineLabels => "define labels",
            Self::ManageDatasets => "manage datasets",
            Self::ManageDatasources => "add datasources",
            Self::LockVersions => "lock dataset versions",
            Self::Export => "export datasets",
            Self::ManageModels => "manage models",
            Self::RunModels => "run or deploy models",
            Self::ConfigurePipelines => "configure pipelines and alerts",
            Self::ManageTasks => "manage tasks",
            Self::ManageProjectMembers => "manage project members",
            Self::DeleteAnyArtifact => "delete artifacts created by others",
        }
    }

    /// A short column label for the Roles table.
    pub const fn label(self) -> &'static str {
        match self {
            Self::ViewProject => "View project",
            Self::Label => "Label",
            Self::Review => "Review",
            Self::EditLabels => "Edit labels",
            Self::ManageViews => "Views",
            Self::DefineLabels => "Define labels",
            Self::ManageDatasets => "Datasets",
            Self::ManageDatasources => "Datasources",
            Self::LockVersions => "Lock versions",
            Self::Export => "Export",
            Self::ManageModels => "Models",
            Self::RunModels => "Run / deploy models",
            Self::ConfigurePipelines => "Pipelines & alerts",
            Self::ManageTasks => "Manage tasks",
            Self::ManageProjectMembers => "Project members",
            Self::DeleteAnyArtifact => "Delete any artifact",
        }
    }
}
