//! Key reads made together (`db::key_reads`): requests with different
//! keys, about different users, arriving at once, share statements — and
//! each still gets its own key's answer about its own subject, whether its
//! secret is current, rotated out within its grace, revoked or unknown.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::api_keys::with_key;
use crate::authorize::question;
use crate::support::{TestApp, new_key, role};

const ACTIONS: [&str; 3] = ["members.invite", "members.view", "audit.view"];

#[tokio::test]
async fn keys_read_together_each_answer_for_their_own_request() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin, manager) = (role(&s, "owner"), role(&s, "admin"), role(&s, "manager"));
    let secret = |made: &Value| made["secret"].as_str().expect("secret").to_string();
    let admin_key = secret(&new_key(&app, org, admin, "admin").await);
    let manager_key = secret(&new_key(&app, org, manager, "manager").await);
    let viewer_key = secret(&new_key(&app, org, manager, "viewer").await);
    // Rotated with grace: the old secret is found by the second statement.
    let made = new_key(&app, org, admin, "manager").await;
    let rotated_out = secret(&made);
    let path = format!("/orgs/{org}/api-keys/{}", made["key"]["id"]);
    let (status, rotated) = app
        .post(&format!("{path}/rotate"), json!({"grace_hours": 1}), admin)
        .await;
    assert_eq!(status, StatusCode::OK, "{rotated}");
    let made = new_key(&app, org, admin, "viewer").await;
    let revoked = secret(&made);
    let (status, _) = app
        .delete(
            &format!("/orgs/{org}/api-keys/{}", made["key"]["id"]),
            owner,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    // A well-formed secret of no key: the one rotated out, altered.
    let unknown = format!("{}{}", &revoked[..4], &rotated_out[4..]);
    let secrets = [
        admin_key,
        manager_key,
        viewer_key,
        rotated_out,
        secret(&rotated),
        revoked,
        unknown,
    ];
    let mut subjects: Vec<i64> = s.iter().map(|(_, who)| who.user_id).collect();
    subjects.push(999_999);
    let calls: Vec<(&str, Value)> = secrets
        .iter()
        .flat_map(|key| {
            subjects.iter().flat_map(move |&user| {
                ACTIONS
                    .iter()
                    .map(move |a| (key.as_str(), question(user, a, "org", org)))
            })
        })
        .collect();
    let ask = |(key, q): &(&str, Value)| {
        let (app, key, q) = (&app, key.to_string(), q.clone());
        async move {
            let (status, body, _) = with_key(app, Method::POST, "/authorize", Some(q), &key).await;
            (status, body)
        }
    };
    // Each alone: a statement of its own.
    let mut alone = Vec::with_capacity(calls.len());
    for call in &calls {
        alone.push(ask(call).await);
    }
    let answered = |want: StatusCode| alone.iter().filter(|(s, _)| *s == want).count();
    assert!(answered(StatusCode::OK) > 0 && answered(StatusCode::UNAUTHORIZED) > 0);
    let allowed = alone.iter().filter(|(_, b)| b["decision"] == true).count();
    assert!(
        allowed > 0 && allowed < answered(StatusCode::OK),
        "{allowed} allowed"
    );
    // All at once, in three orders: the same answer for every request.
    for turn in 0..3 {
        let mut order: Vec<usize> = (0..calls.len()).collect();
        order.rotate_left(turn * calls.len() / 3);
        if turn == 1 {
            order.reverse();
        }
        let together = futures::future::join_all(order.iter().map(|&i| ask(&calls[i]))).await;
        for (&i, got) in order.iter().zip(&together) {
            assert_eq!(
                got, &alone[i],
                "request {i} ({:?}) in turn {turn}",
                calls[i].1
            );
        }
    }
}

#[tokio::test]
async fn keys_are_read_again_once_the_database_drops_every_connection() {
    // SQLite has no server to drop the connections.
    if crate::support::postgres::postgres_url().is_none() {
        return;
    }
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let made = new_key(&app, org, role(&s, "admin"), "admin").await;
    let key = made["secret"].as_str().expect("secret");
    let ask = || {
        with_key(
            &app,
            Method::POST,
            "/authorize",
            Some(question(1, "members.view", "org", org)),
            key,
        )
    };
    // Every reader's connection in use once, then all of them ended.
    let warm = futures::future::join_all((0..32).map(|_| ask())).await;
    assert!(warm.iter().all(|(s, _, _)| *s == StatusCode::OK));
    sqlx::query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .execute(&app.state.db.pool)
    .await
    .expect("end the other connections");
    // A request may fail while a dead connection is found out, with a JSON
    // error; after that, every one is answered.
    let mut failed = 0;
    for _ in 0..40 {
        let (status, body, _) = ask().await;
        if status != StatusCode::OK {
            assert!(body["code"].is_string(), "{status} {body}");
            failed += 1;
        }
    }
    let after: Vec<StatusCode> = futures::future::join_all((0..16).map(|_| ask()))
        .await
        .into_iter()
        .map(|(s, _, _)| s)
        .collect();
    assert!(
        failed <= 8,
        "{failed} of 40 failed after the connections ended"
    );
    assert!(after.iter().all(|s| *s == StatusCode::OK), "{after:?}");
}
