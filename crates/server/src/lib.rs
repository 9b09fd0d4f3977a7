//! Roster's server: the JSON API under `/api/v1` and the built WASM client
//! at `/`. Every decision goes through the `permissions` crate.
#![forbid(unsafe_code)]

pub mod cli;
mod routes;
mod state;

pub use routes::app;
pub use state::AppState;
