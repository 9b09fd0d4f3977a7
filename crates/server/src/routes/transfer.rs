//! `POST /orgs/{org}/members/{user}/transfer`: R14 — move a member to
//! another org where the actor may invite, with a role; the projects they
//! own go with them (the source's Owner only) or to a named heir in the
//! source org (R10). One transaction, both orgs locked in id order.

use api::members::TransferUser;
use axum::extract::State;
use axum::http::StatusCode;
use permissions::decide_transfer_user;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{OrgPath, Refused, UserPath};
use crate::access;
use crate::caller::Caller;
use crate::change::seats;
use crate::db::audit::{self, Event};
use crate::db::{lock_org, members, projects};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(transfer))
}

#[utoipa::path(
    post,
    path = "/orgs/{org}/members/{user}/transfer",
    operation_id = "transfer_member",
    tag = "members",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, UserPath),
    request_body = TransferUser,
    responses((status = 204), Refused)
)]
pub(super) async fn transfer(
    State(state): State<AppState>,
    user: Caller,
    Path((org, target)): Path<(i64, i64)>,
    Json(body): Json<TransferUser>,
) -> ApiResult<StatusCode> {
    if body.to_org == org {
        return Err(ApiError::invalid("to_org", "must be another organization"));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // A fixed order, so two transfers in opposite directions cannot deadlock.
    for id in [org.min(body.to_org), org.max(body.to_org)] {
        if !lock_org(&mut tx, id).await? && id == org {
            return Err(ApiError::NotFound);
        }
    }
    let a = access::load(&mut tx, org, &user, now).await?;
    // R15 in the destination is the crate's to decide (no membership → 404).
    let b = match access::load(&mut tx, body.to_org, &user, now).await {
        Ok(ctx) => Some(ctx),
        Err(ApiError::NotFound) => None,
        Err(e) => return Err(e),
    };
    access::may_attempt(&a, permissions::OrgPermission::RemoveMembers, now)?;
    let (m, facts) = access::target(&mut tx, &a, target).await?;
    let handover = access::handover(&mut tx, &a, target, body.reassign_to).await?;
    let (role, seats_b) = match &b {
        Some(ctx) => (ctx.role(&body.role)?, seats(&mut tx, ctx, now).await?),
        None => (Default::default(), Default::default()),
    };
    decide_transfer_user(
        now,
        &a.actor,
        &facts,
        &handover,
        b.as_ref().map(|c| &c.actor),
        &role,
        &seats_b,
    )
    .into_result()?;
    let b = b.ok_or(ApiError::NotFound)?;
    if members::find(&mut tx, b.org.id, target).await?.is_some() {
        return Err(ApiError::Conflict {
            code: "already_member",
            message: format!("{} is already a member of {}", m.name, b.org.name),
        });
    }
    members::insert(
        &mut tx, b.org.id, target, &body.role, &m.name, &m.email, now,
    )
    .await?;
    // An admin brought them in: as good as an invitation (R13).
    crate::db::domains::forget_departure(&mut tx, b.org.id, target).await?;
    crate::routes::members::hand_over(&mut tx, &a, target, &handover).await?;
    let moved = projects::move_owned(&mut tx, org, b.org.id, target).await?;
    members::delete(&mut tx, org, target, now).await?;
    projects::forget_member(&mut tx, org, target).await?;
    for (in_org, action, before, after) in [
        (
            org,
            "member.transferred_out",
            Some(json!({"role": m.role})),
            Some(json!({"to_org": b.org.id, "projects": moved})),
        ),
        (
            b.org.id,
            "member.transferred_in",
            Some(json!({"from_org": org})),
            Some(json!({"role": body.role, "projects": moved})),
        ),
    ] {
        audit::record(
            &mut tx,
            Event {
                org_id: Some(in_org),
                actor_id: Some(user.id),
                key_id: user.key.map(|k| k.id),
                origin: Some(user.origin.clone()),
                action,
                target_type: "member",
                target_id: Some(target),
                before,
                after,
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
