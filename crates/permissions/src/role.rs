//! Roles and role templates: named permission sets, read as data.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::facts::Grant;
use crate::permission::{OrgPermissions, ProjectPermissions};

/// An organization role: a named set of permissions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgRole {
    /// Stable identifier stored in memberships (`"admin"`).
    pub key: Cow<'static, str>,
    /// Display name (`"Admin"`).
    pub name: Cow<'static, str>,
    /// One sentence on what the role is for.
    pub description: Cow<'static, str>,
    /// Org permissions.
    pub org: OrgPermissions,
    /// Project permissions held on every project of the org (Owner and Admin
    /// act as project Manager everywhere; org-wide roles such as Plainsight's).
    pub projects: ProjectPermissions,
    /// The one protected Owner role (R4). Never granted, only transferred.
    pub owner: bool,
}

impl OrgRole {
    /// The role's permissions as decision facts.
    pub fn grant(&self) -> Grant {
        Grant {
            org: self.org,
            projects: self.projects,
            owner: self.owner,
            key: false,
        }
    }
}

/// A project role: a named set of project permissions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRole {
    /// Stable identifier (`"reviewer"`).
    pub key: Cow<'static, str>,
    /// Display name.
    pub name: Cow<'static, str>,
    /// One sentence on what the role is for.
    pub description: Cow<'static, str>,
    /// What the role may do in the project.
    pub permissions: ProjectPermissions,
}

/// A role template: the org roles and project roles an organization uses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    /// Stable identifier (`"dataloop"`).
    pub key: Cow<'static, str>,
    /// Display name.
    pub name: Cow<'static, str>,
    /// Org roles, listed from most to least powerful for display only: no
    /// rule reads this order (R2 and R3 compare permission sets).
    pub org_roles: Vec<OrgRole>,
    /// Project roles, listed most to least powerful for display only.
    pub project_roles: Vec<ProjectRole>,
    /// Key of the highest role auto-join may give (R13: "never above Member").
    pub auto_join_ceiling: Cow<'static, str>,
    /// Key of the role the old Owner takes when ownership is transferred
    /// (R4): named by the template, never guessed from the list's order.
    pub owner_successor: Cow<'static, str>,
}

impl Template {
    /// The org role with this key.
    pub fn org_role(&self, key: &str) -> Option<&OrgRole> {
        self.org_roles.iter().find(|r| r.key == key)
    }

    /// The project role with this key.
    pub fn project_role(&self, key: &str) -> Option<&ProjectRole> {
        self.project_roles.iter().find(|r| r.key == key)
    }

    /// The template's Owner role.
    pub fn owner_role(&self) -> Option<&OrgRole> {
        self.org_roles.iter().find(|r| r.owner)
    }

    /// The role the old Owner takes on a transfer of ownership (R4).
    pub fn owner_successor(&self) -> Option<&OrgRole> {
        self.org_role(&self.owner_successor).filter(|r| !r.owner)
    }

    /// The grant of the auto-join ceiling role (R13).
    pub fn auto_join_ceiling(&self) -> Option<Grant> {
        self.org_role(&self.auto_join_ceiling).map(OrgRole::grant)
    }
}
