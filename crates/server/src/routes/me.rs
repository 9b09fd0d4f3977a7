//! `/me`: who is signed in, their orgs, the active org.

use api::auth::{Me, OrgSummary, SetActiveOrg, UserView};
use axum::extract::State;
use axum::http::StatusCode;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::Refused;
use crate::db::{orgs, sessions, users};
use crate::error::{ApiError, ApiResult};
use crate::extract::{CurrentUser, Json};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(set_active_org))
}

#[utoipa::path(
    get,
    path = "/me",
    operation_id = "me",
    tag = "auth",
    security(("session" = [])),
    responses((status = 200, body = api::auth::Me), Refused)
)]
pub(super) async fn me(State(state): State<AppState>, user: CurrentUser) -> ApiResult<Json<Me>> {
    Ok(Json(
        load(
            &state,
            user.id,
            user.session.csrf_token,
            user.session.active_org,
        )
        .await?,
    ))
}

/// The `Me` answer; the active org falls back to the first org.
pub async fn load(
    state: &AppState,
    user_id: i64,
    csrf_token: String,
    active: Option<i64>,
) -> ApiResult<Me> {
    let user = users::by_id(&mut *state.db.pool.acquire().await?, user_id)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let orgs: Vec<OrgSummary> = orgs::for_user(
        &mut *state.db.pool.acquire().await?,
        user_id,
        state.clock.now(),
    )
    .await?
    .into_iter()
    .map(|o| OrgSummary {
        id: o.id,
        name: o.name,
        template: o.template,
        role: o.role,
        status: crate::db::members::standing(&o.status),
    })
    .collect();
    let active_org = active
        .filter(|id| orgs.iter().any(|o| o.id == *id))
        .or_else(|| orgs.first().map(|o| o.id));
    Ok(Me {
        user: UserView {
            id: user.id,
            email: user.email,
            name: user.name,
            email_verified: user.email_verified != 0,
        },
        csrf_token,
        orgs,
        active_org,
    })
}

#[utoipa::path(
    put,
    path = "/me/active-org",
    operation_id = "set_active_org",
    tag = "auth",
    security(("session" = [], "csrf" = [])),
    request_body = api::auth::SetActiveOrg,
    responses((status = 204), Refused)
)]
pub(super) async fn set_active_org(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(body): Json<SetActiveOrg>,
) -> ApiResult<StatusCode> {
    // R15: an org one is not in does not exist; nor one whose access has
    // ended (R16).
    let mut conn = state.db.pool.acquire().await?;
    crate::access::load_member(&mut conn, body.org_id, &(&user).into(), state.clock.now()).await?;
    drop(conn);
    sessions::set_active_org(
        &mut *state.db.pool.acquire().await?,
        &user.session.token_hash,
        Some(body.org_id),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
