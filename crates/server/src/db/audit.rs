//! The append-only audit log, written in the same transaction as the change.

use super::Tx;

/// One event.
pub struct Event<'a> {
    /// The org, if the change is in one.
    pub org_id: Option<i64>,
    /// Who did it.
    pub actor_id: Option<i64>,
    /// The API key that did it on the actor's behalf, if one did.
    pub key_id: Option<i64>,
    /// What (`member.role_changed`).
    pub action: &'a str,
    /// Kind of target (`member`, `invitation`, `org`).
    pub target_type: &'a str,
    /// Target id.
    pub target_id: Option<i64>,
    /// State before, as JSON.
    pub before: Option<serde_json::Value>,
    /// State after, as JSON.
    pub after: Option<serde_json::Value>,
}

/// Appends an event.
pub async fn record(tx: &mut Tx, e: Event<'_>, now: i64) -> Result<(), sqlx::Error> {
    let actor_type = actor_type(&e);
    sqlx::query(
        "INSERT INTO audit_events (org_id, actor_id, action, target_type, target_id, before, after, created_at, key_id, actor_type)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(e.org_id)
    .bind(e.actor_id)
    .bind(e.action)
    .bind(e.target_type)
    .bind(e.target_id)
    .bind(e.before.map(|v| v.to_string()))
    .bind(e.after.map(|v| v.to_string()))
    .bind(now)
    .bind(e.key_id)
    .bind(actor_type.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A key acted if one is named; nobody acted means Roster itself did.
fn actor_type(e: &Event<'_>) -> api::ActorType {
    match (e.key_id, e.actor_id) {
        (Some(_), _) => api::ActorType::Key,
        (None, Some(_)) => api::ActorType::User,
        (None, None) => api::ActorType::System,
    }
}

/// A stored event.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Stored {
    /// Id.
    pub id: i64,
    /// Actor.
    pub actor_id: Option<i64>,
    /// `user`, `key` or `system`.
    pub actor_type: String,
    /// The key, if one acted.
    pub key_id: Option<i64>,
    /// Action.
    pub action: String,
    /// Target kind.
    pub target_type: String,
    /// Target id.
    pub target_id: Option<i64>,
    /// Before, JSON text.
    pub before: Option<String>,
    /// After, JSON text.
    pub after: Option<String>,
    /// When.
    pub created_at: i64,
}

/// The org's events, newest first, keyset-paged by id.
pub async fn list(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<Stored>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, actor_id, actor_type, key_id, action, target_type, target_id, before, after, created_at FROM audit_events
         WHERE org_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
    )
    .bind(org_id)
    .bind(before_id.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
}
