//! What a member holds in projects, the facts R12 unites: the org role's
//! baseline, ownership, a direct role and every group's role; a key holds
//! only its org role's baseline (R17).

use permissions::{ProjectAccess, ProjectPermissions};
use sqlx::AnyConnection;

use super::OrgContext;
use crate::error::{ApiError, ApiResult};

/// What the caller holds in `project`, before R12 unites it: the org role's
/// baseline, ownership, the direct role and every group's role.
pub async fn project_access(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    project: &crate::db::projects::Project,
) -> ApiResult<ProjectAccess> {
    use crate::db::projects;
    if ctx.key.is_some() {
        return Ok(key_project_access(ctx));
    }
    let perms = |key: &str| {
        ctx.template
            .project_role(key)
            .map(|r| r.permissions)
            .unwrap_or_default()
    };
    let direct = projects::direct_role(&mut *conn, project.id, ctx.me.user_id)
        .await?
        .map(|r| perms(&r))
        .unwrap_or_default();
    let groups = projects::group_roles(&mut *conn, project.id, ctx.me.user_id)
        .await?
        .iter()
        .fold(permissions::ProjectPermissions::empty(), |acc, r| {
            acc | perms(r)
        });
    Ok(ProjectAccess {
        baseline: ctx.actor.grant.projects,
        owner: project.owner_id == ctx.me.user_id,
        direct,
        groups,
    })
}

/// What the caller holds in each of `list`, as [`project_access`] gives
/// it for one, from a single query.
pub async fn projects_access(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    list: &[crate::db::projects::Project],
) -> ApiResult<Vec<ProjectAccess>> {
    if ctx.key.is_some() {
        return Ok(list.iter().map(|_| key_project_access(ctx)).collect());
    }
    let mut held: std::collections::HashMap<i64, (ProjectPermissions, ProjectPermissions)> =
        std::collections::HashMap::new();
    for (project, key, via_group) in
        crate::db::projects::roles_of_user(&mut *conn, ctx.org.id, ctx.me.user_id).await?
    {
        let perms = ctx
            .template
            .project_role(&key)
            .map(|r| r.permissions)
            .unwrap_or_default();
        let entry = held.entry(project).or_default();
        if via_group {
            entry.1 |= perms;
        } else {
            entry.0 |= perms;
        }
    }
    Ok(list
        .iter()
        .map(|p| {
            let (direct, groups) = held.get(&p.id).copied().unwrap_or_default();
            ProjectAccess {
                baseline: ctx.actor.grant.projects,
                owner: p.owner_id == ctx.me.user_id,
                direct,
                groups,
            }
        })
        .collect())
}

/// A key acts with its org role alone (R17): the project permissions that
/// role holds on every project, none of its owner's own project roles or
/// ownership.
fn key_project_access(ctx: &OrgContext) -> ProjectAccess {
    ProjectAccess {
        baseline: ctx.actor.grant.projects,
        owner: false,
        direct: ProjectPermissions::empty(),
        groups: ProjectPermissions::empty(),
    }
}

/// A project role's permissions, or 422 if the template has no such role.
pub fn project_role(ctx: &OrgContext, key: &str) -> ApiResult<permissions::ProjectPermissions> {
    ctx.template
        .project_role(key)
        .map(|r| r.permissions)
        .ok_or_else(|| {
            ApiError::invalid(
                "role",
                format!(
                    "no project role {key:?} in the {} template",
                    ctx.template.name
                ),
            )
        })
}
