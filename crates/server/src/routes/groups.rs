//! `/orgs/{org}/groups`: create, rename, delete, members in and out. Who
//! leaves a group loses what it gave at once (R12).

use api::projects::{GroupMember, GroupView, Named};
use axum::extract::State;
use axum::http::StatusCode;
use permissions::{Action, OrgPermission, decide};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{GroupPath, OrgPath, Refused, UserPath};
use crate::access::{self, OrgContext};
use crate::caller::{Caller, Reader};
use crate::change::{self, locked};
use crate::db::{Tx, groups, members};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::state::AppState;
use crate::validate;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(rename, remove))
        .routes(routes!(add_member, remove_member))
        .routes(routes!(members_of))
}

/// Locks the org and checks "manage groups".
async fn managing(state: &AppState, org: i64, user: &Caller) -> ApiResult<(Tx, OrgContext)> {
    let (tx, ctx) = locked(state, org, user).await?;
    decide(
        state.clock.now(),
        &ctx.actor,
        &Action::Org(OrgPermission::ManageGroups),
    )
    .into_result()?;
    Ok((tx, ctx))
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/groups",
    operation_id = "list_groups",
    tag = "groups",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath),
    responses((status = 200, body = Vec<GroupView>), Refused)
)]
pub(super) async fn list(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path(org): Path<i64>,
) -> ApiResult<Json<Vec<GroupView>>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    decide(now, &ctx.actor, &Action::Org(OrgPermission::ViewMembers)).into_result()?;
    let rows = groups::list(&mut conn, org).await?;
    Ok(Json(
        rows.into_iter()
            .map(|(id, name, members)| GroupView { id, name, members })
            .collect(),
    ))
}

#[utoipa::path(
    post,
    path = "/orgs/{org}/groups",
    operation_id = "create_group",
    tag = "groups",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath),
    request_body = Named,
    responses((status = 201, body = GroupView), Refused)
)]
pub(super) async fn create(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
    Json(body): Json<Named>,
) -> ApiResult<(StatusCode, Json<GroupView>)> {
    let name = validate::name("name", &body.name)?;
    let now = state.clock.now();
    let (mut tx, ctx) = managing(&state, org, &user).await?;
    let id = groups::create(&mut tx, org, &name, now).await?;
    change::audit(
        &mut tx,
        &ctx,
        ("group.created", "group", id),
        json!({"name": name}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(GroupView {
            id,
            name,
            members: 0,
        }),
    ))
}

#[utoipa::path(
    patch,
    path = "/orgs/{org}/groups/{group}",
    operation_id = "rename_group",
    tag = "groups",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, GroupPath),
    request_body = Named,
    responses((status = 204), Refused)
)]
pub(super) async fn rename(
    State(state): State<AppState>,
    user: Caller,
    Path((org, group)): Path<(i64, i64)>,
    Json(body): Json<Named>,
) -> ApiResult<StatusCode> {
    let name = validate::name("name", &body.name)?;
    let now = state.clock.now();
    let (mut tx, ctx) = managing(&state, org, &user).await?;
    groups::by_id(&mut tx, org, group)
        .await?
        .ok_or(ApiError::NotFound)?;
    groups::rename(&mut tx, group, &name).await?;
    change::audit(
        &mut tx,
        &ctx,
        ("group.renamed", "group", group),
        json!({"name": name}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    delete,
    path = "/orgs/{org}/groups/{group}",
    operation_id = "delete_group",
    tag = "groups",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, GroupPath),
    responses((status = 204), Refused)
)]
pub(super) async fn remove(
    State(state): State<AppState>,
    user: Caller,
    Path((org, group)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx) = managing(&state, org, &user).await?;
    let g = groups::by_id(&mut tx, org, group)
        .await?
        .ok_or(ApiError::NotFound)?;
    groups::delete(&mut tx, group).await?;
    change::audit(
        &mut tx,
        &ctx,
        ("group.deleted", "group", group),
        json!({"name": g.name}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A member joins: they get an assignment in the group's pull tasks.
#[utoipa::path(
    put,
    path = "/orgs/{org}/groups/{group}/members/{user}",
    operation_id = "add_group_member",
    tag = "groups",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, GroupPath, UserPath),
    responses((status = 204), Refused)
)]
pub(super) async fn add_member(
    State(state): State<AppState>,
    user: Caller,
    Path((org, group, target)): Path<(i64, i64, i64)>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx) = managing(&state, org, &user).await?;
    groups::by_id(&mut tx, org, group)
        .await?
        .ok_or(ApiError::NotFound)?;
    members::find(&mut tx, org, target)
        .await?
        .ok_or(ApiError::NotFound)?;
    groups::add_member(&mut tx, group, target).await?;
    change::audit(
        &mut tx,
        &ctx,
        ("group.member_added", "group", group),
        json!({"user": target}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A member leaves: what the group gave goes, assignments turn inactive.
#[utoipa::path(
    delete,
    path = "/orgs/{org}/groups/{group}/members/{user}",
    operation_id = "remove_group_member",
    tag = "groups",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, GroupPath, UserPath),
    responses((status = 204), Refused)
)]
pub(super) async fn remove_member(
    State(state): State<AppState>,
    user: Caller,
    Path((org, group, target)): Path<(i64, i64, i64)>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx) = managing(&state, org, &user).await?;
    groups::by_id(&mut tx, org, group)
        .await?
        .ok_or(ApiError::NotFound)?;
    if !groups::remove_member(&mut tx, group, target).await? {
        return Err(ApiError::NotFound);
    }
    change::audit(
        &mut tx,
        &ctx,
        ("group.member_removed", "group", group),
        json!({"user": target}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/groups/{group}/members",
    operation_id = "list_group_members",
    tag = "groups",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, GroupPath),
    responses((status = 200, body = Vec<GroupMember>), Refused)
)]
pub(super) async fn members_of(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path((org, group)): Path<(i64, i64)>,
) -> ApiResult<Json<Vec<GroupMember>>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    decide(now, &ctx.actor, &Action::Org(OrgPermission::ViewMembers)).into_result()?;
    groups::by_id(&mut conn, org, group)
        .await?
        .ok_or(ApiError::NotFound)?;
    let rows = groups::member_list(&mut conn, org, group).await?;
    Ok(Json(
        rows.into_iter()
            .map(|(user_id, name, email)| GroupMember {
                user_id,
                name,
                email,
            })
            .collect(),
    ))
}
