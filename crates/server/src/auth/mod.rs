//! Secrets: random tokens stored only as hashes, and password hashing.

pub mod api_key;
pub mod password;
pub mod token;
