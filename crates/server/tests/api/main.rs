//! API tests through the real router against a real database. The suite
//! runs on SQLite, and on PostgreSQL when `DATABASE_URL` is `postgres://…`.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    reason = "a failed step is a failed test; test counts are small"
)]

mod support;

mod accounts;
mod api_key_rules;
mod api_keys;
mod audit_log;
mod authorize;
mod authorize_targets;
mod authzen_protocol;
mod authzen_search;
mod bad_input;
mod client_files;
mod concurrency;
mod demo;
mod domain_join;
mod domains;
mod groups;
mod hostile_input;
mod import;
mod import_commit;
mod import_property;
mod invariants;
mod key_reads;
mod listing;
mod mail;
mod matrix;
mod member_export;
mod member_projects;
mod openapi;
mod orgs;
mod project_matrix;
mod projects;
mod rules_access;
mod rules_invitations;
mod rules_roles;
mod schema_parity;
mod seams;
mod seams_access;
mod secrets;
mod stateful;
mod transfer;
