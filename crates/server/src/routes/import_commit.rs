//! Committing an import (issue 11): the request checks the file is still
//! the plan that was previewed and starts a job; the job applies the plan
//! in one transaction under the org lock — all of it or none — and
//! records its report in the same transaction. Any instance reports it.

use api::import::{CommitQuery, ImportJob, ImportPreview, JobState, RowOutcome};
use axum::body::Body;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use permissions::OrgPermission;
use sqlx::AnyConnection;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{OrgPath, Refused};
use super::import::file_bytes;
use super::member_export::formula_safe;
use crate::access;
use crate::caller::{Caller, Reader};
use crate::db::import_jobs::{self, JobRow, NewJob};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::import::{apply, facts, file};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(commit))
        .routes(routes!(job))
        .routes(routes!(report))
}

/// A job that has shown no sign of life for this long died with its
/// instance: nothing of it was written.
const STALE_AFTER: i64 = 120;

/// `Idempotency-Key`: a short printable word, or none.
fn idempotency_key(headers: &HeaderMap) -> ApiResult<Option<String>> {
    let Some(v) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    v.to_str()
        .ok()
        .filter(|k| !k.is_empty() && k.len() <= 100 && k.bytes().all(|b| b.is_ascii_graphic()))
        .map(|k| Some(k.to_string()))
        .ok_or_else(|| {
            ApiError::invalid("Idempotency-Key", "must be 1 to 100 printable characters")
        })
}

/// The job as the wire shows it; a running job nobody works on any more
/// is reported as failed. A job marks its row done before it leaves this
/// instance's progress, so a row read as running while the job is not
/// here is read again: it may have finished in between.
async fn view(
    state: &AppState,
    conn: &mut AnyConnection,
    j: JobRow,
    now: i64,
) -> ApiResult<ImportJob> {
    let mut j = j;
    let live = state.imports.done(j.id);
    if live.is_none() && j.state == JobState::Running.as_str() {
        j = import_jobs::find(conn, j.org_id, j.id)
            .await?
            .ok_or(ApiError::NotFound)?;
    }
    // On SQLite this process is the only writer: a running job it does
    // not hold died with an earlier process. On PostgreSQL its runner
    // shows life on every batch of rows.
    let orphan =
        state.db.dialect == crate::db::Dialect::Sqlite || now - j.heartbeat_at > STALE_AFTER;
    let stale = j.state == JobState::Running.as_str() && live.is_none() && orphan;
    let stored = JobState::ALL.into_iter().find(|s| s.as_str() == j.state);
    let state_of = match (stored, stale) {
        (Some(JobState::Done), _) => JobState::Done,
        (Some(JobState::Running), false) => JobState::Running,
        _ => JobState::Failed,
    };
    Ok(ImportJob {
        id: j.id,
        plan_id: j.plan_id.clone(),
        state: state_of,
        rows_total: u32::try_from(j.rows_total).unwrap_or(0),
        rows_done: u32::try_from(live.unwrap_or(j.rows_done).max(j.rows_done)).unwrap_or(0),
        error: if stale {
            Some("the import stopped before it finished; nothing of it was written".into())
        } else {
            j.error.clone()
        },
        report: j
            .report
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok()),
        created_at: j.created_at,
        finished_at: j.finished_at,
    })
}

/// The answer to a commit whose plan no longer holds: 409, with the plan
/// as it is now.
fn changed(preview: ImportPreview) -> Response {
    let body = serde_json::json!({
        "code": "plan_changed",
        "message": "the organization changed since the preview; here is the plan as it is now",
        "preview": preview,
    });
    (StatusCode::CONFLICT, axum::Json(body)).into_response()
}

