//! `GET /orgs/{org}/audit/export.csv` and `.ndjson`: exactly the events the
//! same filters list, every one rather than a page, streamed in batches as
//! they are read; the export itself is audited first.

use api::audit::{AuditEvent, AuditQuery};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::audit::{event, filter, page_size, reader};
use super::doc::{OrgPath, Refused};
use super::member_export::formula_safe;
use crate::caller::Caller;
use crate::db::Db;
use crate::db::audit::{self, Filter};
use crate::error::ApiResult;
use crate::extract::{Path, Query};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(export_csv))
        .routes(routes!(export_ndjson))
}

/// Events read per query while streaming.
const BATCH: i64 = 1000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Ndjson,
}

const COLUMNS: [&str; 14] = [
    "id",
    "time",
    "actor_id",
    "actor",
    "actor_type",
    "key_id",
    "source",
    "action",
    "target_type",
    "target_id",
    "target",
    "before",
    "after",
    "request_id",
];

fn csv_lines(events: &[AuditEvent], header: bool) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    if header {
        out.write_record(COLUMNS)?;
    }
    let text =
        |v: &Option<serde_json::Value>| v.as_ref().map(ToString::to_string).unwrap_or_default();
    let num = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    for e in events {
        let time = time::OffsetDateTime::from_unix_timestamp(e.created_at)
            .ok()
            .and_then(|t| {
                t.format(&time::format_description::well_known::Rfc3339)
                    .ok()
            })
            .unwrap_or_default();
        out.write_record([
            e.id.to_string(),
            time,
            num(e.actor_id),
            formula_safe(&e.actor_name),
            e.actor_type.as_str().into(),
            num(e.key_id),
            e.source.as_str().into(),
            formula_safe(&e.action),
            formula_safe(&e.target_type),
            num(e.target_id),
            formula_safe(e.target_name.as_deref().unwrap_or_default()),
            formula_safe(&text(&e.before)),
            formula_safe(&text(&e.after)),
            formula_safe(e.request_id.as_deref().unwrap_or_default()),
        ])?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

fn ndjson_lines(events: &[AuditEvent]) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::new();
    for e in events {
        serde_json::to_writer(&mut out, e)?;
        out.push(b'\n');
    }
    Ok(out)
}

/// The body: batch after batch, each read when the client takes the last.
fn stream(db: Db, org: i64, f: Filter, format: Format) -> Body {
    let start = (Some(f), true);
    let batches = futures::stream::unfold(start, move |(next, first)| {
        let db = db.clone();
        async move {
            let f = next?;
            let batch = async {
                let rows = audit::list(&mut *db.pool.acquire().await?, org, &f, BATCH).await?;
                let more = i64::try_from(rows.len()).unwrap_or(0) == BATCH;
                let after = rows.last().map(|e| e.id);
                let events: Vec<AuditEvent> = rows.into_iter().map(event).collect();
                let bytes = match format {
                    Format::Csv => csv_lines(&events, first).map_err(anyhow::Error::from)?,
                    Format::Ndjson => ndjson_lines(&events).map_err(anyhow::Error::from)?,
                };
                let next = after.filter(|_| more).map(|id| Filter {
                    before: id,
                    ..f.clone()
                });
                Ok::<_, anyhow::Error>((Bytes::from(bytes), next))
            }
            .await;
            Some(match batch {
                Ok((bytes, next)) => (Ok::<_, anyhow::Error>(bytes), (next, false)),
                // A failure mid-stream ends the body short, never silently.
                Err(e) => {
                    tracing::error!(error = %e, "audit export failed mid-stream");
                    (Err(e), (None, false))
                }
            })
        }
    });
    Body::from_stream(batches)
}

async fn export(
    state: &AppState,
    user: &Caller,
    org: i64,
    q: &AuditQuery,
    format: Format,
) -> ApiResult<impl IntoResponse + use<>> {
    let now = state.clock.now();
    let (ctx, newest) = {
        let mut conn = state.db.pool.acquire().await?;
        let ctx = reader(&mut conn, now, org, user).await?;
        (ctx, audit::newest_id(&mut conn, org).await?)
    };
    page_size(q)?;
    let mut f = filter(q)?;
    f.before = f.before.min(newest.saturating_add(1));
    // The export is itself a change worth knowing about: who took what.
    let mut tx = state.db.begin().await?;
    let word = if format == Format::Csv {
        "csv"
    } else {
        "ndjson"
    };
    let after = json!({"format": word, "filters": q});
    crate::change::audit(&mut tx, &ctx, ("audit.exported", "org", org), after, now).await?;
    tx.commit().await?;
    let (kind, name) = match format {
        Format::Csv => (
            "text/csv; charset=utf-8",
            "attachment; filename=\"audit.csv\"",
        ),
        Format::Ndjson => (
            "application/x-ndjson",
            "attachment; filename=\"audit.ndjson\"",
        ),
    };
    Ok((
        [(CONTENT_TYPE, kind), (CONTENT_DISPOSITION, name)],
        stream(state.db.clone(), org, f, format),
    ))
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/audit/export.csv",
    operation_id = "export_audit_csv",
    tag = "audit",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, AuditQuery),
    responses((status = 200, content_type = "text/csv", body = String), Refused)
)]
pub(super) async fn export_csv(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
    Query(q): Query<AuditQuery>,
) -> ApiResult<impl IntoResponse> {
    export(&state, &user, org, &q, Format::Csv).await
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/audit/export.ndjson",
    operation_id = "export_audit_ndjson",
    tag = "audit",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, AuditQuery),
    responses((status = 200, content_type = "application/x-ndjson", body = String), Refused)
)]
pub(super) async fn export_ndjson(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
    Query(q): Query<AuditQuery>,
) -> ApiResult<impl IntoResponse> {
    export(&state, &user, org, &q, Format::Ndjson).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_look_like_formulas_are_neutralised() {
        let e = AuditEvent {
            id: 1,
            actor_id: Some(2),
            actor_name: "=cmd|' /C calc'!A0".into(),
            actor_type: api::ActorType::User,
            key_id: None,
            source: api::AuditSource::Ui,
            action: "member.role_changed".into(),
            target_type: "member".into(),
            target_id: Some(3),
            target_name: Some("@SUM(A1)".into()),
            before: None,
            after: Some(json!({"role": "viewer"})),
            client_addr: None,
            user_agent: None,
            request_id: Some("-r".into()),
            created_at: 0,
        };
        let text = String::from_utf8(csv_lines(&[e], true).unwrap_or_default()).unwrap_or_default();
        assert!(text.starts_with("id,time,actor_id,actor,"), "{text}");
        assert!(text.contains("'=cmd"), "{text}");
        assert!(text.contains("'@SUM(A1)"), "{text}");
        assert!(text.contains(",'-r"), "{text}");
        assert!(text.contains("1970-01-01T00:00:00Z"), "{text}");
    }
}
