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
