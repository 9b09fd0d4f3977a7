//! Who may do what to API keys (the crate's tables, through HTTP), a
//! key's rate shared through the database, and keys narrowed to some of
//! their role's permissions (R17).

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::api_keys::{members, with_key};
use crate::support::{TestApp, role};

#[tokio::test]
async fn who_may_do_what_to_keys_follows_the_crate() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin, manager, member) = (
        role(&s, "owner"),
        role(&s, "admin"),
        role(&s, "manager"),
        role(&s, "member"),
    );
    let create = |who, r: &str| {
        let body = json!({"name": "k", "role": r});
        let app = &app;
        async move { app.post(&format!("/orgs/{org}/api-keys"), body, who).await }
    };
    // R2 ceiling, never the Owner role (R4), nothing without the permission.
    assert_eq!(create(manager, "admin").await.1["rule"], "R2");
    assert_eq!(create(owner, "owner").await.1["rule"], "R4");
    assert_eq!(create(member, "viewer").await.1["rule"], "R1");
    let (_, admin_key) = create(admin, "admin").await;
    let admin_key_id = admin_key["key"]["id"].as_i64().expect("id");
    let (_, manager_key) = create(manager, "manager").await;
    let manager_key_id = manager_key["key"]["id"].as_i64().expect("id");
    // A Manager sees only their own key; an Admin sees both.
    let mine = app.get(&format!("/orgs/{org}/api-keys"), member).await.1;
    assert_eq!(mine.as_array().map(Vec::len), Some(0));
    assert_eq!(
        app.get(&format!("/orgs/{org}/api-keys"), admin)
            .await
            .1
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    // R3: a Manager cannot revoke an Admin's key; an Admin may revoke a Manager's.
    let (status, body) = app
        .delete(&format!("/orgs/{org}/api-keys/{admin_key_id}"), manager)
        .await;
    assert_eq!(
        (status, body["rule"].as_str()),
        (StatusCode::FORBIDDEN, Some("R3"))
    );
    // Taking over one's own key is a conflict; unknown ids are not found.
    assert_eq!(
        app.post(
            &format!("/orgs/{org}/api-keys/{manager_key_id}/take-over"),
            json!({}),
            manager
        )
        .await
        .0,
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.delete(&format!("/orgs/{org}/api-keys/999999"), admin)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.delete(&format!("/orgs/{org}/api-keys/{manager_key_id}"), admin)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    // Each change is in the log, by its actor.
    let log = app.get(&format!("/orgs/{org}/audit"), owner).await.1;
    let actions: Vec<&str> = log
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["action"].as_str())
        .filter(|a| a.starts_with("api_key."))
        .collect();
    assert_eq!(
        actions,
        ["api_key.revoked", "api_key.created", "api_key.created"]
    );
}

#[tokio::test]
async fn each_key_has_a_rate_shared_through_the_database() {
    let app = TestApp::with(|c| c.key_requests_per_minute = 3).await;
    let (org, s) = app.org_with_every_role("default").await;
    let (_, issued) = app
        .post(
            &format!("/orgs/{org}/api-keys"),
            json!({"name": "busy", "role": "viewer"}),
            role(&s, "admin"),
        )
        .await;
    let secret = issued["secret"].as_str().expect("secret").to_string();
    for _ in 0..3 {
        assert_eq!(members(&app, org, &secret).await.0, StatusCode::OK);
    }
    let (status, body, headers) = with_key(
        &app,
        Method::GET,
        &format!("/orgs/{org}/members"),
        None,
        &secret,
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("rate_limited"))
    );
    assert_eq!(headers["retry-after"], "60");
    // Counted in the database, where another instance reads the same total.
    let (hits,): (i64,) = sqlx::query_as("SELECT hits FROM rate_limits WHERE bucket = $1")
        .bind(format!("key:{}", issued["key"]["id"]))
        .fetch_one(&app.state.db.pool)
        .await
        .expect("bucket");
    assert_eq!(hits, 3);
    app.state.clock.advance(60);
    assert_eq!(members(&app, org, &secret).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_key_narrowed_to_some_of_its_roles_permissions_has_those_alone() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let admin = role(&s, "admin");
    let create = |body: Value| {
        let app = &app;
        async move {
            app.post(&format!("/orgs/{org}/api-keys"), body, admin)
                .await
        }
    };
    // Only what the role holds, by known names; nothing is stored otherwise.
    for names in [json!(["members.fly"]), json!(["org.delete"])] {
        let (status, body) =
            create(json!({"name": "n", "role": "admin", "permissions": names})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
    let (status, issued) =
        create(json!({"name": "reader", "role": "admin", "permissions": ["members.view"]})).await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    assert_eq!(issued["key"]["permissions"], json!(["members.view"]));
    let secret = issued["secret"].as_str().expect("secret").to_string();
    assert_eq!(members(&app, org, &secret).await.0, StatusCode::OK);
    let viewer = role(&s, "viewer").user_id;
    let (status, body, _) = with_key(
        &app,
        Method::PUT,
        &format!("/orgs/{org}/members/{viewer}/role"),
        Some(json!({"role": "labeler"})),
        &secret,
    )
    .await;
    assert_eq!(
        (status, body["rule"].as_str()),
        (StatusCode::FORBIDDEN, Some("R1")),
        "{body}"
    );
    assert_eq!(
        app.get(&format!("/orgs/{org}/api-keys"), admin)
            .await
            .1
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}
