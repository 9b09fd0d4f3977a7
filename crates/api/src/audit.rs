//! The audit log.

use serde::{Deserialize, Serialize};

use crate::{ActorType, AuditSource};

/// One change: who did what to whom, with the state before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEvent {
    /// Id (newest first; page with `before`).
    pub id: i64,
    /// Who did it: the user, or the owner of the key that did.
    pub actor_id: Option<i64>,
    /// Their name, as the org knows them now (empty for Roster itself).
    #[serde(default)]
    pub actor_name: String,
    /// A user in the page, an API key, or Roster itself.
    pub actor_type: ActorType,
    /// The API key that made the change, when one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<i64>,
    /// Through what: the page, the API, an import, auto-join.
    pub source: AuditSource,
    /// What (`member.role_changed`, `invitation.created`, …).
    pub action: String,
    /// Kind of target (`member`, `invitation`, `org`).
    pub target_type: String,
    /// Target id.
    pub target_id: Option<i64>,
    /// The target member's name, when the target is a member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_name: Option<String>,
    /// State before.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub before: Option<serde_json::Value>,
    /// State after.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub after: Option<serde_json::Value>,
    /// The client's address, when a request made the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_addr: Option<String>,
    /// Its user agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
    /// Its request id (`X-Request-ID`, or one Roster gave it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// When, unix seconds.
    pub created_at: i64,
}

/// Which events: every filter narrows; paging goes by `before`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Only changes by this user (or by their keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1))]
    pub actor: Option<i64>,
    /// Only changes by users, keys or Roster itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_type: Option<ActorType>,
    /// Only actions starting with this (`member.`, `api_key.revoked`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 100, pattern = r"^[a-z_.]*$"))]
    pub action: Option<String>,
    /// Only targets of this kind (`member`, `invitation`, `api_key`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(max_length = 50, pattern = r"^[a-z_]*$"))]
    pub target_type: Option<String>,
    /// Only this target id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1))]
    pub target: Option<i64>,
    /// Only changes made through this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<AuditSource>,
    /// From this time on, unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 0))]
    pub from: Option<i64>,
    /// Before this time, unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 0))]
    pub to: Option<i64>,
    /// Only events older than this id (the last id of the previous page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1))]
    pub before: Option<i64>,
    /// Page size (default 50; ignored by exports, which hold every match).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<i64>,
}
