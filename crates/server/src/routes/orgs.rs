//! `/orgs`: create, read, settings, delete, transfer ownership, leave.

use api::orgs::{CreateOrg, OrgView, Seats, TransferOwnership, UpdateOrg};
use axum::extract::State;
use axum::http::StatusCode;
use permissions::{Action, OrgPermission, decide, templates};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{OrgPath, Refused};
use crate::access;
use crate::caller::Caller;
use crate::change::locked;
use crate::db::audit::{self, Event};
use crate::db::{Tx, lock_org, members, orgs, outbox, users};
use crate::error::{ApiError, ApiResult};
use crate::extract::{CurrentUser, Json, Path};
use crate::mail::messages;
use crate::routes::template_switch;
use crate::state::AppState;
use crate::validate;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create))
        .routes(routes!(read, update, remove))
        .routes(routes!(transfer_ownership))
        .routes(routes!(leave))
}

/// Creates an org; the creator becomes its one Owner.
#[utoipa::path(
    post,
    path = "/orgs",
    operation_id = "create_org",
    tag = "orgs",
    security(("session" = [], "csrf" = [])),
    request_body = api::orgs::CreateOrg,
    responses((status = 201, body = api::orgs::OrgView), Refused)
)]
pub(super) async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Json(body): Json<CreateOrg>,
) -> ApiResult<(StatusCode, Json<OrgView>)> {
    let name = validate::name("name", &body.name)?;
    let template = body.template.unwrap_or_else(|| "default".into());
    let t = templates::by_key(&template)
        .ok_or_else(|| ApiError::invalid("template", format!("no template {template:?}")))?;
    let seat_limit = seat_limit(body.seat_limit)?;
    let owner_key = t
        .owner_role()
        .map(|r| r.key.to_string())
        .unwrap_or_else(|| "owner".into());
    let now = state.clock.now();
    let mut conn = state.db.pool.acquire().await?;
    access::require_verified(&mut conn, user.id).await?;
    drop(conn);
    let me = users::by_id(&mut *state.db.pool.acquire().await?, user.id)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    let mut tx = state.db.begin().await?;
    let org_id = orgs::create(&mut tx, &name, user.id, &template, seat_limit, now).await?;
    members::insert(
        &mut tx, org_id, user.id, &owner_key, &me.name, &me.email, now,
    )
    .await?;
    audit::record(
        &mut tx,
        Event {
            org_id: Some(org_id),
            actor_id: Some(user.id),
            key_id: None,
            origin: None,
            action: "org.created",
            target_type: "org",
            target_id: Some(org_id),
            before: None,
            after: Some(json!({"name": name, "template": template})),
        },
        now,
    )
    .await?;
    let view = view(&mut tx, org_id, &Caller::from(&user), now).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(view)))
}

#[utoipa::path(
    get,
    path = "/orgs/{org}",
    operation_id = "read_org",
    tag = "orgs",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath),
    responses((status = 200, body = api::orgs::OrgView), Refused)
)]
pub(super) async fn read(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
) -> ApiResult<Json<OrgView>> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    access::load(&mut tx, org, &user, now).await?;
    let v = view(&mut tx, org, &user, now).await?;
    tx.commit().await?;
    Ok(Json(v))
}

/// The org as the caller sees it, with seat usage.
pub async fn view(tx: &mut Tx, org_id: i64, caller: &Caller, now: i64) -> ApiResult<OrgView> {
    let ctx = access::load(tx, org_id, caller, now).await?;
    let used = orgs::seats_used(tx, org_id, now).await?;
    let (members, invitations) = orgs::counts(tx, org_id).await?;
    Ok(OrgView {
        members,
        invitations,
        id: ctx.org.id,
        name: ctx.org.name,
        owner_id: ctx.org.owner_id,
        template: ctx.org.template,
        invite_expiry_days: ctx.org.invite_expiry_days,
        seats: Seats {
            used,
            limit: ctx.org.seat_limit,
        },
        my_status: members::standing(&ctx.me.status),
        my_role: ctx.me.role,
    })
}

fn seat_limit(v: Option<i64>) -> ApiResult<Option<i64>> {
    match v {
        Some(n) if !(1..=1_000_000_000).contains(&n) => {
            Err(ApiError::invalid("seat_limit", "must be 1 to 1000000000"))
        }
        other => Ok(other),
    }
}

