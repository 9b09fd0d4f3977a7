//! Settings that are fixed for the life of the process.

use crate::auth::password::Cost;

/// Server configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// Base URL for links in mail (`http://127.0.0.1:8080`).
    pub public_url: String,
    /// Session lifetime in seconds.
    pub session_ttl: i64,
    /// argon2id cost.
    pub password_cost: Cost,
    /// Attempts per minute for login, accept and invite, per caller.
    pub rate_limit_per_minute: i64,
    /// Requests per minute one API key may make, across instances.
    pub key_requests_per_minute: i64,
    /// Whether cookies carry `Secure` (true when the public URL is https).
    pub secure_cookies: bool,
}

impl Config {
    /// Production defaults for a public URL.
    pub fn new(public_url: &str) -> Self {
        let public_url = public_url.trim_end_matches('/').to_string();
        Self {
            secure_cookies: public_url.starts_with("https://"),
            public_url,
            session_ttl: 14 * 24 * 3600,
            password_cost: Cost::PRODUCTION,
            rate_limit_per_minute: 20,
            key_requests_per_minute: 60_000,
        }
    }

    /// The session cookie's name: with the `__Host-` prefix behind https,
    /// so the browser accepts it only secure, host-only and on `/`.
    pub fn session_cookie(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-roster_session"
        } else {
            crate::extract::SESSION_COOKIE
        }
    }

    /// A link into the client.
    pub fn link(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.public_url)
    }
}
