//! Accounts and sessions.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use crate::text;

/// `POST /auth/signup`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignUp {
    /// Email.
    #[cfg_attr(feature = "openapi", schema(value_type = text::EmailText))]
    pub email: String,
    /// Display name.
    #[cfg_attr(feature = "openapi", schema(value_type = text::NameText))]
    pub name: String,
    /// Password (at least 8 characters).
    #[cfg_attr(feature = "openapi", schema(value_type = text::PasswordText))]
    pub password: String,
}

/// `POST /auth/login`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Login {
    /// Email.
    #[cfg_attr(feature = "openapi", schema(value_type = text::EmailText))]
    pub email: String,
    /// Password.
    #[cfg_attr(feature = "openapi", schema(value_type = text::PasswordText))]
    pub password: String,
}

/// A one-time token from a mailed link.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// The token from the link.
    #[cfg_attr(feature = "openapi", schema(value_type = text::TokenText))]
    pub token: String,
}

/// `POST /auth/password-reset`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    /// The account's email.
    #[cfg_attr(feature = "openapi", schema(value_type = text::EmailText))]
    pub email: String,
}

/// `POST /auth/password-reset/confirm`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResetConfirm {
    /// The token from the link.
    #[cfg_attr(feature = "openapi", schema(value_type = text::TokenText))]
    pub token: String,
    /// The new password.
    #[cfg_attr(feature = "openapi", schema(value_type = text::PasswordText))]
    pub password: String,
}

/// `POST /setup`: the first Owner, from the link printed at first start.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Setup {
    /// The token from the printed link.
    #[cfg_attr(feature = "openapi", schema(value_type = text::TokenText))]
    pub token: String,
    /// Email.
    #[cfg_attr(feature = "openapi", schema(value_type = text::EmailText))]
    pub email: String,
    /// Display name.
    #[cfg_attr(feature = "openapi", schema(value_type = text::NameText))]
    pub name: String,
    /// Password.
    #[cfg_attr(feature = "openapi", schema(value_type = text::PasswordText))]
    pub password: String,
    /// The first organization's name.
    #[cfg_attr(feature = "openapi", schema(value_type = text::NameText))]
    pub org_name: String,
}

/// A user as others see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserView {
    /// Id.
    pub id: i64,
    /// Email.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Whether the email is verified.
    pub email_verified: bool,
}

/// `GET /me` and the answer to login and sign-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    /// The user.
    pub user: UserView,
    /// Echo this in `X-CSRF-Token` on every state-changing request.
    pub csrf_token: String,
    /// The orgs the user belongs to.
    pub orgs: Vec<OrgSummary>,
    /// The active organization.
    pub active_org: Option<i64>,
}

/// An org in the switcher.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgSummary {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Template key.
    pub template: String,
    /// The user's role key there.
    pub role: String,
    /// The user's standing there.
    pub status: crate::MemberStatus,
}

/// `PUT /me/active-org`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetActiveOrg {
    /// The org to make active.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub org_id: i64,
}
