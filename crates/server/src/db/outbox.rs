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
    enqueue_at(tx, m, now, now).await
}

/// [`enqueue`], not to go before `at` (an import's pace).
pub async fn enqueue_at(tx: &mut Tx, m: &Mail, now: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (kind, to_email, subject, body, link, invitation_id, created_at, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(m.kind)
    .bind(&m.to)
    .bind(&m.subject)
    .bind(&m.body)
    .bind(m.link.as_deref())
    .bind(m.invitation_id)
    .bind(now)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// When the last invitation mail of `org_id` still waiting is due.
pub async fn last_due_for_org(tx: &mut Tx, org_id: i64) -> Result<Option<i64>, sqlx::Error> {
    let (at,): (Option<i64>,) = sqlx::query_as(
        "SELECT MAX(o.next_attempt_at) FROM outbox o JOIN invitations i ON i.id = o.invitation_id
         WHERE i.org_id = $1 AND o.sent_at IS NULL AND o.failed_at IS NULL",
    )
    .bind(org_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(at)
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

/// What scrubs a mail's secret: the link goes, and so does every copy of
/// it in the body. After delivery, or once the link can no longer work,
/// nothing in the row can be turned into a working link.
const SCRUB: &str = "link = NULL,
    body = CASE WHEN link IS NULL THEN body ELSE REPLACE(body, link, '[link removed]') END";

/// The mails of an invitation whose link was replaced or closed: unsent
/// ones are called off (their link is dead) and every one is scrubbed.
pub async fn retire_for_invitation(
    tx: &mut Tx,
    invitation_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE outbox SET {SCRUB},
            failed_at = CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN $2 ELSE failed_at END,
            last_error = CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 'replaced by a newer link or closed' ELSE last_error END
         WHERE invitation_id = $1 AND link IS NOT NULL"
    ))
    .bind(invitation_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A mail this worker holds: nobody else sends it until `until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claim {
    /// The mail.
    pub id: i64,
    /// When the lease ends (unix seconds); also what proves the claim.
    pub until: i64,
}

/// Claims the oldest due mail for `lease` seconds: another instance's
/// worker skips it meanwhile, and picks it up again if this one dies. One
/// mail per claim, so a slow server never outlives a batch's lease.
pub async fn claim_next(
    db: &super::Db,
    now: i64,
    lease: i64,
) -> Result<Option<(Queued, Claim)>, sqlx::Error> {
    loop {
        let due: Option<Queued> = sqlx::query_as(
            "SELECT id, kind, to_email, subject, body, link, attempts FROM outbox
             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT 1",
        )
        .bind(now)
        .fetch_optional(&db.pool)
        .await?;
        let Some(m) = due else { return Ok(None) };
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
            let claim = Claim {
                id: m.id,
                until: now + lease,
            };
            return Ok(Some((m, claim)));
        }
        // Another worker took it first: try the next one.
    }
}

/// Marks a mail delivered — only while this worker still holds its claim;
/// false if the lease ran out and another worker took it over.
pub async fn mark_sent(db: &super::Db, claim: Claim, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let done = sqlx::query(&format!(
        "UPDATE outbox SET sent_at = $1, attempts = attempts + 1, {SCRUB}
             WHERE id = $2 AND next_attempt_at = $3 AND sent_at IS NULL"
    ))
    .bind(now)
    .bind(claim.id)
    .bind(claim.until)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(done.rows_affected() == 1)
}

/// Records a failed attempt: retry at `next`, or give up when `next` is `None`.
pub async fn mark_failed(
    db: &super::Db,
    claim: Claim,
    error: &str,
    now: i64,
    next: Option<i64>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query(
        &format!(
            "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, failed_at = $3{}
             WHERE id = $4 AND next_attempt_at = $5 AND sent_at IS NULL",
            // Given up: the link will never be sent.
            if next.is_none() { format!(", {SCRUB}") } else { String::new() }
        ),
    )
    .bind(error)
    .bind(next.unwrap_or(now))
    .bind(if next.is_none() { Some(now) } else { None })
    .bind(claim.id)
    .bind(claim.until)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// Delivery state of an invitation's latest mail: (sent, failed, why).
pub async fn invitation_delivery(
    conn: &mut sqlx::AnyConnection,
    invitation_id: i64,
) -> Result<Option<(Option<i64>, Option<i64>, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT sent_at, failed_at, last_error FROM outbox WHERE invitation_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(invitation_id)
    .fetch_optional(&mut *conn)
    .await
}
