//! `/orgs/{org}/domains`: the org's auto-join domains (R13). A claim is
//! pending until proven by a verified address at it or by DNS; the crate
//! decides what may be claimed, with which role, and what proves it.

use api::domains::{ClaimDomain, DomainView, UpdateDomain};
use axum::extract::State;
use axum::http::StatusCode;
use permissions::domains::Proof;
use permissions::{Action, Denial, OrgPermission, decide};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{DomainPath, OrgPath, Refused};
use crate::access::{self, OrgContext};
use crate::auth::token::Token;
use crate::caller::{Caller, Reader};
use crate::change::{audit, locked};
use crate::db::domains::{self as claims, ClaimRow, NewClaim};
use crate::db::{Tx, groups, users};
use crate::domains::{self, CHALLENGE_LABEL};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, claim))
        .routes(routes!(update, remove))
        .routes(routes!(prove))
}

/// A stored claim as the Domains section shows it.
pub fn view(c: &ClaimRow) -> DomainView {
    DomainView {
        id: c.id,
        domain: c.domain.clone(),
        verified: c.verified_at.is_some(),
        proof: c.proof.clone(),
        mode: permissions::domains::JoinMode::parse(&c.mode)
            .unwrap_or(permissions::domains::JoinMode::Off)
            .into(),
        default_role: c.default_role.clone(),
        default_groups: c.groups(),
        dns_name: format!("{CHALLENGE_LABEL}.{}", c.domain),
        dns_value: c.challenge.clone(),
        created_at: c.created_at,
        verified_at: c.verified_at,
    }
}

/// R13 with R2: the crate's word on giving `role` to joiners of `domain`.
fn decide_claim(ctx: &OrgContext, domain: &str, role: &str, now: i64) -> ApiResult<()> {
    let role = ctx.role(role)?;
    let ceiling = ctx.template.auto_join_ceiling().unwrap_or_default();
    let kind = domains::kind(domain);
    decide(
        now,
        &ctx.actor,
        &Action::ClaimDomain {
            kind,
            role,
            ceiling,
        },
    )
    .into_result()?;
    Ok(())
}

/// Default groups must be groups of this org.
async fn check_groups(tx: &mut Tx, org: i64, ids: &[i64]) -> ApiResult<()> {
    if ids.len() > 50 {
        return Err(ApiError::invalid("default_groups", "at most 50 groups"));
    }
    for id in ids {
        if groups::by_id(tx, org, *id).await?.is_none() {
            return Err(ApiError::invalid(
                "default_groups",
                format!("no group {id} in this organization"),
            ));
        }
    }
    Ok(())
}

/// Whether another org holds `domain` verified (R13: one org per domain).
async fn taken_elsewhere(tx: &mut Tx, org: i64, domain: &str) -> ApiResult<bool> {
    Ok(claims::verified(tx, domain)
        .await?
        .is_some_and(|c| c.org_id != org))
}

/// What proves the claim now: the caller's own verified address at exactly
/// the domain, or the DNS challenge.
async fn proof(
    state: &AppState,
    tx: &mut Tx,
    user: i64,
    c: &ClaimRow,
    dns: bool,
) -> ApiResult<Proof> {
    let me = users::by_id(tx, user)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let verified_email_at_domain = me.email_verified == 1
        && domains::of_email(&me.email).as_deref() == Some(c.domain.as_str());
    let dns_challenge_found = dns
        && !verified_email_at_domain
        && state
            .dns
            .txt(format!("{CHALLENGE_LABEL}.{}", c.domain))
            .await
            .iter()
            .any(|t| t.trim() == c.challenge);
    Ok(Proof {
        verified_email_at_domain,
        dns_challenge_found,
    })
}

/// Marks the claim proven when `proof` proves it; 409 when another org
/// proved it first.
async fn settle(tx: &mut Tx, ctx: &OrgContext, c: &ClaimRow, p: &Proof, now: i64) -> ApiResult<()> {
    if taken_elsewhere(tx, ctx.org.id, &c.domain).await? {
        return Err(Denial::DomainTaken.into());
    }
    let how = if p.verified_email_at_domain {
        "email"
    } else {
        "dns"
    };
    claims::mark_verified(tx, c.id, how, now).await?;
    audit(
        tx,
        ctx,
        ("domain.verified", "domain", c.id),
        json!({"domain": c.domain, "proof": how}),
        now,
    )
    .await?;
    Ok(())
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/domains",
    operation_id = "list_domains",
    tag = "domains",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath),
    responses((status = 200, body = Vec<DomainView>), Refused)
)]
pub(super) async fn list(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path(org): Path<i64>,
) -> ApiResult<Json<Vec<DomainView>>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    access::may_attempt(&ctx, OrgPermission::ManageSettings, now)?;
    Ok(Json(
        claims::of_org(&mut conn, org)
            .await?
            .iter()
            .map(view)
            .collect(),
    ))
}

