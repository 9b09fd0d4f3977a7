//! `/orgs/{org}/join-requests`: people who asked to join by their domain
//! (R13), waiting for someone who may invite. Admitting is an invitation
//! accepted at once: R1, the role still within Member's (R13), R2, R7.

use api::domains::JoinRequestView;
use axum::extract::State;
use axum::http::StatusCode;
use permissions::{Action, OrgPermission, decide};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{OrgPath, Refused, RequesterPath};
use crate::access;
use crate::caller::{Caller, Reader};
use crate::change::{audit, locked, seats};
use crate::db::domains::{self as claims, RequestRow};
use crate::db::{members, users};
use crate::domains::join::{self, Joiner};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(decline))
        .routes(routes!(admit))
}

fn view(r: &RequestRow) -> JoinRequestView {
    JoinRequestView {
        user_id: r.user_id,
        name: r.name.clone(),
        email: r.email.clone(),
        domain: r.domain.clone(),
        role: r.default_role.clone(),
        seats_full: r.seats_full != 0,
        created_at: r.created_at,
    }
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/join-requests",
    operation_id = "list_join_requests",
    tag = "domains",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath),
    responses((status = 200, body = Vec<JoinRequestView>), Refused)
)]
pub(super) async fn list(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path(org): Path<i64>,
) -> ApiResult<Json<Vec<JoinRequestView>>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    access::may_attempt(&ctx, OrgPermission::InviteMembers, now)?;
    Ok(Json(
        claims::requests(&mut conn, org)
            .await?
            .iter()
            .map(view)
            .collect(),
    ))
}

/// Lets the person in with the claim's role and groups.
#[utoipa::path(
    post,
    path = "/orgs/{org}/join-requests/{user}/admit",
    operation_id = "admit_join_request",
    tag = "domains",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, RequesterPath),
    responses((status = 204), Refused)
)]
pub(super) async fn admit(
    State(state): State<AppState>,
    user: Caller,
    Path((org, who)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    access::may_attempt(&ctx, OrgPermission::InviteMembers, now)?;
    let r = claims::request(&mut tx, org, who)
        .await?
        .ok_or(ApiError::NotFound)?;
    let claim = claims::find(&mut tx, org, r.domain_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let role = ctx.role(&claim.default_role)?;
    let ceiling = ctx.template.auto_join_ceiling().unwrap_or_default();
    let seats = seats(&mut tx, &ctx, now).await?;
    decide(
        now,
        &ctx.actor,
        &Action::AdmitJoinRequest {
            role,
            ceiling,
            seats,
        },
    )
    .into_result()?;
    if members::find(&mut tx, org, who).await?.is_some() {
        claims::drop_request(&mut tx, org, who).await?;
        tx.commit().await?;
        return Err(ApiError::Conflict {
            code: "already_member",
            message: "they are already a member".into(),
        });
    }
    let person = users::by_id(&mut tx, who)
        .await?
        .ok_or(ApiError::NotFound)?;
    let offer = join::of(claim, ctx.org.clone())?.ok_or(ApiError::NotFound)?;
    let joiner = Joiner {
        id: who,
        name: &person.name,
        email: &person.email,
        verified: person.email_verified == 1,
    };
    join::admit(
        &state,
        &mut tx,
        &offer,
        &joiner,
        Some((ctx.me.user_id, ctx.key)),
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Turns the request down; the person may ask again.
#[utoipa::path(
    delete,
    path = "/orgs/{org}/join-requests/{user}",
    operation_id = "decline_join_request",
    tag = "domains",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, RequesterPath),
    responses((status = 204), Refused)
)]
pub(super) async fn decline(
    State(state): State<AppState>,
    user: Caller,
    Path((org, who)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    access::may_attempt(&ctx, OrgPermission::InviteMembers, now)?;
    if !claims::drop_request(&mut tx, org, who).await? {
        return Err(ApiError::NotFound);
    }
    audit(
        &mut tx,
        &ctx,
        ("join_request.declined", "user", who),
        json!({}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
