//! `--demo`: an org with every role, pending and expired invitations and
//! generated members; never added to a database that has accounts.

use axum::http::{Method, StatusCode};
use serde_json::json;
use server::demo::{DEMO_PASSWORD, seed};

use crate::support::{TestApp, session_from};

#[tokio::test]
async fn demo_org_is_alive_at_once() {
    let app = TestApp::new().await;
    assert!(seed(&app.state, 120).await.unwrap());
    assert!(
        !seed(&app.state, 120).await.unwrap(),
        "seeds an empty database only"
    );
    let (status, headers, body) = app
        .send_raw(
            Method::POST,
            "/auth/login",
            Some(
                json!({"email": "manager@demo.roster.test", "password": DEMO_PASSWORD}).to_string(),
            ),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let manager = session_from(&headers, &body);
    let (_, me) = app.get("/me", &manager).await;
    let org = me["active_org"].as_i64().unwrap();
    let (_, view) = app.get(&format!("/orgs/{org}"), &manager).await;
    assert_eq!(view["my_role"], "manager");
    let (_, page) = app
        .get(&format!("/orgs/{org}/members?limit=200"), &manager)
        .await;
    assert_eq!(
        page["members"].as_array().unwrap().len(),
        126,
        "6 named + 120 generated"
    );
    let roles: std::collections::BTreeSet<&str> = page["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles.len(), 6, "every role present");
    let (_, invs) = app.get(&format!("/orgs/{org}/invitations"), &manager).await;
    let statuses: Vec<&str> = invs
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == "pending").count(), 3);
    assert_eq!(statuses.iter().filter(|s| **s == "expired").count(), 2);
}

/// After a bulk load the planner gets row counts (`sqlite_stat1`) but no
/// STAT4 samples: with samples, SQLite re-plans a cached statement each
/// time a bound id changes, which cost the decision point a fifth of its
/// CPU (docs/benchmarks.md).
#[tokio::test]
async fn statistics_after_a_bulk_load_keep_cached_plans() {
    let app = TestApp::new().await;
    if app.sqlite_file().is_none() {
        return; // PostgreSQL keeps its own statistics.
    }
    assert!(seed(&app.state, 50).await.unwrap());
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let names: Vec<&str> = tables.iter().map(|(n,)| n.as_str()).collect();
    assert_eq!(names, ["sqlite_stat1"]);
}
