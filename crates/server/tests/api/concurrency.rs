//! Counted rules hold under concurrent requests: the org lock serializes
//! every change that seats (R7) or the one Owner (R4) depend on.

use std::sync::Arc;

use axum::http::StatusCode;
use futures::future::join_all;
use serde_json::json;

use crate::support::{TestApp, role};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_invites_against_ten_free_seats() {
    let app = Arc::new(TestApp::new().await);
    let owner = app.sign_up("owner@acme.io", "Olive").await;
    // The Owner holds one seat: 11 leaves ten free.
    let (_, org) = app
        .post("/orgs", json!({"name": "Acme", "seat_limit": 11}), &owner)
        .await;
    let org = org["id"].as_i64().unwrap();
    let tasks = (0..50).map(|i| {
        let (app, owner) = (app.clone(), owner.clone());
        tokio::spawn(async move {
            app.post(
                &format!("/orgs/{org}/invitations"),
                json!({"emails": [format!("p{i}@acme.io")], "role": "labeler"}),
                &owner,
            )
            .await
        })
    });
    let results = join_all(tasks).await;
    let outcomes: Vec<String> = results
        .into_iter()
        .map(|r| {
            let (status, body) = r.unwrap();
            assert_eq!(status, StatusCode::OK, "{body}");
            body[0]["outcome"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(outcomes.iter().filter(|o| *o == "sent").count(), 10);
    assert_eq!(outcomes.iter().filter(|o| *o == "seat_limit").count(), 40);
    let (_, view) = app.get(&format!("/orgs/{org}"), &owner).await;
    assert_eq!(view["seats"], json!({"used": 11, "limit": 11}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_admins_demoting_each_other_at_once() {
    for _ in 0..5 {
        let app = Arc::new(TestApp::new().await);
        let (org, s) = app.org_with_every_role("default").await;
        let a = role(&s, "admin").clone();
        let b = app.add_member(org, "admin").await;
        let demote = |actor: crate::support::Session, target: i64| {
            let app = app.clone();
            tokio::spawn(async move {
                app.put(
                    &format!("/orgs/{org}/members/{target}/role"),
                    json!({"role": "viewer"}),
                    &actor,
                )
                .await
                .0
            })
        };
        let (r1, r2) = tokio::join!(demote(a.clone(), b.user_id), demote(b.clone(), a.user_id));
        let ok = [r1.unwrap(), r2.unwrap()]
            .iter()
            .filter(|s| **s == StatusCode::OK)
            .count();
        assert_eq!(
            ok, 1,
            "the second demotion runs after the first and finds its actor demoted"
        );
        let (_, page) = app
            .get(
                &format!("/orgs/{org}/members?role=admin"),
                role(&s, "owner"),
            )
            .await;
        assert_eq!(
            page["members"].as_array().unwrap().len(),
            1,
            "exactly one of the two is still Admin"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn owner_transfer_racing_a_removal() {
    for _ in 0..5 {
        let app = Arc::new(TestApp::new().await);
        let (org, s) = app.org_with_every_role("default").await;
        let (owner, admin) = (role(&s, "owner").clone(), role(&s, "admin").clone());
        let heir = app.add_member(org, "member").await.user_id;
        let transfer = {
            let app = app.clone();
            tokio::spawn(async move {
                app.post(
                    &format!("/orgs/{org}/transfer-ownership"),
                    json!({"user_id": heir}),
                    &owner,
                )
                .await
                .0
            })
        };
        let removal = {
            let app = app.clone();
            tokio::spawn(async move {
                app.delete(&format!("/orgs/{org}/members/{heir}"), &admin)
                    .await
                    .0
            })
        };
        let (t, r) = (transfer.await.unwrap(), removal.await.unwrap());
        // Either the transfer won (the heir is Owner, removal refused by R4)
        // or the removal won (the transfer finds no such member).
        assert!(
            (t == StatusCode::OK && r == StatusCode::FORBIDDEN)
                || (t == StatusCode::NOT_FOUND && r == StatusCode::NO_CONTENT),
            "transfer {t}, removal {r}"
        );
        let (owners,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE o.id = $1 AND m.user_id = o.owner_id AND m.role = 'owner'")
            .bind(org)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(owners, 1, "exactly one Owner, and a member");
        let (roles,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND role = 'owner'")
                .bind(org)
                .fetch_one(&app.state.db.pool)
                .await
                .unwrap();
        assert_eq!(roles, 1);
    }
}

/// A key's first use in a minute writes (when it was last used), and a
/// read route keeps the connection its caller was read on: the write
/// must never wait for a second connection while holding the first, or
/// callers holding every connection of the pool would wait on each other.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn first_uses_of_many_keys_on_a_small_pool_all_answer() {
    let app = Arc::new(TestApp::with_connections(2).await);
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let mut keys = Vec::new();
    for i in 0..12 {
        let (status, issued) = app
            .post(
                &format!("/orgs/{org}/api-keys"),
                json!({"name": format!("k{i}"), "role": "viewer"}),
                owner,
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{issued}");
        keys.push(issued["secret"].as_str().expect("secret").to_string());
    }
    let tasks = keys.into_iter().map(|key| {
        let app = app.clone();
        tokio::spawn(async move { crate::api_keys::members(&app, org, &key).await.0 })
    });
    let answered = tokio::time::timeout(std::time::Duration::from_secs(20), join_all(tasks))
        .await
        .expect("every caller answered; none waited on another's connection");
    for status in answered {
        assert_eq!(status.expect("task"), StatusCode::OK);
    }
    let (_, listed) = app.get(&format!("/orgs/{org}/api-keys"), owner).await;
    let used = listed
        .as_array()
        .expect("keys")
        .iter()
        .filter(|k| k["last_used_at"].is_i64())
        .count();
    assert_eq!(used, 12, "each first use was recorded: {listed}");
}

/// A made-up key or a request without a session is refused on its face:
/// it waits for no database connection, even when every one is busy.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_made_up_key_or_no_session_is_refused_with_the_pool_busy() {
    let app = TestApp::with_connections(2).await;
    let (org, _) = app.org_with_every_role("default").await;
    let held = (
        app.state.db.pool.acquire().await.expect("first"),
        app.state.db.pool.acquire().await.expect("second"),
    );
    let made_up = format!("rst_{}", "a".repeat(36));
    let refused = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        let key = crate::api_keys::members(&app, org, &made_up).await.0;
        let anonymous = app
            .send(
                axum::http::Method::GET,
                &format!("/orgs/{org}/members"),
                None,
                None,
            )
            .await
            .0;
        (key, anonymous)
    })
    .await
    .expect("answered without a connection");
    assert_eq!(
        refused,
        (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED)
    );
    drop(held);
}

/// A batch's snapshot ends with its request. The decision point's pool
/// takes a connection back as it is (no ping), so a ROLLBACK left queued
/// would keep the snapshot open ("idle in transaction" on PostgreSQL,
/// holding back vacuum; on SQLite a reader that stops a checkpoint) until
/// that connection's next use.
#[tokio::test]
async fn a_batch_leaves_no_snapshot_open_behind_it() {
    let app = TestApp::with_connections(2).await;
    let (org, s) = app.org_with_every_role("default").await;
    let admin = role(&s, "admin");
    let made = crate::support::new_key(&app, org, admin, "admin").await;
    let key = made["secret"].as_str().expect("secret");
    let about = |who: i64| json!({"subject": {"type": "user", "id": who.to_string()}});
    // Two subjects: read inside a snapshot, not from the key's read alone.
    let batch = json!({
        "resource": {"type": "org", "id": org.to_string()},
        "action": {"name": "members.view"},
        "evaluations": [about(admin.user_id), about(role(&s, "viewer").user_id)],
    });
    for _ in 0..4 {
        let answer =
            crate::authorize::keyed(&app, "/access/v1/evaluations", batch.clone(), key).await;
        assert_eq!(answer["evaluations"][1]["decision"], true, "{answer}");
    }
    assert_eq!(
        open_snapshots(&app).await,
        0,
        "a snapshot outlived its batch"
    );
}

/// Read transactions left open: "idle in transaction" connections on
/// PostgreSQL; on SQLite, readers that keep a checkpoint busy.
async fn open_snapshots(app: &TestApp) -> i64 {
    let db = &app.state.db;
    match db.dialect {
        server::db::Dialect::Postgres => sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
        )
        .fetch_one(&db.pool)
        .await
        .expect("activity"),
        server::db::Dialect::Sqlite => {
            let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&db.pool)
                .await
                .expect("checkpoint");
            busy
        }
    }
}

/// A caller that hangs up halfway through a batch (the decision routes
/// are not run to completion) leaves no snapshot behind, wherever it is
/// cut off: a connection pooled inside its transaction (a BEGIN cut off
/// in flight, on PostgreSQL) would answer every later single check on it
/// from one old moment — a removed member still a member.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_cut_off_halfway_leaves_no_old_moment_behind() {
    let app = TestApp::with_connections(2).await;
    let (org, s) = app.org_with_every_role("default").await;
    let admin = role(&s, "admin");
    let viewer = role(&s, "viewer").user_id;
    let made = crate::support::new_key(&app, org, admin, "admin").await;
    let key = made["secret"].as_str().expect("secret");
    let auth = format!("Bearer {key}");
    let headers = [("authorization", auth.as_str())];
    let about = |who: i64| json!({"subject": {"type": "user", "id": who.to_string()}});
    let batch = json!({
        "resource": {"type": "org", "id": org.to_string()},
        "action": {"name": "members.view"},
        "evaluations": [about(admin.user_id), about(viewer), about(viewer), about(viewer)],
    });
    // Cut off after ever more steps, from before its first read to after
    // its last (the runtime's other worker moves the I/O between steps).
    let ask = || {
        app.send_root(
            axum::http::Method::POST,
            "/access/v1/evaluations",
            Some(batch.to_string()),
            &headers,
            None,
        )
    };
    let steps = |limit: usize| {
        let mut ask = Box::pin(ask());
        async move {
            for step in 0..limit {
                if futures::poll!(ask.as_mut()).is_ready() {
                    return step;
                }
                tokio::task::yield_now().await;
            }
            limit
        }
    };
    // The fewest steps a whole batch took, its statements cached.
    let mut all = usize::MAX;
    for _ in 0..5 {
        all = all.min(steps(usize::MAX).await);
    }
    let mut whole = 0;
    for n in 0..400 {
        let limit = all * n / 400;
        if steps(limit).await < limit {
            whole += 1;
        }
        assert_eq!(settled(&app).await, 0, "cut after {limit} of {all} steps");
    }
    assert!(whole < 300, "{whole} of 400 batches ran whole");
    let (status, body) = app
        .delete(&format!("/orgs/{org}/members/{viewer}"), admin)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let single = json!({
        "subject": {"type": "user", "id": viewer.to_string()},
        "resource": {"type": "org", "id": org.to_string()},
        "action": {"name": "members.view"},
    });
    // Every pooled connection answers in turn.
    for _ in 0..4 {
        let answer =
            crate::authorize::keyed(&app, "/access/v1/evaluation", single.clone(), key).await;
        assert_eq!(answer["decision"], false, "removed, yet: {answer}");
    }
}

/// [`open_snapshots`] once those being closed are: a closed connection's
/// server process, or SQLite's worker thread, ends it a moment later.
async fn settled(app: &TestApp) -> i64 {
    let mut open = 0;
    for _ in 0..100 {
        open = open_snapshots(app).await;
        if open == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    open
}
