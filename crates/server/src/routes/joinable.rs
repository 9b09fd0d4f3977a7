//! `/me/joinable`: the org a signed-in person may join, or ask to join,
//! by the verified domain of their address (R13 "suggest" and "request").

use api::domains::{JoinOutcome, Joinable};
use axum::extract::State;
use axum::http::StatusCode;
use permissions::domains::{Joining, Occasion, decide_join};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{OrgPath, Refused};
use crate::db::users;
use crate::domains::join::{self, Joiner};
use crate::error::{ApiError, ApiResult};
use crate::extract::{CurrentUser, Json, Path};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(join_org))
}

#[utoipa::path(
    get,
    path = "/me/joinable",
    operation_id = "list_joinable",
    tag = "me",
    security(("session" = [])),
    responses((status = 200, body = Vec<Joinable>), Refused)
)]
pub(super) async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> ApiResult<Json<Vec<Joinable>>> {
    let now = state.clock.now();
    // Read only; `Tx` is what the loaders take.
    let mut tx = state.db.begin().await?;
    let me = users::by_id(&mut tx, user.id)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let mut out = Vec::new();
    if let Some(offer) = join::offer(&mut tx, &me.email, false).await? {
        let standing = join::standing(&mut tx, offer.org.id, me.id).await?;
        let seats = join::seats(&mut tx, &offer.org, now).await?;
        let verified = me.email_verified == 1;
        if let Ok(j) = decide_join(&offer.facts, verified, standing, &seats, Occasion::Asked) {
            out.push(Joinable {
                org_id: offer.org.id,
                org_name: offer.org.name.clone(),
                domain: offer.claim.domain.clone(),
                joins_now: j == Joining::Join,
            });
        }
    }
    tx.commit().await?;
    Ok(Json(out))
}

/// "Join" (or "Ask to join"): joins at once when the domain's mode and a
/// free seat allow, else waits in the admins' queue (202).
#[utoipa::path(
    post,
    path = "/me/joinable/{org}",
    operation_id = "join_by_domain",
    tag = "me",
    security(("session" = [], "csrf" = [])),
    params(OrgPath),
    responses((status = 200, body = JoinOutcome), (status = 202, body = JoinOutcome), Refused)
)]
pub(super) async fn join_org(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(org): Path<i64>,
) -> ApiResult<(StatusCode, Json<JoinOutcome>)> {
    let mut tx = state.db.begin().await?;
    let me = users::by_id(&mut tx, user.id)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let offer = join::offer(&mut tx, &me.email, true)
        .await?
        .filter(|o| o.org.id == org)
        .ok_or(ApiError::NotFound)?;
    let who = Joiner {
        id: me.id,
        name: &me.name,
        email: &me.email,
        verified: me.email_verified == 1,
    };
    let done = join::decide_and_apply(&state, &mut tx, &offer, &who, Occasion::Asked).await?;
    let joined = match done.map_err(ApiError::Denied)? {
        Joining::Join => true,
        Joining::Request { .. } => false,
        Joining::Suggest => return Err(ApiError::NotFound),
    };
    tx.commit().await?;
    let status = if joined {
        StatusCode::OK
    } else {
        StatusCode::ACCEPTED
    };
    Ok((status, Json(JoinOutcome { joined })))
}
