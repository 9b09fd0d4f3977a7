//! Housekeeping: what has served its purpose leaves the database, so
//! neither the tables nor a backup keep it.

/// Delivered or given-up mail is kept this long (the Members page shows
/// the latest delivery state of each invitation), then deleted.
const MAIL_KEPT: i64 = 7 * 24 * 3600;
/// The longest a link outside invitations lives (e-mail verification).
const LONGEST_LINK: i64 = 2 * 24 * 3600;

/// Removes expired sessions, used or expired one-time tokens, finished
/// rate-limit windows and old delivered mail; scrubs the link of any mail
/// whose token can no longer work. Returns the rows touched.
pub async fn run(db: &super::Db, now: i64) -> Result<u64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let mut touched = 0;
    let stale = format!(
        "UPDATE outbox SET link = NULL, body = REPLACE(body, link, '[link removed]'),
            failed_at = CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN $1 ELSE failed_at END
         WHERE link IS NOT NULL AND invitation_id IS NULL AND created_at < $1 - {LONGEST_LINK}"
    );
    let statements: [(&str, i64); 6] = [
        ("DELETE FROM sessions WHERE expires_at <= $1", now),
        ("DELETE FROM user_tokens WHERE used_at IS NOT NULL OR expires_at <= $1", now),
        // Windows are at most an hour long.
        ("DELETE FROM rate_limits WHERE window_start < $1", now - 3600),
        (
            "DELETE FROM outbox WHERE (sent_at IS NOT NULL AND sent_at < $1)
                OR (failed_at IS NOT NULL AND failed_at < $1)",
            now - MAIL_KEPT,
        ),
        // An invitation's link dies with its expiry; any other link within
        // the longest lifetime. Unsent, such a mail is called off.
        (
            "UPDATE outbox SET link = NULL, body = REPLACE(body, link, '[link removed]'),
                failed_at = CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN $1 ELSE failed_at END
             WHERE link IS NOT NULL AND invitation_id IN (SELECT id FROM invitations WHERE expires_at <= $1)",
            now,
        ),
        (&stale, now),
    ];
    for (sql, at) in statements {
        touched += sqlx::query(sql)
            .bind(at)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }
    tx.commit().await?;
    Ok(touched)
}
