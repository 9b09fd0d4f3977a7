//! Input an attacker sends (issue 10 §4): each answers a JSON 4XX and
//! changes nothing — never a 500, never applied by position.

use axum::http::{Method, StatusCode, header};
use serde_json::json;

use crate::support::{TestApp, role};

use crate::support::refused_unchanged as refused;

#[tokio::test]
async fn arrays_are_not_objects() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let (status, body) = refused(
        &app,
        Method::PATCH,
        &format!("/orgs/{org}"),
        Some(r#"["Renamed", null, 3]"#),
        Some(owner),
    )
    .await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("invalid"))
    );
    let (status, _) = refused(
        &app,
        Method::POST,
        "/auth/login",
        Some(r#"["owner1@acme.io", "password123"]"#),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn nul_bytes_are_refused_everywhere_they_enter() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let cases = [
        (
            Method::POST,
            "/auth/login".to_string(),
            Some(r#"{"email": "a\u0000@b.io", "password": "x"}"#),
        ),
        (
            Method::POST,
            format!("/orgs/{org}/invitations"),
            Some(r#"{"emails": ["n@b.io"], "role": "viewer", "message": "hi\u0000there"}"#),
        ),
        (Method::GET, format!("/orgs/{org}/members?q=ab%00cd"), None),
        (Method::GET, format!("/orgs/{org}/members?cursor=%00"), None),
    ];
    for (method, path, body) in cases {
        let (status, _) = refused(&app, method, &path, body, Some(owner)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
    }
}

#[tokio::test]
async fn names_that_look_blank_are_refused() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    for blank in ["\u{200b}\u{200b}", "\u{202e}\u{202c}", "\u{feff}"] {
        for (method, path) in [
            (Method::PATCH, format!("/orgs/{org}")),
            (Method::POST, format!("/orgs/{org}/groups")),
            (Method::POST, format!("/orgs/{org}/projects")),
        ] {
            let body = json!({"name": blank}).to_string();
            let (status, _) = refused(&app, method, &path, Some(&body), Some(owner)).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path} {blank:?}");
        }
    }
}

#[tokio::test]
async fn an_address_is_a_bare_address() {
    let app = TestApp::new().await;
    for email in [
        "ceo@victim.com <me@evil.com>",
        "\u{212A}im@corp.io",
        "x@[127.0.0.1]",
    ] {
        let body = json!({"email": email, "name": "Eve", "password": "password123"}).to_string();
        let (status, _) = refused(&app, Method::POST, "/auth/signup", Some(&body), None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{email}");
    }
}

#[tokio::test]
async fn unknown_methods_answer_json() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    for (method, path) in [
        (Method::OPTIONS, format!("/orgs/{org}")),
        (Method::PUT, "/auth/login".into()),
    ] {
        let (status, body) = refused(&app, method, &path, None, Some(role(&s, "owner"))).await;
        assert_eq!(
            (status, body["code"].clone()),
            (StatusCode::METHOD_NOT_ALLOWED, json!("method_not_allowed"))
        );
    }
}

#[tokio::test]
async fn refusals_carry_security_headers() {
    let app = TestApp::new().await;
    let (_, headers, _) = app.send_raw(Method::GET, "/me", None, None).await;
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("x-frame-options", "DENY"),
    ] {
        assert_eq!(
            headers.get(name).and_then(|v| v.to_str().ok()),
            Some(value),
            "{name}"
        );
    }
}

/// Guessing a password from one address locks out only that address: the
/// account's owner signs in from another, and every 429 says when to retry.
#[tokio::test]
async fn nobody_locks_another_person_out() {
    let app = TestApp::with(|c| c.rate_limit_per_minute = 5).await;
    app.sign_up("victim@acme.io", "Vic").await;
    let attacker: std::net::SocketAddr = "10.0.0.66:4000".parse().unwrap();
    let victim: std::net::SocketAddr = "10.0.0.7:4000".parse().unwrap();
    let login = |pw: &str| json!({"email": "victim@acme.io", "password": pw}).to_string();
    let mut limited = None;
    for _ in 0..30 {
        let got = app
            .send_from(
                Some(attacker),
                Method::POST,
                "/auth/login",
                Some(login("wrong-guess")),
                None,
            )
            .await;
        if got.0 == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(got.1);
        }
    }
    let headers = limited.expect("the guesser is limited");
    assert_eq!(
        headers
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok()),
        Some("60")
    );
    let (status, _, _) = app
        .send_from(
            Some(victim),
            Method::POST,
            "/auth/login",
            Some(login("password123")),
            None,
        )
        .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the owner still signs in from elsewhere"
    );
}

/// Resend and copy-link count like invites: no relay for mail.
#[tokio::test]
async fn resending_is_rate_limited_like_inviting() {
    let app = TestApp::with(|c| c.rate_limit_per_minute = 3).await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    app.post(
        &format!("/orgs/{org}/invitations"),
        json!({"emails": ["r@acme.io"], "role": "viewer"}),
        owner,
    )
    .await;
    let (_, list) = app.get(&format!("/orgs/{org}/invitations"), owner).await;
    let id = list[0]["id"].as_i64().unwrap();
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(
            app.post(
                &format!("/orgs/{org}/invitations/{id}/resend"),
                json!({}),
                owner,
            )
            .await
            .0,
        );
    }
    assert_eq!(
        statuses.last(),
        Some(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
}

/// Behind https: HSTS, and the session cookie carries the `__Host-` prefix.
#[tokio::test]
async fn https_gets_hsts_and_a_host_only_cookie() {
    let app = TestApp::with(|c| c.secure_cookies = true).await;
    let body = json!({"email": "ada@acme.io", "name": "Ada", "password": "password123"});
    let (status, headers, _) = app
        .send_raw(Method::POST, "/auth/signup", Some(body.to_string()), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_some());
    let cookie = headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(cookie.starts_with("__Host-roster_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    let csp = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
}
