//! Members, invitations and their actions.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use crate::text;

/// One member in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberView {
    /// The member's user id.
    pub user_id: i64,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Role key.
    pub role: String,
    /// Active or suspended (R9).
    pub status: crate::MemberStatus,
    /// Whether this is the Owner.
    pub owner: bool,
    /// Joined, unix seconds.
    pub joined_at: i64,
    /// Access ends at (R16), unix seconds.
    pub access_expires_at: Option<i64>,
    /// Projects the member owns or is on (directly or through a group).
    #[serde(default)]
    pub projects: i64,
    /// The member's groups in the org, by name (filled in the list).
    #[serde(default)]
    pub groups: Vec<String>,
    /// When they last signed in, unix seconds (filled in the list).
    #[serde(default)]
    pub last_sign_in_at: Option<i64>,
}

/// `GET /orgs/{org}/members`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberPage {
    /// This page.
    pub members: Vec<MemberView>,
    /// Pass as `cursor` for the next page; none on the last.
    pub next_cursor: Option<String>,
}

/// `GET /orgs/{org}/members` query: the one type the client serialises and
/// the server reads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct MemberQuery {
    /// Substring of name or email, case-insensitive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(max_length = 100, pattern = r"^[^\u0000]*$")
    )]
    pub q: Option<String>,
    /// Only this role key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = "^[a-z][a-z0-9_]*$"))]
    pub role: Option<String>,
    /// Only members in this standing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::MemberStatus>,
    /// Sort key (default `name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<crate::SortKey>,
    /// Direction (default `asc`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<crate::SortDir>,
    /// `next_cursor` of the previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = "^[A-Za-z0-9_-]+$"))]
    pub cursor: Option<String>,
    /// Page size (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<i64>,
}

/// `GET /orgs/{org}/members/export.csv` query: the list's filters and
/// sort without paging (the file holds every row).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ExportQuery {
    /// Substring of name or email, case-insensitive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "openapi",
        param(max_length = 100, pattern = r"^[^\u0000]*$")
    )]
    pub q: Option<String>,
    /// Only this role key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = "^[a-z][a-z0-9_]*$"))]
    pub role: Option<String>,
    /// Only members in this standing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::MemberStatus>,
    /// Sort key (default `name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<crate::SortKey>,
    /// Direction (default `asc`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<crate::SortDir>,
}

impl From<ExportQuery> for MemberQuery {
    fn from(e: ExportQuery) -> Self {
        Self {
            q: e.q,
            role: e.role,
            status: e.status,
            sort: e.sort,
            dir: e.dir,
            cursor: None,
            limit: None,
        }
    }
}

impl MemberQuery {
    /// The same filters and sort, for the CSV export.
    pub fn export(&self) -> ExportQuery {
        ExportQuery {
            q: self.q.clone(),
            role: self.role.clone(),
            status: self.status,
            sort: self.sort,
            dir: self.dir,
        }
    }

    /// The query string's pairs, for an HTTP client.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let words = [
            ("status", self.status.map(|s| s.as_str())),
            ("sort", self.sort.map(|s| s.as_str())),
            ("dir", self.dir.map(|s| s.as_str())),
        ];
        let texts = [
            ("q", &self.q),
            ("role", &self.role),
            ("cursor", &self.cursor),
        ];
        texts
            .into_iter()
            .filter_map(|(k, v)| v.clone().map(|v| (k, v)))
            .chain(
                words
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| (k, v.to_string()))),
            )
            .chain(self.limit.map(|l| ("limit", l.to_string())))
            .collect()
    }
}

/// `PUT /orgs/{org}/members/{user}/role` and `…/invitations/{id}/role`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangeRole {
    /// The new role key.
    #[cfg_attr(feature = "openapi", schema(value_type = text::RoleKey))]
    pub role: String,
}

/// `PUT /orgs/{org}/members/{user}/access-expiry`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SetAccessExpiry {
    /// Unix seconds; none clears it.
    pub expires_at: Option<i64>,
}

/// `POST /orgs/{org}/invitations`: several emails, one role.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Invite {
    /// The emails (a pasted list, split by the client).
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub emails: Vec<String>,
    /// Role key.
    #[cfg_attr(feature = "openapi", schema(value_type = text::RoleKey))]
    pub role: String,
    /// Optional message for the mail.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<text::MessageText>))]
    pub message: Option<String>,
}

/// What happened to one email of an invite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InviteOutcome {
    /// Invitation created and mail queued.
    Sent,
    /// Already a member of the org.
    AlreadyMember,
    /// A pending invitation exists.
    AlreadyInvited,
    /// Not an email address.
    Invalid,
    /// No free seat (R7).
    SeatLimit,
}

/// One line of the invite result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteResult {
    /// The email as given.
    pub email: String,
    /// What happened.
    pub outcome: InviteOutcome,
    /// The invitation, when sent.
    pub invitation_id: Option<i64>,
    /// A sentence for the person.
    pub message: String,
}

/// An open invitation (pending or expired).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationView {
    /// Id.
    pub id: i64,
    /// Email.
    pub email: String,
    /// Role key.
    pub role: String,
    /// Pending or expired.
    pub status: crate::InvitationStatus,
    /// Who invited.
    pub invited_by: i64,
    /// When the current link was sent.
    pub sent_at: i64,
    /// When it expires.
    pub expires_at: i64,
    /// Mail delivery.
    pub delivery: crate::Delivery,
    /// Why the mail failed, as the mail server said (for `failed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_error: Option<String>,
}

/// `POST /orgs/{org}/invitations/{id}/link`: a fresh link to hand over by
/// another channel when mail does not arrive. The previous link is dead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationLink {
    /// The new acceptance link.
    pub link: String,
    /// When it expires, unix seconds.
    pub expires_at: i64,
}

/// `GET /invitations/lookup?token=…`: what a link is, before accepting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationLookup {
    /// The org's name.
    pub org_name: String,
    /// The inviter's name and email: whom to ask for a new link.
    pub invited_by: String,
    /// The invited email.
    pub email: String,
    /// Role key.
    pub role: String,
    /// The role's name in the org's template ("Labeler").
    #[serde(default)]
    pub role_name: String,
    /// The inviter's message, if they wrote one.
    #[serde(default)]
    pub message: Option<String>,
    /// Where it stands.
    pub status: crate::InvitationStatus,
    /// Whether an account with the email exists (sign in instead of sign up).
    pub account_exists: bool,
}

/// `POST /invitations/accept`. A new person gives a name and password and
/// the account is created in the same step; an existing account must be
/// signed in.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Accept {
    /// The token from the link.
    #[cfg_attr(feature = "openapi", schema(value_type = text::TokenText))]
    pub token: String,
    /// For a new account.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<text::NameText>))]
    pub name: Option<String>,
    /// For a new account.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<text::PasswordText>))]
    pub password: Option<String>,
}

/// The answer to accepting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accepted {
    /// The org joined.
    pub org_id: i64,
    /// Set when a new account was created and signed in.
    pub csrf_token: Option<String>,
}

/// `POST /orgs/{org}/members/{user}/transfer`: move a member to another org
/// (R14). The projects they own go with them — the source org's Owner
/// alone may take them out — unless `reassign_to` names their new owner in
/// the source org (R10).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TransferUser {
    /// The destination organization.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub to_org: i64,
    /// Their role there.
    #[cfg_attr(feature = "openapi", schema(value_type = text::RoleKey))]
    pub role: String,
    /// A member of the source org who takes over the projects they own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub reassign_to: Option<i64>,
}
