//! `/auth`: sign-up, login, logout, email verification, password reset.

use api::auth::{Login, Me, ResetConfirm, ResetRequest, SignUp, TokenRequest};
use axum::extract::State;
use axum::http::StatusCode;
use axum_extra::extract::CookieJar;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::Refused;
use crate::auth::{password, token};
use crate::db::tokens::{self, Purpose};
use crate::db::{outbox, sessions, users};
use crate::domains::join::Joiner;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ClientAddr, CurrentUser, Json};
use crate::mail::messages;
use crate::rate_limit::{self, limit};
use crate::state::AppState;
use crate::validate::{self, Email};
use crate::{routes::me, session};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(sign_up))
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(verify_email))
        .routes(routes!(request_reset))
        .routes(routes!(confirm_reset))
}

/// Creates an account, signs it in and mails a verification link.
#[utoipa::path(
    post,
    path = "/auth/signup",
    operation_id = "sign_up",
    tag = "auth",
    security(()),
    request_body = api::auth::SignUp,
    responses((status = 200, body = api::auth::Me), Refused)
)]
pub(super) async fn sign_up(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    jar: CookieJar,
    Json(body): Json<SignUp>,
) -> ApiResult<(CookieJar, Json<Me>)> {
    let email = Email::parse(&body.email)?;
    let name = validate::name("name", &body.name)?;
    let pw = validate::password(&body.password)?;
    rate_limit::signup(&state, &ip, &email.folded()).await?;
    let taken = || ApiError::Conflict {
        code: "email_taken",
        message: "an account with this email exists; sign in instead".into(),
    };
    // Cheap things first: a taken address costs no hashing.
    if users::by_email(&mut *state.db.pool.acquire().await?, email.as_str())
        .await?
        .is_some()
    {
        return Err(taken());
    }
    let hash = password::hash(state.config.password_cost, pw).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let user_id = users::create(&mut tx, email.as_str(), &name, Some(&hash), false, now)
        .await?
        .ok_or_else(taken)?;
    send_verification(&state, &mut tx, user_id, email.as_str()).await?;
    let (jar, csrf) = session::start(&state, &mut tx, jar, user_id).await?;
    tx.commit().await?;
    let me = me::load(&state, user_id, csrf, None).await?;
    Ok((jar, Json(me)))
}

/// Queues a one-time verification link.
pub async fn send_verification(
    state: &AppState,
    tx: &mut crate::db::Tx,
    user_id: i64,
    email: &str,
) -> Result<(), sqlx::Error> {
    let t = token::Token::generate();
    let now = state.clock.now();
    tokens::create(
        tx,
        &t.hash(),
        Purpose::VerifyEmail,
        Some(user_id),
        now,
        now + 2 * 24 * 3600,
    )
    .await?;
    let link = state
        .config
        .link(&format!("/verify-email?token={}", t.expose()));
    outbox::enqueue(tx, &messages::verify_email(email, link), now).await
}

#[utoipa::path(
    post,
    path = "/auth/login",
    operation_id = "login",
    tag = "auth",
    security(()),
    request_body = api::auth::Login,
    responses((status = 200, body = api::auth::Me), Refused)
)]
pub(super) async fn login(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    jar: CookieJar,
    Json(body): Json<Login>,
) -> ApiResult<(CookieJar, Json<Me>)> {
    let email = Email::parse(&body.email)?;
    rate_limit::login(&state, &ip, &email.folded()).await?;
    let user = users::by_email(&mut *state.db.pool.acquire().await?, email.as_str()).await?;
    // An unknown address costs the same verification as a known one.
    let ok = match user.as_ref().and_then(|u| u.password_hash.clone()) {
        Some(stored) => password::verify(body.password, stored).await?,
        None => {
            let decoy = password::decoy(state.config.password_cost).await;
            password::verify(body.password, decoy).await?;
            false
        }
    };
    let user = user.filter(|_| ok).ok_or(ApiError::Invalid {
        field: "password",
        message: "wrong email or password".into(),
    })?;
    let mut tx = state.db.begin().await?;
    let (jar, csrf) = session::start(&state, &mut tx, jar, user.id).await?;
    tx.commit().await?;
    Ok((jar, Json(me::load(&state, user.id, csrf, None).await?)))
}

