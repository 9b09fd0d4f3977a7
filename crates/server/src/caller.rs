//! Who is calling an org route: a signed-in user (session cookie and CSRF
//! header) or an API key (`Authorization: Bearer rst_…`) acting on its
//! owner's behalf with the key's permissions (R17). A key is checked on
//! every request against its owner's membership as it stands (R9).

use std::ops::DerefMut;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use permissions::{ApiKey, KeySecret, decide_key_use};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection};

use crate::auth::{api_key, token};
use crate::db::api_keys;
use crate::db::audit::Origin;
use crate::db::members::Membership;
use crate::db::orgs::Org;
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
        let take = || state.db.pool.acquire();
        let (caller, _, _) = identify(parts, state, None, KeyRead::Here, &take).await?;
        Ok(caller)
    }
}

/// What the request presents: a key of the right shape and checksum, or
/// a session cookie. Checked before a connection is taken, so a made-up
/// token or an anonymous request costs the pool nothing.
enum Presented {
    Key(String),
    Session(String),
}

impl Presented {
    fn of(parts: &Parts, state: &AppState) -> ApiResult<Self> {
        match bearer(parts) {
            Some(token) => {
                let token = token?;
                if !api_key::well_formed(token) {
                    return Err(ApiError::KeyInvalid);
                }
                Ok(Self::Key(token.to_owned()))
            }
            None => CurrentUser::cookie(parts, state).map(Self::Session),
        }
    }
}

/// Where a request's key is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyRead {
    /// On the connection the route goes on with: one backend answers the
    /// whole request (an org route).
    Here,
    /// Together with the key reads of concurrent requests
    /// ([`crate::db::key_reads`]), holding no connection while it waits:
    /// the decision point, whose answer is mostly that one read.
    Together,
}

/// The caller: a key read as `key_read` says, a session on a connection
/// `take` gives; the connection read on, if one was and is still held,
/// goes back for the handler to go on with. With a key, also the
/// membership of `subject` in the key's org, from the key's own read.
async fn identify<C, F, Fut>(
    parts: &mut Parts,
    state: &AppState,
    subject: Option<i64>,
    key_read: KeyRead,
    take: &F,
) -> ApiResult<(Caller, Option<C>, Option<Beside>)>
where
    C: DerefMut<Target = AnyConnection>,
    F: Fn() -> Fut,
    Fut: Future<Output = Result<C, sqlx::Error>>,
{
    let presented = Presented::of(parts, state)?;
    let ClientAddr(addr) = ClientAddr::from_request_parts(parts, state)
        .await
        .unwrap_or_else(|e| match e {});
    let origin = origin(parts, addr);
    match presented {
        Presented::Key(token) => {
            let ask = api_keys::Ask {
                hash: token::hash(&token),
                subject,
            };
            let (found, conn) = match key_read {
                KeyRead::Together => (state.db.keys.read(ask).await?, None),
                KeyRead::Here => {
                    let mut conn = take().await?;
                    let found = api_keys::by_secret(&mut conn, &ask).await?;
                    (found, Some(conn))
                }
            };
            let (caller, due, beside) = by_key(state, found, origin, subject)?;
            if due.is_empty() {
                return Ok((caller, conn, beside));
            }
            // A write takes a connection (and SQLite's write gate) of its
            // own: never while this one is held, or requests holding all of
            // them would wait for each other. On a task of its own: a
            // decision route may be dropped halfway, and a flush cut short
            // would lose the key's count.
            drop(conn);
            let st = state.clone();
            tokio::spawn(async move { due.write(&st).await })
                .await
                .map_err(|e| ApiError::Internal(e.into()))??;
            Ok((caller, None, beside))
        }
        Presented::Session(cookie) => {
            let mut conn = take().await?;
            let u = CurrentUser::read(parts, state, &mut conn, &cookie).await?;
            let caller = Caller {
                origin,
                ..Caller::from(&u)
            };
            Ok((caller, Some(conn), None))
        }
    }
}

