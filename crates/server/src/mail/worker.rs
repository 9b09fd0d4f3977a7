//! Delivers the outbox with retries and exponential backoff. The embedded
//! default writes each mail and its link to the log.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::watch;

use crate::clock::Clock;
use crate::db::Db;
use crate::db::outbox::{self, Queued};

/// Where mail goes.
#[derive(Clone)]
pub enum Transport {
    /// The server log (embedded default): the link is printed.
    Log,
    /// An SMTP server (`SMTP_URL`), through lettre.
    Smtp(Box<Smtp>),
}

/// An SMTP connection and the sender address.
#[derive(Clone)]
pub struct Smtp {
    mailer: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Log => "Log",
            Self::Smtp(_) => "Smtp",
        })
    }
}

impl Transport {
    /// SMTP from a URL such as `smtps://user:pass@mail.example.org` or
    /// `smtp://127.0.0.1:2525` (credentials are part of the URL).
    pub fn smtp(url: &str, from: &str) -> anyhow::Result<Self> {
        let mailer = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Self::Smtp(Box::new(Smtp {
            mailer,
            from: from.parse()?,
        })))
    }

    async fn send(&self, m: &Queued) -> Result<(), String> {
        match self {
            Self::Log => {
                tracing::info!(
                    to = %m.to_email, subject = %m.subject, link = m.link.as_deref().unwrap_or(""),
                    "mail ({}):\n{}", m.kind, m.body
                );
                Ok(())
            }
            Self::Smtp(smtp) => {
                let Smtp { mailer, from } = smtp.as_ref();
                let to: Mailbox = m
                    .to_email
                    .parse()
                    .map_err(|e| format!("bad recipient: {e}"))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(&m.subject)
                    .header(ContentType::TEXT_PLAIN)
                    .body(m.body.clone())
                    .map_err(|e| e.to_string())?;
                mailer
                    .send(message)
                    .await
                    .map(drop)
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// Gives up after this many attempts.
const MAX_ATTEMPTS: i64 = 8;

/// Seconds to wait before attempt `n + 1`: 10 s, 20 s, 40 s … capped at 1 h.
pub fn backoff(attempts: i64) -> i64 {
    (10_i64 << attempts.clamp(0, 12)).min(3600)
}

/// Sends what is due once; returns how many were handled.
pub async fn run_once(db: &Db, clock: &Clock, transport: &Transport) -> Result<usize, sqlx::Error> {
    let now = clock.now();
    let due = outbox::claim_due(db, now, 120, 20).await?;
    for m in &due {
        match transport.send(m).await {
            Ok(()) => outbox::mark_sent(db, m.id, clock.now()).await?,
            Err(e) => {
                let next =
                    (m.attempts + 1 < MAX_ATTEMPTS).then(|| clock.now() + backoff(m.attempts));
                tracing::warn!(id = m.id, attempts = m.attempts + 1, error = %e, "mail delivery failed");
                outbox::mark_failed(db, m.id, &e, clock.now(), next).await?;
            }
        }
    }
    Ok(due.len())
}

/// Polls the outbox until `stop` turns true; finishes the batch in hand
/// first, so a shutdown never cuts a mail in half.
pub async fn run(db: Db, clock: Clock, transport: Transport, mut stop: watch::Receiver<bool>) {
    loop {
        match run_once(&db, &clock, &transport).await {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "outbox worker"),
        }
        tokio::select! {
            _ = stop.changed() => {}
            () = tokio::time::sleep(Duration::from_millis(500)) => {}
        }
        if *stop.borrow() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!([0, 1, 2, 3].map(super::backoff), [10, 20, 40, 80]);
        assert_eq!(super::backoff(20), 3600);
    }
}
