//! `/orgs/{org}/projects/{project}/members`: who is on a project, directly
//! or through a group (R12), and giving or taking a direct project role
//! (R2 over project permissions). Seed 003's "Manage users"; seed 004's
//! contributors.

use api::projects::{ProjectMemberView, ProjectRoleBody};
use axum::extract::State;
use axum::http::StatusCode;
use permissions::{Action, OrgPermission, ProjectPermission, decide};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{OrgPath, ProjectPath, Refused, UserPath};
use super::projects::{locked_project, readable_project};
use crate::access::{self, project_role};
use crate::caller::{Caller, Reader};
use crate::change;
use crate::db::{members, projects};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(set_member, remove_member))
}

/// Everyone on the project, for those who may see it: each with their
/// direct role and each group's role, by name.
#[utoipa::path(
    get,
    path = "/orgs/{org}/projects/{project}/members",
    operation_id = "list_project_members",
    tag = "projects",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, ProjectPath),
    responses((status = 200, body = Vec<ProjectMemberView>), Refused)
)]
pub(super) async fn list(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path((org, id)): Path<(i64, i64)>,
) -> ApiResult<Json<Vec<ProjectMemberView>>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    readable_project(&mut conn, &ctx, id, now).await?;
    // Addresses are member data: only for those who may view members.
    let emails = decide(now, &ctx.actor, &Action::Org(OrgPermission::ViewMembers)).is_allowed();
    let mut out: Vec<ProjectMemberView> = Vec::new();
    for (user_id, name, email, group, role) in projects::people(&mut conn, id).await? {
        if out.last().is_none_or(|m| m.user_id != user_id) {
            out.push(ProjectMemberView {
                user_id,
                name,
                email: emails.then_some(email),
                role: None,
                via_groups: Vec::new(),
            });
        }
        if let Some(m) = out.last_mut() {
            match group {
                Some(g) => m.via_groups.push((g, role)),
                None => m.role = Some(role),
            }
        }
    }
    Ok(Json(out))
}

/// Gives a member a project role (R2 over project permissions).
#[utoipa::path(
    put,
    path = "/orgs/{org}/projects/{project}/members/{user}",
    operation_id = "set_project_member",
    tag = "projects",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, ProjectPath, UserPath),
    request_body = ProjectRoleBody,
    responses((status = 204), Refused)
)]
pub(super) async fn set_member(
    State(state): State<AppState>,
    user: Caller,
    Path((org, id, target)): Path<(i64, i64, i64)>,
    Json(body): Json<ProjectRoleBody>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx, _, access) = locked_project(&state, org, &user, id).await?;
    let role = project_role(&ctx, &body.role)?;
    decide(now, &ctx.actor, &Action::GrantProjectRole { role, access }).into_result()?;
    members::find(&mut tx, org, target)
        .await?
        .ok_or(ApiError::NotFound)?;
    projects::set_member(&mut tx, id, target, &body.role).await?;
    change::audit(
        &mut tx,
        &ctx,
        ("project.member_set", "project", id),
        json!({"user": target, "role": body.role}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    delete,
    path = "/orgs/{org}/projects/{project}/members/{user}",
    operation_id = "remove_project_member",
    tag = "projects",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, ProjectPath, UserPath),
    responses((status = 204), Refused)
)]
pub(super) async fn remove_member(
    State(state): State<AppState>,
    user: Caller,
    Path((org, id, target)): Path<(i64, i64, i64)>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx, _, access) = locked_project(&state, org, &user, id).await?;
    decide(
        now,
        &ctx.actor,
        &Action::Project {
            permission: ProjectPermission::ManageProjectMembers,
            access,
        },
    )
    .into_result()?;
    if !projects::remove_member(&mut tx, id, target).await? {
        return Err(ApiError::NotFound);
    }
    change::audit(
        &mut tx,
        &ctx,
        ("project.member_removed", "project", id),
        json!({"user": target}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
