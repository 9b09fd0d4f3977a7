//! `TestApp`: the real router over a fresh database per test — a SQLite
//! file, or a new PostgreSQL database when `DATABASE_URL` is `postgres://…`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use server::auth::password::Cost;
use server::auth::token::Token;
use server::clock::Clock;
use server::config::Config;
use server::db::Db;
use server::domains::dns::FakeDns;
use server::{AppState, app};
use tower::ServiceExt;

mod checks;
pub mod postgres;

pub use checks::*;

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A signed-in browser: the session cookie and the CSRF token.
#[derive(Clone, Debug)]
pub struct Session {
    pub user_id: i64,
    pub cookie: String,
    pub csrf: String,
}

pub struct TestApp {
    pub state: AppState,
    /// The DNS the app reads: tests publish TXT records here.
    pub dns: Arc<FakeDns>,
    router: Router,
    _dir: Option<tempfile::TempDir>,
}

impl TestApp {
    pub async fn new() -> Self {
        Self::with(|_| {}).await
    }

    /// A test app with adjusted configuration.
    pub async fn with(adjust: impl FnOnce(&mut Config)) -> Self {
        Self::build(adjust, server::db::default_connections()).await
    }

    /// A test app whose pool holds `connections` connections.
    pub async fn with_connections(connections: u32) -> Self {
        Self::build(|_| {}, connections).await
    }

