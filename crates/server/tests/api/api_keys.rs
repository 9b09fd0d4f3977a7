//! API keys through HTTP (R17): a key acts with its role on every org
//! route, answers to its owner's standing on the very next request (R9),
//! refuses a made-up token before any read, says in a distinct 401 why a
//! known one no longer works, and never manages keys or accounts.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{TestApp, role};

/// A request with `Authorization: Bearer <key>` and nothing else: no
/// cookie, no CSRF header.
pub(crate) async fn with_key(
    app: &TestApp,
    method: Method,
    path: &str,
    body: Option<Value>,
    key: &str,
) -> (StatusCode, Value, axum::http::HeaderMap) {
    let auth = format!("Bearer {key}");
    let (status, headers, bytes) = app
        .send_root(
            method,
            &format!("/api/v1{path}"),
            body.map(|b| b.to_string()),
            &[("authorization", auth.as_str())],
            None,
        )
        .await;
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, json, headers)
}

pub(crate) async fn members(app: &TestApp, org: i64, key: &str) -> (StatusCode, Value) {
    let (s, b, _) = with_key(app, Method::GET, &format!("/orgs/{org}/members"), None, key).await;
    (s, b)
}

#[tokio::test]
async fn a_key_acts_with_its_role_until_its_owner_falls_below_it() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin, manager) = (role(&s, "owner"), role(&s, "admin"), role(&s, "manager"));
    let before = app.get(&format!("/orgs/{org}"), owner).await.1;
    // A Manager makes a Manager key; the secret is shown once, in GitHub's layout.
    let made_at = app.state.clock.now();
    let (status, issued) = app
        .post(
            &format!("/orgs/{org}/api-keys"),
            json!({"name": "sync", "role": "manager"}),
            manager,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let secret = issued["secret"].as_str().expect("secret").to_string();
    let id = issued["key"]["id"].as_i64().expect("id");
    assert!(secret.starts_with("rst_") && secret.len() == 40, "{secret}");
    assert_eq!(
        issued["key"]["display"],
        format!("rst_{}…{}", &secret[4..8], &secret[36..])
    );
    // 90 days by default (a second of the real clock may turn meanwhile).
    let expires = issued["key"]["expires_at"].as_i64().expect("expires_at");
    assert!(
        (made_at..=app.state.clock.now()).contains(&(expires - 90 * 86_400)),
        "{issued}"
    );
    let listed = app.get(&format!("/orgs/{org}/api-keys"), admin).await.1;
    assert!(
        !listed.to_string().contains(&secret),
        "never listed with its secret"
    );
    // It takes no seat and is no member.
    let after = app.get(&format!("/orgs/{org}"), owner).await.1;
    assert_eq!(before["members"], after["members"]);
    assert_eq!(before["seats"], after["seats"]);

    // It reads and changes what a Manager may, without cookie or CSRF.
    assert_eq!(members(&app, org, &secret).await.0, StatusCode::OK);
    let labeler = role(&s, "labeler").user_id;
    let (status, body, _) = with_key(
        &app,
        Method::PUT,
        &format!("/orgs/{org}/members/{labeler}/role"),
        Some(json!({"role": "viewer"})),
        &secret,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // … and the change is audited as the key, on its owner's behalf.
    let log = app.get(&format!("/orgs/{org}/audit"), owner).await.1;
    let event = &log[0];
    assert_eq!(event["action"], "member.role_changed", "{log}");
    assert_eq!(
        (event["actor_type"].as_str(), event["key_id"].as_i64()),
        (Some("key"), Some(id))
    );
    assert_eq!(event["actor_id"].as_i64(), Some(manager.user_id));
    // Not what a Manager may not: R2 still holds for a key.
    let (status, body, _) = with_key(
        &app,
        Method::PUT,
        &format!("/orgs/{org}/members/{labeler}/role"),
        Some(json!({"role": "admin"})),
        &secret,
    )
    .await;
    assert_eq!(
        (status, body["rule"].as_str()),
        (StatusCode::FORBIDDEN, Some("R2")),
        "{body}"
    );
    // Never keys, accounts or another org (R17, R15).
    let (status, body, _) = with_key(
        &app,
        Method::POST,
        &format!("/orgs/{org}/api-keys"),
        Some(json!({"name": "child", "role": "viewer"})),
        &secret,
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("key_forbidden"))
    );
    let (status, body, _) = with_key(&app, Method::GET, "/me", None, &secret).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("key_forbidden"))
    );
    let (other, _) = app.org_with_every_role("default").await;
    assert_eq!(members(&app, other, &secret).await.0, StatusCode::NOT_FOUND);

    // The Owner demotes its owner below the key: the very next call is 401.
    let (status, _) = app
        .put(
            &format!("/orgs/{org}/members/{}/role", manager.user_id),
            json!({"role": "labeler"}),
            owner,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = members(&app, org, &secret).await;
    assert_eq!(
        (status, body["code"].as_str(), body["rule"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("key_suspended"), Some("R17"))
    );
    let listed = app.get(&format!("/orgs/{org}/api-keys"), admin).await.1;
    assert_eq!(listed[0]["suspended"], true, "{listed}");
    // Someone who may give its role takes it over; it works again.
    let (status, body) = app
        .post(
            &format!("/orgs/{org}/api-keys/{id}/take-over"),
            json!({}),
            admin,
        )
        .await;
    assert_eq!(
        (status, body["owner"].as_i64(), body["suspended"].as_bool()),
        (StatusCode::OK, Some(admin.user_id), Some(false)),
        "{body}"
    );
    assert_eq!(members(&app, org, &secret).await.0, StatusCode::OK);
    // Its new owner suspended: suspended again; revoked: revoked for good.
    let (status, _) = app
        .post(
            &format!("/orgs/{org}/members/{}/suspend", admin.user_id),
            json!({}),
            owner,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(members(&app, org, &secret).await.1["code"], "key_suspended");
    let (status, _) = app
        .delete(&format!("/orgs/{org}/api-keys/{id}"), owner)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = members(&app, org, &secret).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("key_revoked"))
    );
}

