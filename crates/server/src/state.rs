//! What every handler can reach.

use std::path::PathBuf;

/// Shared, cheap-to-clone application state.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The Trunk build of the client (`dist/`), served at `/`.
    pub dist: PathBuf,
}
