//! `GET /orgs/{org}/members/export.csv`: the members list as the page
//! filters and sorts it, every row rather than one page, as a CSV that a
//! spreadsheet cannot be tricked by (a cell that starts like a formula is
//! neutralised).

use api::members::{ExportQuery, MemberQuery};
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::IntoResponse;
use permissions::{Action, OrgPermission, decide};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{OrgPath, Refused};
use super::member_list::{key_of, list_query};
use crate::access;
use crate::caller::Reader;
use crate::db::{member_list, members, projects};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Path, Query};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(export))
}

/// Rows read per query while writing the file.
const BATCH: i64 = 1000;

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or
/// carriage return first) gets a leading `'`, so it reads as text.
pub fn formula_safe(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// A unix time as `YYYY-MM-DD` (UTC); empty for none.
fn date(at: Option<i64>) -> String {
    at.and_then(|t| time::OffsetDateTime::from_unix_timestamp(t).ok())
        .map(|d| d.date().to_string())
        .unwrap_or_default()
}

/// Every member matching the list's filters, in its order, as CSV.
#[utoipa::path(
    get,
    path = "/orgs/{org}/members/export.csv",
    operation_id = "export_members",
    tag = "members",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, ExportQuery),
    responses((status = 200, content_type = "text/csv", body = String), Refused)
)]
pub(super) async fn export(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path(org): Path<i64>,
    Query(p): Query<ExportQuery>,
) -> ApiResult<impl IntoResponse> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    decide(now, &ctx.actor, &Action::Org(OrgPermission::ViewMembers)).into_result()?;
    let mut q = list_query(&ctx, &MemberQuery::from(p))?;
    q.limit = BATCH;
    let template = ctx.template;
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| ApiError::Internal(e.into());
    out.write_record([
        "name",
        "email",
        "role",
        "status",
        "owner",
        "projects",
        "joined",
        "access_ends",
    ])
    .map_err(csv_err)?;
    loop {
        let rows = member_list::list(&mut conn, state.db.dialect, org, &q).await?;
        let ids: Vec<i64> = rows.iter().map(|m| m.user_id).collect();
        let counts: std::collections::HashMap<i64, i64> = projects::counts(&mut conn, org, &ids)
            .await?
            .into_iter()
            .collect();
        for m in &rows {
            let role = template
                .org_role(&m.role)
                .map_or(m.role.as_str(), |r| r.name.as_ref());
            let record = [
                formula_safe(&m.name),
                formula_safe(&m.email),
                formula_safe(role),
                members::standing(&m.status).as_str().to_string(),
                (ctx.org.owner_id == m.user_id).to_string(),
                counts.get(&m.user_id).copied().unwrap_or(0).to_string(),
                date(Some(m.joined_at)),
                date(m.access_expires_at),
            ];
            out.write_record(&record).map_err(csv_err)?;
        }
        match rows.last() {
            Some(last) if i64::try_from(rows.len()).unwrap_or(0) == BATCH => {
                q.after = Some(key_of(q.sort, last));
            }
            _ => break,
        }
    }
    let body = out
        .into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!(e.to_string())))?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (CONTENT_DISPOSITION, "attachment; filename=\"members.csv\""),
        ],
        body,
    ))
}

#[cfg(test)]
mod tests {
    use super::formula_safe;

    #[test]
    fn formulas_are_neutralised_and_text_kept() {
        for (cell, want) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Ada Lovelace", "Ada Lovelace"),
            ("", ""),
        ] {
            assert_eq!(formula_safe(cell), want);
        }
    }
}
