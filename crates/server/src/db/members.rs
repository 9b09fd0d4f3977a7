//! Memberships: who is in an org, with which role and status.

use sqlx::FromRow;

use super::{Bind, Dialect, SqlBuilder, Tx};

/// A membership row, with the member's name and email.
#[derive(Clone, Debug, FromRow)]
pub struct Membership {
    /// Membership id.
    pub id: i64,
    /// The org.
    pub org_id: i64,
    /// The member.
    pub user_id: i64,
    /// Role key within the org's template.
    pub role: String,
    /// `active` or `suspended`.
    pub status: String,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// When they joined, unix seconds.
    pub joined_at: i64,
    /// When access ends (R16).
    pub access_expires_at: Option<i64>,
}

const COLUMNS: &str =
    "id, org_id, user_id, role, status, name, email, joined_at, access_expires_at";

/// Adds a member.
pub async fn insert(
    tx: &mut Tx,
    org_id: i64,
    user_id: i64,
    role: &str,
    name: &str,
    email: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO memberships (org_id, user_id, role, status, name, email, name_lower, email_lower, joined_at)
         VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8)",
    )
    .bind(org_id)
    .bind(user_id)
    .bind(role)
    .bind(name)
    .bind(email)
    .bind(name.to_lowercase())
    .bind(email.to_lowercase())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The membership of `user_id` in `org_id`, however it stands.
pub async fn find<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    ex: E,
    org_id: i64,
    user_id: i64,
) -> Result<Option<Membership>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM memberships WHERE org_id = $1 AND user_id = $2"
    ))
    .bind(org_id)
    .bind(user_id)
    .fetch_optional(ex)
    .await
}

