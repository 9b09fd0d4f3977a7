//! Browser sessions: the cookie carries a random token, the table its hash.

use sqlx::FromRow;

use super::Tx;

/// A live session.
#[derive(Clone, Debug, FromRow)]
pub struct Session {
    /// Hash of the cookie's token.
    pub token_hash: String,
    /// Whose.
    pub user_id: i64,
    /// The token state-changing requests must echo in `X-CSRF-Token`.
    pub csrf_token: String,
    /// The active organization, if chosen.
    pub active_org: Option<i64>,
}

/// Stores a new session.
pub async fn create(
    tx: &mut Tx,
    token_hash: &str,
    user_id: i64,
    csrf: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(csrf)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The unexpired session with this token hash.
pub async fn find(
    conn: &mut sqlx::AnyConnection,
    token_hash: &str,
    now: i64,
) -> Result<Option<Session>, sqlx::Error> {
    sqlx::query_as(
        "SELECT token_hash, user_id, csrf_token, active_org FROM sessions
         WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await
}

/// Ends a session.
pub async fn delete(conn: &mut sqlx::AnyConnection, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Ends every session of a user (after a password reset).
pub async fn delete_for_user(tx: &mut Tx, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Switches the active organization.
pub async fn set_active_org(
    conn: &mut sqlx::AnyConnection,
    token_hash: &str,
    org: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET active_org = $1 WHERE token_hash = $2")
        .bind(org)
        .bind(token_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
