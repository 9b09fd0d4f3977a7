//! `/orgs/{org}/api-keys`: service identities of the org (R17). Every
//! change is decided by the crate in the org's locked transaction and
//! audited; the secret is shown once, at creation and rotation.

use api::KeyState;
use api::keys::{DEFAULT_DAYS, IssuedKey, KeyView, MAX_DAYS, MAX_GRACE_HOURS, NewKey, RotateKey};
use axum::extract::State;
use axum::http::StatusCode;
use permissions::keys::KeyList;
use permissions::{Action, KeyOp, decide};
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::doc::{KeyPath, OrgPath, Refused};
use crate::access::{self, OrgContext};
use crate::auth::api_key::Secret;
use crate::caller::{Caller, Reader};
use crate::change::{audit, locked};
use crate::db::Tx;
use crate::db::api_keys::{self, KeyRow};
use crate::error::{ApiError, ApiResult};
use crate::extract::{Json, Path};
use crate::state::AppState;
use crate::validate;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(revoke))
        .routes(routes!(rotate))
        .routes(routes!(disable))
        .routes(routes!(enable))
        .routes(routes!(take_over))
}

/// A stored key as the tab shows it; `suspended` is R17 as it stands now.
pub fn view(row: &KeyRow, now: i64) -> ApiResult<KeyView> {
    let (facts, owner) = access::key_facts(row)?;
    let state = KeyState::parse(&row.state).unwrap_or(KeyState::Revoked);
    Ok(KeyView {
        id: row.id,
        name: row.name.clone(),
        role: row.role.clone(),
        permissions: row
            .scope
            .as_deref()
            .and_then(|s| serde_json::from_str(s).ok()),
        owner: row.owner_id,
        owner_name: row.owner_name.clone(),
        display: row.display.clone(),
        state,
        suspended: state != KeyState::Revoked
            && permissions::keys::r17_owner_covers(now, &facts, owner.as_ref()).is_err(),
        expires_at: row.expires_at,
        created_at: row.created_at,
        last_used_at: row.last_used_at,
        last_used_addr: row.last_used_addr.clone(),
    })
}

#[utoipa::path(
    get,
    path = "/orgs/{org}/api-keys",
    operation_id = "list_api_keys",
    tag = "api-keys",
    security(("session" = []), ("bearer" = [])),
    params(OrgPath),
    responses((status = 200, body = Vec<KeyView>), Refused)
)]
pub(super) async fn list(
    State(state): State<AppState>,
    Reader {
        caller: user,
        mut conn,
    }: Reader,
    Path(org): Path<i64>,
) -> ApiResult<Json<Vec<KeyView>>> {
    let now = state.clock.now();
    let ctx = access::load(&mut conn, org, &user, now).await?;
    let owner = match permissions::keys::key_list(now, &ctx.actor)? {
        KeyList::All => None,
        KeyList::Own => Some(ctx.me.user_id),
    };
    let rows = api_keys::list(&mut conn, org, owner).await?;
    Ok(Json(
        rows.iter()
            .map(|r| view(r, now))
            .collect::<ApiResult<_>>()?,
    ))
}

#[utoipa::path(
    post,
    path = "/orgs/{org}/api-keys",
    operation_id = "create_api_key",
    tag = "api-keys",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath),
    request_body = NewKey,
    responses((status = 201, body = IssuedKey), Refused)
)]
pub(super) async fn create(
    State(state): State<AppState>,
    user: Caller,
    Path(org): Path<i64>,
    Json(body): Json<NewKey>,
) -> ApiResult<(StatusCode, Json<IssuedKey>)> {
    let name = validate::name("name", &body.name)?;
    let days = body.expires_in_days.unwrap_or(DEFAULT_DAYS);
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(ApiError::invalid("expires_in_days", "1 to 366 days"));
    }
    let now = state.clock.now();
    let (mut tx, ctx) = locked(&state, org, &user).await?;
    let mut role = ctx.role(&body.role)?;
    if let Some(names) = &body.permissions {
        role =
            permissions::keys::narrowed(&role, names.iter().map(String::as_str)).map_err(|n| {
                ApiError::invalid(
                    "permissions",
                    format!("{n:?} is not a permission of the role {:?}", body.role),
                )
            })?;
    }
    decide(now, &ctx.actor, &Action::CreateKey { role }).into_result()?;
    let scope = body.permissions.as_ref().map(|n| json!(n).to_string());
    let secret = Secret::generate();
    let expires_at = now + i64::from(days) * 24 * 3600;
    let id = api_keys::create(
        &mut tx,
        api_keys::NewKey {
            org_id: org,
            owner_id: ctx.me.user_id,
            name: &name,
            role: &body.role,
            scope,
            secret_hash: &secret.hash(),
            display: &secret.display(),
            expires_at,
        },
        now,
    )
    .await?;
    let after = json!({"name": name, "role": body.role, "permissions": body.permissions, "expires_at": expires_at});
    audit(
        &mut tx,
        &ctx,
        ("api_key.created", "api_key", id),
        after,
        now,
    )
    .await?;
    let key = reread(&mut tx, org, id, now).await?;
    tx.commit().await?;
    let secret = secret.expose().to_string();
    Ok((StatusCode::CREATED, Json(IssuedKey { key, secret })))
}

