//! The two databases stay one schema: after migrations SQLite and
//! PostgreSQL have the same tables, columns, nullability, indexes (by name)
//! and CHECK constraints, and every closed set the wire types name is
//! checked by the schema with the same words. In the SQLite pass only the
//! SQLite side is read; the PostgreSQL pass (never skipped in CI) compares.

use std::collections::{BTreeMap, BTreeSet};

use server::db::Db;
use sqlx::AnyPool;

use crate::support::postgres::{fresh_db, postgres_url};

/// Search structures each backend builds its own way (FTS5 on SQLite, a
/// trigram index on PostgreSQL); everything else must match.
const SQLITE_ONLY_TABLE_PREFIX: &str = "memberships_fts";
const POSTGRES_ONLY_INDEXES: &[&str] = &["memberships_search"];

/// Closed sets: (CHECK name, the words the wire and the code use).
fn closed_sets() -> Vec<(&'static str, Vec<&'static str>)> {
    let words = |all: &[&'static str]| all.to_vec();
    vec![
        (
            "memberships_status_check",
            api::MemberStatus::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        (
            "tasks_mode_check",
            api::TaskMode::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        (
            "assignments_status_check",
            api::AssignmentStatus::ALL
                .iter()
                .map(|s| s.as_str())
                .collect(),
        ),
        (
            "orgs_template_check",
            permissions::templates::all()
                .iter()
                .map(|t| t.key.as_ref())
                .collect(),
        ),
        ("orgs_state_check", words(&["active"])),
        (
            "import_jobs_state_check",
            api::import::JobState::ALL
                .iter()
                .map(|s| s.as_str())
                .collect(),
        ),
        (
            "user_tokens_purpose_check",
            words(&["verify_email", "reset_password", "setup"]),
        ),
        (
            "outbox_kind_check",
            words(&[
                "invitation",
                "invitation_resent",
                "verify_email",
                "password_reset",
                "ownership_transfer",
                "welcome",
                "join_request",
            ]),
        ),
        ("assignments_direct_check", Vec::new()),
        (
            "api_keys_state_check",
            api::KeyState::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        (
            "audit_events_source_check",
            api::AuditSource::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        (
            "org_domains_mode_check",
            api::domains::JoinMode::ALL
                .iter()
                .map(|m| m.as_str())
                .collect(),
        ),
        ("org_domains_proof_check", words(&["email", "dns"])),
        (
            "audit_events_actor_type_check",
            api::ActorType::ALL.iter().map(|s| s.as_str()).collect(),
        ),
    ]
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Schema {
    /// table → column → nullable
    columns: BTreeMap<String, BTreeMap<String, bool>>,
    indexes: BTreeSet<String>,
    /// CHECK name → the quoted words in it, sorted
    checks: BTreeMap<String, BTreeSet<String>>,
}

/// The single-quoted words of a constraint's text.
fn quoted(text: &str) -> BTreeSet<String> {
    text.split('\'')
        .skip(1)
        .step_by(2)
        .filter(|w| *w != "text")
        .map(str::to_string)
        .collect()
}

/// `CHECK (…)` up to its closing parenthesis: a column added later may
/// follow it in SQLite's stored text, with quoted defaults of its own.
fn check_body(text: &str) -> &str {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 1 => return &text[..=i],
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    text
}

async fn sqlite_schema(pool: &AnyPool) -> Schema {
    let mut s = Schema::default();
    let tables: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .expect("tables");
    for (table, sql) in tables
        .into_iter()
        .filter(|(t, _)| !t.starts_with(SQLITE_ONLY_TABLE_PREFIX))
    {
        let cols: Vec<(String, i64, i64)> =
            sqlx::query_as("SELECT name, \"notnull\", pk FROM pragma_table_info($1)")
                .bind(&table)
                .fetch_all(pool)
                .await
                .expect("columns");
        s.columns.insert(
            table.clone(),
            cols.into_iter()
                .map(|(c, notnull, pk)| (c, notnull == 0 && pk == 0))
                .collect(),
        );
        for part in sql.split("CONSTRAINT ").skip(1) {
            let (name, rest) = part.split_once(char::is_whitespace).unwrap_or((part, ""));
            if rest.trim_start().starts_with("CHECK") {
                s.checks.insert(name.to_string(), quoted(check_body(rest)));
            }
        }
    }
    let indexes: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            .fetch_all(pool)
            .await
            .expect("indexes");
    s.indexes = indexes.into_iter().map(|(n,)| n).collect();
    s
}

async fn postgres_schema(pool: &AnyPool) -> Schema {
    let mut s = Schema::default();
    let cols: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT c.table_name::text, c.column_name::text, c.is_nullable::text
         FROM information_schema.columns c JOIN information_schema.tables t
           ON t.table_name = c.table_name AND t.table_schema = c.table_schema
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
           AND c.table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .expect("columns");
    for (table, col, nullable) in cols {
        s.columns
            .entry(table)
            .or_default()
            .insert(col, nullable == "YES");
    }
    let indexes: Vec<(String,)> = sqlx::query_as(
        "SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema()
         AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))",
    )
    .fetch_all(pool)
    .await
    .expect("indexes");
    s.indexes = indexes
        .into_iter()
        .map(|(n,)| n)
        .filter(|n| !POSTGRES_ONLY_INDEXES.contains(&n.as_str()))
        .collect();
    let checks: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.conname::text, pg_get_constraintdef(c.oid)::text FROM pg_constraint c
         JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE c.contype = 'c' AND n.nspname = current_schema()",
    )
    .fetch_all(pool)
    .await
    .expect("checks");
    s.checks = checks.into_iter().map(|(n, d)| (n, quoted(&d))).collect();
    s
}

#[tokio::test]
async fn sqlite_and_postgres_are_one_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sqlite = Db::connect(&format!("sqlite://{}/parity.db", dir.path().display()))
        .await
        .expect("migrate SQLite");
    let lite = sqlite_schema(&sqlite.pool).await;
    assert!(lite.columns.contains_key("memberships"), "{lite:?}");
    for (check, words) in closed_sets() {
        let stated = lite
            .checks
            .get(check)
            .unwrap_or_else(|| panic!("no {check}"));
        let words: BTreeSet<String> = words.iter().map(|w| w.to_string()).collect();
        assert_eq!(stated, &words, "{check} states other words than the code");
    }
    assert_eq!(
        lite.checks.len(),
        closed_sets().len(),
        "{:?}",
        lite.checks.keys()
    );

    let Some(url) = postgres_url() else {
        eprintln!("SQLite side checked; the PostgreSQL pass compares the two");
        return;
    };
    let pg = fresh_db(&url, 9_000, server::db::default_connections()).await;
    let post = postgres_schema(&pg.pool).await;
    assert_eq!(
        lite.columns, post.columns,
        "tables, columns or nullability differ"
    );
    assert_eq!(lite.indexes, post.indexes, "indexes differ");
    assert_eq!(lite.checks, post.checks, "CHECK constraints differ");
}
