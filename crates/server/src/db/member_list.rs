//! The members list: filters, sort, keyset paging and substring search.

use super::members::{COLUMNS, Membership};
use super::{Bind, Dialect, SqlBuilder};

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

/// How a searched page is found. Both plans give the same rows; they differ
/// only in cost, so the choice is made per term from a capped count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plan {
    /// Walk the sort index from the cursor, filtering, until the page is
    /// full: cheap when matches are common. The list indexes carry name and
    /// email, so the walk never visits table rows it rejects.
    Walk,
    /// Fetch every match through the trigram index, then sort them: cheap
    /// when matches are few, however far apart they lie in sort order.
    SortMatches,
    /// [`Plan::SortMatches`] that also counts the trigram candidates (up to
    /// the cap) in the same statement, so that on PostgreSQL, where reading
    /// the trigram index is the cost, a narrow term reads it once.
    CountedMatches,
}

/// A row of a [`Plan::CountedMatches`] page, with the candidate count.
#[derive(sqlx::FromRow)]
struct Counted {
    #[sqlx(flatten)]
    member: Membership,
    n: i64,
}

/// From this many trigram matches on, a search walks the sort index.
/// Measured at 1M members: sorting 2,000 matches and walking to 50 of
/// 2,000 evenly spread ones both take about 2 ms (docs/benchmarks.md).
const BROAD_SEARCH: i64 = 2000;

/// One page of members, keyset-paged: the cursor condition is a row value
/// `(key, id) > ($k, $id)` so both backends walk the index, never OFFSET.
pub async fn list(
    conn: &mut sqlx::AnyConnection,
    dialect: Dialect,
    org_id: i64,
    q: &ListQuery,
) -> Result<Vec<Membership>, sqlx::Error> {
    let term = q
        .search
        .as_deref()
        .map(str::to_lowercase)
        .filter(|t| !t.is_empty());
    let search = match &term {
        None => None,
        // Shorter than a trigram: no index helps; walk and filter.
        Some(t) if t.chars().count() < 3 => Some((t.as_str(), Plan::Walk)),
        // SQLite's trigram index folds non-ASCII letters its own way (İ);
        // only for ASCII terms is it sure to find every row the one
        // definition of a match (below) accepts, so others walk.
        Some(t) if dialect == Dialect::Sqlite && !t.is_ascii() => Some((t.as_str(), Plan::Walk)),
        Some(t) if dialect == Dialect::Postgres => {
            let rows: Vec<Counted> = page(q, org_id, dialect, Some((t, Plan::CountedMatches)))
                .query_as()
                .fetch_all(&mut *conn)
                .await?;
            let broad = match rows.first() {
                Some(r) => r.n >= BROAD_SEARCH,
                // No row on this page tells nothing of the count.
                None => count_capped(&mut *conn, dialect, org_id, t).await? >= BROAD_SEARCH,
            };
            if !broad {
                return Ok(rows.into_iter().map(|r| r.member).collect());
            }
            Some((t.as_str(), Plan::Walk))
        }
        Some(t) => {
            let few = count_capped(&mut *conn, dialect, org_id, t).await? < BROAD_SEARCH;
            Some((t.as_str(), if few { Plan::SortMatches } else { Plan::Walk }))
        }
    };
    page(q, org_id, dialect, search)
        .query_as()
        .fetch_all(&mut *conn)
        .await
}

/// Trigram-index matches of `term`, counted up to [`BROAD_SEARCH`]. On
/// SQLite this counts over every org: it only picks a plan, and the FTS
/// table does not know orgs.
async fn count_capped(
    conn: &mut sqlx::AnyConnection,
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
            push_trigram_like(&mut b, term);
        }
    }
    b.push(" LIMIT ").bind(Bind::Int(BROAD_SEARCH)).push(") c");
    let (n,): (i64,) = b.query_as().fetch_one(&mut *conn).await?;
    Ok(n)
}