/// Applies a previewed plan: 202 with the job, or 409 with a fresh preview
/// if the file would now do something else.
#[utoipa::path(
    post,
    path = "/orgs/{org}/import/commit",
    operation_id = "commit_import",
    tag = "import",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, CommitQuery,
        ("Idempotency-Key" = Option<String>, Header, description = "The same key returns the same job instead of importing twice.")),
    request_body(content = String, content_type = "text/csv",
        description = "The very file that was previewed."),
    responses(
        (status = 202, description = "started", body = ImportJob),
        (status = 200, description = "already started under this Idempotency-Key", body = ImportJob),
        (status = 409, description = "the plan changed: `preview` holds the new one"),
        Refused
    )
)]
pub(super) async fn commit(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
    Query(q): Query<CommitQuery>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    let now = state.clock.now();
    let key = idempotency_key(&headers)?;
    let bytes = file_bytes(body).await?;
    let mut conn = state.db.pool.acquire().await?;
    let ctx = access::load(&mut conn, org, &user, now).await?;
    access::may_attempt(&ctx, OrgPermission::InviteMembers, now)?;
    access::require_verified(&mut conn, ctx.me.user_id).await?;
    if let Some(k) = &key
        && let Some(j) = import_jobs::by_key(&mut conn, org, k).await?
    {
        if j.plan_id != q.plan_id {
            return Err(ApiError::Conflict {
                code: "idempotency_key_reused",
                message: "this Idempotency-Key started an import of another plan".into(),
            });
        }
        return Ok((StatusCode::OK, Json(view(&state, &mut conn, j, now).await?)).into_response());
    }
    let lines = file::read(&bytes)?;
    let preview = {
        let mut tx = state.db.snapshot(&mut conn).await?;
        let loaded = facts::load(&mut tx, &ctx, now).await?;
        let plan = facts::planned(&ctx, &loaded, &lines, q.existing, now);
        tx.rollback().await?;
        facts::preview(&ctx, &bytes, &lines, &plan, q.existing)
    };
    if preview.plan_id != q.plan_id {
        return Ok(changed(preview));
    }
    let invalid = preview
        .totals
        .get(&RowOutcome::Invalid)
        .copied()
        .unwrap_or(0);
    if invalid > 0 && !q.skip_invalid {
        return Err(ApiError::Conflict {
            code: "invalid_rows",
            message: format!(
                "{invalid} rows are invalid: fix them, or commit with skip_invalid=true to import the others"
            ),
        });
    }
    let new = NewJob {
        org_id: org,
        actor_id: ctx.me.user_id,
        key_id: ctx.key,
        plan_id: &q.plan_id,
        idempotency_key: key.as_deref(),
        rows_total: i64::try_from(lines.len()).unwrap_or(i64::MAX),
    };
    let Some(id) = import_jobs::start(&mut conn, &new, now).await? else {
        // Another request with this key started first.
        let j = import_jobs::by_key(&mut conn, org, key.as_deref().unwrap_or_default())
            .await?
            .ok_or(ApiError::NotFound)?;
        return Ok((StatusCode::OK, Json(view(&state, &mut conn, j, now).await?)).into_response());
    };
    drop(conn);
    state.imports.begin(id);
    let run = apply::Run {
        job: id,
        org,
        caller: user,
        lines,
        bytes,
        query: q,
    };
    let worker = state.clone();
    tokio::spawn(async move { apply::run(worker, run).await });
    let mut conn = state.db.pool.acquire().await?;
    let j = import_jobs::find(&mut conn, org, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((
        StatusCode::ACCEPTED,
        Json(view(&state, &mut conn, j, state.clock.now()).await?),
    )
        .into_response())
}

/// Where an import stands: rows done of total, then its per-row report.
#[utoipa::path(
    get,
    path = "/orgs/{org}/import/jobs/{job}",
    operation_id = "import_job",
    tag = "import",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, ("job" = i64, Path, minimum = 1, description = "Import job id.")),
    responses((status = 200, body = ImportJob), Refused)
)]
pub(super) async fn job(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path((org, id)): Path<(i64, i64)>,
) -> ApiResult<Json<ImportJob>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    access::may_attempt(&ctx, OrgPermission::InviteMembers, now)?;
    let j = import_jobs::find(&mut conn, org, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(view(&state, &mut conn, j, now).await?))
}

/// A finished import's report as CSV, formula-safe.
#[utoipa::path(
    get,
    path = "/orgs/{org}/import/jobs/{job}/report.csv",
    operation_id = "import_report",
    tag = "import",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, ("job" = i64, Path, minimum = 1, description = "Import job id.")),
    responses((status = 200, content_type = "text/csv", body = String), Refused)
)]
pub(super) async fn report(
    State(state): State<AppState>,
    reader: Reader,
    Path((org, id)): Path<(i64, i64)>,
) -> ApiResult<Response> {
    let Json(j) = job(State(state), reader, Path((org, id))).await?;
    let rows = j.report.ok_or_else(|| ApiError::Conflict {
        code: "import_not_done",
        message: "the report is ready once the import is done".into(),
    })?;
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| ApiError::Internal(e.into());
    out.write_record(["line", "email", "outcome", "applied", "reason"])
        .map_err(csv_err)?;
    for r in rows {
        let outcome = serde_json::to_value(r.outcome)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out.write_record([
            r.line.to_string(),
            formula_safe(&r.email),
            outcome,
            r.applied.to_string(),
            formula_safe(&r.reason.unwrap_or_default()),
        ])
        .map_err(csv_err)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| ApiError::Internal(e.into_error().into()))?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"import-report.csv\"",
            ),
        ],
        bytes,
    )
        .into_response())
}
