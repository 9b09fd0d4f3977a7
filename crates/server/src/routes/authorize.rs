//! `POST /authorize`: Roster's own door to the decision point, with the
//! API's conventions (a malformed body is a 422). The AuthZEN paths in
//! `authzen.rs` ask the same engine (`crate::authorize`).

use api::authzen::{Decision, Evaluation};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::Refused;
use crate::authorize::Asked;
use crate::error::{ApiError, ApiResult};
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
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    request_body = Evaluation,
    responses((status = 200, body = Decision), Refused)
)]
pub(super) async fn authorize(
    Asked { question, asker }: Asked<Evaluation>,
) -> ApiResult<axum::Json<Decision>> {
    // Any text is let through: nothing of the question is written, and
    // what Roster does not know it ignores (as AuthZEN asks).
    let q = question.map_err(|why| ApiError::invalid("body", why))?;
    Ok(axum::Json(asker.decide(&q).await?))
}
