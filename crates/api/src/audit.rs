//! The audit log.

use serde::{Deserialize, Serialize};

/// One change: who did what to whom, with the state before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEvent {
    /// Id (newest first; page with `before`).
    pub id: i64,
    /// Who did it: the user, or the owner of the key that did.
    pub actor_id: Option<i64>,
    /// A user in the page, an API key, or Roster itself.
    pub actor_type: crate::ActorType,
    /// The API key that made the change, when one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<i64>,
    /// What (`member.role_changed`, `invitation.created`, …).
    pub action: String,
    /// Kind of target (`member`, `invitation`, `org`).
    pub target_type: String,
    /// Target id.
    pub target_id: Option<i64>,
    /// State before.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    /// State after.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
    /// When, unix seconds.
    pub created_at: i64,
}
