//! Who is calling an org route: a signed-in user (session cookie and CSRF
//! header) or an API key (`Authorization: Bearer rst_…`) acting on its
//! owner's behalf with the key's permissions (R17). A key is checked on
//! every request against its owner's membership as it stands (R9).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use permissions::{ApiKey, KeySecret, decide_key_use};

use crate::auth::{api_key, token};
use crate::db::audit::Origin;
use crate::db::members::Membership;
use crate::db::orgs::Org;
use crate::db::{Db, api_keys, rate_limits};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ClientAddr, CurrentUser};
use crate::state::AppState;

/// The caller of an org route.
#[derive(Clone, Debug)]
pub struct Caller {
    /// The user acting: the signed-in user, or the key's owner.
    pub id: i64,
    /// The key, when the request came with one.
    pub key: Option<KeyCaller>,
    /// Where the request came from, for the audit log.
    pub origin: Origin,
    /// A key's org and its owner's membership, as read with the key.
    pub home: Option<Arc<(Org, Option<Membership>)>>,
}

/// An API key that passed R17 for this request.
#[derive(Clone, Copy, Debug)]
pub struct KeyCaller {
    /// The key's id.
    pub id: i64,
    /// The one org it belongs to; every other org is not found (R15).
    pub org_id: i64,
    /// The key as decision facts.
    pub facts: ApiKey,
}

impl Caller {
    /// A signed-in user, without a key.
    pub fn user(id: i64) -> Self {
        Self {
            id,
            key: None,
            origin: Origin::default(),
            home: None,
        }
    }
}

/// The request's address, user agent (at most 300 characters) and id: the
/// caller's `X-Request-ID` when it is a short printable word, else a new one.
fn origin(parts: &Parts, addr: String) -> Origin {
    let header = |name: &str, max: usize| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.chars().take(max).collect::<String>())
            .filter(|v| !v.is_empty())
    };
    let request_id = header("x-request-id", 200)
        .filter(|v| v.len() <= 100 && v.bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or_else(|| {
            let mut bytes = [0u8; 8];
            rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
            hex::encode(bytes)
        });
    Origin {
        addr: Some(addr),
        user_agent: header("user-agent", 300),
        request_id: Some(request_id),
        source: None,
    }
}

impl From<&CurrentUser> for Caller {
    fn from(u: &CurrentUser) -> Self {
        Self::user(u.id)
    }
}

/// The key in `Authorization: Bearer …`, if the header is there.
pub fn bearer(parts: &Parts) -> Option<ApiResult<&str>> {
    let value = parts.headers.get(AUTHORIZATION)?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim());
    Some(token.ok_or(ApiError::KeyInvalid))
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let ClientAddr(addr) = ClientAddr::from_request_parts(parts, state)
            .await
            .unwrap_or_else(|e| match e {});
        let origin = origin(parts, addr);
        match bearer(parts).map(|p| p.map(str::to_owned)) {
            Some(presented) => by_key(state, &presented?, origin).await,
            None => CurrentUser::from_request_parts(parts, state)
                .await
                .map(|u| Self {
                    origin,
                    ..Self::from(&u)
                }),
        }
    }
}

/// R17 for a presented key: its shape and checksum first (no read for a
/// made-up token), then one row with its owner's standing, then the rate.
async fn by_key(state: &AppState, presented: &str, origin: Origin) -> ApiResult<Caller> {
    if !api_key::well_formed(presented) {
        return Err(ApiError::KeyInvalid);
    }
    let now = state.clock.now();
    let (row, previous) = {
        let mut conn = state.db.pool.acquire().await?;
        api_keys::by_secret(&mut conn, &token::hash(presented))
            .await?
            .ok_or(ApiError::KeyInvalid)?
    };
    let (facts, owner) = crate::access::key_facts(&row)?;
    let secret = if previous {
        KeySecret::Previous {
            until: row.previous_until.unwrap_or(0),
        }
    } else {
        KeySecret::Current
    };
    decide_key_use(now, &facts, secret, owner.as_ref()).into_result()?;
    let limit = state.config.key_requests_per_minute;
    state.meter.hit(&state.db, row.id, limit, now).await?;
    if row.last_used_at.is_none_or(|at| at <= now - 60) {
        let mut tx = state.db.begin().await?;
        let addr = origin.addr.as_deref().unwrap_or("unknown");
        api_keys::touch(&mut tx, row.id, now, addr).await?;
        tx.commit().await?;
    }
    Ok(Caller {
        id: row.owner_id,
        key: Some(KeyCaller {
            id: row.id,
            org_id: row.org_id,
            facts,
        }),
        origin,
        home: Some(Arc::new(row.home())),
    })
}

/// Per-key request counts. Each instance counts locally and adds its count
/// to the key's bucket in the database every twentieth of the limit, so a
/// busy key costs a write per batch rather than per request, and every
/// instance refuses once the shared total is over (give or take one batch
/// per instance).
#[derive(Debug, Default)]
pub struct KeyMeter {
    counts: Mutex<HashMap<i64, Local>>,
}

#[derive(Debug, Clone, Copy)]
struct Local {
    window: i64,
    unflushed: i64,
    seen: i64,
}

impl KeyMeter {
    /// Counts one request by `key`; refused (429) over `limit` a minute.
    pub async fn hit(&self, db: &Db, key: i64, limit: i64, now: i64) -> ApiResult<()> {
        let window = now - now.rem_euclid(60);
        let batch = (limit / 20).max(1);
        let flush = {
            let mut counts = self.counts.lock().map_err(|_| poisoned())?;
            if counts.len() > 10_000 {
                counts.retain(|_, l| l.window == window);
            }
            let l = counts.entry(key).or_insert(Local {
                window,
                unflushed: 0,
                seen: 0,
            });
            if l.window != window {
                *l = Local {
                    window,
                    unflushed: 0,
                    seen: 0,
                };
            }
            if l.seen + l.unflushed >= limit {
                return Err(ApiError::RateLimited);
            }
            l.unflushed += 1;
            (l.unflushed >= batch).then(|| std::mem::take(&mut l.unflushed))
        };
        let Some(n) = flush else { return Ok(()) };
        let total = rate_limits::add(db, &format!("key:{key}"), 60, n, now).await?;
        if let Some(l) = self.counts.lock().map_err(|_| poisoned())?.get_mut(&key)
            && l.window == window
        {
            l.seen = total;
        }
        if total > limit {
            return Err(ApiError::RateLimited);
        }
        Ok(())
    }
}

fn poisoned() -> ApiError {
    ApiError::Internal(anyhow::anyhow!("key meter lock poisoned"))
}
