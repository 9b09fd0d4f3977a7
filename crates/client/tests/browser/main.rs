#![cfg(target_arch = "wasm32")]
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_wrap,
    reason = "a failed lookup is a failed test; row indexes are tiny"
)]
//! The client's browser tests, one binary so the wasm test runner links and
//! starts Chromium once.

use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

mod action_menu;
mod dialog;
mod domains;
mod groups_projects;
mod invitations;
mod invite_dialog;
mod keys_audit;
mod member_dialogs;
mod members_table;
mod project_controls;
mod roles_view;
mod support;
