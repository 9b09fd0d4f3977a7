//! Per-key request counts (R17's rate limit), kept in the database so
//! every instance agrees.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::db::{Db, rate_limits};
use crate::error::{ApiError, ApiResult};

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
    /// Counts one request by `key`: refused (429) over `limit` a minute;
    /// `Some(n)` when `n` requests are due to be added to the shared
    /// bucket ([`Self::flush`]).
    pub fn count(&self, key: i64, limit: i64, now: i64) -> ApiResult<Option<i64>> {
        let window = now - now.rem_euclid(60);
        let batch = (limit / 20).max(1);
        {
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
            Ok((l.unflushed >= batch).then(|| std::mem::take(&mut l.unflushed)))
        }
    }

    /// Adds `n` requests by `key` to the shared bucket; refused (429) once
    /// every instance's total is over `limit`.
    pub async fn flush(&self, db: &Db, key: i64, n: i64, limit: i64, now: i64) -> ApiResult<()> {
        let window = now - now.rem_euclid(60);
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
