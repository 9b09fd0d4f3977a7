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
    /// The request that made the change, when one did.
    pub origin: Option<Origin>,
}

/// Where a request came from, as the log keeps it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// The client's address.
    pub addr: Option<String>,
    /// Its `User-Agent`, shortened.
    pub user_agent: Option<String>,
    /// Its `X-Request-ID`, or one Roster made.
    pub request_id: Option<String>,
    /// Through what, when not what the actor says (`import`, `autojoin`).
    pub source: Option<api::AuditSource>,
}

/// Appends an event.
pub async fn record(tx: &mut Tx, e: Event<'_>, now: i64) -> Result<(), sqlx::Error> {
    let actor_type = actor_type(&e);
    let origin = e.origin.clone().unwrap_or_default();
    let source = origin.source.unwrap_or(match actor_type {
        api::ActorType::Key => api::AuditSource::Api,
        api::ActorType::User => api::AuditSource::Ui,
        api::ActorType::System => api::AuditSource::System,
    });
    sqlx::query(
        "INSERT INTO audit_events (org_id, actor_id, action, target_type, target_id, before, after,
           created_at, key_id, actor_type, source, client_addr, user_agent, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(e.org_id)
    .bind(e.actor_id)
    .bind(e.action)
    .bind(e.target_type)
    .bind(e.target_id)
    .bind(e.before.as_ref().map(ToString::to_string))
    .bind(e.after.as_ref().map(ToString::to_string))
    .bind(now)
    .bind(e.key_id)
    .bind(actor_type.as_str())
    .bind(source.as_str())
    .bind(origin.addr)
    .bind(origin.user_agent)
    .bind(origin.request_id)
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

/// What to read of the log: the filters of `GET /orgs/{org}/audit`, with
/// "no filter" as 0 or "" so one statement serves both backends.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only this actor (0: any).
    pub actor: i64,
    /// Only this actor type ("": any).
    pub actor_type: String,
    /// Only actions starting with this.
    pub action_prefix: String,
    /// Only this kind of target ("": any).
    pub target_type: String,
    /// Only this target id (0: any).
    pub target: i64,
    /// Only this source ("": any).
    pub source: String,
    /// From this time on.
    pub from: i64,
    /// Before this time.
    pub to: i64,
    /// Only ids below this.
    pub before: i64,
}

/// A stored event with the names a reader wants.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Stored {
    /// Id.
    pub id: i64,
    /// Actor.
    pub actor_id: Option<i64>,
    /// Their name now ("" for none).
    pub actor_name: String,
    /// `user`, `key` or `system`.
    pub actor_type: String,
    /// The key, if one acted.
    pub key_id: Option<i64>,
    /// `ui`, `api`, …
    pub source: String,
    /// Action.
    pub action: String,
    /// Target kind.
    pub target_type: String,
    /// Target id.
    pub target_id: Option<i64>,
    /// The target member's name.
    pub target_name: Option<String>,
    /// Before, JSON text.
    pub before: Option<String>,
    /// After, JSON text.
    pub after: Option<String>,
    /// Client address.
    pub client_addr: Option<String>,
    /// User agent.
    pub user_agent: Option<String>,
    /// Request id.
    pub request_id: Option<String>,
    /// When.
    pub created_at: i64,
}

/// The org's events matching `f`, newest first, keyset-paged by id.
pub async fn list(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    f: &Filter,
    limit: i64,
) -> Result<Vec<Stored>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.id, e.actor_id, COALESCE(ua.name, '') AS actor_name, e.actor_type, e.key_id,
                e.source, e.action, e.target_type, e.target_id, ut.name AS target_name,
                e.before, e.after, e.client_addr, e.user_agent, e.request_id, e.created_at
         FROM audit_events e
         LEFT JOIN users ua ON ua.id = e.actor_id
         LEFT JOIN users ut ON e.target_type = 'member' AND ut.id = e.target_id
         WHERE e.org_id = $1 AND e.id < $2
           AND ($3 = 0 OR e.actor_id = $3)
           AND ($4 = '' OR e.actor_type = $4)
           AND ($5 = '' OR substr(e.action, 1, length($5)) = $5)
           AND ($6 = '' OR e.target_type = $6)
           AND ($7 = 0 OR e.target_id = $7)
           AND ($8 = '' OR e.source = $8)
           AND e.created_at >= $9 AND e.created_at < $10
         ORDER BY e.id DESC LIMIT $11",
    )
    .bind(org_id)
    .bind(f.before)
    .bind(f.actor)
    .bind(&f.actor_type)
    .bind(&f.action_prefix)
    .bind(&f.target_type)
    .bind(f.target)
    .bind(&f.source)
    .bind(f.from)
    .bind(f.to)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
}

/// The newest event id of the org (0 for none): an export holds the events
/// up to here, not the event that records the export.
pub async fn newest_id(conn: &mut sqlx::AnyConnection, org_id: i64) -> Result<i64, sqlx::Error> {
    let (id,): (Option<i64>,) =
        sqlx::query_as("SELECT MAX(id) FROM audit_events WHERE org_id = $1")
            .bind(org_id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(id.unwrap_or(0))
}
