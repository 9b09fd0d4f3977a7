//! The outbox: mail is written with the change and delivered by the
//! worker; a failing server loses nothing and is retried with backoff.

use serde_json::json;
use server::mail::worker::{Transport, run_once};

use crate::support::TestApp;

async fn states(app: &TestApp) -> Vec<(i64, Option<i64>, Option<i64>, i64)> {
    sqlx::query_as("SELECT attempts, sent_at, failed_at, next_attempt_at FROM outbox ORDER BY id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn log_delivery_marks_mail_sent() {
    let app = TestApp::new().await;
    app.sign_up("ada@example.org", "Ada").await;
    let pool = &app.state.db;
    assert_eq!(
        run_once(pool, &app.state.clock, &Transport::Log)
            .await
            .unwrap(),
        1
    );
    let s = states(&app).await;
    assert_eq!((s[0].0, s[0].1.is_some()), (1, true));
    assert_eq!(
        run_once(pool, &app.state.clock, &Transport::Log)
            .await
            .unwrap(),
        0,
        "sent once only"
    );
}

#[tokio::test]
async fn an_smtp_outage_is_retried_with_backoff_then_given_up() {
    let app = TestApp::new().await;
    let owner = app.sign_up("owner@acme.io", "Olive").await;
    let (_, org) = app.post("/orgs", json!({"name": "Acme"}), &owner).await;
    app.post(
        &format!("/orgs/{}/invitations", org["id"]),
        json!({"emails": ["bea@acme.io"], "role": "viewer"}),
        &owner,
    )
    .await;
    // Nothing listens on port 9 of loopback: every attempt fails.
    let down = Transport::smtp("smtp://127.0.0.1:9", "Roster <roster@acme.io>").unwrap();
    let pool = &app.state.db;
    let clock = &app.state.clock;
    let before = clock.now();
    assert_eq!(
        run_once(pool, clock, &down).await.unwrap(),
        2,
        "verification and invitation"
    );
    let s = states(&app).await;
    assert!(
        s.iter().all(|m| m.0 == 1 && m.1.is_none() && m.2.is_none()),
        "{s:?}"
    );
    assert!(s.iter().all(|m| m.3 >= before + 10), "retry waits 10 s");
    assert_eq!(
        run_once(pool, clock, &down).await.unwrap(),
        0,
        "not before the backoff"
    );
    for _ in 0..7 {
        clock.advance(3600);
        run_once(pool, clock, &down).await.unwrap();
    }
    let s = states(&app).await;
    assert!(
        s.iter().all(|m| m.0 == 8 && m.2.is_some()),
        "gives up after 8 attempts: {s:?}"
    );
    // The Members page shows the failed delivery.
    let (_, invs) = app
        .get(&format!("/orgs/{}/invitations", org["id"]), &owner)
        .await;
    assert_eq!(invs[0]["delivery"], "failed");
}

/// A server that accepts the connection and never greets cannot stall the
/// outbox: every attempt ends at the deadline, each mail is tried in turn,
/// and all stay queued for a retry.
#[tokio::test]
async fn a_silent_smtp_server_cannot_stall_the_outbox() {
    let app = TestApp::new().await;
    app.sign_up("ada@example.org", "Ada").await;
    app.sign_up("bob@example.org", "Bob").await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket); // accepted, never answered
        }
    });
    let silent =
        Transport::smtp(&format!("smtp://127.0.0.1:{port}"), "Roster <r@acme.io>").unwrap();
    let started = std::time::Instant::now();
    let handled = server::mail::worker::run_once_within(
        &app.state.db,
        &app.state.clock,
        &silent,
        std::time::Duration::from_millis(300),
    )
    .await
    .unwrap();
    assert_eq!(handled, 2, "both mails were tried");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let s = states(&app).await;
    assert!(
        s.iter().all(|m| m.0 == 1 && m.1.is_none() && m.2.is_none()),
        "{s:?}"
    );
}

/// A permanent refusal (5xx) fails the mail at once, with the server's
/// reason, instead of retrying it for 42 minutes.
#[tokio::test]
async fn a_permanent_refusal_fails_at_once() {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let app = TestApp::new().await;
    app.sign_up("ada@example.org", "Ada").await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 test ESMTP\r\n").await.ok();
                while let Ok(Some(line)) = lines.next_line().await {
                    let reply: &[u8] = match line.get(..4).map(str::to_ascii_uppercase).as_deref() {
                        Some("EHLO") | Some("HELO") => b"250 test\r\n",
                        Some("MAIL") => b"550 5.7.1 sender rejected\r\n",
                        Some("QUIT") => b"221 bye\r\n",
                        _ => b"250 ok\r\n",
                    };
                    if write.write_all(reply).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    let refusing =
        Transport::smtp(&format!("smtp://127.0.0.1:{port}"), "Roster <r@acme.io>").unwrap();
    run_once(&app.state.db, &app.state.clock, &refusing)
        .await
        .unwrap();
    let s = states(&app).await;
    assert_eq!((s[0].0, s[0].1, s[0].2.is_some()), (1, None, true), "{s:?}");
    let (error,): (Option<String>,) = sqlx::query_as("SELECT last_error FROM outbox")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert!(error.unwrap_or_default().contains("sender rejected"));
}
