//! One router per resource, merged once here.

mod health;
mod templates;

use axum::Router;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

use crate::state::AppState;

/// The whole application: the API under `/api/v1`, the client everywhere
/// else (unknown paths get `index.html`, so client routes answer 200).
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .merge(health::router())
        .merge(templates::router());
    let client = ServeDir::new(&state.dist).fallback(ServeFile::new(state.dist.join("index.html")));
    Router::new()
        .nest(api::API_PREFIX, api)
        .fallback_service(client)
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
