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