/// The caller and the connection they were read on, for a route that
/// reads: one connection from the pool per request rather than two, since
/// sqlx pings each one it takes back (a worker round trip on SQLite, a
/// network one on PostgreSQL).
pub struct Reader {
    /// Who is asking.
    pub caller: Caller,
    /// The connection the caller was read on (a new one after a key's
    /// use was written), the handler's to go on with.
    pub conn: PoolConnection<Any>,
}

impl FromRequestParts<AppState> for Reader {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> ApiResult<Self> {
        let take = || state.db.pool.acquire();
        let (caller, conn, _) = read_with(parts, state, None, KeyRead::Here, take).await?;
        Ok(Self { caller, conn })
    }
}

/// A user asked about, as read with the key that asks: their membership
/// in the key's org, if they have one.
#[derive(Clone, Debug)]
pub struct Beside {
    /// The user.
    pub user: i64,
    /// Their membership in the key's org.
    pub membership: Option<Membership>,
}

/// The caller, on a connection `take` gives (which the handler goes on
/// with), and with a key the membership of `subject` in the key's org,
/// from the key's own query: a single question costs one read.
pub async fn read_with<C, F, Fut>(
    parts: &mut Parts,
    state: &AppState,
    subject: Option<i64>,
    key_read: KeyRead,
    take: F,
) -> ApiResult<(Caller, C, Option<Beside>)>
where
    C: DerefMut<Target = AnyConnection>,
    F: Fn() -> Fut,
    Fut: Future<Output = Result<C, sqlx::Error>>,
{
    let (caller, conn, beside) = identify(parts, state, subject, key_read, &take).await?;
    let conn = match conn {
        Some(conn) => conn,
        None => take().await?,
    };
    Ok((caller, conn, beside))
}

/// What a key's use writes: its count into the shared rate bucket, and
/// when it was last used (at most once a minute).
#[derive(Debug, Default)]
#[must_use]
struct KeyUse {
    key: i64,
    flush: Option<i64>,
    touch: Option<(i64, String)>,
}

impl KeyUse {
    fn is_empty(&self) -> bool {
        self.flush.is_none() && self.touch.is_none()
    }

    async fn write(self, state: &AppState) -> ApiResult<()> {
        if let Some((now, addr)) = &self.touch {
            let mut tx = state.db.begin().await?;
            api_keys::touch(&mut tx, self.key, *now, addr).await?;
            tx.commit().await?;
        }
        if let Some(n) = self.flush {
            let limit = state.config.key_requests_per_minute;
            state
                .meter
                .flush(&state.db, self.key, n, limit, state.clock.now())
                .await?;
        }
        Ok(())
    }
}

/// R17 for a presented key (its shape and checksum already checked), on
/// the one row read with it (its owner's standing and `subject`'s
/// membership), then the rate.
fn by_key(
    state: &AppState,
    found: Option<api_keys::Found>,
    origin: Origin,
    subject: Option<i64>,
) -> ApiResult<(Caller, KeyUse, Option<Beside>)> {
    let now = state.clock.now();
    let api_keys::Found {
        row,
        previous,
        subject: membership,
    } = found.ok_or(ApiError::KeyInvalid)?;
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
    let due = KeyUse {
        key: row.id,
        flush: state.meter.count(row.id, limit, now)?,
        touch: row.last_used_at.is_none_or(|at| at <= now - 60).then(|| {
            let addr = origin.addr.as_deref().unwrap_or("unknown");
            (now, addr.to_owned())
        }),
    };
    let caller = Caller {
        id: row.owner_id,
        key: Some(KeyCaller {
            id: row.id,
            org_id: row.org_id,
            facts,
        }),
        origin,
        home: Some(Arc::new(row.home())),
    };
    let beside = subject.map(|user| Beside { user, membership });
    Ok((caller, due, beside))
}
