//! No plaintext secret at rest (issue 10 §4): once a mail is delivered, or
//! its link replaced, nothing in the database — rows or file — can be
//! turned into a working link.

use serde_json::json;
use server::mail::worker::{Transport, run_once};

use crate::support::{TestApp, token_of};

/// Whether `needle` appears anywhere the database keeps data.
async fn stored_anywhere(app: &TestApp, needle: &str) -> bool {
    if let Some(file) = app.sqlite_file() {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&app.state.db.pool)
            .await
            .unwrap();
        let mut bytes = std::fs::read(&file).unwrap();
        bytes.extend(std::fs::read(file.with_extension("db-wal")).unwrap_or_default());
        return bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    }
    for table in crate::support::TABLES {
        let rows: Vec<(String,)> =
            sqlx::query_as(&format!("SELECT CAST(t AS TEXT) FROM {table} t"))
                .fetch_all(&app.state.db.pool)
                .await
                .unwrap();
        if rows.iter().any(|(r,)| r.contains(needle)) {
            return true;
        }
    }
    false
}

#[tokio::test]
async fn delivered_or_replaced_links_leave_no_token_behind() {
    let app = TestApp::new().await;
    let owner = app.sign_up("owner@acme.io", "Olive").await;
    let verify = token_of(&app.last_link("owner@acme.io").await);
    let (_, org) = app.post("/orgs", json!({"name": "Acme"}), &owner).await;
    let org = org["id"].as_i64().unwrap();
    app.post(
        &format!("/orgs/{org}/invitations"),
        json!({"emails": ["bea@acme.io"], "role": "viewer"}),
        &owner,
    )
    .await;
    let first = token_of(&app.last_link("bea@acme.io").await);
    assert!(
        stored_anywhere(&app, &first).await,
        "queued: the link is needed to send it"
    );
    // Resent before delivery: the first link dies, and with it every copy.
    let (_, list) = app.get(&format!("/orgs/{org}/invitations"), &owner).await;
    let inv = list[0]["id"].as_i64().unwrap();
    let (status, _) = app
        .post(
            &format!("/orgs/{org}/invitations/{inv}/resend"),
            json!({}),
            &owner,
        )
        .await;
    assert!(status.is_success(), "{status}");
    let second = token_of(&app.last_link("bea@acme.io").await);
    assert!(
        !stored_anywhere(&app, &first).await,
        "a replaced link is gone"
    );
    // Delivered: nothing of any link remains.
    while run_once(&app.state.db, &app.state.clock, &Transport::Log)
        .await
        .unwrap()
        > 0
    {}
    for token in [&verify, &second] {
        assert!(
            !stored_anywhere(&app, token).await,
            "delivered link {token} still stored"
        );
    }
}

#[tokio::test]
async fn housekeeping_purges_what_has_served() {
    let app = TestApp::new().await;
    let owner = app.sign_up("owner@acme.io", "Olive").await;
    app.post("/auth/logout", json!({}), &owner).await;
    while run_once(&app.state.db, &app.state.clock, &Transport::Log)
        .await
        .unwrap()
        > 0
    {}
    app.state.clock.advance(400 * 24 * 3600);
    let now = app.state.clock.now();
    assert!(server::db::purge::run(&app.state.db, now).await.unwrap() > 0);
    for table in ["sessions", "outbox", "user_tokens", "rate_limits"] {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
}
