//! `/invitations`: what a link is, accepting it (joining with an existing
//! account or creating one in the same step, R8) and declining it.

use api::members::{Accept, Accepted, InvitationLookup};
use axum::extract::State;
use axum::http::StatusCode;
use axum_extra::extract::CookieJar;
use permissions::{Denial, Seats, decide_acceptance};
use serde::Deserialize;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::access::{self, template_of};

use super::doc::Refused;
use crate::auth::{password, token};
use crate::db::audit::{self, Event};
use crate::db::invitations::{self, Close, Invitation};
use crate::db::{lock_org, members, orgs, users};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ClientAddr, CurrentUser, Json, Query};
use crate::rate_limit::limit;
use crate::state::AppState;
use crate::{session, validate};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(lookup))
        .routes(routes!(accept))
        .routes(routes!(decline))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct TokenQuery {
    /// The token from the invitation link.
    #[param(min_length = 1, max_length = 200)]
    token: String,
}

async fn find(state: &AppState, ip: &str, raw: &str) -> ApiResult<Invitation> {
    // Keyed by the guesser's address, not by the guessed token.
    limit(state, "accept", ip).await?;
    let mut tx = state.db.begin().await?;
    let inv = invitations::by_token_hash(&mut tx, &token::hash(raw)).await?;
    tx.commit().await?;
    inv.ok_or(ApiError::Conflict {
        code: "link_invalid",
        message: "this invitation link is not valid; it may have been replaced by a newer one"
            .into(),
    })
}

