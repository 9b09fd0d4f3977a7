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

    async fn send(&self, m: &Queued) -> Result<(), Failure> {
        match self {
            Self::Log => {
                // What people typed (names, messages) cannot forge a log
                // line: fields are quoted, body lines are indented with
                // their control characters replaced.
                let body: Vec<String> = m
                    .body
                    .lines()
                    .map(|l| format!("  | {}", l.replace(char::is_control, "\u{FFFD}")))
                    .collect();
                tracing::info!(
                    to = ?m.to_email, subject = ?m.subject, link = m.link.as_deref().unwrap_or(""),
                    "mail ({}):\n{}", m.kind, body.join("\n")
                );
                Ok(())
            }
            Self::Smtp(smtp) => {
                let Smtp { mailer, from } = smtp.as_ref();
                let to: Mailbox = m
                    .to_email
                    .parse()
                    .map_err(|e| Failure::Permanent(format!("bad recipient: {e}")))?;
                let message = Message::builder()
                    .from(from.clone())
                    .to(to)
                    .subject(&m.subject)
                    .header(ContentType::TEXT_PLAIN)
                    .body(m.body.clone())
                    .map_err(|e| Failure::Permanent(e.to_string()))?;
                mailer.send(message).await.map(drop).map_err(|e| {
                    // A 5xx answer will not change on retry.
                    if e.is_permanent() {
                        Failure::Permanent(e.to_string())
                    } else {
                        Failure::Transient(e.to_string())
                    }
                })
            }
        }
    }
}

/// Why a delivery failed.
#[derive(Debug)]
enum Failure {
    /// Worth another attempt (timeout, connection, 4xx).
    Transient(String),
    /// Refused for good (5xx, bad address): failed at once, with the reason.
    Permanent(String),
}

/// Gives up after this many attempts.
const MAX_ATTEMPTS: i64 = 8;

/// Every delivery ends within this, whatever the server does (a server
/// that accepts and never greets, or holds its reply to DATA).
pub const SEND_DEADLINE: Duration = Duration::from_secs(30);

/// A claim outlives the deadline by far, so two instances never both send.
const LEASE_SECONDS: i64 = 120;

/// Mails handled per [`run_once`] before the caller checks for shutdown.
const BATCH: usize = 20;

/// Seconds to wait before attempt `n + 1`: 10 s, 20 s, 40 s … capped at 1 h.
pub fn backoff(attempts: i64) -> i64 {
    (10_i64 << attempts.clamp(0, 12)).min(3600)
}

/// Sends what is due, one claimed mail at a time, up to a batch; returns
/// how many were handled. Each send has [`SEND_DEADLINE`]; a stuck one
/// fails and is retried later, never holding up the others.
pub async fn run_once(db: &Db, clock: &Clock, transport: &Transport) -> Result<usize, sqlx::Error> {
    run_batch(db, clock, transport, SEND_DEADLINE, None).await
}

async fn run_batch(
    db: &Db,
    clock: &Clock,
    transport: &Transport,
    deadline: Duration,
    stop: Option<&watch::Receiver<bool>>,
) -> Result<usize, sqlx::Error> {
    let mut handled = 0;
    while handled < BATCH {
        if stop.is_some_and(|s| *s.borrow()) {
            break;
        }
        let Some((m, claim)) = outbox::claim_next(db, clock.now(), LEASE_SECONDS).await? else {
            break;
        };
        handled += 1;
        let outcome = tokio::time::timeout(deadline, transport.send(&m))
            .await
            .unwrap_or_else(|_| {
                Err(Failure::Transient(format!(
                    "no answer from the mail server within {} s",
                    deadline.as_secs()
                )))
            });
        match outcome {
            Ok(()) => {
                if !outbox::mark_sent(db, claim, clock.now()).await? {
                    tracing::warn!(id = m.id, "mail sent after its claim ran out");
                }
            }
            Err(failure) => {
                let (error, next) = match failure {
                    Failure::Permanent(e) => (e, None),
                    Failure::Transient(e) => {
                        let next = (m.attempts + 1 < MAX_ATTEMPTS)
                            .then(|| clock.now() + backoff(m.attempts));
                        (e, next)
                    }
                };
                tracing::warn!(id = m.id, attempts = m.attempts + 1, error = ?error, "mail delivery failed");
                outbox::mark_failed(db, claim, &error, clock.now(), next).await?;
            }
        }
    }
    Ok(handled)
}

/// Polls the outbox until `stop` turns true. Shutdown finishes only the
/// mail in hand (bounded by [`SEND_DEADLINE`]); what is left stays queued.
pub async fn run(db: Db, clock: Clock, transport: Transport, mut stop: watch::Receiver<bool>) {
    let mut purged_at = 0;
    loop {
        // Housekeeping once a minute, by whichever instance gets there.
        if clock.now() - purged_at >= 60 {
            purged_at = clock.now();
            if let Err(e) = crate::db::purge::run(&db, purged_at).await {
                tracing::error!(error = %e, "purge");
            }
        }
        match run_batch(&db, &clock, &transport, SEND_DEADLINE, Some(&stop)).await {
            Ok(n) if n > 0 && !*stop.borrow() => continue,
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "outbox worker"),
        }
        if *stop.borrow() {
            return;
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

/// [`run_once`] with another deadline (tests of a silent server).
pub async fn run_once_within(
    db: &Db,
    clock: &Clock,
    transport: &Transport,
    deadline: Duration,
) -> Result<usize, sqlx::Error> {
    run_batch(db, clock, transport, deadline, None).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn backoff_doubles_and_caps() {
        assert_eq!([0, 1, 2, 3].map(super::backoff), [10, 20, 40, 80]);
        assert_eq!(super::backoff(20), 3600);
    }
}
