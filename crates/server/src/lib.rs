//! Roster's server: the JSON API under `/api/v1` and the built WASM client
//! at `/`. Every decision goes through the `permissions` crate.
#![forbid(unsafe_code)]

pub mod access;
pub mod auth;
pub mod authorize;
pub mod caller;
pub mod change;
pub mod cli;
pub mod client_files;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod domains;
pub mod error;
pub mod extract;
pub mod headers;
pub mod import;
pub mod key_meter;
pub mod mail;
pub mod rate_limit;
mod routes;
mod session;
mod state;
pub mod validate;

pub use routes::app;
pub use routes::setup::first_start_link;
pub use state::AppState;
