//! `/orgs/{org}/invitations`: invite several emails at once, and list the
//! open ones with their mail's delivery state.

use api::Delivery;
use api::members::{InvitationView, Invite, InviteOutcome, InviteResult};
use axum::extract::State;
use axum::http::StatusCode;
use permissions::{Action, Denial, OrgPermission, decide};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{OrgPath, Refused};
use crate::access::{self, OrgContext};
use crate::auth::token::Token;
use crate::caller::{Caller, Reader};
use crate::change::{locked, seats};
use crate::db::audit::{self, Event};
use crate::db::invitations::{self, NewInvitation};
use crate::db::{Tx, members, outbox, users};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::state::AppState;
use crate::validate::{self, Email};

/// At most this many emails per request.
const MAX_EMAILS: usize = 100;

pub(super) use crate::mail::invitation_mail;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list, invite))
}

/// Invites each email in one transaction under the org lock, so seats hold
/// (R7) however many requests race. The answer says per email what happened.
#[utoipa::path(
    post,
    path = "/orgs/{org}/invitations",
    operation_id = "invite",
    tag = "invitations",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath),
    request_body = api::members::Invite,
    responses(
        (status = 200, description = "one result per e-mail", body = Vec<InviteResult>),
        Refused
    )
)]
pub(super) async fn invite(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
    Json(body): Json<Invite>,
) -> ApiResult<(StatusCode, Json<Vec<InviteResult>>)> {
    if body.emails.is_empty() || body.emails.len() > MAX_EMAILS {
        return Err(ApiError::invalid(
            "emails",
            format!("give 1 to {MAX_EMAILS} addresses"),
        ));
    }
    let message = validate::message(body.message.as_deref())?;
    crate::rate_limit::mail(&state, user.id, org).await?;
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    let role = ctx.role(&body.role)?;
    // The role question is the same for every email: refuse the request as
    // a whole when the actor may not invite with this role.
    let unlimited = permissions::Seats::default();
    decide(
        now,
        &ctx.actor,
        &Action::Invite {
            role,
            seats: unlimited,
        },
    )
    .into_result()?;
    crate::access::require_verified(&mut tx, user.id).await?;
    let mut results = Vec::with_capacity(body.emails.len());
    let mut seen = std::collections::HashSet::new();
    for raw in &body.emails {
        let r = invite_one(
            &state,
            &mut tx,
            &ctx,
            raw,
            &body.role,
            message.as_deref(),
            &mut seen,
            now,
        )
        .await?;
        results.push(r);
    }
    tx.commit().await?;
    Ok((StatusCode::OK, Json(results)))
}

#[expect(
    clippy::too_many_arguments,
    reason = "one step of the invite loop; grouping would only rename the arguments"
)]
async fn invite_one(
    state: &AppState,
    tx: &mut Tx,
    ctx: &OrgContext,
    raw: &str,
    role_key: &str,
    message: Option<&str>,
    seen: &mut std::collections::HashSet<String>,
    now: i64,
) -> ApiResult<InviteResult> {
    let result = |outcome, id, msg: &str| InviteResult {
        email: raw.to_string(),
        outcome,
        invitation_id: id,
        message: msg.to_string(),
    };
    let Ok(email) = Email::parse(raw) else {
        return Ok(result(InviteOutcome::Invalid, None, "not an email address"));
    };
    if !seen.insert(email.folded()) {
        return Ok(result(
            InviteOutcome::AlreadyInvited,
            None,
            "listed twice in this request",
        ));
    }
    if let Some(u) = users::by_email(tx, email.as_str()).await?
        && members::find(tx, ctx.org.id, u.id).await?.is_some()
    {
        return Ok(result(
            InviteOutcome::AlreadyMember,
            None,
            "already a member of this organization",
        ));
    }
    invitations::supersede_expired(tx, ctx.org.id, email.as_str(), now).await?;
    if invitations::open_for_email(tx, ctx.org.id, email.as_str())
        .await?
        .is_some()
    {
        return Ok(result(
            InviteOutcome::AlreadyInvited,
            None,
            "already has a pending invitation; resend it instead",
        ));
    }
    let role = ctx.role(role_key)?;
    let seats = seats(tx, ctx, now).await?;
    if let Err(d @ Denial::SeatLimitReached { .. }) =
        decide(now, &ctx.actor, &Action::Invite { role, seats }).into_result()
    {
        return Ok(result(InviteOutcome::SeatLimit, None, &d.to_string()));
    }
    let token = Token::generate();
    let expires_at = now + ctx.org.invite_expiry_days * 24 * 3600;
    let id = invitations::insert(
        tx,
        &NewInvitation {
            org_id: ctx.org.id,
            email: email.as_str(),
            role: role_key,
            invited_by: ctx.me.user_id,
            message,
            token_hash: &token.hash(),
            now,
            expires_at,
        },
    )
    .await?;
    let link = state
        .config
        .link(&format!("/invite?token={}", token.expose()));
    let mail = invitation_mail(ctx, email.as_str(), role_key, message, link, false, id);
    outbox::enqueue(tx, &mail, now).await?;
    audit::record(
        tx,
        Event {
            org_id: Some(ctx.org.id),
            actor_id: Some(ctx.me.user_id),
            key_id: ctx.key,
            origin: Some(ctx.origin.clone()),
            action: "invitation.created",
            target_type: "invitation",
            target_id: Some(id),
            before: None,
            after: Some(json!({"email": email.as_str(), "role": role_key})),
        },
        now,
    )
    .await?;
    Ok(result(InviteOutcome::Sent, Some(id), "invitation sent"))
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/invitations",
    operation_id = "list_invitations",
    tag = "invitations",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath),
    responses((status = 200, body = Vec<api::members::InvitationView>), Refused)
)]
pub(super) async fn list(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path(org): Path<i64>,
) -> ApiResult<Json<Vec<InvitationView>>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    decide(now, &ctx.actor, &Action::Org(OrgPermission::ViewMembers)).into_result()?;
    let rows = invitations::list_open(&mut conn, org, 1000).await?;
    let mut out = Vec::with_capacity(rows.len());
    for inv in rows {
        let (delivery, delivery_error) =
            match outbox::invitation_delivery(&mut conn, inv.id).await? {
                Some((Some(_), ..)) => (Delivery::Sent, None),
                Some((None, Some(_), why)) => (Delivery::Failed, why),
                _ => (Delivery::Queued, None),
            };
        let status = inv.status(now);
        out.push(InvitationView {
            status,
            id: inv.id,
            email: inv.email,
            role: inv.role,
            invited_by: inv.invited_by,
            sent_at: inv.sent_at,
            expires_at: inv.expires_at,
            delivery,
            delivery_error,
        });
    }
    Ok(Json(out))
}