    async fn build(adjust: impl FnOnce(&mut Config), connections: u32) -> Self {
        // The server's logs (internal errors above all) in a failing test's
        // output; RUST_LOG widens them.
        let _ = tracing_subscriber::fmt()
            .with_env_filter(
                tracing_subscriber::EnvFilter::try_from_default_env()
                    .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
            )
            .with_test_writer()
            .try_init();
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let (db, dir) = match postgres::postgres_url() {
            Some(url) => (postgres::fresh_db(&url, n, connections).await, None),
            None => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}/roster.db", dir.path().display());
                let db = Db::connect_with(&url, connections).await;
                (db.expect("open SQLite"), Some(dir))
            }
        };
        let mut config = Config::new("http://roster.test");
        config.password_cost = Cost::TEST;
        config.rate_limit_per_minute = 10_000;
        adjust(&mut config);
        let dns = Arc::new(FakeDns::default());
        let state = AppState {
            db,
            config: Arc::new(config),
            clock: Clock::default(),
            dist: "dist".into(),
            meter: Arc::default(),
            imports: Arc::default(),
            dns: dns.clone(),
        };
        Self {
            dns,
            router: app(state.clone()),
            state,
            _dir: dir,
        }
    }

    /// The SQLite database file, when the suite runs on SQLite.
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        self._dir.as_ref().map(|d| d.path().join("roster.db"))
    }

    /// Sends a request through the real router.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        session: Option<&Session>,
    ) -> (StatusCode, Value) {
        let (status, _, body) = self
            .send_raw(method, path, body.map(|b| b.to_string()), session)
            .await;
        let json = if body.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&body)
                .unwrap_or_else(|_| json!({"raw": String::from_utf8_lossy(&body)}))
        };
        (status, json)
    }

    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        session: Option<&Session>,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        self.send_from(None, method, path, body, session).await
    }

    /// [`Self::send_raw`] as seen from the client address `from`.
    pub async fn send_from(
        &self,
        from: Option<std::net::SocketAddr>,
        method: Method,
        path: &str,
        body: Option<String>,
        session: Option<&Session>,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("/api/v1{path}"));
        if let Some(addr) = from {
            req = req.extension(axum::extract::ConnectInfo(addr));
        }
        self.send_request(req, body, session).await
    }

    /// A request to `path` as given (no `/api/v1` prefix: AuthZEN's own
    /// paths), with extra headers.
    pub async fn send_root(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        headers: &[(&str, &str)],
        session: Option<&Session>,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let mut req = Request::builder().method(method).uri(path);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.send_request(req, body, session).await
    }

    async fn send_request(
        &self,
        req: axum::http::request::Builder,
        body: Option<String>,
        session: Option<&Session>,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let body = body.map(|b| (b.into_bytes(), "application/json"));
        self.send_bytes(req, body, session).await
    }

    /// A file upload: `bytes` as the body of a POST to `/api/v1{path}`.
    pub async fn upload(&self, path: &str, bytes: Vec<u8>, s: &Session) -> (StatusCode, Value) {
        let req = Request::builder()
            .method(Method::POST)
            .uri(format!("/api/v1{path}"));
        let (status, _, body) = self
            .send_bytes(req, Some((bytes, "text/csv")), Some(s))
            .await;
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }

    /// [`Self::upload`] with extra headers; the answer as JSON.
    pub async fn send_bytes_with(
        &self,
        path: &str,
        bytes: Vec<u8>,
        headers: &[(&str, &str)],
        s: &Session,
    ) -> (StatusCode, Value) {
        let mut req = Request::builder()
            .method(Method::POST)
            .uri(format!("/api/v1{path}"));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let (status, _, body) = self
            .send_bytes(req, Some((bytes, "text/csv")), Some(s))
            .await;
        (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
    }

    async fn send_bytes(
        &self,
        mut req: axum::http::request::Builder,
        body: Option<(Vec<u8>, &str)>,
        session: Option<&Session>,
    ) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        if let Some(s) = session {
            req = req
                .header(header::COOKIE, format!("roster_session={}", s.cookie))
                .header("x-csrf-token", &s.csrf);
        }
        let req = match body {
            Some((b, kind)) => req.header(header::CONTENT_TYPE, kind).body(Body::from(b)),
            None => req.body(Body::empty()),
        }
        .expect("request");
        let res = self.router.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        (status, headers, bytes)
    }

    pub async fn get(&self, path: &str, s: &Session) -> (StatusCode, Value) {
        self.send(Method::GET, path, None, Some(s)).await
    }

    pub async fn post(&self, path: &str, body: Value, s: &Session) -> (StatusCode, Value) {
        self.send(Method::POST, path, Some(body), Some(s)).await
    }

    pub async fn put(&self, path: &str, body: Value, s: &Session) -> (StatusCode, Value) {
        self.send(Method::PUT, path, Some(body), Some(s)).await
    }

    pub async fn delete(&self, path: &str, s: &Session) -> (StatusCode, Value) {
        self.send(Method::DELETE, path, None, Some(s)).await
    }

    /// Signs up through the API, reads the verification mail as the person
    /// would, and returns the browser session.
    pub async fn sign_up(&self, email: &str, name: &str) -> Session {
        let session = self.sign_up_unverified(email, name).await;
        let token = token_of(&self.last_link(email).await);
        let (status, body) = self
            .post("/auth/verify-email", json!({"token": token}), &session)
            .await;
        assert!(status.is_success(), "verify: {status} {body}");
        session
    }

    /// Signs up without reading the verification mail.
    pub async fn sign_up_unverified(&self, email: &str, name: &str) -> Session {
        let (status, headers, body) = self
            .send_raw(
                Method::POST,
                "/auth/signup",
                Some(json!({"email": email, "name": name, "password": "password123"}).to_string()),
                None,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
        session_from(&headers, &body)
    }

    /// An org owned by a new user, with one more member per other role
    /// of its template. Returns the org id and a session per role key.
    pub async fn org_with_every_role(&self, template: &str) -> (i64, Vec<(String, Session)>) {
        let owner = self
            .sign_up(
                &format!("owner{}@acme.io", COUNTER.fetch_add(1, Ordering::Relaxed)),
                "Olive Owner",
            )
            .await;
        let (status, org) = self
            .post(
                "/orgs",
                json!({"name": "Acme", "template": template}),
                &owner,
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{org}");
        let org_id = org["id"].as_i64().expect("org id");
        let t = permissions::templates::by_key(template).expect("template");
        let mut sessions = vec![(t.owner_role().expect("owner").key.to_string(), owner)];
        for role in t.org_roles.iter().filter(|r| !r.owner) {
            let s = self.add_member(org_id, &role.key).await;
            sessions.push((role.key.to_string(), s));
        }
        (org_id, sessions)
    }

    /// Adds a member with `role` directly in the database (test set-up, not
    /// the behaviour under test) and returns a session for them.
    pub async fn add_member(&self, org_id: i64, role: &str) -> Session {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let email = format!("m{n}@acme.io");
        let name = format!("Member {n}");
        let now = self.state.clock.now();
        let mut tx = self.state.db.begin().await.expect("tx");
        let id = server::db::users::create(&mut tx, &email, &name, None, true, now)
            .await
            .expect("user")
            .expect("new");
        server::db::members::insert(&mut tx, org_id, id, role, &name, &email, now)
            .await
            .expect("member");
        tx.commit().await.expect("commit");
        self.session_for(id).await
    }

    /// A session for a user, stored directly.
    pub async fn session_for(&self, user_id: i64) -> Session {
        let token = Token::generate();
        let csrf = Token::generate().expose().to_string();
        let now = self.state.clock.now();
        let mut tx = self.state.db.begin().await.expect("tx");
        server::db::sessions::create(
            &mut tx,
            &token.hash(),
            user_id,
            &csrf,
            now,
            now + 3600 * 24 * 365,
        )
        .await
        .expect("session");
        tx.commit().await.expect("commit");
        Session {
            user_id,
            cookie: token.expose().to_string(),
            csrf,
        }
    }

    /// The link of the newest mail to `to`.
    pub async fn last_link(&self, to: &str) -> String {
        let (link,): (Option<String>,) =
            sqlx::query_as("SELECT link FROM outbox WHERE to_email = $1 ORDER BY id DESC LIMIT 1")
                .bind(to)
                .fetch_one(&self.state.db.pool)
                .await
                .expect("a mail to that address");
        link.expect("mail has a link")
    }

    /// The newest mail to `to`: (subject, body).
    pub async fn last_mail(&self, to: &str) -> (String, String) {
        sqlx::query_as(
            "SELECT subject, body FROM outbox WHERE to_email = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(to)
        .fetch_one(&self.state.db.pool)
        .await
        .expect("a mail to that address")
    }

    /// Rows per table: "nothing changed" is these counts plus the data.
    pub async fn fingerprint(&self) -> Vec<(String, i64)> {
        let mut out = Vec::new();
        for table in TABLES {
            let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(&self.state.db.pool)
                .await
                .expect("count");
            out.push((table.to_string(), n));
        }
        let roles: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT user_id, role, status FROM memberships ORDER BY id")
                .fetch_all(&self.state.db.pool)
                .await
                .expect("roles");
        out.push((format!("{roles:?}"), 0));
        out
    }
}
