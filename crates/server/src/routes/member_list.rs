//! `GET /orgs/{org}/members`: search, filters, sort and keyset paging.

use std::collections::HashMap;

use api::members::{MemberPage, MemberQuery, MemberView};
use api::{SortDir, SortKey};
use axum::extract::State;
use base64::Engine;
use permissions::{Action, OrgPermission, decide};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{OrgPath, Refused};
use crate::access;
use crate::caller::Reader;
use crate::db::member_list::{self, ListQuery, Sort};
use crate::db::members::Membership;
use crate::db::{Bind, projects};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path, Query};
use crate::routes::members::view;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

/// The opaque cursor: the last row's sort key and id.
#[derive(Debug, serde::Serialize, Deserialize)]
struct Cursor {
    s: Option<String>,
    n: Option<i64>,
    id: i64,
}

fn encode_cursor(sort: Sort, m: &Membership) -> String {
    let c = match sort {
        Sort::Name => Cursor {
            s: Some(m.name.to_lowercase()),
            n: None,
            id: m.id,
        },
        Sort::Email => Cursor {
            s: Some(m.email.to_lowercase()),
            n: None,
            id: m.id,
        },
        Sort::Joined => Cursor {
            s: None,
            n: Some(m.joined_at),
            id: m.id,
        },
    };
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(serde_json::to_vec(&c).unwrap_or_default())
}

fn decode_cursor(sort: Sort, raw: &str) -> ApiResult<(Bind, i64)> {
    let bad = || ApiError::invalid("cursor", "not a cursor from this list");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(raw)
        .map_err(|_| bad())?;
    let c: Cursor = serde_json::from_slice(&bytes).map_err(|_| bad())?;
    let key = match (sort, c.s, c.n) {
        (Sort::Name | Sort::Email, Some(s), None) => Bind::Text(s),
        (Sort::Joined, None, Some(n)) => Bind::Int(n),
        _ => return Err(bad()),
    };
    Ok((key, c.id))
}

/// The list's filters and sort as the database query (first page, no
/// limit yet): shared with the CSV export, which must list exactly the
/// rows the page shows.
pub(super) fn list_query(ctx: &access::OrgContext, p: &MemberQuery) -> ApiResult<ListQuery> {
    let sort = match p.sort.unwrap_or(SortKey::Name) {
        SortKey::Name => Sort::Name,
        SortKey::Email => Sort::Email,
        SortKey::Joined => Sort::Joined,
    };
    if let Some(role) = &p.role {
        ctx.role(role)?;
    }
    let search =
        p.q.as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_string);
    if search.as_ref().is_some_and(|q| q.chars().count() > 100) {
        return Err(ApiError::invalid("q", "at most 100 characters"));
    }
    Ok(ListQuery {
        search,
        role: p.role.clone(),
        status: p.status.map(|s| s.as_str().to_string()),
        sort,
        descending: p.dir == Some(SortDir::Desc),
        after: None,
        limit: 200,
    })
}

/// Where the next page starts after row `m` (the cursor, undecoded).
pub(super) fn key_of(sort: Sort, m: &Membership) -> (Bind, i64) {
    match sort {
        Sort::Name => (Bind::Text(m.name.to_lowercase()), m.id),
        Sort::Email => (Bind::Text(m.email.to_lowercase()), m.id),
        Sort::Joined => (Bind::Int(m.joined_at), m.id),
    }
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/members",
    operation_id = "list_members",
    tag = "members",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath, MemberQuery),
    responses((status = 200, body = api::members::MemberPage), Refused)
)]
pub(super) async fn list(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path(org): Path<i64>,
    Query(p): Query<MemberQuery>,
) -> ApiResult<Json<MemberPage>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    decide(now, &ctx.actor, &Action::Org(OrgPermission::ViewMembers)).into_result()?;
    let limit = p.limit.unwrap_or(50);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::invalid("limit", "1 to 200"));
    }
    let mut q = list_query(&ctx, &p)?;
    let sort = q.sort;
    q.after = p
        .cursor
        .as_deref()
        .map(|c| decode_cursor(sort, c))
        .transpose()?;
    q.limit = limit + 1;
    let mut rows = member_list::list(&mut conn, state.db.dialect, org, &q).await?;
    // `limit` is 1 to 200 (checked above).
    let page = usize::try_from(limit).unwrap_or(50);
    let next_cursor = if rows.len() > page {
        rows.truncate(page);
        rows.last().map(|m| encode_cursor(sort, m))
    } else {
        None
    };
    let ids: Vec<i64> = rows.iter().map(|m| m.user_id).collect();
    let counts: HashMap<i64, i64> = projects::counts(&mut conn, org, &ids)
        .await?
        .into_iter()
        .collect();
    let mut groups: HashMap<i64, Vec<String>> = HashMap::new();
    for (user, name) in crate::db::groups::names_of(&mut conn, org, &ids).await? {
        groups.entry(user).or_default().push(name);
    }
    let seen: HashMap<i64, Option<i64>> = crate::db::users::last_sign_ins(&mut conn, &ids)
        .await?
        .into_iter()
        .collect();
    Ok(Json(MemberPage {
        members: rows
            .iter()
            .map(|m| MemberView {
                projects: counts.get(&m.user_id).copied().unwrap_or(0),
                groups: groups.remove(&m.user_id).unwrap_or_default(),
                last_sign_in_at: seen.get(&m.user_id).copied().flatten(),
                ..view(&ctx, m)
            })
            .collect(),
        next_cursor,
    }))
}
