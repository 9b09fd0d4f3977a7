//! `GET /health`: liveness for load balancers and the e2e test.

use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

#[utoipa::path(get, path = "/health", tag = "meta", responses((status = 200, body = api::Health), (status = "4XX", description = "refused: {code, message, rule?}", body = api::ErrorBody)))]
pub(super) async fn health() -> Json<api::Health> {
    Json(api::Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}
