//! `/orgs/{org}/audit`: the append-only log, newest first.

use api::audit::AuditEvent;
use axum::extract::State;
use permissions::{Action, OrgPermission, decide};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{OrgPath, Refused};
use crate::access;
use crate::caller::Caller;
use crate::db::audit;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// Paging of the log.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct AuditParams {
    /// Only events older than this id (the last id of the previous page).
    #[param(minimum = 1)]
    before: Option<i64>,
    /// Page size (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<i64>,
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/audit",
    operation_id = "list_audit_events",
    tag = "audit",
    params(OrgPath, AuditParams),
    responses((status = 200, body = Vec<AuditEvent>), Refused)
)]
pub(super) async fn list(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
    Query(p): Query<AuditParams>,
) -> ApiResult<Json<Vec<AuditEvent>>> {
    let now = state.clock.now();
    let ctx = {
        let mut conn = state.db.pool.acquire().await?;
        access::load(&mut conn, org, &user, now).await?
    };
    decide(now, &ctx.actor, &Action::Org(OrgPermission::ViewAuditLog)).into_result()?;
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::invalid("limit", "1 to 200"));
    }
    if p.before.is_some_and(|b| b < 1) {
        return Err(ApiError::invalid("before", "an event id, at least 1"));
    }
    let parse = |s: Option<String>| s.and_then(|t| serde_json::from_str(&t).ok());
    let events = audit::list(&mut *state.db.pool.acquire().await?, org, p.before, limit)
        .await?
        .into_iter()
        .map(|e| AuditEvent {
            id: e.id,
            actor_id: e.actor_id,
            // The schema's CHECK admits only these words.
            actor_type: api::ActorType::parse(&e.actor_type).unwrap_or(api::ActorType::System),
            key_id: e.key_id,
            action: e.action,
            target_type: e.target_type,
            target_id: e.target_id,
            before: parse(e.before),
            after: parse(e.after),
            created_at: e.created_at,
        })
        .collect();
    Ok(Json(events))
}
