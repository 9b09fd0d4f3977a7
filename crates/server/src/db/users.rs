//! Accounts.

use sqlx::FromRow;

use super::Tx;

/// A user row.
#[derive(Clone, Debug, FromRow)]
pub struct User {
    /// Id.
    pub id: i64,
    /// Email as typed.
    pub email: String,
    /// Display name.
    pub name: String,
    /// argon2id PHC string; `None` until a password is set.
    pub password_hash: Option<String>,
    /// 1 once the email is verified.
    pub email_verified: i64,
}

const COLUMNS: &str = "id, email, name, password_hash, email_verified";

/// Creates a user; `Ok(None)` when the email is taken.
pub async fn create(
    tx: &mut Tx,
    email: &str,
    name: &str,
    password_hash: Option<&str>,
    verified: bool,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO users (email, email_lower, name, password_hash, email_verified, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (email_lower) DO NOTHING RETURNING id",
    )
    .bind(email)
    .bind(email.to_ascii_lowercase())
    .bind(name)
    .bind(password_hash)
    .bind(i64::from(verified))
    .bind(now)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|r| r.0))
}

/// The user with this id.
pub async fn by_id(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Option<User>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// The user with this email, case-insensitively.
pub async fn by_email(
    conn: &mut sqlx::AnyConnection,
    email: &str,
) -> Result<Option<User>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE email_lower = $1"
    ))
    .bind(email.to_ascii_lowercase())
    .fetch_optional(&mut *conn)
    .await
}

/// Sets the password hash.
pub async fn set_password(tx: &mut Tx, id: i64, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records a sign-in (every session starts through `session::start`).
pub async fn signed_in(tx: &mut Tx, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET last_sign_in_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// (user, last sign-in) of each of `users`: the members list's column.
pub async fn last_sign_ins(
    conn: &mut sqlx::AnyConnection,
    users: &[i64],
) -> Result<Vec<(i64, Option<i64>)>, sqlx::Error> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let list = users
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    // The ids are integers from our own query, never user input.
    sqlx::query_as(&format!(
        "SELECT id, last_sign_in_at FROM users WHERE id IN ({list})"
    ))
    .fetch_all(conn)
    .await
}

/// Marks the email verified.
pub async fn mark_verified(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET email_verified = 1 WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether any account exists (first start prints a setup link if not).
pub async fn any_exist(conn: &mut sqlx::AnyConnection) -> Result<bool, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// Accounts whose stored address the e-mail rule (`validate::Email`) would
/// refuse today — made before the rule was strict. Reported at start so an
/// operator can fix them; nothing is changed automatically.
pub async fn nonconforming_emails(
    conn: &mut sqlx::AnyConnection,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, email FROM users ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, email)| crate::validate::Email::parse(email).is_err())
        .collect())
}
