//! Bulk import (PRODUCT §6, issue 11): a CSV file read into rows
//! (`file`), the org's facts loaded for the crate's one plan (`facts`),
//! and the plan named by a digest, so a commit applies exactly what was
//! previewed or nothing.

pub mod apply;
pub mod facts;
pub mod file;
pub mod grants;
mod progress;

pub use progress::Progress;