/// Locks the org, loads the key and asks the crate about `op` on it.
async fn decided(
    state: &AppState,
    user: &Caller,
    org: i64,
    id: i64,
    op: KeyOp,
) -> ApiResult<(Tx, OrgContext)> {
    let (mut tx, ctx) = locked(state, org, user).await?;
    let row = api_keys::find(&mut tx, org, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (key, _) = access::key_facts(&row)?;
    decide(state.clock.now(), &ctx.actor, &Action::Key { op, key }).into_result()?;
    Ok((tx, ctx))
}

async fn reread(tx: &mut Tx, org: i64, id: i64, now: i64) -> ApiResult<KeyView> {
    let row = api_keys::find(tx, org, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    view(&row, now)
}

#[utoipa::path(
    delete,
    path = "/orgs/{org}/api-keys/{key}",
    operation_id = "revoke_api_key",
    tag = "api-keys",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, KeyPath),
    responses((status = 204), Refused)
)]
pub(super) async fn revoke(
    State(state): State<AppState>,
    user: Caller,
    Path((org, id)): Path<(i64, i64)>,
) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    let (mut tx, ctx) = decided(&state, &user, org, id, KeyOp::Revoke).await?;
    api_keys::set_state(&mut tx, id, KeyState::Revoked).await?;
    let after = json!({"state": KeyState::Revoked});
    audit(
        &mut tx,
        &ctx,
        ("api_key.revoked", "api_key", id),
        after,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(
    post,
    path = "/orgs/{org}/api-keys/{key}/rotate",
    operation_id = "rotate_api_key",
    tag = "api-keys",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, KeyPath),
    request_body = RotateKey,
    responses((status = 200, body = IssuedKey), Refused)
)]
pub(super) async fn rotate(
    State(state): State<AppState>,
    user: Caller,
    Path((org, id)): Path<(i64, i64)>,
    Json(body): Json<RotateKey>,
) -> ApiResult<Json<IssuedKey>> {
    let grace = body.grace_hours.unwrap_or(0);
    if grace > MAX_GRACE_HOURS {
        return Err(ApiError::invalid("grace_hours", "0 to 24 hours"));
    }
    let now = state.clock.now();
    let (mut tx, ctx) = decided(&state, &user, org, id, KeyOp::Rotate).await?;
    let secret = Secret::generate();
    let until = now + i64::from(grace) * 3600;
    api_keys::rotate(&mut tx, id, &secret.hash(), &secret.display(), until).await?;
    let after = json!({"display": secret.display(), "old_secret_until": until});
    audit(
        &mut tx,
        &ctx,
        ("api_key.rotated", "api_key", id),
        after,
        now,
    )
    .await?;
    let key = reread(&mut tx, org, id, now).await?;
    tx.commit().await?;
    let secret = secret.expose().to_string();
    Ok(Json(IssuedKey { key, secret }))
}

/// Disable, enable or take over: the crate decides, one row changes.
async fn change(
    state: &AppState,
    user: &Caller,
    (org, id): (i64, i64),
    op: KeyOp,
) -> ApiResult<Json<KeyView>> {
    let now = state.clock.now();
    let (mut tx, ctx) = decided(state, user, org, id, op).await?;
    let (action, after) = match op {
        KeyOp::TakeOver => {
            api_keys::take_over(&mut tx, id, ctx.me.user_id).await?;
            ("api_key.taken_over", json!({"owner": ctx.me.user_id}))
        }
        KeyOp::Enable => {
            api_keys::set_state(&mut tx, id, KeyState::Active).await?;
            ("api_key.enabled", json!({"state": KeyState::Active}))
        }
        _ => {
            api_keys::set_state(&mut tx, id, KeyState::Disabled).await?;
            ("api_key.disabled", json!({"state": KeyState::Disabled}))
        }
    };
    audit(&mut tx, &ctx, (action, "api_key", id), after, now).await?;
    let key = reread(&mut tx, org, id, now).await?;
    tx.commit().await?;
    Ok(Json(key))
}

#[utoipa::path(
    post,
    path = "/orgs/{org}/api-keys/{key}/disable",
    operation_id = "disable_api_key",
    tag = "api-keys",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, KeyPath),
    responses((status = 200, body = KeyView), Refused)
)]
pub(super) async fn disable(
    State(state): State<AppState>,
    user: Caller,
    Path(ids): Path<(i64, i64)>,
) -> ApiResult<Json<KeyView>> {
    change(&state, &user, ids, KeyOp::Disable).await
}

#[utoipa::path(
    post,
    path = "/orgs/{org}/api-keys/{key}/enable",
    operation_id = "enable_api_key",
    tag = "api-keys",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, KeyPath),
    responses((status = 200, body = KeyView), Refused)
)]
pub(super) async fn enable(
    State(state): State<AppState>,
    user: Caller,
    Path(ids): Path<(i64, i64)>,
) -> ApiResult<Json<KeyView>> {
    change(&state, &user, ids, KeyOp::Enable).await
}

#[utoipa::path(
    post,
    path = "/orgs/{org}/api-keys/{key}/take-over",
    operation_id = "take_over_api_key",
    tag = "api-keys",
    security(("session" = [], "csrf" = []), ("bearer" = [])),
    params(OrgPath, KeyPath),
    responses((status = 200, body = KeyView), Refused)
)]
pub(super) async fn take_over(
    State(state): State<AppState>,
    user: Caller,
    Path(ids): Path<(i64, i64)>,
) -> ApiResult<Json<KeyView>> {
    change(&state, &user, ids, KeyOp::TakeOver).await
}
