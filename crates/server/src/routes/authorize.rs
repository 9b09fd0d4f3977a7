//! `POST /authorize`: Roster's own door to the decision point, with the
//! API's conventions (a malformed body is a 422). The AuthZEN paths in
//! `authzen.rs` ask the same engine (`crate::authorize`).

use api::authzen::{Decision, Evaluation};
use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::Refused;
use crate::error::ApiResult;
use crate::extract::{CurrentUser, Json};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(authorize))
}

/// May `subject` do `action` on `resource`? Always 200 with the decision;
/// a denial carries the rule, a code and the sentence (R17–R18, R15).
#[utoipa::path(
    post,
    path = "/authorize",
    operation_id = "authorize",
    tag = "authorize",
    request_body = Evaluation,
    responses((status = 200, body = Decision), Refused)
)]
pub(super) async fn authorize(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(q): Json<Evaluation>,
) -> ApiResult<axum::Json<Decision>> {
    let mut conn = state.db.pool.acquire().await?;
    let d = crate::authorize::evaluate(&mut conn, user.id, &q, state.clock.now()).await?;
    Ok(axum::Json(d))
}
