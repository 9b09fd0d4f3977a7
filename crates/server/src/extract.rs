//! Request extractors: our own `Json` (bad JSON gets our error shape) and
//! the signed-in user (session cookie + CSRF header).

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts};
use axum::http::Method;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;

use crate::auth::token;
use crate::db::sessions;
use crate::error::ApiError;
use crate::state::AppState;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "roster_session";
/// Header carrying the CSRF token on state-changing requests.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// `axum::Json`, with rejections turned into [`ApiError`].
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Json<T>(pub T);

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        match r {
            JsonRejection::JsonDataError(e) => Self::Invalid {
                field: "body",
                message: e.body_text(),
            },
            // The body limit surfaces as a failure to buffer the body.
            other if other.body_text().contains("length limit") => Self::TooLarge,
            other => Self::BadRequest(other.body_text()),
        }
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

/// `axum::extract::Query`, with rejections turned into [`ApiError`].
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct Query<T>(pub T);

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(r: axum::extract::rejection::QueryRejection) -> Self {
        Self::Invalid {
            field: "query",
            message: r.body_text(),
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
        let jar = CookieJar::from_headers(&parts.headers);
        let cookie = jar.get(SESSION_COOKIE).ok_or(ApiError::Unauthenticated)?;
        let session = sessions::find(
            &state.db.pool,
            &token::hash(cookie.value()),
            state.clock.now(),
        )
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
