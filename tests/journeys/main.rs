//! End-to-end journeys in headless Chromium against the real server.
#![expect(clippy::expect_used, reason = "a failed step is a failed test")]

mod domain_journey;
mod first_rows;
mod fresh_controls;
mod groups_journey;
mod import_journey;
mod keys_audit_journey;
mod members_journey;
mod roles_page;
mod steps;
