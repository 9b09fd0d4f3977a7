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
/// `times` the configured per-minute limit; refused if any is over.
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

// The policies, one per kind of request: each names its buckets and how
// much looser each is than the configured per-minute limit.

/// Sign-up: per address and per e-mail.
pub async fn signup(state: &AppState, ip: &str, account: &str) -> ApiResult<()> {
    limit_all(state, &[("signup-ip", ip, 1), ("signup", account, 1)]).await
}

/// Login: per address, per address and account, and (five times looser)
/// per account: guessing from one place locks out only that place.
pub async fn login(state: &AppState, ip: &str, account: &str) -> ApiResult<()> {
    let here = format!("{ip}|{account}");
    limit_all(
        state,
        &[
            ("login-ip", ip, 3),
            ("login", &here, 1),
            ("login-account", account, 5),
        ],
    )
    .await
}

/// A password-reset mail: per address and per account.
pub async fn password_reset(state: &AppState, ip: &str, account: &str) -> ApiResult<()> {
    limit_all(state, &[("reset-ip", ip, 1), ("reset", account, 1)]).await
}

/// Every link that goes out, mailed or shown, counts against the sender's
/// and the org's budgets like an invite: no relay for spam.
pub async fn mail(state: &AppState, user: i64, org: i64) -> ApiResult<()> {
    limit_all(
        state,
        &[
            ("invite", &user.to_string(), 1),
            ("mail-org", &org.to_string(), 10),
        ],
    )
    .await
}
