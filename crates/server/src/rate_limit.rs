//! Rate limits per action and key (an address, an account, a user, an
//! org), counted in the database so every instance agrees. Keys are hashed:
//! no e-mail address or token is stored in a bucket name.

use crate::auth::token;
use crate::db::rate_limits;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Counts one hit on `action:key` against the configured per-minute limit.
pub async fn limit(state: &AppState, action: &str, key: &str) -> ApiResult<()> {
    limit_all(state, &[(action, key, 1)]).await
}

/// Counts one hit on every `(action, key, times)` bucket, each allowed
/// `times` the configured per-minute limit; refused if any is over. Login
/// is keyed by address, by address and account, and (more loosely) by
/// account, so nobody locks another person out from their own address.
pub async fn limit_all(state: &AppState, buckets: &[(&str, &str, i64)]) -> ApiResult<()> {
    // In order, stopping at the first refusal: a refused request does not
    // count against the looser buckets after it (the account's own).
    for (action, key, times) in buckets {
        let bucket = format!("{action}:{}", token::hash(key));
        let max = state.config.rate_limit_per_minute.saturating_mul(*times);
        if !rate_limits::hit(&state.db, &bucket, 60, max, state.clock.now()).await? {
            return Err(ApiError::RateLimited);
        }
    }
    Ok(())
}
