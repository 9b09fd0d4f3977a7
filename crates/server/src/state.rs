//! What every handler can reach.

use std::path::PathBuf;
use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;

/// Shared, cheap-to-clone application state. Nothing here is needed by
/// another instance: sessions, rate limits and mail live in the database.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// Process-wide settings.
    pub config: Arc<Config>,
    /// The clock (tests advance it).
    pub clock: Clock,
    /// The Trunk build of the client (`dist/`), served at `/`.
    pub dist: PathBuf,
}