/// Claims a domain. It is proven at once when the caller's own verified
/// address is at it; otherwise it stays pending until DNS proves it.
#[utoipa::path(
    post,
    path = "/orgs/{org}/domains",
    operation_id = "claim_domain",
    tag = "domains",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath),
    request_body = ClaimDomain,
    responses((status = 201, body = DomainView), Refused)
)]
pub(super) async fn claim(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
    Json(body): Json<ClaimDomain>,
) -> ApiResult<(StatusCode, Json<DomainView>)> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    access::may_attempt(&ctx, OrgPermission::ManageSettings, now)?;
    let domain = domains::normalise(&body.domain)?;
    decide_claim(&ctx, &domain, &body.default_role, now)?;
    check_groups(&mut tx, org, &body.default_groups).await?;
    if taken_elsewhere(&mut tx, org, &domain).await? {
        return Err(Denial::DomainTaken.into());
    }
    let challenge = format!("roster-verification={}", Token::generate().expose());
    let id = claims::create(
        &mut tx,
        NewClaim {
            org_id: org,
            domain: &domain,
            mode: body.mode.as_str(),
            default_role: &body.default_role,
            default_groups: &body.default_groups,
            challenge: &challenge,
            created_by: user.id,
        },
        now,
    )
    .await?
    .ok_or(ApiError::Conflict {
        code: "domain_claimed",
        message: format!("this organization already claims {domain}"),
    })?;
    audit(
        &mut tx,
        &ctx,
        ("domain.claimed", "domain", id),
        json!({"domain": domain, "mode": body.mode.as_str(), "default_role": body.default_role}),
        now,
    )
    .await?;
    let mut c = claims::find(&mut tx, org, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let p = proof(&state, &mut tx, user.id, &c, false).await?;
    if decide(now, &ctx.actor, &Action::ProveDomain { proof: p }).is_allowed() {
        settle(&mut tx, &ctx, &c, &p, now).await?;
        c = claims::find(&mut tx, org, id)
            .await?
            .ok_or(ApiError::NotFound)?;
    }
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(view(&c))))
}

/// Checks the proof of a pending claim again: the caller's verified
/// address at the domain, then the TXT record.
#[utoipa::path(
    post,
    path = "/orgs/{org}/domains/{domain}/verify",
    operation_id = "verify_domain",
    tag = "domains",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, DomainPath),
    responses((status = 200, body = DomainView), Refused)
)]
pub(super) async fn prove(
    State(state): State<AppState>,
    user: Caller,
    Path((org, id)): Path<(i64, i64)>,
) -> ApiResult<Json<DomainView>> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    access::may_attempt(&ctx, OrgPermission::ManageSettings, now)?;
    let c = claims::find(&mut tx, org, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    if c.verified_at.is_none() {
        let p = proof(&state, &mut tx, user.id, &c, true).await?;
        decide(now, &ctx.actor, &Action::ProveDomain { proof: p }).into_result()?;
        settle(&mut tx, &ctx, &c, &p, now).await?;
    }
    let c = claims::find(&mut tx, org, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    tx.commit().await?;
    Ok(Json(view(&c)))
}

#[utoipa::path(
    patch,
    path = "/orgs/{org}/domains/{domain}",
    operation_id = "update_domain",
    tag = "domains",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, DomainPath),
    request_body = UpdateDomain,
    responses((status = 200, body = DomainView), Refused)
)]
pub(super) async fn update(
    State(state): State<AppState>,
    user: Caller,
    Path((org, id)): Path<(i64, i64)>,
    Json(body): Json<UpdateDomain>,
) -> ApiResult<Json<DomainView>> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    access::may_attempt(&ctx, OrgPermission::ManageSettings, now)?;
    let mut c = claims::find(&mut tx, org, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let before =
        json!({"mode": c.mode, "default_role": c.default_role, "default_groups": c.groups()});
    if let Some(mode) = body.mode {
        c.mode = mode.as_str().to_string();
    }
    if let Some(role) = &body.default_role {
        c.default_role.clone_from(role);
    }
    if let Some(g) = &body.default_groups {
        check_groups(&mut tx, org, g).await?;
        c.default_groups = json!(g).to_string();
    }
    decide_claim(&ctx, &c.domain, &c.default_role, now)?;
    claims::update(&mut tx, &c).await?;
    let after =
        json!({"mode": c.mode, "default_role": c.default_role, "default_groups": c.groups()});
    let event = crate::db::audit::Event {
        before: Some(before),
        after: Some(after),
        ..ctx.event("domain.updated", "domain", id)
    };
    crate::db::audit::record(&mut tx, event, now).await?;
    tx.commit().await?;
    Ok(Json(view(&c)))
}

/// Drops a claim; nobody joins by it any more, and its queue is emptied.
#[utoipa::path(
    delete,
    path = "/orgs/{org}/domains/{domain}",
    operation_id = "delete_domain",
    tag = "domains",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, DomainPath),
    responses((status = 204), Refused)
)]
pub(super) async fn remove(
    State(state): State<AppState>,
    user: Caller,
    Path((org, id)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    access::may_attempt(&ctx, OrgPermission::ManageSettings, now)?;
    let c = claims::find(&mut tx, org, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    claims::delete(&mut tx, id).await?;
    audit(
        &mut tx,
        &ctx,
        ("domain.removed", "domain", id),
        json!({"domain": c.domain}),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
