//! `/orgs/{org}/projects`: create, list (all for those allowed, else one's
//! own), claim ownership (R11), a group's project role (R2, R12), and a
//! member's projects (seed 002). The people on one project are in
//! `project_members.rs`.

use api::projects::{MemberProjectView, Named, ProjectRoleBody, ProjectView};
use axum::extract::State;
use axum::http::StatusCode;
use permissions::{Action, OrgPermission, ProjectAccess, ProjectPermission, decide};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{GroupPath, OrgPath, ProjectPath, Refused, UserPath};
use crate::access::{self, OrgContext, project_access, project_role, projects_access};
use crate::caller::{Caller, Reader};
use crate::change::{self, locked};
use crate::db::audit::{self, Event};
use crate::db::projects::{self, Project};
use crate::db::{Tx, groups};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::state::AppState;
use crate::validate;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(read))
        .routes(routes!(claim))
        .routes(routes!(set_group))
        .routes(routes!(of_member))
}

fn view(p: &Project, access: ProjectAccess) -> ProjectView {
    ProjectView {
        id: p.id,
        name: p.name.clone(),
        owner_id: p.owner_id,
        owner_name: p.owner_name.clone(),
        access,
    }
}

/// Projects as the caller sees them, each with what the caller holds in it.
async fn views(
    conn: &mut sqlx::AnyConnection,
    ctx: &OrgContext,
    rows: &[Project],
) -> ApiResult<Vec<ProjectView>> {
    let access = projects_access(conn, ctx, rows).await?;
    Ok(rows.iter().zip(access).map(|(p, a)| view(p, a)).collect())
}

/// One project as the caller sees it.
async fn view_one(
    conn: &mut sqlx::AnyConnection,
    ctx: &OrgContext,
    id: i64,
) -> ApiResult<ProjectView> {
    let p = project(conn, ctx, id).await?;
    let access = project_access(conn, ctx, &p).await?;
    Ok(view(&p, access))
}

pub(super) async fn project(
    conn: &mut sqlx::AnyConnection,
    ctx: &OrgContext,
    id: i64,
) -> ApiResult<Project> {
    projects::by_id(conn, ctx.org.id, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The project `id` and what the caller holds in it, if the caller may see
/// it: holders of "list all org projects" see every project, others need
/// "view project" there (R1, R12). The start of every read inside one.
pub(super) async fn readable_project(
    conn: &mut sqlx::AnyConnection,
    ctx: &OrgContext,
    id: i64,
    now: i64,
) -> ApiResult<(Project, ProjectAccess)> {
    let p = project(conn, ctx, id).await?;
    let access = project_access(conn, ctx, &p).await?;
    may_open(ctx, access, now).into_result()?;
    Ok((p, access))
}

/// Whether the caller may open a project where they hold `access`: with
/// "list all org projects" every one, else with "view project" there (R1,
/// R12). The list and a single read ask exactly this.
pub(super) fn may_open(ctx: &OrgContext, access: ProjectAccess, now: i64) -> permissions::Decision {
    let all = decide(
        now,
        &ctx.actor,
        &Action::Org(OrgPermission::ListAllProjects),
    );
    if all.is_allowed() {
        return all;
    }
    decide(
        now,
        &ctx.actor,
        &Action::Project {
            permission: ProjectPermission::ViewProject,
            access,
        },
    )
}

/// Locks the org and loads the caller, the project and what the caller
/// holds in it: the start of every change inside a project.
pub(super) async fn locked_project(
    state: &AppState,
    org: i64,
    user: &Caller,
    id: i64,
) -> ApiResult<(Tx, OrgContext, Project, ProjectAccess)> {
    let (mut tx, ctx) = locked(state, org, user).await?;
    let p = project(&mut tx, &ctx, id).await?;
    let access = project_access(&mut tx, &ctx, &p).await?;
    Ok((tx, ctx, p, access))
}

#[utoipa::path(
    post,
    path = "/orgs/{org}/projects",
    operation_id = "create_project",
    tag = "projects",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath),
    request_body = Named,
    responses((status = 201, body = ProjectView), Refused)
)]
pub(super) async fn create(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
    Json(body): Json<Named>,
) -> ApiResult<(StatusCode, Json<ProjectView>)> {
    let name = validate::name("name", &body.name)?;
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    decide(now, &ctx.actor, &Action::Org(OrgPermission::CreateProjects)).into_result()?;
    let id = projects::create(&mut tx, org, &name, user.id, now).await?;
    change::audit(
        &mut tx,
        &ctx,
        ("project.created", "project", id),
        json!({"name": name, "owner": user.id}),
        now,
    )
    .await?;
    let v = view_one(&mut tx, &ctx, id).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// The projects the caller may open: all of them with "list all org
/// projects", else those where their project role may view it.
#[utoipa::path(
    get,
    path = "/orgs/{org}/projects",
    operation_id = "list_projects",
    tag = "projects",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath),
    responses((status = 200, body = Vec<ProjectView>), Refused)
)]
pub(super) async fn list(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path(org): Path<i64>,
) -> ApiResult<Json<Vec<ProjectView>>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    // Exactly the projects a read would open for this viewer.
    let rows = projects::all(&mut conn, org).await?;
    let access = projects_access(&mut conn, &ctx, &rows).await?;
    let open: Vec<ProjectView> = rows
        .iter()
        .zip(access)
        .filter(|(_, a)| may_open(&ctx, *a, now).is_allowed())
        .map(|(p, a)| view(p, a))
        .collect();
    Ok(Json(open))
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/projects/{project}",
    operation_id = "read_project",
    tag = "projects",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, ProjectPath),
    responses((status = 200, body = ProjectView), Refused)
)]
pub(super) async fn read(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path((org, id)): Path<(i64, i64)>,
) -> ApiResult<Json<ProjectView>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    let (p, access) = readable_project(&mut conn, &ctx, id, now).await?;
    Ok(Json(view(&p, access)))
}

