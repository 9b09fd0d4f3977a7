//! One router per resource, merged once here.

mod accept;
pub mod auth;
mod health;
mod invitations;
pub mod me;
mod members;
pub mod orgs;
pub mod setup;
mod templates;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

use crate::error::{ApiError, log_internal_errors};
use crate::state::AppState;

/// Request bodies above this are refused (the largest legitimate one is an
/// invite of 100 addresses).
const MAX_BODY: usize = 64 * 1024;

/// The whole application: the API under `/api/v1`, the client everywhere
/// else (unknown paths get `index.html`, so client routes answer 200).
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .merge(health::router())
        .merge(templates::router())
        .merge(auth::router())
        .merge(me::router())
        .merge(setup::router())
        .merge(orgs::router())
        .merge(members::router())
        .merge(invitations::router())
        .merge(accept::router())
        .fallback(|| async { ApiError::NotFound })
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn(log_internal_errors));
    let client = ServeDir::new(&state.dist).fallback(ServeFile::new(state.dist.join("index.html")));
    Router::new()
        .nest(api::API_PREFIX, api)
        .fallback_service(client)
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
