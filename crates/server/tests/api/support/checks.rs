//! Assertions and small readers the API tests share.

use axum::http::{Method, StatusCode, header};
use serde_json::Value;

use super::{Session, TestApp};

/// The tables whose rows say whether anything changed.
pub const TABLES: [&str; 8] = [
    "users",
    "orgs",
    "memberships",
    "invitations",
    "sessions",
    "audit_events",
    "outbox",
    "user_tokens",
];

/// Sends raw text and asserts a JSON client error and an unchanged
/// database: bad input changes nothing.
pub async fn refused_unchanged(
    app: &TestApp,
    method: Method,
    path: &str,
    body: Option<&str>,
    s: Option<&Session>,
) -> (StatusCode, Value) {
    let before = app.fingerprint().await;
    let (status, headers, bytes) = app
        .send_raw(method, path, body.map(str::to_string), s)
        .await;
    assert_eq!(
        app.fingerprint().await,
        before,
        "{path} changed the database"
    );
    assert!(
        status.is_client_error(),
        "{path}: {status} {}",
        String::from_utf8_lossy(&bytes)
    );
    assert_eq!(
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("application/json"),
        "{path}"
    );
    (
        status,
        serde_json::from_slice(&bytes).expect("a JSON error body"),
    )
}

/// The token at the end of a link.
pub fn token_of(link: &str) -> String {
    link.rsplit_once("token=")
        .map(|(_, t)| t.to_string())
        .expect("link with a token")
}

/// Reads the session cookie and CSRF token from a login-like answer.
pub fn session_from(headers: &axum::http::HeaderMap, body: &[u8]) -> Session {
    let cookie = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| {
            c.strip_prefix("roster_session=")
                .map(|rest| rest.split(';').next().unwrap_or("").to_string())
        })
        .expect("session cookie");
    let v: Value = serde_json::from_slice(body).expect("json");
    let csrf = v["csrf_token"].as_str().expect("csrf token").to_string();
    let user_id = v["user"]["id"]
        .as_i64()
        .or_else(|| v["user_id"].as_i64())
        .unwrap_or_default();
    Session {
        user_id,
        cookie,
        csrf,
    }
}

/// The role key → session lookup of `org_with_every_role`.
pub fn role<'a>(sessions: &'a [(String, Session)], key: &str) -> &'a Session {
    &sessions
        .iter()
        .find(|(k, _)| k == key)
        .unwrap_or_else(|| panic!("no {key}"))
        .1
}

/// Asserts a refusal: status, the crate's sentence and its rule id.
pub fn expect_denial(got: (StatusCode, Value), status: StatusCode, denial: permissions::Denial) {
    assert_eq!(got.0, status, "{}", got.1);
    assert_eq!(got.1["message"], denial.to_string(), "the crate's sentence");
    assert_eq!(
        got.1["rule"],
        denial
            .rule()
            .map(|r| r.id())
            .map_or(Value::Null, Value::from)
    );
}

/// `who` makes an API key of `role` in `org`; the creation answer (the
/// key and its one-time secret).
pub async fn new_key(app: &TestApp, org: i64, who: &Session, role: &str) -> Value {
    let (status, made) = app
        .post(
            &format!("/orgs/{org}/api-keys"),
            serde_json::json!({"name": "sync", "role": role}),
            who,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    made
}