#[tokio::test]
async fn a_bad_token_is_refused_before_any_read_and_a_spent_one_says_why() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let admin = role(&s, "admin");
    let (_, issued) = app
        .post(
            &format!("/orgs/{org}/api-keys"),
            json!({"name": "ci", "role": "viewer", "expires_in_days": 2}),
            admin,
        )
        .await;
    let secret = issued["secret"].as_str().expect("secret").to_string();
    let id = issued["key"]["id"].as_i64().expect("id");
    // A typo fails the checksum; a well-formed stranger is no key either.
    let mut typo = secret.clone().into_bytes();
    typo[12] = if typo[12] == b'x' { b'y' } else { b'x' };
    for bad in [
        String::from_utf8(typo).expect("ascii"),
        "rst_nope".into(),
        secret.to_uppercase(),
    ] {
        let (status, body, headers) = with_key(
            &app,
            Method::GET,
            &format!("/orgs/{org}/members"),
            None,
            &bad,
        )
        .await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("key_invalid")),
            "{bad}"
        );
        assert!(
            headers["www-authenticate"]
                .to_str()
                .unwrap_or_default()
                .starts_with("Bearer error=\"invalid_token\"")
        );
    }
    // Disabled, then enabled again.
    let path = format!("/orgs/{org}/api-keys/{id}");
    assert_eq!(
        app.post(&format!("{path}/disable"), json!({}), admin)
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(members(&app, org, &secret).await.1["code"], "key_disabled");
    assert_eq!(
        app.post(&format!("{path}/disable"), json!({}), admin)
            .await
            .0,
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.post(&format!("{path}/enable"), json!({}), admin)
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(members(&app, org, &secret).await.0, StatusCode::OK);
    // Rotated with an hour's grace: both work for the hour, then the old
    // one says it was rotated out.
    let (status, rotated) = app
        .post(&format!("{path}/rotate"), json!({"grace_hours": 1}), admin)
        .await;
    assert_eq!(status, StatusCode::OK, "{rotated}");
    let new = rotated["secret"].as_str().expect("secret").to_string();
    assert_ne!(new, secret);
    assert_eq!(members(&app, org, &secret).await.0, StatusCode::OK);
    app.state.clock.advance(3600);
    // The clock is real seconds plus an offset: a second may turn between
    // a use and the listing, so the uses are bracketed.
    let before_use = app.state.clock.now();
    assert_eq!(members(&app, org, &secret).await.1["code"], "key_rotated");
    assert_eq!(members(&app, org, &new).await.0, StatusCode::OK);
    let listed = app.get(&format!("/orgs/{org}/api-keys"), admin).await.1;
    let used = listed[0]["last_used_at"].as_i64().expect("last_used_at");
    assert!(
        (before_use..=app.state.clock.now()).contains(&used),
        "{listed}"
    );
    // Past its expiry.
    app.state.clock.advance(2 * 86_400);
    assert_eq!(members(&app, org, &new).await.1["code"], "key_expired");
    // Bad bodies change nothing.
    for body in [
        json!({"name": "x", "role": "viewer", "expires_in_days": 367}),
        json!({"name": "x", "role": "nope"}),
        json!({"name": "", "role": "viewer"}),
    ] {
        let (status, b) = app
            .post(&format!("/orgs/{org}/api-keys"), body, admin)
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    }
    assert_eq!(
        app.post(&format!("{path}/rotate"), json!({"grace_hours": 25}), admin)
            .await
            .0,
        StatusCode::UNPROCESSABLE_ENTITY
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
