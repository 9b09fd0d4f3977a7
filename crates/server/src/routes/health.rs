//! `GET /health`: liveness for load balancers and the e2e test.

use axum::Json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::Refused;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(health))
}

#[utoipa::path(
    get,
    path = "/health",
    operation_id = "health",
    tag = "meta",
    security(()),
    responses((status = 200, body = api::Health), Refused)
)]
pub(super) async fn health() -> Json<api::Health> {
    Json(api::Health {
        status: api::HealthStatus::Ok,
        version: env!("CARGO_PKG_VERSION").into(),
    })
}
