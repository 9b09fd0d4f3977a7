//! The one error type of the API. Its status is chosen in one `match`;
//! internal errors are logged by a middleware and never leak to the body.

use api::ErrorBody;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use permissions::Denial;

/// Every way a request can fail.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A rule denied (403), or R15 hid the org (404).
    #[error("{0}")]
    Denied(Denial),
    /// A rule denied, and the refusal names whom to ask (an invitation
    /// whose sender can no longer give its role).
    #[error("{denial}; ask {ask}")]
    DeniedAsk {
        /// The crate's denial.
        denial: Denial,
        /// Who can help, as "Name <email>".
        ask: String,
    },
    /// The account's address is not verified yet: it may not create
    /// organizations or invite anyone (nobody has shown they read its mail).
    #[error("verify your e-mail address first: open the link we mailed you")]
    Unverified,
    /// No session, or an expired one.
    #[error("sign in first")]
    Unauthenticated,
    /// A bearer token that is no API key of ours (wrong shape, checksum or
    /// secret).
    #[error("this is not a valid API key")]
    KeyInvalid,
    /// Signed in, but the CSRF token is missing or wrong.
    #[error("missing or wrong X-CSRF-Token header")]
    Csrf,
    /// Unknown id, or an id of another org (R15).
    #[error("not found")]
    NotFound,
    /// The request is not readable (bad JSON, wrong type, too large).
    #[error("{0}")]
    BadRequest(String),
    /// The path exists, not with this method.
    #[error("this method is not allowed here")]
    MethodNotAllowed,
    /// The body is over the size limit.
    #[error("request body too large")]
    TooLarge,
    /// An import file over its limits.
    #[error("an import file holds at most 50,000 data rows and 10 MB; split it")]
    FileTooLarge,
    /// Readable, but a value is invalid.
    #[error("{message}")]
    Invalid {
        /// The field at fault.
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// The change conflicts with the current state.
    #[error("{message}")]
    Conflict {
        /// A stable code.
        code: &'static str,
        /// One sentence.
        message: String,
    },
    /// The link has expired, been revoked or used (410).
    #[error("{0}")]
    Gone(Denial),
    /// The server is saturated (password hashing); try again shortly.
    #[error("the server is busy; try again in a moment")]
    Busy,
    /// Too many attempts.
    #[error("too many attempts; try again in a minute")]
    RateLimited,
    /// Something broke on our side; logged, not shown.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl ApiError {
    /// Shorthand for [`ApiError::Invalid`].
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Self::Invalid {
            field,
            message: message.into(),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::Denied(Denial::NotAMember) | Self::NotFound => StatusCode::NOT_FOUND,
            Self::Denied(d) if d.is_key_unusable() => StatusCode::UNAUTHORIZED,
            Self::Denied(
                Denial::WrongState
                | Denial::SeatLimitReached { .. }
                | Denial::SeatLimitBelowUsage { .. }
                | Denial::DomainTaken,
            ) => StatusCode::CONFLICT,
            // What a domain is, not who asks: the input cannot be claimed.
            Self::Denied(
                Denial::PublicMailDomain
                | Denial::DisposableDomain
                | Denial::PublicSuffixDomain
                | Denial::IpLiteralDomain,
            ) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Denied(_) | Self::DeniedAsk { .. } | Self::Csrf | Self::Unverified => {
                StatusCode::FORBIDDEN
            }
            Self::Unauthenticated | Self::KeyInvalid => StatusCode::UNAUTHORIZED,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::TooLarge | Self::FileTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::Gone(_) => StatusCode::GONE,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn body(&self) -> ErrorBody {
        let plain = |code: &str| ErrorBody {
            code: code.into(),
            message: self.to_string(),
            rule: None,
        };
        match self {
            Self::Denied(d) | Self::Gone(d) => ErrorBody::from_denial(*d),
            Self::DeniedAsk { denial, .. } => ErrorBody {
                message: self.to_string(),
                ..ErrorBody::from_denial(*denial)
            },
            Self::Unauthenticated => plain("unauthenticated"),
            Self::KeyInvalid => plain("key_invalid"),
            Self::Csrf => plain("csrf"),
            Self::Unverified => plain("email_unverified"),
            Self::NotFound => plain("not_found"),
            Self::BadRequest(_) => plain("bad_request"),
            Self::TooLarge | Self::FileTooLarge => plain("too_large"),
            Self::MethodNotAllowed => plain("method_not_allowed"),
            Self::Invalid { field, message } => ErrorBody {
                code: "invalid".into(),
                message: format!("{field}: {message}"),
                rule: None,
            },
            Self::Conflict { code, .. } => plain(code),
            Self::RateLimited => plain("rate_limited"),
            Self::Busy => plain("busy"),
            Self::Internal(_) => plain("internal"),
        }
    }
}

impl From<Denial> for ApiError {
    fn from(d: Denial) -> Self {
        Self::Denied(d)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => Self::Conflict {
                code: "conflict",
                message: "that already exists".into(),
            },
            _ => Self::Internal(e.into()),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> Self {
        if e.is::<crate::auth::password::Busy>() {
            return Self::Busy;
        }
        Self::Internal(e)
    }
}

impl From<crate::auth::password::Busy> for ApiError {
    fn from(_: crate::auth::password::Busy) -> Self {
        Self::Busy
    }
}

/// Carried in the response so [`log_internal_errors`] can log the cause.
#[derive(Clone, Debug)]
pub struct InternalCause(pub String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = (self.status(), axum::Json(self.body())).into_response();
        let retry_after = match &self {
            // Limits count per minute; a client may try again after one.
            Self::RateLimited => Some("60"),
            Self::Busy => Some("1"),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            res.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static(seconds),
            );
        }
        // RFC 6750: a refused bearer token says so, and why, in the header.
        let bearer_error = match &self {
            Self::KeyInvalid => Some("invalid_token"),
            Self::Denied(d) if d.is_key_unusable() => Some("invalid_token"),
            _ => None,
        };
        if let Some(error) = bearer_error {
            res.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_str(&format!(
                    "Bearer error=\"{error}\", error_description=\"{self}\""
                ))
                .unwrap_or(axum::http::HeaderValue::from_static("Bearer")),
            );
        }
        if let Self::Internal(e) = &self {
            res.extensions_mut().insert(InternalCause(format!("{e:#}")));
        }
        res
    }
}

/// Logs internal errors with the request they belong to.
pub async fn log_internal_errors(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let res = next.run(req).await;
    if let Some(InternalCause(cause)) = res.extensions().get::<InternalCause>() {
        tracing::error!(%method, %path, %cause, "internal error");
    }
    res
}

/// Result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;
