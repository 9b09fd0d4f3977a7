//! `GET /templates`: the built-in role templates as data, for other
//! services that render or audit the matrix.

use axum::Json;
use permissions::Template;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::Refused;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

#[utoipa::path(
    get,
    path = "/templates",
    operation_id = "list_templates",
    tag = "roles",
    security(()),
    responses(
        (status = 200, description = "the built-in role templates", body = Vec<Object>),
        Refused
    )
)]
pub(super) async fn list() -> Json<&'static [Template]> {
    Json(permissions::templates::all())
}
