//! Wire types of Roster's HTTP API (`/api/v1`), shared by the Axum server
//! and the Leptos client so the two cannot disagree on a field.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod audit;
pub mod auth;
pub mod authzen;
pub mod domains;
pub mod email;
mod error;
pub mod import;
pub mod keys;
pub mod members;
pub mod orgs;
pub mod projects;
mod sets;
#[cfg(feature = "openapi")]
mod text;

pub use error::{ErrorBody, denial_code};
pub use sets::{
    ActorType, AssignmentStatus, AuditSource, Delivery, HealthStatus, InvitationStatus, KeyState,
    MemberStatus, SortDir, SortKey, TaskMode,
};

/// The API's path prefix.
pub const API_PREFIX: &str = "/api/v1";

/// `GET /api/v1/health`: the server is up and which version it runs.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// Always `"ok"` when the server answers.
    pub status: HealthStatus,
    /// The server's package version.
    pub version: String,
}
