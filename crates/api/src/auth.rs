//! Accounts and sessions.

use serde::{Deserialize, Serialize};

/// `POST /auth/signup`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignUp {
    /// Email.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Password (at least 8 characters).
    pub password: String,
}

/// `POST /auth/login`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Login {
    /// Email.
    pub email: String,
    /// Password.
    pub password: String,
}

/// A one-time token from a mailed link.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenRequest {
    /// The token from the link.
    pub token: String,
}

/// `POST /auth/password-reset`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetRequest {
    /// The account's email.
    pub email: String,
}

/// `POST /auth/password-reset/confirm`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResetConfirm {
    /// The token from the link.
    pub token: String,
    /// The new password.
    pub password: String,
}

/// `POST /setup`: the first Owner, from the link printed at first start.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Setup {
    /// The token from the printed link.
    pub token: String,
    /// Email.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Password.
    pub password: String,
    /// The first organization's name.
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
    /// `active` or `suspended`.
    pub status: String,
}

/// `PUT /me/active-org`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetActiveOrg {
    /// The org to make active.
    pub org_id: i64,
}
