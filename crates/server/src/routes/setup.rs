//! `POST /setup`: the first Owner and organization, from the one-time link
//! printed when the server starts on an empty database.

use api::auth::{Me, Setup};
use axum::extract::State;
use axum_extra::extract::CookieJar;
use permissions::templates;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::Refused;
use crate::auth::{password, token};
use crate::db::audit::{self, Event};
use crate::db::tokens::{self, Purpose};
use crate::db::{members, orgs, users};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ClientAddr, Json};
use crate::rate_limit::limit;
use crate::state::AppState;
use crate::validate::{self, Email};
use crate::{routes::me, session};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(setup))
}

#[utoipa::path(
    post,
    path = "/setup",
    operation_id = "setup",
    tag = "auth",
    security(()),
    request_body = api::auth::Setup,
    responses((status = 200, body = api::auth::Me), Refused)
)]
pub(super) async fn setup(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    jar: CookieJar,
    Json(body): Json<Setup>,
) -> ApiResult<(CookieJar, Json<Me>)> {
    // Keyed by address: nobody can block the setup for others.
    limit(&state, "setup", &ip).await?;
    let email = Email::parse(&body.email)?;
    let name = validate::name("name", &body.name)?;
    let org_name = validate::name("org_name", &body.org_name)?;
    let hash = password::hash(
        state.config.password_cost,
        validate::password(&body.password)?,
    )
    .await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    tokens::consume(&mut tx, &token::hash(&body.token), Purpose::Setup, now)
        .await?
        .ok_or(ApiError::Conflict {
            code: "link_invalid",
            message:
                "this setup link is invalid, used or expired; restart the server for a new one"
                    .into(),
        })?;
    let user_id = users::create(&mut tx, email.as_str(), &name, Some(&hash), true, now)
        .await?
        .ok_or(ApiError::Conflict {
            code: "email_taken",
            message: "an account with this email exists".into(),
        })?;
    let org_id = orgs::create(&mut tx, &org_name, user_id, "default", None, now).await?;
    let owner = templates::default_template()
        .owner_role()
        .map(|r| r.key.to_string())
        .unwrap_or_else(|| "owner".into());
    members::insert(&mut tx, org_id, user_id, &owner, &name, email.as_str(), now).await?;
    audit::record(
        &mut tx,
        Event {
            org_id: Some(org_id),
            actor_id: Some(user_id),
            key_id: None,
            origin: None,
            action: "org.created",
            target_type: "org",
            target_id: Some(org_id),
            before: None,
            after: Some(json!({"name": org_name, "setup": true})),
        },
        now,
    )
    .await?;
    let (jar, csrf) = session::start(&state, &mut tx, jar, user_id).await?;
    tx.commit().await?;
    Ok((
        jar,
        Json(me::load(&state, user_id, csrf, Some(org_id)).await?),
    ))
}

/// On an empty database, stores a one-time setup token and returns the link.
pub async fn first_start_link(state: &AppState) -> anyhow::Result<Option<String>> {
    if users::any_exist(&mut *state.db.pool.acquire().await?).await? {
        return Ok(None);
    }
    let t = token::Token::generate();
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    tokens::create(
        &mut tx,
        &t.hash(),
        Purpose::Setup,
        None,
        now,
        now + 24 * 3600,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(
        state.config.link(&format!("/setup?token={}", t.expose())),
    ))
}
