//! Roster's web client. It decides nothing itself: every "may I?" is a call
//! into the `permissions` crate, the same code the server enforces.
#![forbid(unsafe_code)]

mod app;
pub mod roles;

pub use app::App;
