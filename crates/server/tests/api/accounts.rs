//! Sign-up, login, logout, CSRF, email verification and password reset.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::support::{TestApp, session_from, token_of};

#[tokio::test]
async fn sign_up_log_out_and_back_in() {
    let app = TestApp::new().await;
    let s = app.sign_up_unverified("Ada@Example.org", "Ada").await;
    let (status, me) = app.get("/me", &s).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["user"]["email"], "Ada@Example.org");
    assert_eq!(me["user"]["email_verified"], false);
    assert_eq!(
        app.send(Method::POST, "/auth/logout", None, Some(&s))
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get("/me", &s).await.0,
        StatusCode::UNAUTHORIZED,
        "the old cookie is dead"
    );
    let (status, headers, body) = app
        .send_raw(
            Method::POST,
            "/auth/login",
            Some(json!({"email": "ada@example.org", "password": "password123"}).to_string()),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let cookie = headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let s = session_from(&headers, &body);
    assert_eq!(app.get("/me", &s).await.0, StatusCode::OK);
}

#[tokio::test]
async fn wrong_password_and_taken_email_are_refused() {
    let app = TestApp::new().await;
    app.sign_up("ada@example.org", "Ada").await;
    let (status, body) = app
        .send(
            Method::POST,
            "/auth/login",
            Some(json!({"email": "ada@example.org", "password": "nope-nope"})),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["message"], "password: wrong email or password");
    let (status, body) = app
        .send(
            Method::POST,
            "/auth/signup",
            Some(json!({"email": "ADA@example.org", "name": "Ada", "password": "password123"})),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["code"], "email_taken");
}

#[tokio::test]
async fn state_changes_need_the_csrf_token() {
    let app = TestApp::new().await;
    let mut s = app.sign_up("ada@example.org", "Ada").await;
    s.csrf = "forged".into();
    let (status, body) = app.post("/orgs", json!({"name": "Acme"}), &s).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "csrf");
    assert_eq!(
        app.get("/me", &s).await.0,
        StatusCode::OK,
        "reads need no token"
    );
}

#[tokio::test]
async fn email_verification_link_works_once() {
    let app = TestApp::new().await;
    let s = app.sign_up_unverified("ada@example.org", "Ada").await;
    let token = token_of(&app.last_link("ada@example.org").await);
    let verify = || {
        app.send(
            Method::POST,
            "/auth/verify-email",
            Some(json!({"token": token})),
            None,
        )
    };
    assert_eq!(verify().await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.get("/me", &s).await.1["user"]["email_verified"], true);
    assert_eq!(verify().await.0, StatusCode::CONFLICT, "single use");
}

#[tokio::test]
async fn password_reset_sets_a_new_password_and_ends_sessions() {
    let app = TestApp::new().await;
    let s = app.sign_up("ada@example.org", "Ada").await;
    let (status, _) = app
        .send(
            Method::POST,
            "/auth/password-reset",
            Some(json!({"email": "nobody@example.org"})),
            None,
        )
        .await;
    assert_eq!(
        status,
        StatusCode::ACCEPTED,
        "unknown accounts look the same"
    );
    assert_eq!(
        app.send(
            Method::POST,
            "/auth/password-reset",
            Some(json!({"email": "ada@example.org"})),
            None
        )
        .await
        .0,
        StatusCode::ACCEPTED
    );
    let token = token_of(&app.last_link("ada@example.org").await);
    let (status, _) = app
        .send(
            Method::POST,
            "/auth/password-reset/confirm",
            Some(json!({"token": token, "password": "new password 1"})),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/me", &s).await.0,
        StatusCode::UNAUTHORIZED,
        "old sessions end"
    );
    let login = |pw: &str| {
        app.send(
            Method::POST,
            "/auth/login",
            Some(json!({"email": "ada@example.org", "password": pw})),
            None,
        )
    };
    assert_eq!(
        login("password123").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(login("new password 1").await.0, StatusCode::OK);
}

#[tokio::test]
async fn login_is_rate_limited() {
    let app = TestApp::with(|c| c.rate_limit_per_minute = 5).await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let (status, _) = app
            .send(
                Method::POST,
                "/auth/login",
                Some(json!({"email": "x@example.org", "password": "whatever1"})),
                None,
            )
            .await;
        statuses.push(status);
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
            .count(),
        5
    );
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
}

/// Verified means the person read the mail: an unverified account creates
/// no organization and invites nobody, and accepting through a link the
/// inviter was shown (copy-link) verifies nothing.
#[tokio::test]
async fn only_verified_addresses_create_or_invite() {
    let app = TestApp::new().await;
    let eve = app.sign_up_unverified("eve@acme.io", "Eve").await;
    let (status, body) = app.post("/orgs", json!({"name": "Evil"}), &eve).await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::FORBIDDEN, json!("email_unverified"))
    );
    let owner = app.sign_up("owner@acme.io", "Olive").await;
    let (_, org) = app.post("/orgs", json!({"name": "Acme"}), &owner).await;
    let org = org["id"].as_i64().unwrap();
    app.post(
        &format!("/orgs/{org}/invitations"),
        json!({"emails": ["kim@acme.io"], "role": "admin"}),
        &owner,
    )
    .await;
    let (_, list) = app.get(&format!("/orgs/{org}/invitations"), &owner).await;
    let inv = list[0]["id"].as_i64().unwrap();
    let (_, link) = app
        .post(
            &format!("/orgs/{org}/invitations/{inv}/link"),
            json!({}),
            &owner,
        )
        .await;
    let token = token_of(link["link"].as_str().unwrap());
    let (status, headers, body) = app
        .send_raw(
            Method::POST,
            "/invitations/accept",
            Some(json!({"token": token, "name": "Kim", "password": "password123"}).to_string()),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let kim = session_from(&headers, &body);
    assert_eq!(
        app.get("/me", &kim).await.1["user"]["email_verified"],
        false
    );
    let (status, body) = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["x@acme.io"], "role": "viewer"}),
            &kim,
        )
        .await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::FORBIDDEN, json!("email_unverified"))
    );
    // The verification mail went out; reading it verifies.
    let token = token_of(&app.last_link("kim@acme.io").await);
    app.post("/auth/verify-email", json!({"token": token}), &kim)
        .await;
    assert_eq!(app.get("/me", &kim).await.1["user"]["email_verified"], true);
}

/// Addresses stored before the e-mail rule was strict are reported.
#[tokio::test]
async fn nonconforming_stored_addresses_are_reported() {
    let app = TestApp::new().await;
    app.sign_up("fine@acme.io", "Fine").await;
    let now = app.state.clock.now();
    let mut tx = app.state.db.begin().await.unwrap();
    let odd = server::db::users::create(
        &mut tx,
        "ceo@victim.com <me@evil.com>",
        "Old",
        None,
        true,
        now,
    )
    .await
    .unwrap()
    .unwrap();
    tx.commit().await.unwrap();
    let found =
        server::db::users::nonconforming_emails(&mut app.state.db.pool.acquire().await.unwrap())
            .await
            .unwrap();
    assert_eq!(
        found,
        vec![(odd, "ceo@victim.com <me@evil.com>".to_string())]
    );
}