/// Sets the role.
pub async fn set_role(
    tx: &mut Tx,
    org_id: i64,
    user_id: i64,
    role: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE memberships SET role = $1 WHERE org_id = $2 AND user_id = $3")
        .bind(role)
        .bind(org_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Sets the status (`active` / `suspended`).
pub async fn set_status(
    tx: &mut Tx,
    org_id: i64,
    user_id: i64,
    status: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE memberships SET status = $1 WHERE org_id = $2 AND user_id = $3")
        .bind(status)
        .bind(org_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Sets or clears the access expiry (R16).
pub async fn set_access_expiry(
    tx: &mut Tx,
    org_id: i64,
    user_id: i64,
    at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE memberships SET access_expires_at = $1 WHERE org_id = $2 AND user_id = $3")
        .bind(at)
        .bind(org_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Removes a member.
pub async fn delete(tx: &mut Tx, org_id: i64, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM memberships WHERE org_id = $1 AND user_id = $2")
        .bind(org_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Sort column of the members list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// By name (case-insensitive).
    Name,
    /// By email.
    Email,
    /// By join date.
    Joined,
}

/// A members-list query: filters, sort and the keyset cursor.
#[derive(Clone, Debug)]
pub struct ListQuery {
    /// Substring of name or email.
    pub search: Option<String>,
    /// Only this role.
    pub role: Option<String>,
    /// Only this status.
    pub status: Option<String>,
    /// Sort column.
    pub sort: Sort,
    /// Descending instead of ascending.
    pub descending: bool,
    /// Continue after this (sort key, id).
    pub after: Option<(Bind, i64)>,
    /// Page size.
    pub limit: i64,
}

/// One page of members, keyset-paged: the cursor condition is a row value
/// `(key, id) > ($k, $id)` so both backends walk the index, never OFFSET.
///
/// A substring search first counts its trigram-index matches, up to a cap.
/// A narrow term (under the cap) fetches those few matches and sorts them;
/// a broad one walks the sort index and filters, stopping at a full page.
/// Either way a page costs about the same, however deep or wide.
pub async fn list(
    pool: &sqlx::AnyPool,
    dialect: Dialect,
    org_id: i64,
    q: &ListQuery,
) -> Result<Vec<Membership>, sqlx::Error> {
    let term = q
        .search
        .as_deref()
        .map(str::to_lowercase)
        .filter(|t| !t.is_empty());
    let filter = match &term {
        None => Filter::None,
        // Shorter than a trigram: no index helps; walk and filter.
        Some(t) if t.chars().count() < 3 => Filter::Like(t, dialect, Plan::Walk),
        Some(t) => {
            let narrow = count_capped(pool, dialect, org_id, t).await? < BROAD_SEARCH;
            match (dialect, narrow) {
                (Dialect::Sqlite, true) => Filter::Fts(t),
                (_, true) => Filter::Like(t, dialect, Plan::SortMatches),
                (_, false) => Filter::Like(t, dialect, Plan::Walk),
            }
        }
    };
    page(q, org_id, filter).query_as().fetch_all(pool).await
}

/// From this many trigram matches on, a search walks the sort index.
const BROAD_SEARCH: i64 = 1000;

/// Trigram-index matches of `term`, counted up to [`BROAD_SEARCH`].
async fn count_capped(
    pool: &sqlx::AnyPool,
    dialect: Dialect,
    org_id: i64,
    term: &str,
) -> Result<i64, sqlx::Error> {
    let mut b = SqlBuilder::default();
    match dialect {
        Dialect::Sqlite => {
            b.push(
                "SELECT COUNT(*) FROM (SELECT 1 FROM memberships_fts WHERE memberships_fts MATCH ",
            )
            .bind(Bind::Text(fts_phrase(term)));
        }
        Dialect::Postgres => {
            b.push("SELECT COUNT(*) FROM (SELECT 1 FROM memberships WHERE org_id = ")
                .bind(Bind::Int(org_id));
            push_like(&mut b, dialect, term);
        }
    }
    b.push(" LIMIT ").bind(Bind::Int(BROAD_SEARCH)).push(") c");
    let (n,): (i64,) = b.query_as().fetch_one(pool).await?;
    Ok(n)
}

fn fts_phrase(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// How a LIKE-filtered page is found.
#[derive(Clone, Copy)]
enum Plan {
    /// Walk the sort index, filtering, until the page is full.
    Walk,
    /// Fetch every match through the trigram index, then sort.
    SortMatches,
}

enum Filter<'a> {
    None,
    Like(&'a str, Dialect, Plan),
    /// Every match from SQLite's trigram FTS5 table.
    Fts(&'a str),
}

fn page(q: &ListQuery, org_id: i64, filter: Filter<'_>) -> SqlBuilder {
    let key = match q.sort {
        Sort::Name => "name_lower",
        Sort::Email => "email_lower",
        Sort::Joined => "joined_at",
    };
    let dir = if q.descending { "DESC" } else { "ASC" };
    let mut b = SqlBuilder::default();
    b.push(&format!(
        "SELECT {COLUMNS} FROM memberships WHERE org_id = "
    ))
    .bind(Bind::Int(org_id));
    if let Some(role) = &q.role {
        b.push(" AND role = ").bind(Bind::Text(role.clone()));
    }
    if let Some(status) = &q.status {
        b.push(" AND status = ").bind(Bind::Text(status.clone()));
    }
    if let Some((value, id)) = &q.after {
        let op = if q.descending { "<" } else { ">" };
        b.push(&format!(" AND ({key}, id) {op} ("))
            .bind(value.clone())
            .push(", ")
            .bind(Bind::Int(*id))
            .push(")");
    }
    // An order expression the planner cannot serve from the sort index
    // makes it fetch the matches first and sort them.
    let mut order_key = key.to_string();
    match filter {
        Filter::None => {}
        Filter::Like(term, dialect, plan) => {
            push_like(&mut b, dialect, term);
            if let Plan::SortMatches = plan {
                order_key = match q.sort {
                    Sort::Joined => format!("({key} + 0)"),
                    _ => format!("({key} || '')"),
                };
            }
        }
        Filter::Fts(term) => {
            b.push(" AND id IN (SELECT rowid FROM memberships_fts WHERE memberships_fts MATCH ")
                .bind(Bind::Text(fts_phrase(term)))
                .push(")");
            order_key = format!("+{key}");
        }
    }
    b.push(&format!(" ORDER BY {order_key} {dir}, id {dir} LIMIT "))
        .bind(Bind::Int(q.limit));
    b
}

fn push_like(b: &mut SqlBuilder, dialect: Dialect, term: &str) {
    let like = format!(
        "%{}%",
        term.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    match dialect {
        Dialect::Sqlite => {
            b.push(" AND (name_lower LIKE ")
                .bind(Bind::Text(like.clone()))
                .push(" ESCAPE '\\' OR email_lower LIKE ")
                .bind(Bind::Text(like))
                .push(" ESCAPE '\\')");
        }
        // The pg_trgm GIN index serves this expression's LIKE.
        Dialect::Postgres => {
            b.push(" AND (name_lower || ' ' || email_lower) LIKE ")
                .bind(Bind::Text(like))
                .push(" ESCAPE '\\'");
        }
    }
}

/// Counts of members by status, for the seat display.
pub async fn count_active(pool: &sqlx::AnyPool, org_id: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND status = 'active'")
            .bind(org_id)
            .fetch_one(pool)
            .await?;
    Ok(n)
}
