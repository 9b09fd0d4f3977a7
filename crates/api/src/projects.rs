//! Projects, groups, tasks and assignments.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use crate::text;

/// `POST /orgs/{org}/projects`, `POST …/groups`, `PATCH …/groups/{g}`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Named {
    /// Name.
    #[cfg_attr(feature = "openapi", schema(value_type = text::NameText))]
    pub name: String,
}

/// A project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// The owner (its Manager).
    pub owner_id: i64,
    /// The owner's name.
    #[serde(default)]
    pub owner_name: String,
    /// What the viewer holds in this project (org baseline, ownership,
    /// direct and group roles): the client asks the permissions crate which
    /// project controls to show, from the same facts the server decides on.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub access: permissions::ProjectAccess,
}

/// `GET /orgs/{org}/members/{user}/projects`: a project the member is on,
/// with where their standing comes from, so a page can offer "change
/// role" where a direct role exists and name the group that gives one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberProjectView {
    /// The project, with what the *viewer* holds in it.
    pub project: ProjectView,
    /// Whether the member owns it.
    pub owner: bool,
    /// The member's direct project role, if any.
    pub role: Option<String>,
    /// (group name, project role) for each of the member's groups on it.
    pub via_groups: Vec<(String, String)>,
}

/// `GET /orgs/{org}/projects/{project}/members`: one person on a project,
/// with their direct role and what each of their groups gives (R12).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectMemberView {
    /// The member.
    pub user_id: i64,
    /// Display name.
    pub name: String,
    /// Email, only for viewers whose org role may view members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Their direct project role, if any.
    pub role: Option<String>,
    /// (group name, project role) for each of their groups on the project.
    pub via_groups: Vec<(String, String)>,
}

/// A project role to give (`PUT …/members/{user}`, `PUT …/groups/{g}`).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProjectRoleBody {
    /// Project role key (`reviewer`).
    #[cfg_attr(feature = "openapi", schema(value_type = text::RoleKey))]
    pub role: String,
}

/// A group and how many members it has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Members.
    pub members: i64,
}

/// `POST …/tasks`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateTask {
    /// Name.
    #[cfg_attr(feature = "openapi", schema(value_type = text::NameText))]
    pub name: String,
    /// How it hands out work.
    pub mode: crate::TaskMode,
}

/// A task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// How it hands out work.
    pub mode: crate::TaskMode,
}

/// One assignee's assignment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentView {
    /// The assignee.
    pub user_id: i64,
    /// Their name.
    pub name: String,
    /// Whether it counts.
    pub status: crate::AssignmentStatus,
    /// The group it came through, if any.
    pub group_id: Option<i64>,
}

/// A member of a group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupMember {
    /// User id.
    pub user_id: i64,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
}
