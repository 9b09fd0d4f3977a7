//! `GET /templates`: the built-in role templates as data, for other
//! services that render or audit the matrix.

use axum::routing::get;
use axum::{Json, Router};
use permissions::Template;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/templates", get(list))
}

async fn list() -> Json<&'static [Template]> {
    Json(permissions::templates::all())
}