/// R11: holders of "claim project ownership" make themselves owner.
#[utoipa::path(
    post,
    path = "/orgs/{org}/projects/{project}/claim",
    operation_id = "claim_project",
    tag = "projects",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, ProjectPath),
    responses((status = 200, body = ProjectView), Refused)
)]
pub(super) async fn claim(
    State(state): State<AppState>,
    user: Caller,
    Path((org, id)): Path<(i64, i64)>,
) -> ApiResult<Json<ProjectView>> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    let p = project(&mut tx, &ctx, id).await?;
    decide(now, &ctx.actor, &Action::ClaimProjectOwnership).into_result()?;
    projects::set_owner(&mut tx, id, user.id).await?;
    audit::record(
        &mut tx,
        Event {
            before: Some(json!({"owner": p.owner_id})),
            after: Some(json!({"owner": user.id})),
            ..ctx.event("project.claimed", "project", id)
        },
        now,
    )
    .await?;
    let v = view_one(&mut tx, &ctx, id).await?;
    tx.commit().await?;
    Ok(Json(v))
}

/// Adds a group to a project with a role: each member holds it (R12).
#[utoipa::path(
    put,
    path = "/orgs/{org}/projects/{project}/groups/{group}",
    operation_id = "set_project_group",
    tag = "projects",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, ProjectPath, GroupPath),
    request_body = ProjectRoleBody,
    responses((status = 204), Refused)
)]
pub(super) async fn set_group(
    State(state): State<AppState>,
    user: Caller,
    Path((org, id, group)): Path<(i64, i64, i64)>,
    Json(body): Json<ProjectRoleBody>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx, _, access) = locked_project(&state, org, &user, id).await?;
    groups::by_id(&mut tx, org, group)
        .await?
        .ok_or(ApiError::NotFound)?;
    let role = project_role(&ctx, &body.role)?;
    decide(now, &ctx.actor, &Action::GrantProjectRole { role, access }).into_result()?;
    projects::set_group(&mut tx, id, group, &body.role).await?;
    change::audit(
        &mut tx,
        &ctx,
        ("project.group_set", "project", id),
        json!({"group": group, "role": body.role}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A member's projects (seed 002): oneself, or with "list all org projects".
#[utoipa::path(
    get,
    path = "/orgs/{org}/members/{user}/projects",
    operation_id = "list_member_projects",
    tag = "projects",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, UserPath),
    responses((status = 200, body = Vec<MemberProjectView>), Refused)
)]
pub(super) async fn of_member(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path((org, target)): Path<(i64, i64)>,
) -> ApiResult<Json<Vec<MemberProjectView>>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    if target != user.id {
        decide(
            now,
            &ctx.actor,
            &Action::Org(OrgPermission::ListAllProjects),
        )
        .into_result()?;
    }
    access::target(&mut conn, &ctx, target).await?;
    let rows = projects::of_user(&mut conn, org, target).await?;
    let standing = projects::standing_of_user(&mut conn, org, target).await?;
    let out = views(&mut conn, &ctx, &rows)
        .await?
        .into_iter()
        .map(|project| {
            let mut m = MemberProjectView {
                owner: project.owner_id == target,
                project,
                role: None,
                via_groups: Vec::new(),
            };
            for (_, group, role) in standing.iter().filter(|s| s.0 == m.project.id) {
                match group {
                    Some(g) => m.via_groups.push((g.clone(), role.clone())),
                    None => m.role = Some(role.clone()),
                }
            }
            m
        })
        .collect();
    Ok(Json(out))
}
