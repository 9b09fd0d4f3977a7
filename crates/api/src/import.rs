//! Bulk import (PRODUCT §6): a CSV file previewed row by row, then
//! committed all or nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Data rows a file may hold.
pub const MAX_ROWS: usize = 50_000;
/// Bytes a file may hold.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The template's header, in order.
pub const HEADER: [&str; 6] = ["email", "name", "role", "groups", "projects", "message"];

/// What to do with people already in the org.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExistingPolicy {
    /// Leave members and pending invitations as they are.
    #[default]
    Skip,
    /// Give them the file's role where the rules allow (R3–R6).
    UpdateRole,
}

/// What one row does, by its stable name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowOutcome {
    /// A new invitation.
    NewInvite,
    /// A member already (`role_change` says whether their role changes).
    AlreadyMember,
    /// Invited and pending (`role_change` says whether its role changes).
    AlreadyInvited,
    /// Their invitation had expired: a fresh one.
    ExpiredInviteReinvited,
    /// Suspended: an import never brings anyone back.
    Suspended,
    /// Refused: `reason` (and `rule`) say why.
    Invalid,
}

/// One row of a preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviewRow {
    /// Its line in the file (the header is line 1).
    pub line: u32,
    /// The address as the file gives it.
    pub email: String,
    /// What it does.
    pub outcome: RowOutcome,
    /// The role key it invites with or changes to, when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Whether an existing member's or invitation's role changes.
    #[serde(default)]
    pub role_change: bool,
    /// The rule that refused it, if one did (`R2`, `R7`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Why it is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `POST /orgs/{org}/import/preview`: what a commit of this file would do,
/// with nothing written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportPreview {
    /// Names this plan: the digest of the file, the policy and every
    /// row's outcome. A commit applies it only while it is still the plan.
    pub plan_id: String,
    /// The existing-member policy it was planned under.
    pub existing: ExistingPolicy,
    /// One entry per data row, in file order.
    pub rows: Vec<PreviewRow>,
    /// How many rows have each outcome.
    pub totals: BTreeMap<RowOutcome, usize>,
    /// Seats the file's invitations need.
    pub seats_needed: u32,
    /// Seats free now; absent without a limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats_free: Option<u32>,
}

/// The preview's query: the existing-member policy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[serde(deny_unknown_fields)]
pub struct PreviewQuery {
    /// `skip` (default) or `update_role`.
    #[serde(default)]
    pub existing: ExistingPolicy,
}

/// `POST /orgs/{org}/import/commit`'s query.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[serde(deny_unknown_fields)]
pub struct CommitQuery {
    /// The `plan_id` of the preview being committed.
    #[cfg_attr(
        feature = "openapi",
        param(min_length = 64, max_length = 64, pattern = "^[0-9a-f]{64}$")
    )]
    pub plan_id: String,
    /// The policy the preview was made under.
    #[serde(default)]
    pub existing: ExistingPolicy,
    /// Import the valid rows and skip the invalid ones; without it, a file
    /// with any invalid row imports nothing.
    #[serde(default)]
    pub skip_invalid: bool,
    /// Mail each new invitation (default), at the org's pace of 120 a
    /// minute; `false`: create the invitations only, links handed out by
    /// hand (copy link on the Members page).
    #[serde(default = "yes")]
    pub send_mail: bool,
}

const fn yes() -> bool {
    true
}

/// Where an import job stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Applying rows.
    Running,
    /// Every row applied, in one transaction.
    Done,
    /// Nothing was written; `error` says why.
    Failed,
}

impl JobState {
    /// Every state, as the database's CHECK lists them.
    pub const ALL: [Self; 3] = [Self::Running, Self::Done, Self::Failed];

    /// The stored and wire word.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }
}

/// One row of a finished import's report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportRow {
    /// Its line in the file.
    pub line: u32,
    /// The address as the file gives it.
    pub email: String,
    /// What the plan said it does.
    pub outcome: RowOutcome,
    /// Whether it changed anything.
    pub applied: bool,
    /// Why it was refused, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `GET /orgs/{org}/import/jobs/{job}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportJob {
    /// Id.
    pub id: i64,
    /// The plan it applies.
    pub plan_id: String,
    /// Running, done or failed.
    pub state: JobState,
    /// Rows in the file.
    pub rows_total: u32,
    /// Rows applied so far (all of them are written together, at the end).
    pub rows_done: u32,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Per row, once done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<Vec<ReportRow>>,
    /// When committed.
    pub created_at: i64,
    /// When it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<i64>,
}
