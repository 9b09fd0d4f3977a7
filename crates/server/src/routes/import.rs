//! Bulk import (PRODUCT §6, issue 11): the template to fill in, and the
//! preview that says row by row what a commit of the file would do and
//! writes nothing. The file is the request body, as sent (`text/csv`).

use api::import::{HEADER, ImportPreview, MAX_BYTES, PreviewQuery};
use axum::body::Body;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use permissions::OrgPermission;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{OrgPath, Refused};
use super::member_export::formula_safe;
use crate::access;
use crate::caller::Reader;
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::import::{facts, file};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(template))
        .routes(routes!(preview))
}

/// The header and one example row in the org's own role names, with a
/// byte-order mark so spreadsheets open it as UTF-8.
#[utoipa::path(
    get,
    path = "/orgs/{org}/import/template.csv",
    operation_id = "import_template",
    tag = "import",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath),
    responses((status = 200, content_type = "text/csv", body = String), Refused)
)]
pub(super) async fn template(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path(org): Path<i64>,
) -> ApiResult<impl IntoResponse> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    access::may_attempt(&ctx, OrgPermission::InviteMembers, now)?;
    let t = ctx.template;
    let least = t
        .org_roles
        .last()
        .map(|r| r.name.to_string())
        .unwrap_or_default();
    let project_role = t
        .project_roles
        .last()
        .map(|r| r.name.to_string())
        .unwrap_or_default();
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let csv_err = |e: csv::Error| ApiError::Internal(e.into());
    out.write_record(HEADER).map_err(csv_err)?;
    out.write_record([
        "ada@example.com",
        "Ada Lovelace",
        &formula_safe(&least),
        "",
        &formula_safe(&format!("Example project:{project_role}")),
        "",
    ])
    .map_err(csv_err)?;
    let bytes = out
        .into_inner()
        .map_err(|e| ApiError::Internal(e.into_error().into()))?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"roster-import.csv\"",
            ),
        ],
        bytes,
    ))
}

/// The body, up to the file limit; a larger one is a 413 naming it.
pub async fn file_bytes(body: Body) -> ApiResult<axum::body::Bytes> {
    axum::body::to_bytes(body, MAX_BYTES)
        .await
        .map_err(|_| ApiError::FileTooLarge)
}

/// What a commit of the file would do, row by row, with nothing written.
#[utoipa::path(
    post,
    path = "/orgs/{org}/import/preview",
    operation_id = "preview_import",
    tag = "import",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, PreviewQuery),
    request_body(content = String, content_type = "text/csv",
        description = "The file: a header of email, name, role, groups, projects, message (any case, any order; only email is required), then up to 50,000 rows; at most 10 MB."),
    responses((status = 200, body = ImportPreview), Refused)
)]
pub(super) async fn preview(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path(org): Path<i64>,
    Query(q): Query<PreviewQuery>,
    body: Body,
) -> ApiResult<Json<ImportPreview>> {
    let now = state.clock.now();
    let bytes = file_bytes(body).await?;
    // One read-only snapshot: a consistent view, nothing written.
    let mut tx = state.db.snapshot(&mut conn).await?;
    let ctx = access::load(&mut tx, org, &user, now).await?;
    access::may_attempt(&ctx, OrgPermission::InviteMembers, now)?;
    let lines = file::read(&bytes)?;
    let loaded = facts::load(&mut tx, &ctx, now).await?;
    let plan = facts::planned(&ctx, &loaded, &lines, q.existing, now);
    tx.rollback().await?;
    Ok(Json(facts::preview(
        &ctx, &bytes, &lines, &plan, q.existing,
    )))
}
