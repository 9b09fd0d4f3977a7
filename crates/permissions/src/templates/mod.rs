//! The built-in role templates: Roster's default and the five seed
//! platforms' own role sets, each reproducing its seed document.
//!
//! Every template has one protected Owner role (R4), even where the seed
//! names none: Roster needs exactly one Owner per org. The seed's own roles
//! follow it unchanged.

mod animl;
mod dataloop;
mod default;
mod labeling;
mod mlops;
mod plainsight;

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::permission::{OrgPermission, OrgPermissions, ProjectPermission, ProjectPermissions};
use crate::role::{OrgRole, ProjectRole, Template};

pub use default::default_template;

/// Every built-in template, the default first.
pub fn all() -> &'static [Template] {
    static ALL: OnceLock<Vec<Template>> = OnceLock::new();
    ALL.get_or_init(|| {
        vec![
            default::default_template(),
            plainsight::template(),
            mlops::template(),
            labeling::template(),
            animl::template(),
            dataloop::template(),
        ]
    })
}

/// The built-in template with this key.
pub fn by_key(key: &str) -> Option<&'static Template> {
    all().iter().find(|t| t.key == key)
}

pub(crate) fn org(perms: &[OrgPermission]) -> OrgPermissions {
    perms.iter().copied().collect()
}

pub(crate) fn project(perms: &[ProjectPermission]) -> ProjectPermissions {
    perms.iter().copied().collect()
}

pub(crate) fn org_role(
    key: &'static str,
    name: &'static str,
    description: &'static str,
    org: OrgPermissions,
    projects: ProjectPermissions,
) -> OrgRole {
    OrgRole {
        key: Cow::Borrowed(key),
        name: Cow::Borrowed(name),
        description: Cow::Borrowed(description),
        org,
        projects,
        owner: false,
    }
}

/// The protected Owner: every permission, on the org and on every project.
pub(crate) fn owner_role(description: &'static str) -> OrgRole {
    OrgRole {
        owner: true,
        ..org_role(
            "owner",
            "Owner",
            description,
            OrgPermissions::all(),
            ProjectPermissions::all(),
        )
    }
}

pub(crate) fn project_role(
    key: &'static str,
    name: &'static str,
    description: &'static str,
    permissions: ProjectPermissions,
) -> ProjectRole {
    ProjectRole {
        key: Cow::Borrowed(key),
        name: Cow::Borrowed(name),
        description: Cow::Borrowed(description),
        permissions,
    }
}

pub(crate) fn build(
    key: &'static str,
    name: &'static str,
    org_roles: Vec<OrgRole>,
    project_roles: Vec<ProjectRole>,
    auto_join_ceiling: &'static str,
    owner_successor: &'static str,
) -> Template {
    Template {
        key: Cow::Borrowed(key),
        name: Cow::Borrowed(name),
        org_roles,
        project_roles,
        auto_join_ceiling: Cow::Borrowed(auto_join_ceiling),
        owner_successor: Cow::Borrowed(owner_successor),
    }
}
