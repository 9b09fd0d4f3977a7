//! `/orgs/{org}/invitations/{id}`: one invitation — resend it, hand its
//! link to the inviter, revoke it, or edit its role (R6).

use api::members::{ChangeRole, InvitationLink};
use axum::extract::State;
use axum::http::StatusCode;
use permissions::{Action, decide};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{InvitationPath, OrgPath, Refused};
use super::invitations::invitation_mail;
use crate::access::OrgContext;
use crate::auth::token::Token;
use crate::caller::Caller;
use crate::change::{locked, seats};
use crate::db::audit::{self, Event};
use crate::db::invitations::{self, Close};
use crate::db::{Tx, outbox};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(resend))
        .routes(routes!(link))
        .routes(routes!(revoke))
        .routes(routes!(edit_role))
}

/// An invitation row as decision facts.
fn facts(ctx: &OrgContext, inv: &invitations::Invitation) -> permissions::Invitation {
    inv.facts(ctx.template)
}

async fn load_invitation(
    tx: &mut Tx,
    ctx: &OrgContext,
    id: i64,
) -> ApiResult<invitations::Invitation> {
    invitations::by_id(tx, ctx.org.id, id)
        .await?
        .ok_or(ApiError::NotFound)
}

/// R6: a new token and expiry; the old link dies. An expired invitation
/// takes a seat again (R7).
#[utoipa::path(
    post,
    path = "/orgs/{org}/invitations/{id}/resend",
    operation_id = "resend_invitation",
    tag = "invitations",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, InvitationPath),
    responses((status = 204), Refused)
)]
pub(super) async fn resend(
    State(state): State<AppState>,
    user: Caller,
    Path((org, id)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    crate::rate_limit::mail(&state, user.id, org).await?;
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    let inv = renewable(&mut tx, &ctx, id, now).await?;
    let (link, _) = renew(&state, &mut tx, &ctx, &inv, "invitation.resent", now, false).await?;
    let mail = invitation_mail(
        &ctx,
        &inv.email,
        &inv.role,
        inv.message.as_deref(),
        link,
        true,
        id,
    );
    outbox::enqueue(&mut tx, &mail, now).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The copy-link fallback when mail does not arrive: the same renewal as a
/// resend (R6 decides, the old link dies) but the new link is handed to the
/// inviter instead of mailed. Tokens are stored only as hashes, so an
/// existing link can never be shown again; this is the only way to get one.
#[utoipa::path(
    post,
    path = "/orgs/{org}/invitations/{id}/link",
    operation_id = "invitation_link",
    tag = "invitations",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, InvitationPath),
    responses((status = 200, body = api::members::InvitationLink), Refused)
)]
pub(super) async fn link(
    State(state): State<AppState>,
    user: Caller,
    Path((org, id)): Path<(i64, i64)>,
) -> ApiResult<Json<InvitationLink>> {
    crate::rate_limit::mail(&state, user.id, org).await?;
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    let inv = renewable(&mut tx, &ctx, id, now).await?;
    let (link, expires_at) = renew(
        &state,
        &mut tx,
        &ctx,
        &inv,
        "invitation.link_issued",
        now,
        true,
    )
    .await?;
    tx.commit().await?;
    Ok(Json(InvitationLink { link, expires_at }))
}

/// The invitation `id`, if R6 (and R7 for an expired one) let the actor
/// renew it.
async fn renewable(
    tx: &mut Tx,
    ctx: &OrgContext,
    id: i64,
    now: i64,
) -> ApiResult<invitations::Invitation> {
    let inv = load_invitation(tx, ctx, id).await?;
    let seats = seats(tx, ctx, now).await?;
    decide(
        now,
        &ctx.actor,
        &Action::ResendInvitation {
            invitation: facts(ctx, &inv),
            seats,
        },
    )
    .into_result()?;
    Ok(inv)
}

/// A new token and expiry for `inv`, audited as `action`: the old link
/// dies. Returns the new link and when it expires.
async fn renew(
    state: &AppState,
    tx: &mut Tx,
    ctx: &OrgContext,
    inv: &invitations::Invitation,
    action: &str,
    now: i64,
    shown: bool,
) -> ApiResult<(String, i64)> {
    let token = Token::generate();
    let expires_at = now + ctx.org.invite_expiry_days * 24 * 3600;
    invitations::renew(tx, inv.id, &token.hash(), now, expires_at, shown).await?;
    audit::record(
        tx,
        Event {
            before: Some(json!({"expires_at": inv.expires_at})),
            after: Some(json!({"expires_at": expires_at})),
            ..ctx.event(action, "invitation", inv.id)
        },
        now,
    )
    .await?;
    let link = state
        .config
        .link(&format!("/invite?token={}", token.expose()));
    Ok((link, expires_at))
}

#[utoipa::path(
    post,
    path = "/orgs/{org}/invitations/{id}/revoke",
    operation_id = "revoke_invitation",
    tag = "invitations",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, InvitationPath),
    responses((status = 204), Refused)
)]
pub(super) async fn revoke(
    State(state): State<AppState>,
    user: Caller,
    Path((org, id)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    let inv = load_invitation(&mut tx, &ctx, id).await?;
    decide(
        now,
        &ctx.actor,
        &Action::RevokeInvitation {
            invitation: facts(&ctx, &inv),
        },
    )
    .into_result()?;
    invitations::close(&mut tx, id, Close::Revoked, now).await?;
    audit::record(
        &mut tx,
        Event {
            org_id: Some(org),
            actor_id: Some(user.id),
            key_id: ctx.key,
            origin: Some(ctx.origin.clone()),
            action: "invitation.revoked",
            target_type: "invitation",
            target_id: Some(id),
            before: Some(json!({"email": inv.email, "role": inv.role})),
            after: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    put,
    path = "/orgs/{org}/invitations/{id}/role",
    operation_id = "change_invitation_role",
    tag = "invitations",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, InvitationPath),
    request_body = api::members::ChangeRole,
    responses((status = 204), Refused)
)]
pub(super) async fn edit_role(
    State(state): State<AppState>,
    user: Caller,
    Path((org, id)): Path<(i64, i64)>,
    Json(body): Json<ChangeRole>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    let role = ctx.role(&body.role)?;
    let inv = load_invitation(&mut tx, &ctx, id).await?;
    decide(
        now,
        &ctx.actor,
        &Action::EditInvitationRole {
            invitation: facts(&ctx, &inv),
            role,
        },
    )
    .into_result()?;
    invitations::set_role(&mut tx, id, &body.role).await?;
    audit::record(
        &mut tx,
        Event {
            org_id: Some(org),
            actor_id: Some(user.id),
            key_id: ctx.key,
            origin: Some(ctx.origin.clone()),
            action: "invitation.role_changed",
            target_type: "invitation",
            target_id: Some(id),
            before: Some(json!({"role": inv.role})),
            after: Some(json!({"role": body.role})),
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
