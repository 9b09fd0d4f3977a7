//! Domain claims (R13), the admins' join queue, and who departed.

use sqlx::{AnyConnection, FromRow};

use super::Tx;

/// An org's claim on a domain.
#[derive(Clone, Debug, FromRow)]
pub struct ClaimRow {
    /// Id.
    pub id: i64,
    /// The org.
    pub org_id: i64,
    /// Normalised domain.
    pub domain: String,
    /// `auto_join`, `suggest`, `request` or `off`.
    pub mode: String,
    /// Role key joiners get.
    pub default_role: String,
    /// JSON array of group ids.
    pub default_groups: String,
    /// The TXT value that proves it.
    pub challenge: String,
    /// When claimed.
    pub created_at: i64,
    /// When proven; `None` while pending.
    pub verified_at: Option<i64>,
    /// `email` or `dns`.
    pub proof: Option<String>,
}

impl ClaimRow {
    /// Its default groups.
    pub fn groups(&self) -> Vec<i64> {
        serde_json::from_str(&self.default_groups).unwrap_or_default()
    }
}

const SELECT: &str = "SELECT id, org_id, domain, mode, default_role, default_groups, challenge,
    created_at, verified_at, proof FROM org_domains";

/// A new claim: what the API was given, normalised.
pub struct NewClaim<'a> {
    /// The org.
    pub org_id: i64,
    /// Normalised domain.
    pub domain: &'a str,
    /// Mode word.
    pub mode: &'a str,
    /// Role key.
    pub default_role: &'a str,
    /// Group ids.
    pub default_groups: &'a [i64],
    /// TXT value.
    pub challenge: &'a str,
    /// Who claims.
    pub created_by: i64,
}

/// Adds a pending claim; `None` when the org already claims the domain.
pub async fn create(tx: &mut Tx, c: NewClaim<'_>, now: i64) -> Result<Option<i64>, sqlx::Error> {
    let id: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO org_domains (org_id, domain, mode, default_role, default_groups, challenge, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (org_id, domain) DO NOTHING RETURNING id",
    )
    .bind(c.org_id)
    .bind(c.domain)
    .bind(c.mode)
    .bind(c.default_role)
    .bind(serde_json::to_string(c.default_groups).unwrap_or_else(|_| "[]".into()))
    .bind(c.challenge)
    .bind(c.created_by)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(id.map(|(id,)| id))
}

/// The org's claims, by domain.
pub async fn of_org(conn: &mut AnyConnection, org_id: i64) -> Result<Vec<ClaimRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE org_id = $1 ORDER BY domain"))
        .bind(org_id)
        .fetch_all(conn)
        .await
}

/// One claim of the org.
pub async fn find(
    conn: &mut AnyConnection,
    org_id: i64,
    id: i64,
) -> Result<Option<ClaimRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE org_id = $1 AND id = $2"))
        .bind(org_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The verified claim on `domain`, of whichever org holds it.
pub async fn verified(
    conn: &mut AnyConnection,
    domain: &str,
) -> Result<Option<ClaimRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE domain = $1 AND verified_at IS NOT NULL"
    ))
    .bind(domain)
    .fetch_optional(conn)
    .await
}

/// Changes mode, role and groups.
pub async fn update(tx: &mut Tx, c: &ClaimRow) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE org_domains SET mode = $1, default_role = $2, default_groups = $3 WHERE id = $4",
    )
    .bind(&c.mode)
    .bind(&c.default_role)
    .bind(&c.default_groups)
    .bind(c.id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Marks a claim proven.
pub async fn mark_verified(tx: &mut Tx, id: i64, proof: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE org_domains SET verified_at = $1, proof = $2 WHERE id = $3")
        .bind(now)
        .bind(proof)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Drops a claim (its queue goes with it).
pub async fn delete(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM org_domains WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A person waiting in an org's queue.
#[derive(Clone, Debug, FromRow)]
pub struct RequestRow {
    /// The person.
    pub user_id: i64,
    /// Their name.
    pub name: String,
    /// Their address.
    pub email: String,
    /// The claim they came by.
    pub domain_id: i64,
    /// Its domain.
    pub domain: String,
    /// Its role key.
    pub default_role: String,
    /// 1 when a full org queued them.
    pub seats_full: i64,
    /// When they asked.
    pub created_at: i64,
}

const REQUESTS: &str = "SELECT r.user_id, u.name, u.email, r.domain_id, d.domain, d.default_role,
        r.seats_full, r.created_at
    FROM join_requests r JOIN users u ON u.id = r.user_id JOIN org_domains d ON d.id = r.domain_id";

/// The org's queue, oldest first.
pub async fn requests(
    conn: &mut AnyConnection,
    org_id: i64,
) -> Result<Vec<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{REQUESTS} WHERE r.org_id = $1 ORDER BY r.created_at, r.user_id"
    ))
    .bind(org_id)
    .fetch_all(conn)
    .await
}

/// One person's request.
pub async fn request(
    conn: &mut AnyConnection,
    org_id: i64,
    user_id: i64,
) -> Result<Option<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{REQUESTS} WHERE r.org_id = $1 AND r.user_id = $2"
    ))
    .bind(org_id)
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

/// Queues a person.
pub async fn add_request(
    tx: &mut Tx,
    (org_id, user_id, domain_id): (i64, i64, i64),
    seats_full: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO join_requests (org_id, user_id, domain_id, seats_full, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (org_id, user_id) DO NOTHING",
    )
    .bind(org_id)
    .bind(user_id)
    .bind(domain_id)
    .bind(i64::from(seats_full))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Takes a person out of the queue.
pub async fn drop_request(tx: &mut Tx, org_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM join_requests WHERE org_id = $1 AND user_id = $2")
        .bind(org_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Records that someone was removed or left.
pub async fn depart(tx: &mut Tx, org_id: i64, user_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO departures (org_id, user_id, at) VALUES ($1, $2, $3)
         ON CONFLICT (org_id, user_id) DO UPDATE SET at = excluded.at",
    )
    .bind(org_id)
    .bind(user_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// An invitation brought them back: their domain may again.
pub async fn forget_departure(tx: &mut Tx, org_id: i64, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM departures WHERE org_id = $1 AND user_id = $2")
        .bind(org_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether they were removed or left and not invited back since.
pub async fn departed(
    conn: &mut AnyConnection,
    org_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT at FROM departures WHERE org_id = $1 AND user_id = $2")
            .bind(org_id)
            .bind(user_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.is_some())
}
