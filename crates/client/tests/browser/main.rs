#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed lookup is a failed test"
)]
//! The client's browser tests, one binary so the wasm test runner links and
//! starts Chromium once.

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod dialog;
mod groups_projects;
mod invitations;
mod invite_dialog;
mod member_dialogs;
mod members_table;
mod project_controls;
mod roles_view;
mod support;
