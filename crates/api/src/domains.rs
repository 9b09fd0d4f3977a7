//! Auto-join by a verified domain (R13): an org's claims, the admins'
//! request queue, and what a signed-in person may join.

use serde::{Deserialize, Serialize};

/// What a verified domain does for people with an address at it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JoinMode {
    /// They join when they verify their address.
    AutoJoin,
    /// They are offered a one-click join (the default).
    #[default]
    Suggest,
    /// They may ask; an admin admits them.
    Request,
    /// Nothing happens.
    Off,
}

impl JoinMode {
    /// Every mode, in the order the page offers them.
    pub const ALL: [Self; 4] = [Self::AutoJoin, Self::Suggest, Self::Request, Self::Off];

    /// The word on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        permissions::domains::JoinMode::from(self).as_str()
    }
}

impl From<JoinMode> for permissions::domains::JoinMode {
    fn from(m: JoinMode) -> Self {
        match m {
            JoinMode::AutoJoin => Self::AutoJoin,
            JoinMode::Suggest => Self::Suggest,
            JoinMode::Request => Self::Request,
            JoinMode::Off => Self::Off,
        }
    }
}

impl From<permissions::domains::JoinMode> for JoinMode {
    fn from(m: permissions::domains::JoinMode) -> Self {
        use permissions::domains::JoinMode as M;
        match m {
            M::AutoJoin => Self::AutoJoin,
            M::Suggest => Self::Suggest,
            M::Request => Self::Request,
            M::Off => Self::Off,
        }
    }
}

/// `POST /orgs/{org}/domains`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClaimDomain {
    /// The domain (`acme.io`; `Acme.IO.`, `@acme.io` and Unicode names
    /// are accepted and normalised).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::text::DomainText))]
    pub domain: String,
    /// What it does once verified; default `suggest`.
    #[serde(default)]
    pub mode: JoinMode,
    /// The org role joiners get: never above Member (R13), never above
    /// the claiming admin's own (R2).
    #[cfg_attr(feature = "openapi", schema(value_type = crate::text::RoleKey))]
    pub default_role: String,
    /// Groups joiners are put in.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub default_groups: Vec<i64>,
}

/// `PATCH /orgs/{org}/domains/{id}`: what is given is changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateDomain {
    /// New mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<JoinMode>,
    /// New default role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::text::RoleKey>))]
    pub default_role: Option<String>,
    /// New default groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_items = 50))]
    pub default_groups: Option<Vec<i64>>,
}

/// An org's claim on a domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DomainView {
    /// Id.
    pub id: i64,
    /// The domain, normalised (lowercase ASCII, `xn--` for Unicode).
    pub domain: String,
    /// Whether it is proven; a pending claim admits nobody.
    pub verified: bool,
    /// How it was proven: `email` or `dns`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<String>,
    /// What it does once verified.
    pub mode: JoinMode,
    /// The role joiners get.
    pub default_role: String,
    /// Groups joiners are put in.
    pub default_groups: Vec<i64>,
    /// The TXT record name that proves it by DNS.
    pub dns_name: String,
    /// The TXT record value that proves it by DNS.
    pub dns_value: String,
    /// When it was claimed, unix seconds.
    pub created_at: i64,
    /// When it was proven, unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_at: Option<i64>,
}

/// Someone waiting to be admitted by their domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinRequestView {
    /// The person's user id.
    pub user_id: i64,
    /// Their name.
    pub name: String,
    /// Their verified address.
    pub email: String,
    /// The domain they came by.
    pub domain: String,
    /// The role they would get.
    pub role: String,
    /// The mode would have let them in, but no seat was free (R7).
    pub seats_full: bool,
    /// When they asked, unix seconds.
    pub created_at: i64,
}

/// An org a signed-in person may join, or ask to join, by their domain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Joinable {
    /// The org.
    pub org_id: i64,
    /// Its name.
    pub org_name: String,
    /// The domain that offers it.
    pub domain: String,
    /// `true`: "Join" admits at once (a seat is free); `false`: "Ask to
    /// join" puts one in the admins' queue.
    pub joins_now: bool,
}

/// What `POST /me/joinable/{org}` did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinOutcome {
    /// `true`: now a member; `false`: waiting in the admins' queue.
    pub joined: bool,
}
