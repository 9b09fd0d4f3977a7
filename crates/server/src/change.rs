//! The one path every change in an organization takes: begin a
//! transaction whose first statement locks the org, load the caller's
//! membership inside it ([`locked`]), let the handler ask the crate and
//! write, record one audit event ([`audit`]), commit. Seat usage, which R7
//! counts, is read here under the same lock ([`seats`]).
//!
//! On SQLite a transaction holds the process-wide write gate: never begin
//! a second one while holding one (see `db::gate`).

use permissions::Seats;

use crate::access::{self, OrgContext};
use crate::caller::Caller;
use crate::db::audit::{self, Event};
use crate::db::{Tx, lock_org, orgs};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Starts a locked transaction and loads the caller's context in it.
pub async fn locked(state: &AppState, org: i64, caller: &Caller) -> ApiResult<(Tx, OrgContext)> {
    let mut tx = state.db.begin().await?;
    if !lock_org(&mut tx, org).await? {
        return Err(ApiError::NotFound);
    }
    let ctx = access::load(&mut tx, org, caller, state.clock.now()).await?;
    Ok((tx, ctx))
}

/// Seat usage as decision facts (R7), read under the org lock. Without a
/// seat limit nothing is counted: R7 cannot deny.
pub async fn seats(tx: &mut sqlx::AnyConnection, ctx: &OrgContext, now: i64) -> ApiResult<Seats> {
    let Some(limit) = ctx.org.seat_limit else {
        return Ok(Seats::default());
    };
    let used = orgs::seats_used(tx, ctx.org.id, now).await?;
    Ok(Seats {
        used: u32::try_from(used).unwrap_or(u32::MAX),
        limit: Some(u32::try_from(limit).unwrap_or(u32::MAX)),
    })
}

/// Records one change by the caller: `action` on `target_type` `target`,
/// with what it became. The one audit writer of org changes.
pub async fn audit(
    tx: &mut Tx,
    ctx: &OrgContext,
    (action, target_type, target): (&str, &str, i64),
    after: serde_json::Value,
    now: i64,
) -> Result<(), sqlx::Error> {
    let event = Event {
        after: Some(after),
        ..ctx.event(action, target_type, target)
    };
    audit::record(tx, event, now).await
}
