//! Bad input gets a clear JSON error with the right status and changes
//! nothing. Error bodies are snapshotted inline.

use axum::http::{Method, StatusCode};
use insta::assert_json_snapshot;
use serde_json::{Value, json};

use crate::support::{TestApp, role, token_of};

use crate::support::refused_unchanged as unchanged;

#[tokio::test]
async fn unreadable_bodies() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let invite = format!("/orgs/{org}/invitations");
    let (status, body) =
        unchanged(&app, Method::POST, &invite, Some("{not json"), Some(owner)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_json_snapshot!(body, @r#"
    {
      "code": "bad_request",
      "message": "the body is not valid JSON: key must be a string at line 1 column 2"
    }
    "#);
    let (status, body) = unchanged(
        &app,
        Method::POST,
        &invite,
        Some(r#"{"emails": "a@b.io", "role": 7}"#),
        Some(owner),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "invalid");
    let huge =
        json!({"emails": ["a@b.io"], "role": "viewer", "message": "x".repeat(100_000)}).to_string();
    let (status, body) = unchanged(&app, Method::POST, &invite, Some(&huge), Some(owner)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_json_snapshot!(body, @r#"
    {
      "code": "too_large",
      "message": "request body too large"
    }
    "#);
}

#[tokio::test]
async fn invalid_values() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let cases: Vec<(Method, String, Value)> = vec![
        (
            Method::POST,
            format!("/orgs/{org}/invitations"),
            json!({"emails": [], "role": "viewer"}),
        ),
        (
            Method::POST,
            format!("/orgs/{org}/invitations"),
            json!({"emails": ["a@b.io"], "role": "wizard"}),
        ),
        (
            Method::POST,
            format!("/orgs/{org}/invitations"),
            json!({"emails": ["a@b.io"], "role": "viewer", "message": "x".repeat(2001)}),
        ),
        (
            Method::PATCH,
            format!("/orgs/{org}"),
            json!({"invite_expiry_days": 31}),
        ),
        (
            Method::PATCH,
            format!("/orgs/{org}"),
            json!({"seat_limit": 0}),
        ),
        (Method::PATCH, format!("/orgs/{org}"), json!({"name": "  "})),
        (
            Method::PATCH,
            format!("/orgs/{org}"),
            json!({"template": "nope"}),
        ),
        (
            Method::PUT,
            format!(
                "/orgs/{org}/members/{}/access-expiry",
                role(&s, "viewer").user_id
            ),
            json!({"expires_at": 1}),
        ),
        (
            Method::POST,
            "/orgs".into(),
            json!({"name": "x", "template": "nope"}),
        ),
        (
            Method::POST,
            "/auth/signup".into(),
            json!({"email": "not-an-email", "name": "A", "password": "password123"}),
        ),
        (
            Method::POST,
            "/auth/signup".into(),
            json!({"email": "a@b.io", "name": "A", "password": "short"}),
        ),
    ];
    let n = cases.len();
    for (method, path, body) in cases {
        let (status, err) =
            unchanged(&app, method, &path, Some(&body.to_string()), Some(owner)).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path} {body}: {err}"
        );
        assert_eq!(err["code"], "invalid");
        assert!(
            err["message"].as_str().is_some_and(|m| m.contains(':')),
            "names the field: {err}"
        );
    }
    assert_eq!(n, 11);
    let (status, err) = unchanged(
        &app,
        Method::GET,
        &format!("/orgs/{org}/members?sort=age"),
        None,
        Some(owner),
    )
    .await;
    assert_eq!(
        (status, err["message"].clone()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!("query: sort: unknown variant `age`, expected one of `name`, `email`, `joined`")
        )
    );
    let (status, _) = unchanged(
        &app,
        Method::GET,
        &format!("/orgs/{org}/members?cursor=garbage"),
        None,
        Some(owner),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = unchanged(
        &app,
        Method::GET,
        &format!("/orgs/{org}/members?limit=0"),
        None,
        Some(owner),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn unknown_ids_and_routes() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    for (method, path) in [
        (Method::PUT, format!("/orgs/{org}/members/999999/role")),
        (
            Method::POST,
            format!("/orgs/{org}/invitations/999999/resend"),
        ),
        (Method::GET, "/orgs/999999".to_string()),
        (Method::GET, "/no/such/route".to_string()),
        (Method::GET, format!("/orgs/{org}/members/not-a-number")),
    ] {
        let (status, body) = unchanged(
            &app,
            method,
            &path,
            Some(r#"{"role": "viewer"}"#),
            Some(owner),
        )
        .await;
        assert!(
            matches!(status, StatusCode::NOT_FOUND | StatusCode::BAD_REQUEST),
            "{path}: {status}"
        );
        assert!(body["code"].is_string(), "{path}: {body}");
    }
    let (status, body) = unchanged(&app, Method::GET, "/me", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_json_snapshot!(body, @r#"
    {
      "code": "unauthenticated",
      "message": "sign in first"
    }
    "#);
}

#[tokio::test]
async fn dead_tokens() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    app.post(
        &format!("/orgs/{org}/invitations"),
        json!({"emails": ["bea@acme.io", "cy@acme.io"], "role": "viewer"}),
        owner,
    )
    .await;
    let bea = token_of(&app.last_link("bea@acme.io").await);
    let accept =
        |t: &str| json!({"token": t, "name": "Bea", "password": "password123"}).to_string();
    let (status, body) = unchanged(
        &app,
        Method::POST,
        "/invitations/accept",
        Some(&accept("forged-token")),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_json_snapshot!(body, @r#"
    {
      "code": "link_invalid",
      "message": "this invitation link is not valid; it may have been replaced by a newer one"
    }
    "#);
    let (_, r) = app.get(&format!("/orgs/{org}/invitations"), owner).await;
    let bea_id = r
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["email"] == "bea@acme.io")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    app.post(
        &format!("/orgs/{org}/invitations/{bea_id}/revoke"),
        json!({}),
        owner,
    )
    .await;
    let (status, body) = unchanged(
        &app,
        Method::POST,
        "/invitations/accept",
        Some(&accept(&bea)),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::GONE);
    assert_json_snapshot!(body, @r#"
    {
      "code": "invitation_revoked",
      "message": "this invitation was revoked",
      "rule": "R6"
    }
    "#);
    let cy = token_of(&app.last_link("cy@acme.io").await);
    app.state.clock.advance(30 * 24 * 3600);
    let (status, body) = unchanged(
        &app,
        Method::POST,
        "/invitations/accept",
        Some(&accept(&cy)),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::GONE);
    assert_json_snapshot!(body, @r#"
    {
      "code": "invitation_expired",
      "message": "this invitation has expired",
      "rule": "R8"
    }
    "#);
}

#[tokio::test]
async fn invitation_mail_reads_well() {
    let app = TestApp::new().await;
    let owner = app.sign_up("owner@acme.io", "Olive Owner").await;
    let (_, org) = app
        .post("/orgs", json!({"name": "Acme <Labs>"}), &owner)
        .await;
    let org = org["id"].as_i64().unwrap();
    app.post(&format!("/orgs/{org}/invitations"), json!({"emails": ["bea@acme.io"], "role": "manager", "message": "Welcome aboard!\nSee you Monday."}), &owner).await;
    let (subject, body) = app.last_mail("bea@acme.io").await;
    let token = token_of(&app.last_link("bea@acme.io").await);
    insta::assert_snapshot!(
        "invitation_mail",
        format!("Subject: {subject}\n\n{}", body.replace(&token, "[token]"))
    );
}

/// An heir id below 1 names nobody: refused as the document says, and the
/// member stays (schemathesis found a removal that went through).
#[tokio::test]
async fn an_heir_below_one_is_refused_before_anything_changes() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let viewer = role(&s, "viewer").user_id;
    for (method, path) in [
        (
            Method::DELETE,
            format!("/orgs/{org}/members/{viewer}?reassign_to=0"),
        ),
        (
            Method::POST,
            format!("/orgs/{org}/members/{viewer}/suspend?reassign_to=-3"),
        ),
    ] {
        let (status, body) = unchanged(&app, method, &path, None, Some(owner)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {body}");
        assert_eq!(body["message"], "reassign_to: a user id, at least 1");
    }
}
