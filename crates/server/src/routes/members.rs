//! `/orgs/{org}/members`: list, change role, access expiry, suspend,
//! reactivate, remove. Every change: lock the org, load fresh facts,
//! decide with the permissions crate, write with its audit event, commit.

use api::members::{ChangeRole, MemberView, SetAccessExpiry};
use axum::extract::State;
use axum::http::StatusCode;
use permissions::{Action, Handover, OrgPermission, decide};
use serde::Deserialize;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{OrgPath, Refused, UserPath};
use crate::access::{self, OrgContext};
use crate::caller::{Caller, Reader};
use crate::change::{locked, seats};
use crate::db::audit::{self, Event};
use crate::db::members::{self, Membership};
use crate::db::{Tx, projects};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(read, remove))
        .routes(routes!(change_role))
        .routes(routes!(set_access_expiry))
        .routes(routes!(suspend))
        .routes(routes!(reactivate))
}

pub(super) fn view(ctx: &OrgContext, m: &Membership) -> MemberView {
    MemberView {
        user_id: m.user_id,
        name: m.name.clone(),
        email: m.email.clone(),
        role: m.role.clone(),
        status: members::standing(&m.status),
        owner: ctx.org.owner_id == m.user_id,
        joined_at: m.joined_at,
        access_expires_at: m.access_expires_at,
        projects: 0,
        groups: Vec::new(),
        last_sign_in_at: None,
    }
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/members/{user}",
    operation_id = "read_member",
    tag = "members",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, UserPath),
    responses((status = 200, body = api::members::MemberView), Refused)
)]
pub(super) async fn read(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path((org, target)): Path<(i64, i64)>,
) -> ApiResult<Json<MemberView>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    decide(now, &ctx.actor, &Action::Org(OrgPermission::ViewMembers)).into_result()?;
    let (m, _) = access::target(&mut conn, &ctx, target).await?;
    Ok(Json(view(&ctx, &m)))
}

async fn audit_member(
    tx: &mut Tx,
    ctx: &OrgContext,
    action: &str,
    target: i64,
    before: serde_json::Value,
    after: Option<serde_json::Value>,
    now: i64,
) -> Result<(), sqlx::Error> {
    audit::record(
        tx,
        Event {
            org_id: Some(ctx.org.id),
            actor_id: Some(ctx.me.user_id),
            key_id: ctx.key,
            origin: Some(ctx.origin.clone()),
            action,
            target_type: "member",
            target_id: Some(target),
            before: Some(before),
            after,
        },
        now,
    )
    .await
}

#[utoipa::path(
    put,
    path = "/orgs/{org}/members/{user}/role",
    operation_id = "change_member_role",
    tag = "members",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, UserPath),
    request_body = api::members::ChangeRole,
    responses((status = 200, body = api::members::MemberView), Refused)
)]
pub(super) async fn change_role(
    State(state): State<AppState>,
    user: Caller,
    Path((org, target)): Path<(i64, i64)>,
    Json(body): Json<ChangeRole>,
) -> ApiResult<Json<MemberView>> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    access::may_attempt(&ctx, OrgPermission::ChangeMemberRoles, now)?;
    let role = ctx.role(&body.role)?;
    let (m, facts) = access::target(&mut tx, &ctx, target).await?;
    decide(
        now,
        &ctx.actor,
        &Action::ChangeRole {
            target: facts,
            role,
        },
    )
    .into_result()?;
    members::set_role(&mut tx, org, target, &body.role).await?;
    audit_member(
        &mut tx,
        &ctx,
        "member.role_changed",
        target,
        json!({"role": m.role}),
        Some(json!({"role": body.role})),
        now,
    )
    .await?;
    let (m, _) = access::target(&mut tx, &ctx, target).await?;
    tx.commit().await?;
    Ok(Json(view(&ctx, &m)))
}

#[utoipa::path(
    put,
    path = "/orgs/{org}/members/{user}/access-expiry",
    operation_id = "set_access_expiry",
    tag = "members",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, UserPath),
    request_body = api::members::SetAccessExpiry,
    responses((status = 200, body = api::members::MemberView), Refused)
)]
pub(super) async fn set_access_expiry(
    State(state): State<AppState>,
    user: Caller,
    Path((org, target)): Path<(i64, i64)>,
    Json(body): Json<SetAccessExpiry>,
) -> ApiResult<Json<MemberView>> {
    let now = state.clock.now();
    if body.expires_at.is_some_and(|at| at <= now) {
        return Err(ApiError::invalid(
            "expires_at",
            "must be in the future; remove the member to end access now",
        ));
    }
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    access::may_attempt(&ctx, OrgPermission::ChangeMemberRoles, now)?;
    let (m, facts) = access::target(&mut tx, &ctx, target).await?;
    let seats = seats(&mut tx, &ctx, now).await?;
    decide(
        now,
        &ctx.actor,
        &Action::SetAccessExpiry {
            target: facts,
            expires_at: body.expires_at,
            seats,
        },
    )
    .into_result()?;
    members::set_access_expiry(&mut tx, org, target, body.expires_at).await?;
    audit_member(
        &mut tx,
        &ctx,
        "member.access_expiry_set",
        target,
        json!({"access_expires_at": m.access_expires_at}),
        Some(json!({"access_expires_at": body.expires_at})),
        now,
    )
    .await?;
    let (m, _) = access::target(&mut tx, &ctx, target).await?;
    tx.commit().await?;
    Ok(Json(view(&ctx, &m)))
}

