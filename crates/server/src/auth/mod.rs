//! Secrets: random tokens stored only as hashes, and password hashing.

pub mod password;
pub mod token;
