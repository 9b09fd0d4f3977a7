//! Request extractors: our own `Json` (bad JSON gets our error shape) and
//! the signed-in user (session cookie + CSRF header).

use axum::extract::{FromRequest, FromRequestParts};
use axum::http::Method;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;

use crate::auth::token;
use crate::db::sessions;
use crate::error::ApiError;
use crate::state::AppState;

/// Name of the session cookie over plain http (see
/// [`Config::session_cookie`](crate::config::Config::session_cookie)).
pub const SESSION_COOKIE: &str = "roster_session";
/// Header carrying the CSRF token on state-changing requests.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A JSON request body: an object (never an array applied by position),
/// with no NUL in any string; rejections are [`ApiError`]s. Every body
/// that enters goes through here, so these checks live in one place.
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|m| m.trim().to_ascii_lowercase())
            .is_some_and(|m| m == "application/json" || m.ends_with("+json"));
        if !is_json {
            return Err(ApiError::BadRequest(
                "expected a body with Content-Type: application/json".into(),
            ));
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| {
                if e.body_text().contains("length limit") {
                    ApiError::TooLarge
                } else {
                    ApiError::BadRequest(e.body_text())
                }
            })?;
        let value: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|e| ApiError::BadRequest(format!("the body is not valid JSON: {e}")))?;
        if !value.is_object() {
            return Err(ApiError::invalid("body", "must be a JSON object"));
        }
        if let Some(field) = nul_in(&value) {
            return Err(ApiError::invalid(
                "body",
                format!("{field} must not contain NUL characters"),
            ));
        }
        serde_json::from_value(integral(value))
            .map(Json)
            .map_err(|e| ApiError::invalid("body", e.to_string()))
    }
}

/// `value` with every integral float (`1.0`, `-3e2`) as an integer: JSON
/// Schema counts them as integers, so a schema-valid body never fails on
/// the spelling of a number.
fn integral(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => match n.as_f64() {
            // Within ±2^53 every float is exact, so the cast cannot round.
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 =>
            {
                #[expect(clippy::cast_possible_truncation, reason = "integral and in range")]
                Value::from(f as i64)
            }
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(integral).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, integral(v))).collect())
        }
        other => other,
    }
}

/// The first field (by name) whose string, key or array item holds a NUL.
fn nul_in(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if s.contains('\0') => Some("a value".into()),
        serde_json::Value::Array(items) => items.iter().find_map(nul_in),
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                Some("a field name".into())
            } else {
                nul_in(v).map(|_| k.clone())
            }
        }),
        _ => None,
    }
}

impl<T: serde::Serialize> axum::response::IntoResponse for Json<T> {
    fn into_response(self) -> axum::response::Response {
        axum::Json(self.0).into_response()
    }
}

/// `axum::extract::Path`, with rejections turned into [`ApiError`].
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Path<T>(pub T);

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(r: axum::extract::rejection::PathRejection) -> Self {
        Self::BadRequest(r.body_text())
    }
}

/// `axum::extract::Query`, refusing NUL anywhere in the query string;
/// rejections are [`ApiError`]s.
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let raw = parts.uri.query().unwrap_or_default();
        if raw.to_ascii_lowercase().contains("%00") {
            return Err(ApiError::invalid(
                "query",
                "must not contain NUL characters",
            ));
        }
        let axum::extract::Query(v) =
            axum::extract::Query::<T>::from_request_parts(parts, state).await?;
        Ok(Self(v))
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(r: axum::extract::rejection::QueryRejection) -> Self {
        // serde names the parameter and the words it takes; axum's prefix
        // adds nothing a caller can act on.
        let text = r.body_text();
        let message = text
            .strip_prefix("Failed to deserialize query string: ")
            .unwrap_or(&text)
            .to_string();
        Self::Invalid {
            field: "query",
            message,
        }
    }
}

/// The signed-in user of this request.
#[derive(Clone, Debug)]
pub struct CurrentUser {
    /// User id.
    pub id: i64,
    /// The session (hash of the cookie token).
    pub session: sessions::Session,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        // Accounts, sessions and passwords are people's own: never a key's.
        if crate::caller::bearer(parts).is_some() {
            return Err(ApiError::Denied(permissions::Denial::KeysMayNot));
        }
        let cookie = Self::cookie(parts, state)?;
        Self::read(parts, state, &mut *state.db.pool.acquire().await?, &cookie).await
    }
}

impl CurrentUser {
    /// The session cookie's token; none is a 401 before any read.
    pub fn cookie(parts: &Parts, state: &AppState) -> Result<String, ApiError> {
        let jar = CookieJar::from_headers(&parts.headers);
        jar.get(state.config.session_cookie())
            .map(|c| c.value().to_owned())
            .ok_or(ApiError::Unauthenticated)
    }

    /// The session of `cookie`, read on `conn`.
    pub async fn read(
        parts: &Parts,
        state: &AppState,
        conn: &mut sqlx::AnyConnection,
        cookie: &str,
    ) -> Result<Self, ApiError> {
        let session = sessions::find(conn, &token::hash(cookie), state.clock.now())
            .await?
            .ok_or(ApiError::Unauthenticated)?;
        // SameSite=Strict already keeps other sites' requests cookie-less;
        // the header, which a cross-site form cannot set, is the second lock.
        if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok());
            if sent != Some(session.csrf_token.as_str()) {
                return Err(ApiError::Csrf);
            }
        }
        Ok(Self {
            id: session.user_id,
            session,
        })
    }
}

impl axum::extract::OptionalFromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    /// Signed in or not; a wrong CSRF token is still refused.
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        match <Self as FromRequestParts<AppState>>::from_request_parts(parts, state).await {
            Ok(u) => Ok(Some(u)),
            Err(ApiError::Unauthenticated) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// The client's address, for rate limits: the TCP peer the server saw, or
/// `unknown` where there is none (requests made in-process by tests).
#[derive(Clone, Debug)]
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string());
        Ok(Self(peer))
    }
}

/// A JSON object from the body read as `T`, or what is wrong with it.
/// Unlike [`Json`] it lets any text through: for bodies whose unknown
/// parts are ignored (AuthZEN) and whose known parts are never written.
pub fn json_object<T: serde::de::DeserializeOwned>(
    headers: &axum::http::HeaderMap,
    body: &[u8],
) -> Result<T, String> {
    let json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if !json {
        return Err("the body must be application/json".into());
    }
    // Straight into `T`; only a refused body is read again, as a value,
    // to say what is wrong with it.
    serde_json::from_slice(body).map_err(|e| {
        match serde_json::from_slice::<serde_json::Value>(body) {
            Err(e) => format!("not JSON: {e}"),
            Ok(v) if !v.is_object() => "the body must be a JSON object".into(),
            Ok(_) => e.to_string(),
        }
    })
}
