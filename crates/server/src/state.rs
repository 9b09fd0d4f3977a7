//! What every handler can reach.

use std::path::PathBuf;
use std::sync::Arc;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;

/// Shared, cheap-to-clone application state. Nothing here is needed by
/// another instance: sessions, rate limits and mail live in the database
/// (key rate counts reach it in batches).
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
    /// This instance's share of the API keys' rate counts, flushed to the
    /// database in batches (see [`KeyMeter`](crate::key_meter::KeyMeter)).
    pub meter: Arc<crate::key_meter::KeyMeter>,
    /// This instance's running imports and their progress.
    pub imports: Arc<crate::import::Progress>,
    /// Where DNS proof of a domain claim is read (the tests fake it).
    pub dns: Arc<dyn crate::domains::dns::TxtLookup>,
}