#[utoipa::path(
    post,
    path = "/orgs/{org}/members/{user}/suspend",
    operation_id = "suspend_member",
    tag = "members",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, UserPath, Reassign),
    responses((status = 200, body = api::members::MemberView), Refused)
)]
pub(super) async fn suspend(
    State(state): State<AppState>,
    user: Caller,
    Path((org, target)): Path<(i64, i64)>,
    Query(r): Query<Reassign>,
) -> ApiResult<Json<MemberView>> {
    set_status(&state, &user, org, target, Some(r)).await
}

#[utoipa::path(
    post,
    path = "/orgs/{org}/members/{user}/reactivate",
    operation_id = "reactivate_member",
    tag = "members",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, UserPath),
    responses((status = 200, body = api::members::MemberView), Refused)
)]
pub(super) async fn reactivate(
    State(state): State<AppState>,
    user: Caller,
    Path((org, target)): Path<(i64, i64)>,
) -> ApiResult<Json<MemberView>> {
    set_status(&state, &user, org, target, None).await
}

/// Suspends (R1, R3, R4, R5, R10) or reactivates (R7: needs a free seat).
async fn set_status(
    state: &AppState,
    user: &Caller,
    org: i64,
    target: i64,
    suspend: Option<Reassign>,
) -> ApiResult<Json<MemberView>> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(state, org, user).await?;
    access::may_attempt(&ctx, OrgPermission::RemoveMembers, now)?;
    let (m, facts) = access::target(&mut tx, &ctx, target).await?;
    let mut handover = Handover::NONE;
    let (action, status, event) = if let Some(reassign) = suspend {
        handover = access::handover(&mut tx, &ctx, target, reassign.heir()?).await?;
        (
            Action::Suspend {
                target: facts,
                projects: handover,
            },
            "suspended",
            "member.suspended",
        )
    } else {
        (
            Action::Reactivate {
                target: facts,
                seats: seats(&mut tx, &ctx, now).await?,
            },
            "active",
            "member.reactivated",
        )
    };
    decide(now, &ctx.actor, &action).into_result()?;
    hand_over(&mut tx, &ctx, target, &handover).await?;
    members::set_status(&mut tx, org, target, status).await?;
    audit_member(
        &mut tx,
        &ctx,
        event,
        target,
        json!({"status": m.status}),
        Some(json!({"status": status})),
        now,
    )
    .await?;
    let (m, _) = access::target(&mut tx, &ctx, target).await?;
    tx.commit().await?;
    Ok(Json(view(&ctx, &m)))
}

#[utoipa::path(
    delete,
    path = "/orgs/{org}/members/{user}",
    operation_id = "remove_member",
    tag = "members",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, UserPath, Reassign),
    responses((status = 204), Refused)
)]
pub(super) async fn remove(
    State(state): State<AppState>,
    user: Caller,
    Path((org, target)): Path<(i64, i64)>,
    Query(r): Query<Reassign>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    access::may_attempt(&ctx, OrgPermission::RemoveMembers, now)?;
    let (m, facts) = access::target(&mut tx, &ctx, target).await?;
    let handover = access::handover(&mut tx, &ctx, target, r.heir()?).await?;
    decide(
        now,
        &ctx.actor,
        &Action::Remove {
            target: facts,
            projects: handover,
        },
    )
    .into_result()?;
    hand_over(&mut tx, &ctx, target, &handover).await?;
    members::delete(&mut tx, org, target, now).await?;
    projects::forget_member(&mut tx, org, target).await?;
    audit_member(
        &mut tx,
        &ctx,
        "member.removed",
        target,
        json!({"role": m.role, "status": m.status, "email": m.email}),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `?reassign_to=USER`: the member who takes over the projects of one being
/// suspended or removed (R10), in the same transaction.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct Reassign {
    /// New owner of every project the member owns.
    #[param(minimum = 1)]
    reassign_to: Option<i64>,
}

impl Reassign {
    /// The named heir; an id below 1 names nobody and is refused, as the
    /// document says, before anything is decided.
    fn heir(&self) -> ApiResult<Option<i64>> {
        match self.reassign_to {
            Some(id) if id < 1 => Err(ApiError::invalid("reassign_to", "a user id, at least 1")),
            heir => Ok(heir),
        }
    }
}

/// R10, once the crate has allowed it: the projects go to the named heir.
pub async fn hand_over(
    tx: &mut Tx,
    ctx: &OrgContext,
    from: i64,
    handover: &Handover,
) -> ApiResult<()> {
    if let (true, permissions::Heir::Member(heir)) = (handover.owned > 0, handover.heir) {
        projects::reassign_all(tx, ctx.org.id, from, heir.user.0).await?;
    }
    Ok(())
}
