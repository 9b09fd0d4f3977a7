//! `POST /authorize`: Roster's own door to the decision point, with the
//! API's conventions (a malformed body is a 422). The AuthZEN paths in
//! `authzen.rs` ask the same engine (`crate::authorize`).

use api::authzen::{Decision, Evaluation};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::Refused;
use crate::caller::Reader;
use crate::error::{ApiError, ApiResult};
use crate::extract::json_object;
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
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<axum::Json<Decision>> {
    // Any text is let through: nothing of the question is written, and
    // what Roster does not know it ignores (as AuthZEN asks).
    let q: Evaluation =
        json_object(&headers, &body).map_err(|why| ApiError::invalid("body", why))?;
    let now = state.clock.now();
    let mut seen = crate::authorize::Seen::for_one(&user, now);
    let d = crate::authorize::evaluate(&mut conn, &mut seen, &user, &q, now).await?;
    Ok(axum::Json(d))
}
