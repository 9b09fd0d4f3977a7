//! Outgoing mail, written in the same transaction as the change that causes
//! it and delivered later by the worker (so an outage loses nothing).

use sqlx::FromRow;

use super::Tx;

/// A message to send.
#[derive(Clone, Debug)]
pub struct Mail {
    /// Kind (`invitation`, `verify_email`, …).
    pub kind: &'static str,
    /// Recipient.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// The one link the mail is about.
    pub link: Option<String>,
    /// The invitation it belongs to, so the Members page can show delivery.
    pub invitation_id: Option<i64>,
}

/// Queues a mail.
pub async fn enqueue(tx: &mut Tx, m: &Mail, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (kind, to_email, subject, body, link, invitation_id, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(m.kind)
    .bind(&m.to)
    .bind(&m.subject)
    .bind(&m.body)
    .bind(m.link.as_deref())
    .bind(m.invitation_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A queued mail as stored.
#[derive(Clone, Debug, FromRow)]
pub struct Queued {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Recipient.
    pub to_email: String,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
    /// Link.
    pub link: Option<String>,
    /// Attempts so far.
    pub attempts: i64,
}

/// Claims up to `n` due mails for `lease` seconds: another instance's
/// worker skips them meanwhile, and picks them up again if this one dies.
pub async fn claim_due(
    db: &super::Db,
    now: i64,
    lease: i64,
    n: i64,
) -> Result<Vec<Queued>, sqlx::Error> {
    let pool = &db.pool;
    let due: Vec<Queued> = sqlx::query_as(
        "SELECT id, kind, to_email, subject, body, link, attempts FROM outbox
         WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
    )
    .bind(now)
    .bind(n)
    .fetch_all(pool)
    .await?;
    let mut claimed = Vec::with_capacity(due.len());
    for m in due {
        let mut tx = db.begin().await?;
        let done = sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1 WHERE id = $2 AND sent_at IS NULL AND next_attempt_at <= $3",
        )
        .bind(now + lease)
        .bind(m.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        if done.rows_affected() == 1 {
            claimed.push(m);
        }
    }
    Ok(claimed)
}

/// Marks a mail delivered.
pub async fn mark_sent(db: &super::Db, id: i64, now: i64) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE outbox SET sent_at = $1, attempts = attempts + 1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Records a failed attempt: retry at `next`, or give up when `next` is `None`.
pub async fn mark_failed(
    db: &super::Db,
    id: i64,
    error: &str,
    now: i64,
    next: Option<i64>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, failed_at = $3 WHERE id = $4",
    )
    .bind(error)
    .bind(next.unwrap_or(now))
    .bind(if next.is_none() { Some(now) } else { None })
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Delivery state of an invitation's latest mail: (sent, failed).
pub async fn invitation_delivery(
    pool: &sqlx::AnyPool,
    invitation_id: i64,
) -> Result<Option<(Option<i64>, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT sent_at, failed_at FROM outbox WHERE invitation_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(invitation_id)
    .fetch_optional(pool)
    .await
}