#[utoipa::path(
    patch,
    path = "/orgs/{org}",
    operation_id = "update_org",
    tag = "orgs",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath),
    request_body = api::orgs::UpdateOrg,
    responses((status = 200, body = api::orgs::OrgView), Refused)
)]
pub(super) async fn update(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
    Json(body): Json<UpdateOrg>,
) -> ApiResult<Json<OrgView>> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    decide(now, &ctx.actor, &Action::Org(OrgPermission::ManageSettings)).into_result()?;
    let before = json!({"name": ctx.org.name, "seat_limit": ctx.org.seat_limit, "invite_expiry_days": ctx.org.invite_expiry_days, "template": ctx.org.template});
    let mut next = ctx.org.clone();
    if let Some(name) = &body.name {
        next.name = validate::name("name", name)?;
    }
    if let Some(limit) = body.seat_limit {
        next.seat_limit = seat_limit(limit)?;
    }
    if let Some(days) = body.invite_expiry_days {
        if !(1..=30).contains(&days) {
            return Err(ApiError::invalid("invite_expiry_days", "must be 1 to 30"));
        }
        next.invite_expiry_days = days;
    }
    // R7 is an invariant: the limit never drops below the seats in use.
    if next.seat_limit != ctx.org.seat_limit {
        let used = orgs::seats_used(&mut tx, org, now).await?;
        let clamp = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
        let action = Action::SetSeatLimit {
            limit: next.seat_limit.map(clamp),
            used: clamp(used),
        };
        decide(now, &ctx.actor, &action).into_result()?;
    }
    let switch_to = match &body.template {
        Some(key) if *key != ctx.org.template => {
            let t = template_switch::decide_switch(&ctx, key, now)?;
            template_switch::check_roles_exist(&mut tx, &ctx, t).await?;
            next.template = key.clone();
            Some(t)
        }
        _ => None,
    };
    orgs::update_settings(&mut tx, &next).await?;
    if let Some(t) = switch_to {
        template_switch::audit_changed_members(&mut tx, &ctx, t, now).await?;
    }
    let after = json!({"name": next.name, "seat_limit": next.seat_limit, "invite_expiry_days": next.invite_expiry_days, "template": next.template});
    audit::record(
        &mut tx,
        Event {
            org_id: Some(org),
            actor_id: Some(user.id),
            key_id: ctx.key,
            origin: Some(ctx.origin.clone()),
            action: "org.settings_changed",
            target_type: "org",
            target_id: Some(org),
            before: Some(before),
            after: Some(after),
        },
        now,
    )
    .await?;
    let v = view(&mut tx, org, &user, now).await?;
    tx.commit().await?;
    Ok(Json(v))
}

#[utoipa::path(
    delete,
    path = "/orgs/{org}",
    operation_id = "delete_org",
    tag = "orgs",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath),
    responses((status = 204), Refused)
)]
pub(super) async fn remove(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    decide(now, &ctx.actor, &Action::Org(OrgPermission::DeleteOrg)).into_result()?;
    audit::record(
        &mut tx,
        Event {
            org_id: None,
            actor_id: Some(user.id),
            key_id: ctx.key,
            origin: Some(ctx.origin.clone()),
            action: "org.deleted",
            target_type: "org",
            target_id: Some(org),
            before: Some(json!({"name": ctx.org.name})),
            after: None,
        },
        now,
    )
    .await?;
    orgs::delete(&mut tx, org).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// R4: the Owner hands over to an active member without an access expiry,
/// who becomes Owner; the old Owner takes the template's successor role.
#[utoipa::path(
    post,
    path = "/orgs/{org}/transfer-ownership",
    operation_id = "transfer_ownership",
    tag = "orgs",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath),
    request_body = api::orgs::TransferOwnership,
    responses((status = 200, body = api::orgs::OrgView), Refused)
)]
pub(super) async fn transfer_ownership(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
    Json(body): Json<TransferOwnership>,
) -> ApiResult<Json<OrgView>> {
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    let (target, facts) = access::target(&mut tx, &ctx, body.user_id).await?;
    decide(
        now,
        &ctx.actor,
        &Action::TransferOwnership { target: facts },
    )
    .into_result()?;
    let owner_key = ctx
        .template
        .owner_role()
        .map(|r| r.key.to_string())
        .unwrap_or_else(|| "owner".into());
    // R4: the old Owner takes the role the template names as successor.
    let successor = ctx.template.owner_successor().ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!(
            "template {} names no successor role",
            ctx.template.key
        ))
    })?;
    members::set_role(&mut tx, org, target.user_id, &owner_key).await?;
    members::set_role(&mut tx, org, user.id, &successor.key).await?;
    orgs::set_owner(&mut tx, org, target.user_id).await?;
    audit::record(
        &mut tx,
        Event {
            org_id: Some(org),
            actor_id: Some(user.id),
            key_id: ctx.key,
            origin: Some(ctx.origin.clone()),
            action: "org.ownership_transferred",
            target_type: "member",
            target_id: Some(target.user_id),
            before: Some(json!({"owner": user.id})),
            after: Some(json!({"owner": target.user_id, "previous_owner_role": successor.key})),
        },
        now,
    )
    .await?;
    outbox::enqueue(
        &mut tx,
        &messages::ownership_transferred(&target.email, &ctx.org.name, &ctx.me.name),
        now,
    )
    .await?;
    let v = view(&mut tx, org, &user, now).await?;
    tx.commit().await?;
    Ok(Json(v))
}

/// R5: any non-Owner may leave.
#[utoipa::path(
    post,
    path = "/orgs/{org}/leave",
    operation_id = "leave_org",
    tag = "orgs",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath),
    responses((status = 204), Refused)
)]
pub(super) async fn leave(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !lock_org(&mut tx, org).await? {
        return Err(ApiError::NotFound);
    }
    // A suspended member may still leave (R9 does not hold them).
    let ctx = access::load_member(&mut tx, org, &user, now).await?;
    let projects = access::handover(&mut tx, &ctx, user.id, None).await?;
    decide(now, &ctx.actor, &Action::Leave { projects }).into_result()?;
    members::delete(&mut tx, org, user.id, now).await?;
    crate::db::projects::forget_member(&mut tx, org, user.id).await?;
    audit::record(
        &mut tx,
        Event {
            org_id: Some(org),
            actor_id: Some(user.id),
            key_id: ctx.key,
            origin: Some(ctx.origin.clone()),
            action: "member.left",
            target_type: "member",
            target_id: Some(user.id),
            before: Some(json!({"role": ctx.me.role})),
            after: None,
        },
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
