//! `/orgs/{org}/projects/{project}/tasks`: tasks, their assignees (users
//! or, for pull tasks only, groups) and each assignment's status.

use api::projects::{AssignmentView, CreateTask, TaskView};
use axum::extract::State;
use axum::http::StatusCode;
use permissions::{Action, ProjectPermission, TaskMode, decide};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{GroupPath, OrgPath, ProjectPath, Refused, TaskPath, UserPath};
use crate::access;
use crate::caller::{Caller, Reader};
use crate::db::audit::{self, Event};
use crate::db::{groups, members, tasks};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::routes::projects::{locked_project, readable_project};
use crate::state::AppState;
use crate::validate;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(assign_group))
        .routes(routes!(assign_user))
        .routes(routes!(assignments))
}

fn mode(s: &str) -> ApiResult<TaskMode> {
    match s {
        "pull" => Ok(TaskMode::Pull),
        "distribution" => Ok(TaskMode::Distribution),
        _ => Err(ApiError::invalid("mode", "pull or distribution")),
    }
}

#[utoipa::path(
    post,
    path = "/orgs/{org}/projects/{project}/tasks",
    operation_id = "create_task",
    tag = "tasks",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, ProjectPath),
    request_body = CreateTask,
    responses((status = 201, body = TaskView), Refused)
)]
pub(super) async fn create(
    State(state): State<AppState>,
    user: Caller,
    Path((org, project)): Path<(i64, i64)>,
    Json(body): Json<CreateTask>,
) -> ApiResult<(StatusCode, Json<TaskView>)> {
    let name = validate::name("name", &body.name)?;
    let now = state.clock.now();
    let (mut tx, ctx, _, access) = locked_project(&state, org, &user, project).await?;
    decide(
        now,
        &ctx.actor,
        &Action::Project {
            permission: ProjectPermission::ManageTasks,
            access,
        },
    )
    .into_result()?;
    let id = tasks::create(&mut tx, project, &name, body.mode.as_str(), now).await?;
    audit::record(
        &mut tx,
        Event {
            after: Some(json!({"name": name, "mode": body.mode, "project": project})),
            ..ctx.event("task.created", "task", id)
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(TaskView {
            id,
            name,
            mode: body.mode,
        }),
    ))
}

/// R12: only pull tasks take groups; each member gets an assignment.
#[utoipa::path(
    put,
    path = "/orgs/{org}/projects/{project}/tasks/{task}/groups/{group}",
    operation_id = "assign_task_group",
    tag = "tasks",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, ProjectPath, TaskPath, GroupPath),
    responses((status = 204), Refused)
)]
pub(super) async fn assign_group(
    State(state): State<AppState>,
    user: Caller,
    Path((org, project, task, group)): Path<(i64, i64, i64, i64)>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx, _, access) = locked_project(&state, org, &user, project).await?;
    let t = tasks::by_id(&mut tx, project, task)
        .await?
        .ok_or(ApiError::NotFound)?;
    groups::by_id(&mut tx, org, group)
        .await?
        .ok_or(ApiError::NotFound)?;
    decide(
        now,
        &ctx.actor,
        &Action::AssignGroupToTask {
            mode: mode(&t.mode)?,
            access,
        },
    )
    .into_result()?;
    tasks::assign_group(&mut tx, task, group).await?;
    audit::record(
        &mut tx,
        Event {
            after: Some(json!({"group": group})),
            ..ctx.event("task.group_assigned", "task", task)
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    put,
    path = "/orgs/{org}/projects/{project}/tasks/{task}/users/{user}",
    operation_id = "assign_task_user",
    tag = "tasks",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, ProjectPath, TaskPath, UserPath),
    responses((status = 204), Refused)
)]
pub(super) async fn assign_user(
    State(state): State<AppState>,
    user: Caller,
    Path((org, project, task, target)): Path<(i64, i64, i64, i64)>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx, _, access) = locked_project(&state, org, &user, project).await?;
    tasks::by_id(&mut tx, project, task)
        .await?
        .ok_or(ApiError::NotFound)?;
    members::find(&mut tx, org, target)
        .await?
        .ok_or(ApiError::NotFound)?;
    decide(
        now,
        &ctx.actor,
        &Action::Project {
            permission: ProjectPermission::ManageTasks,
            access,
        },
    )
    .into_result()?;
    tasks::assign_user(&mut tx, task, target).await?;
    audit::record(
        &mut tx,
        Event {
            after: Some(json!({"user": target})),
            ..ctx.event("task.user_assigned", "task", task)
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/projects/{project}/tasks/{task}/assignments",
    operation_id = "list_task_assignments",
    tag = "tasks",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, ProjectPath, TaskPath),
    responses((status = 200, body = Vec<AssignmentView>), Refused)
)]
pub(super) async fn assignments(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path((org, project, task)): Path<(i64, i64, i64)>,
) -> ApiResult<Json<Vec<AssignmentView>>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    readable_project(&mut conn, &ctx, project, now).await?;
    tasks::by_id(&mut conn, project, task)
        .await?
        .ok_or(ApiError::NotFound)?;
    let rows = tasks::assignments(&mut conn, task).await?;
    Ok(Json(
        rows.into_iter()
            .map(|(user_id, name, status, group_id)| AssignmentView {
                user_id,
                name,
                status: api::AssignmentStatus::parse(&status)
                    .unwrap_or(api::AssignmentStatus::Inactive),
                group_id,
            })
            .collect(),
    ))
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/projects/{project}/tasks",
    operation_id = "list_tasks",
    tag = "tasks",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, ProjectPath),
    responses((status = 200, body = Vec<TaskView>), Refused)
)]
pub(super) async fn list(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path((org, project)): Path<(i64, i64)>,
) -> ApiResult<Json<Vec<TaskView>>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    readable_project(&mut conn, &ctx, project, now).await?;
    let rows = tasks::of_project(&mut conn, project).await?;
    Ok(Json(
        rows.into_iter()
            .map(|t| TaskView {
                id: t.id,
                name: t.name,
                mode: api::TaskMode::parse(&t.mode).unwrap_or(api::TaskMode::Pull),
            })
            .collect(),
    ))
}
