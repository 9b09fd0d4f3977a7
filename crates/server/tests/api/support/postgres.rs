//! The PostgreSQL pass: one migrated template database per run, cloned for
//! each test; databases left behind by runs that ended are dropped.

use server::db::Db;
use tokio::sync::OnceCell;

static PG_TEMPLATE: OnceCell<String> = OnceCell::const_new();

/// The PostgreSQL server URL, when the suite runs against one.
pub fn postgres_url() -> Option<String> {
    std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
}

fn with_db(url: &str, db: &str) -> String {
    let (base, _) = url.rsplit_once('/').unwrap_or((url, ""));
    format!("{base}/{db}")
}

/// A migrated template database, made once per run; each test clones it.
async fn pg_template(url: &str) -> String {
    PG_TEMPLATE
        .get_or_init(|| async {
            sqlx::any::install_default_drivers();
            let admin = sqlx::AnyPool::connect(url)
                .await
                .expect("reach PostgreSQL at DATABASE_URL");
            let stale: Vec<(String,)> = sqlx::query_as(
                "SELECT datname::text FROM pg_database WHERE datname LIKE 'roster_t_%'",
            )
            .fetch_all(&admin)
            .await
            .expect("list databases");
            // Left behind by runs that ended; a live process's (nextest
            // runs each test in its own) are still in use.
            let alive = |name: &str| {
                name.trim_start_matches("roster_t_")
                    .trim_start_matches("tpl_")
                    .split('_')
                    .next()
                    .and_then(|pid| pid.parse::<u32>().ok())
                    .is_some_and(|pid| std::path::Path::new(&format!("/proc/{pid}")).exists())
            };
            for (name,) in stale.into_iter().filter(|(n,)| !alive(n)) {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .execute(&admin)
                    .await;
            }
            let tpl = format!("roster_t_tpl_{}", std::process::id());
            sqlx::query(&format!("CREATE DATABASE \"{tpl}\""))
                .execute(&admin)
                .await
                .expect("create template");
            let db = Db::connect(&with_db(url, &tpl))
                .await
                .expect("migrate template");
            db.pool.close().await;
            tpl
        })
        .await
        .clone()
}

/// A fresh database for test `n`, cloned from the migrated template.
pub async fn fresh_db(url: &str, n: usize, connections: u32) -> Db {
    let tpl = pg_template(url).await;
    let name = format!("roster_t_{}_{n}", std::process::id());
    let admin = sqlx::AnyPool::connect(url).await.expect("reach PostgreSQL");
    sqlx::query(&format!("CREATE DATABASE \"{name}\" TEMPLATE \"{tpl}\""))
        .execute(&admin)
        .await
        .expect("create test database");
    admin.close().await;
    Db::connect_with(&with_db(url, &name), connections)
        .await
        .expect("connect test database")
}