#[utoipa::path(
    post,
    path = "/auth/logout",
    operation_id = "logout",
    tag = "auth",
    security(("session" = [], "csrf" = [])),
    responses((status = 204), Refused)
)]
pub(super) async fn logout(
    State(state): State<AppState>,
    user: CurrentUser,
    jar: CookieJar,
) -> ApiResult<(CookieJar, StatusCode)> {
    sessions::delete(
        &mut *state.db.pool.acquire().await?,
        &user.session.token_hash,
    )
    .await?;
    Ok((session::end(&state, jar), StatusCode::NO_CONTENT))
}

#[utoipa::path(
    post,
    path = "/auth/verify-email",
    operation_id = "verify_email",
    tag = "auth",
    security(()),
    request_body = api::auth::TokenRequest,
    responses((status = 204), Refused)
)]
pub(super) async fn verify_email(
    State(state): State<AppState>,
    Json(body): Json<TokenRequest>,
) -> ApiResult<StatusCode> {
    let mut tx = state.db.begin().await?;
    let user_id = tokens::consume(
        &mut tx,
        &token::hash(&body.token),
        Purpose::VerifyEmail,
        state.clock.now(),
    )
    .await?
    .flatten()
    .ok_or(ApiError::Conflict {
        code: "link_invalid",
        message: "this link is invalid, used or expired".into(),
    })?;
    users::mark_verified(&mut tx, user_id).await?;
    // R13: a verified address may bring its owner into the org that
    // verified its domain.
    if let Some(u) = users::by_id(&mut tx, user_id).await? {
        let who = Joiner {
            id: u.id,
            name: &u.name,
            email: &u.email,
            verified: true,
        };
        crate::domains::join::on_verified(&state, &mut tx, &who).await?;
    }
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Always 202, whether or not the account exists (no account probing).
#[utoipa::path(
    post,
    path = "/auth/password-reset",
    operation_id = "request_password_reset",
    tag = "auth",
    security(()),
    request_body = api::auth::ResetRequest,
    responses((status = 202), Refused)
)]
pub(super) async fn request_reset(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    Json(body): Json<ResetRequest>,
) -> ApiResult<StatusCode> {
    let email = Email::parse(&body.email)?;
    rate_limit::password_reset(&state, &ip, &email.folded()).await?;
    if let Some(user) =
        users::by_email(&mut *state.db.pool.acquire().await?, email.as_str()).await?
    {
        let t = token::Token::generate();
        let now = state.clock.now();
        let mut tx = state.db.begin().await?;
        tokens::create(
            &mut tx,
            &t.hash(),
            Purpose::ResetPassword,
            Some(user.id),
            now,
            now + 3600,
        )
        .await?;
        let link = state
            .config
            .link(&format!("/reset-password?token={}", t.expose()));
        outbox::enqueue(&mut tx, &messages::password_reset(&user.email, link), now).await?;
        tx.commit().await?;
    }
    Ok(StatusCode::ACCEPTED)
}

/// Sets the new password and ends every session of the account.
#[utoipa::path(
    post,
    path = "/auth/password-reset/confirm",
    operation_id = "confirm_password_reset",
    tag = "auth",
    security(()),
    request_body = api::auth::ResetConfirm,
    responses((status = 204), Refused)
)]
pub(super) async fn confirm_reset(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    Json(body): Json<ResetConfirm>,
) -> ApiResult<StatusCode> {
    let pw = validate::password(&body.password)?;
    let invalid = || ApiError::Conflict {
        code: "link_invalid",
        message: "this link is invalid, used or expired".into(),
    };
    let token_hash = token::hash(&body.token);
    let now = state.clock.now();
    // Cheap things first: a dead link costs no hashing.
    limit(&state, "reset-confirm", &ip).await?;
    if !tokens::is_live(
        &mut *state.db.pool.acquire().await?,
        &token_hash,
        Purpose::ResetPassword,
        now,
    )
    .await?
    {
        return Err(invalid());
    }
    let hash = password::hash(state.config.password_cost, pw).await?;
    let mut tx = state.db.begin().await?;
    let user_id = tokens::consume(&mut tx, &token_hash, Purpose::ResetPassword, now)
        .await?
        .flatten()
        .ok_or_else(invalid)?;
    tokens::retire_all(&mut tx, user_id, Purpose::ResetPassword, now).await?;
    users::set_password(&mut tx, user_id, &hash).await?;
    sessions::delete_for_user(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