fn page(q: &ListQuery, org_id: i64, dialect: Dialect, search: Option<(&str, Plan)>) -> SqlBuilder {
    let key = match q.sort {
        Sort::Name => "name_lower",
        Sort::Email => "email_lower",
        Sort::Joined => "joined_at",
    };
    let dir = if q.descending { "DESC" } else { "ASC" };
    let sort_matches = matches!(search, Some((_, Plan::SortMatches | Plan::CountedMatches)));
    // To sort matches, the planner must start from the trigram index, not
    // from a list index: on SQLite a unary `+` keeps a column's index out of
    // the plan; on PostgreSQL an order expression no index serves does.
    let (plus, order_key) = match (sort_matches, dialect, q.sort) {
        (false, ..) => ("", key.to_string()),
        (true, Dialect::Sqlite, _) => ("+", format!("+{key}")),
        (true, Dialect::Postgres, Sort::Joined) => ("", format!("({key} + 0)")),
        (true, Dialect::Postgres, _) => ("", format!("({key} || '')")),
    };
    // A walk picks ids from the list index alone (an index-only scan on
    // PostgreSQL, which would otherwise read every row it rejects), then
    // fetches the page's rows.
    let walk = matches!(search, Some((_, Plan::Walk)));
    let mut b = SqlBuilder::default();
    if let Some((term, Plan::CountedMatches)) = search {
        b.push("WITH c AS MATERIALIZED (SELECT id FROM memberships WHERE org_id = ")
            .bind(Bind::Int(org_id));
        push_trigram_like(&mut b, term);
        b.push(" LIMIT ")
            .bind(Bind::Int(BROAD_SEARCH))
            .push(&format!(
                ") SELECT {COLUMNS}, (SELECT COUNT(*) FROM c) AS n FROM memberships WHERE id IN (SELECT id FROM c) AND org_id = "
            ));
    } else if walk {
        b.push(&format!(
            "SELECT {COLUMNS} FROM memberships WHERE id IN (SELECT id FROM memberships WHERE org_id = "
        ));
    } else {
        b.push(&format!(
            "SELECT {COLUMNS} FROM memberships WHERE {plus}org_id = "
        ));
    }
    b.bind(Bind::Int(org_id));
    if let Some(role) = &q.role {
        b.push(&format!(" AND {plus}role = "))
            .bind(Bind::Text(role.clone()));
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
    if let Some((term, plan)) = search {
        if plan == Plan::SortMatches {
            match dialect {
                Dialect::Sqlite => {
                    b.push(" AND id IN (SELECT rowid FROM memberships_fts WHERE memberships_fts MATCH ")
                        .bind(Bind::Text(fts_phrase(term)))
                        .push(")");
                }
                Dialect::Postgres => push_trigram_like(&mut b, term),
            }
        }
        // The one definition of a match, whichever index found the rows:
        // the term is a substring of the lower-cased name or email.
        let find = match dialect {
            Dialect::Sqlite => "instr",
            Dialect::Postgres => "strpos",
        };
        b.push(&format!(" AND ({find}(name_lower, "))
            .bind(Bind::Text(term.to_string()))
            .push(&format!(") > 0 OR {find}(email_lower, "))
            .bind(Bind::Text(term.to_string()))
            .push(") > 0)");
    }
    b.push(&format!(" ORDER BY {order_key} {dir}, id {dir} LIMIT "))
        .bind(Bind::Int(q.limit));
    if walk {
        b.push(&format!(") ORDER BY {order_key} {dir}, id {dir}"));
    }
    b
}

/// An FTS5 phrase: the term as one quoted string, quotes doubled.
fn fts_phrase(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// PostgreSQL's pg_trgm GIN index serves this expression's LIKE; it only
/// narrows the rows, the `strpos` test decides.
fn push_trigram_like(b: &mut SqlBuilder, term: &str) {
    let like = format!(
        "%{}%",
        term.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    b.push(" AND (name_lower || ' ' || email_lower) LIKE ")
        .bind(Bind::Text(like))
        .push(" ESCAPE '\\'");
}