/// What the link is: the landing page says "expired, ask X" from this.
#[utoipa::path(
    get,
    path = "/invitations/lookup",
    operation_id = "lookup_invitation",
    tag = "invitations",
    security(()),
    params(TokenQuery),
    responses((status = 200, body = api::members::InvitationLookup), Refused)
)]
pub(super) async fn lookup(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    Query(q): Query<TokenQuery>,
) -> ApiResult<Json<InvitationLookup>> {
    let inv = find(&state, &ip, &q.token).await?;
    let org = orgs::by_id(&mut *state.db.pool.acquire().await?, inv.org_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let inviter = users::by_id(&mut *state.db.pool.acquire().await?, inv.invited_by).await?;
    let account_exists = users::by_email(&mut *state.db.pool.acquire().await?, &inv.email)
        .await?
        .is_some();
    Ok(Json(InvitationLookup {
        org_name: org.name,
        invited_by: inviter
            .map(|u| format!("{} <{}>", u.name, u.email))
            .unwrap_or_default(),
        email: inv.email.clone(),
        role_name: permissions::templates::by_key(&org.template)
            .and_then(|t| t.org_role(&inv.role))
            .map_or_else(|| inv.role.clone(), |r| r.name.to_string()),
        role: inv.role.clone(),
        message: inv.message.clone(),
        status: inv.status(state.clock.now()),
        account_exists,
    }))
}

/// Denials of acceptance, mapped to what the person sees: a dead link is
/// 410 Gone, someone else's invitation is 403, a full org is 409.
fn refuse(d: Denial) -> ApiError {
    match d {
        Denial::InvitationExpired
        | Denial::InvitationRevoked
        | Denial::InvitationAccepted
        | Denial::InvitationDeclined => ApiError::Gone(d),
        other => ApiError::Denied(other),
    }
}

#[utoipa::path(
    post,
    path = "/invitations/accept",
    operation_id = "accept_invitation",
    tag = "invitations",
    security((), ("session" = [], "csrf" = [])),
    request_body = api::members::Accept,
    responses((status = 200, body = api::members::Accepted), Refused)
)]
pub(super) async fn accept(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    user: Option<CurrentUser>,
    jar: CookieJar,
    Json(body): Json<Accept>,
) -> ApiResult<(CookieJar, Json<Accepted>)> {
    let found = find(&state, &ip, &body.token).await?;
    let now = state.clock.now();
    // A dead link says so before anything else (checked again under the
    // lock), judged with the org's own template like everything else.
    let home = orgs::by_id(&mut *state.db.pool.acquire().await?, found.org_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if let Some(d) =
        permissions::rules::r8_acceptable(&found.facts(template_of(&home)?), true, now).err()
    {
        return Err(refuse(d));
    }
    // A new person: validate and hash before taking the lock.
    let existing = users::by_email(&mut *state.db.pool.acquire().await?, &found.email).await?;
    let new_account = match (&user, &existing) {
        (None, None) => {
            let name = validate::name("name", body.name.as_deref().unwrap_or_default())?;
            let pw = validate::password(body.password.as_deref().unwrap_or_default())?;
            Some((name, password::hash(state.config.password_cost, pw).await?))
        }
        (None, Some(_)) => return Err(ApiError::Unauthenticated),
        _ => None,
    };
    let mut tx = state.db.begin().await?;
    if !lock_org(&mut tx, found.org_id).await? {
        return Err(ApiError::NotFound);
    }
    let inv = invitations::by_token_hash(&mut tx, &token::hash(&body.token))
        .await?
        .ok_or(ApiError::NotFound)?;
    let org = orgs::by_id(&mut tx, inv.org_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let template = template_of(&org)?;
    let email_matches = match &user {
        Some(u) => users::by_id(&mut tx, u.id)
            .await?
            .is_some_and(|me| me.email.eq_ignore_ascii_case(&inv.email)),
        None => true,
    };
    // This invitation holds a seat while pending; it must not count twice.
    let used = orgs::seats_used(&mut tx, org.id, now).await?
        - i64::from(inv.status(now) == api::InvitationStatus::Pending);
    let seats = Seats {
        used: u32::try_from(used.max(0)).unwrap_or(u32::MAX),
        limit: org.seat_limit.map(|l| u32::try_from(l).unwrap_or(u32::MAX)),
    };
    let facts = inv.facts(template);
    // R2 against the sender as they stand now, under the current template.
    let inviter = members::find(&mut tx, org.id, inv.invited_by)
        .await?
        .map(|m| access::facts(template, &org, &m));
    match decide_acceptance(now, &facts, email_matches, inviter.as_ref(), &seats).into_result() {
        Ok(()) => {}
        Err(Denial::InviterCannotGrant) => {
            let owner = users::by_id(&mut tx, org.owner_id).await?;
            return Err(ApiError::DeniedAsk {
                denial: Denial::InviterCannotGrant,
                ask: owner.map_or_else(
                    || format!("an admin of {}", org.name),
                    |o| format!("{} <{}>, the Owner of {}", o.name, o.email, org.name),
                ),
            });
        }
        Err(d) => return Err(refuse(d)),
    }
    let (user_id, name, email) = match (&user, new_account) {
        (Some(u), _) => {
            let me = users::by_id(&mut tx, u.id)
                .await?
                .ok_or(ApiError::Unauthenticated)?;
            (me.id, me.name, me.email)
        }
        (None, Some((name, hash))) => {
            // A mailed link reached this address, which verifies it; a link
            // the inviter was shown proves nothing: the account verifies
            // by mail like any other.
            let verified = inv.link_shown == 0;
            let id = users::create(&mut tx, &inv.email, &name, Some(&hash), verified, now)
                .await?
                .ok_or(ApiError::Unauthenticated)?;
            if !verified {
                crate::routes::auth::send_verification(&state, &mut tx, id, &inv.email).await?;
            }
            (id, name, inv.email.clone())
        }
        (None, None) => return Err(ApiError::Unauthenticated),
    };
    if members::find(&mut tx, org.id, user_id).await?.is_none() {
        members::insert(&mut tx, org.id, user_id, &inv.role, &name, &email, now).await?;
        if let Some(g) = invitations::grants_of(&mut tx, inv.id).await? {
            g.give(&mut tx, org.id, user_id).await?;
        }
    }
    // Invited again: their domain may bring them back later (R13).
    crate::db::domains::forget_departure(&mut tx, org.id, user_id).await?;
    invitations::close(&mut tx, inv.id, Close::Accepted, now).await?;
    audit::record(
        &mut tx,
        Event {
            org_id: Some(org.id),
            actor_id: Some(user_id),
            key_id: None,
            origin: None,
            action: "invitation.accepted",
            target_type: "member",
            target_id: Some(user_id),
            before: None,
            after: Some(json!({"role": inv.role, "invitation": inv.id})),
        },
        now,
    )
    .await?;
    let (jar, csrf) = if user.is_none() {
        let (jar, csrf) = session::start(&state, &mut tx, jar, user_id).await?;
        (jar, Some(csrf))
    } else {
        (jar, None)
    };
    tx.commit().await?;
    Ok((
        jar,
        Json(Accepted {
            org_id: org.id,
            csrf_token: csrf,
        }),
    ))
}

/// The invitee says no; the seat frees at once.
#[utoipa::path(
    post,
    path = "/invitations/decline",
    operation_id = "decline_invitation",
    tag = "invitations",
    security(()),
    request_body = api::auth::TokenRequest,
    responses((status = 204), Refused)
)]
pub(super) async fn decline(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    Json(body): Json<api::auth::TokenRequest>,
) -> ApiResult<StatusCode> {
    let found = find(&state, &ip, &body.token).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    lock_org(&mut tx, found.org_id).await?;
    let inv = invitations::by_token_hash(&mut tx, &token::hash(&body.token))
        .await?
        .ok_or(ApiError::NotFound)?;
    let org = orgs::by_id(&mut tx, inv.org_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let facts = inv.facts(access::template_of(&org)?);
    permissions::rules::r6_invitation_open(&facts).map_err(refuse)?;
    invitations::close(&mut tx, inv.id, Close::Declined, now).await?;
    audit::record(
        &mut tx,
        Event {
            org_id: Some(inv.org_id),
            actor_id: None,
            key_id: None,
            origin: None,
            action: "invitation.declined",
            target_type: "invitation",
            target_id: Some(inv.id),
            before: None,
            after: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
