//! Organizations.

use sqlx::FromRow;

use super::Tx;

/// An organization row.
#[derive(Clone, Debug, FromRow)]
pub struct Org {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// The one Owner (R4).
    pub owner_id: i64,
    /// Seat limit (R7); `None` for unlimited.
    pub seat_limit: Option<i64>,
    /// Days an invitation stays valid (1–30).
    pub invite_expiry_days: i64,
    /// Role template key.
    pub template: String,
    /// `active` or `deactivated`.
    pub state: String,
}

const COLUMNS: &str = "id, name, owner_id, seat_limit, invite_expiry_days, template, state";

/// Creates an org owned by `owner_id`.
pub async fn create(
    tx: &mut Tx,
    name: &str,
    owner_id: i64,
    template: &str,
    seat_limit: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO orgs (name, owner_id, template, seat_limit, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(name)
    .bind(owner_id)
    .bind(template)
    .bind(seat_limit)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// The org with this id.
pub async fn by_id(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Option<Org>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM orgs WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// An org with the caller's role and status in it.
#[derive(Clone, Debug, FromRow)]
pub struct MyOrg {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Template key.
    pub template: String,
    /// The caller's role key.
    pub role: String,
    /// The caller's status.
    pub status: String,
}

/// Every org the user belongs to (and whose access has not expired).
pub async fn for_user(
    conn: &mut sqlx::AnyConnection,
    user_id: i64,
    now: i64,
) -> Result<Vec<MyOrg>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.name, o.template, m.role, m.status FROM memberships m JOIN orgs o ON o.id = m.org_id
         WHERE m.user_id = $1 AND (m.access_expires_at IS NULL OR m.access_expires_at > $2)
         ORDER BY o.name, o.id",
    )
    .bind(user_id)
    .bind(now)
    .fetch_all(&mut *conn)
    .await
}

/// Changes name, seat limit, invitation expiry and template.
pub async fn update_settings(tx: &mut Tx, org: &Org) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orgs SET name = $1, seat_limit = $2, invite_expiry_days = $3, template = $4 WHERE id = $5")
        .bind(&org.name)
        .bind(org.seat_limit)
        .bind(org.invite_expiry_days)
        .bind(&org.template)
        .bind(org.id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records a new Owner (R4: done only by transfer).
pub async fn set_owner(tx: &mut Tx, org_id: i64, owner_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE orgs SET owner_id = $1 WHERE id = $2")
        .bind(owner_id)
        .bind(org_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Deletes an org and, by cascade, its memberships and invitations.
pub async fn delete(tx: &mut Tx, org_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM orgs WHERE id = $1")
        .bind(org_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Seats held now (R7): active members plus pending unexpired invitations.
/// (members of any standing, invitations still open — pending or
/// expired, neither accepted, declined, revoked nor replaced): the counts
/// beside the Members and Invitations headings.
pub async fn counts(tx: &mut Tx, org_id: i64) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM memberships WHERE org_id = $1),
                (SELECT COUNT(*) FROM invitations WHERE org_id = $1 AND accepted_at IS NULL
                  AND revoked_at IS NULL AND declined_at IS NULL AND superseded_at IS NULL)",
    )
    .bind(org_id)
    .fetch_one(&mut **tx)
    .await
}

pub async fn seats_used(
    tx: &mut sqlx::AnyConnection,
    org_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND status = 'active'
                  AND (access_expires_at IS NULL OR access_expires_at > $2))
              + (SELECT COUNT(*) FROM invitations WHERE org_id = $1 AND accepted_at IS NULL
                  AND revoked_at IS NULL AND declined_at IS NULL AND superseded_at IS NULL AND expires_at > $2)",
    )
    .bind(org_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    Ok(n)
}
