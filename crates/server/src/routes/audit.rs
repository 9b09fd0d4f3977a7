//! `/orgs/{org}/audit`: the append-only log, newest first, filtered by
//! actor, action prefix, target, source and time; `audit_export.rs`
//! writes exactly the same selection as a file.

use api::audit::{AuditEvent, AuditQuery};
use axum::extract::State;
use permissions::{Action, OrgPermission, decide};
use sqlx::AnyConnection;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{OrgPath, Refused};
use crate::access::{self, OrgContext};
use crate::caller::{Caller, Reader};
use crate::db::audit::{self, Filter, Stored};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// The caller's context, once the crate let them read the log.
pub(super) async fn reader(
    conn: &mut AnyConnection,
    now: i64,
    org: i64,
    user: &Caller,
) -> ApiResult<OrgContext> {
    let ctx = access::load(conn, org, user, now).await?;
    decide(now, &ctx.actor, &Action::Org(OrgPermission::ViewAuditLog)).into_result()?;
    Ok(ctx)
}

/// The query as the database's filter, or what is wrong with it.
pub(super) fn filter(q: &AuditQuery) -> ApiResult<Filter> {
    let word = |field: &'static str, v: &Option<String>, extra: char, max: usize| {
        let v = v.clone().unwrap_or_default();
        if v.len() > max
            || !v
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == extra)
        {
            return Err(ApiError::invalid(
                field,
                format!("lowercase letters, '_' and '{extra}', at most {max}"),
            ));
        }
        Ok(v)
    };
    let id = |field: &'static str, v: Option<i64>| match v {
        Some(n) if n < 1 => Err(ApiError::invalid(field, "an id, at least 1")),
        v => Ok(v.unwrap_or(0)),
    };
    let time = |field: &'static str, v: Option<i64>, none: i64| match v {
        Some(t) if t < 0 => Err(ApiError::invalid(field, "unix seconds, at least 0")),
        v => Ok(v.unwrap_or(none)),
    };
    Ok(Filter {
        actor: id("actor", q.actor)?,
        actor_type: q
            .actor_type
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        action_prefix: word("action", &q.action, '.', 100)?,
        target_type: word("target_type", &q.target_type, '_', 50)?,
        target: id("target", q.target)?,
        source: q.source.map(|s| s.as_str().to_string()).unwrap_or_default(),
        from: time("from", q.from, 0)?,
        to: time("to", q.to, i64::MAX)?,
        before: match id("before", q.before)? {
            0 => i64::MAX,
            b => b,
        },
    })
}

/// The page size asked for (default 50), or why it is refused: an export,
/// which ignores it, refuses a bad one all the same, as the document says.
pub(super) fn page_size(q: &AuditQuery) -> ApiResult<i64> {
    let limit = q.limit.unwrap_or(50);
    if (1..=200).contains(&limit) {
        Ok(limit)
    } else {
        Err(ApiError::invalid("limit", "1 to 200"))
    }
}

/// A stored event on the wire.
pub(super) fn event(e: Stored) -> AuditEvent {
    let parse = |s: Option<String>| s.and_then(|t| serde_json::from_str(&t).ok());
    AuditEvent {
        id: e.id,
        actor_id: e.actor_id,
        actor_name: e.actor_name,
        // The schema's CHECKs admit only these words.
        actor_type: api::ActorType::parse(&e.actor_type).unwrap_or(api::ActorType::System),
        key_id: e.key_id,
        source: api::AuditSource::parse(&e.source).unwrap_or(api::AuditSource::System),
        action: e.action,
        target_type: e.target_type,
        target_id: e.target_id,
        target_name: e.target_name,
        before: parse(e.before),
        after: parse(e.after),
        client_addr: e.client_addr,
        user_agent: e.user_agent,
        request_id: e.request_id,
        created_at: e.created_at,
    }
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/audit",
    operation_id = "list_audit_events",
    tag = "audit",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, AuditQuery),
    responses((status = 200, body = Vec<AuditEvent>), Refused)
)]
pub(super) async fn list(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path(org): Path<i64>,
    Query(q): Query<AuditQuery>,
) -> ApiResult<Json<Vec<AuditEvent>>> {
    reader(&mut conn, state.clock.now(), org, &user).await?;
    let limit = page_size(&q)?;
    let f = filter(&q)?;
    let rows = audit::list(&mut conn, org, &f, limit).await?;
    Ok(Json(rows.into_iter().map(event).collect()))
}
