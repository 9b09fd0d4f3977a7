//! One-time links for email verification, password reset and first setup.

use super::Tx;

/// What a one-time token is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Verify an email address.
    VerifyEmail,
    /// Set a new password.
    ResetPassword,
    /// Create the first Owner on an empty database.
    Setup,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
            Self::Setup => "setup",
        }
    }
}

/// Stores a token hash.
pub async fn create(
    tx: &mut Tx,
    hash: &str,
    purpose: Purpose,
    user_id: Option<i64>,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO user_tokens (token_hash, purpose, user_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash)
    .bind(purpose.as_str())
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Uses a token once: marks it used and returns its user, or `None` if it
/// is unknown, used, expired or for another purpose.
pub async fn consume(
    tx: &mut Tx,
    hash: &str,
    purpose: Purpose,
    now: i64,
) -> Result<Option<Option<i64>>, sqlx::Error> {
    let row: Option<(Option<i64>,)> = sqlx::query_as(
        "UPDATE user_tokens SET used_at = $1
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1
         RETURNING user_id",
    )
    .bind(now)
    .bind(hash)
    .bind(purpose.as_str())
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|r| r.0))
}

/// Whether a token could be used now, without using it: the cheap check
/// that comes before any expensive work (hashing a new password).
pub async fn is_live(
    conn: &mut sqlx::AnyConnection,
    hash: &str,
    purpose: Purpose,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT 1 FROM user_tokens
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
    )
    .bind(hash)
    .bind(purpose.as_str())
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.is_some())
}

/// Ends every other unused token of `user_id` for `purpose`: when one reset
/// link is used, the earlier ones die with it.
pub async fn retire_all(
    tx: &mut Tx,
    user_id: i64,
    purpose: Purpose,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE user_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .bind(purpose.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}
