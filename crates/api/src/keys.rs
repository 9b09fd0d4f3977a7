//! API keys (R17): service identities of an org, listed in their own tab.

use serde::{Deserialize, Serialize};

use crate::KeyState;

/// Days a key lives unless told otherwise.
pub const DEFAULT_DAYS: u32 = 90;
/// The longest a key may live, in days.
pub const MAX_DAYS: u32 = 366;
/// The longest the old secret may keep working after a rotation.
pub const MAX_GRACE_HOURS: u32 = 24;

/// `POST /orgs/{org}/api-keys`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewKey {
    /// What it is for (`labeling-sync`).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::text::NameText))]
    pub name: String,
    /// The org role it acts with: one its creator could give (R2).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::text::RoleKey))]
    pub role: String,
    /// Days until it expires: 1 to 366, default 90.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 366))]
    pub expires_in_days: Option<u32>,
    /// Only these of the role's permissions, by dotted name
    /// (`members.view`, `project.label`); none given: the whole role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub permissions: Option<Vec<String>>,
}

/// `POST /orgs/{org}/api-keys/{id}/rotate`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RotateKey {
    /// Hours the old secret keeps working: 0 (default) to 24.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 24))]
    pub grace_hours: Option<u32>,
}

/// A key as the API keys tab lists it: never its secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeyView {
    /// Id.
    pub id: i64,
    /// What it is for.
    pub name: String,
    /// The role key it acts with.
    pub role: String,
    /// The role's permissions it is narrowed to, if it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
    /// The member it belongs to.
    pub owner: i64,
    /// That member's name, or the address of a former member.
    pub owner_name: String,
    /// `rst_AbCd…wxYz`.
    pub display: String,
    /// Active, disabled or revoked.
    pub state: KeyState,
    /// Whether R17 holds it now: its owner is gone, out of standing or
    /// below the key, so it answers 401 `key_suspended` until taken over.
    pub suspended: bool,
    /// When it stops working, unix seconds.
    pub expires_at: i64,
    /// When it was made.
    pub created_at: i64,
    /// When it was last used (to the minute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_at: Option<i64>,
    /// From which address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_addr: Option<String>,
}

/// A key with its secret: the one answer that shows it (creation, rotation).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedKey {
    /// The key.
    pub key: KeyView,
    /// The whole secret, `rst_` and 36 characters. Shown only now.
    pub secret: String,
}
