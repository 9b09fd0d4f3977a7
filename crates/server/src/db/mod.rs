//! Storage through sqlx's `Any` driver: SQLite by default, PostgreSQL when
//! the URL says so. SQL is written once with `$N` placeholders (both
//! backends accept them); the few statements that differ ask [`Dialect`].

pub mod api_keys;
pub mod audit;
pub mod domains;
mod gate;
pub mod groups;
pub mod import_jobs;
pub mod invitations;
pub mod key_reads;
pub mod member_list;
pub mod members;
pub mod orgs;
pub mod outbox;
pub mod places;
pub mod projects;
pub mod purge;
pub mod rate_limits;
pub mod readers;
pub mod sessions;
pub mod tasks;
pub mod tokens;
pub mod users;

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Transaction};

/// A transaction on either backend. On SQLite it also holds the write
/// gate until it ends (see [`gate`]).
pub struct Tx {
    inner: Transaction<'static, sqlx::Any>,
    _gate: Option<gate::Held>,
}

impl Tx {
    /// Commits.
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.inner.commit().await
    }
}

impl Deref for Tx {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

impl DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.inner
    }
}

/// Which SQL flavour the pool speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// Embedded SQLite (WAL).
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// The connection pool and its dialect.
#[derive(Clone, Debug)]
pub struct Db {
    /// The pool.
    pub pool: AnyPool,
    /// Its SQL flavour.
    pub dialect: Dialect,
    /// SQLite only: one transaction at a time.
    gate: Option<Arc<gate::Gate>>,
    /// The decision point's own connections (see [`readers`]).
    pub readers: readers::ReadPool,
    /// Key reads, made together (see [`key_reads`]).
    pub keys: key_reads::KeyReads,
}

/// How many connections the pool opens by default: twice the cores and
/// two more, PostgreSQL's rule of thumb for a busy pool. More only queue
/// inside the database (or SQLite's worker threads): on 2 cores, 16
/// connections gave the decision point on PostgreSQL a p99 twice that of
/// 6 (docs/benchmarks.md).
pub fn default_connections() -> u32 {
    let cores = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    u32::try_from(cores * 2 + 2).unwrap_or(32).clamp(4, 32)
}

/// A connection idle this long is pinged before it is handed out.
pub(crate) const PING_AFTER_IDLE: std::time::Duration = std::time::Duration::from_secs(30);

/// Pool settings both backends share. sqlx pings every connection before
/// handing it out by default: a round trip on every request, the larger
/// part of a one-query read. A connection in steady use is known alive;
/// one idle for a while (a restarted server may have dropped it) is
/// pinged, and a dead one is replaced rather than handed out.
fn pool_options() -> AnyPoolOptions {
    AnyPoolOptions::new()
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= PING_AFTER_IDLE {
                    sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        })
}

impl Db {
    /// Connects (creating a SQLite file if missing) and runs migrations,
    /// with [`default_connections`].
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        Self::connect_with(url, default_connections()).await
    }

    /// [`Self::connect`] with a pool of `size` connections.
    pub async fn connect_with(url: &str, size: u32) -> anyhow::Result<Self> {
        let size = size.max(2);
        sqlx::any::install_default_drivers();
        let dialect = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Dialect::Postgres
        } else if url.starts_with("sqlite:") {
            Dialect::Sqlite
        } else {
            anyhow::bail!("unsupported database URL {url:?}: use sqlite://FILE or postgres://…");
        };
        let (pool, url) = match dialect {
            Dialect::Sqlite => {
                let url = if url.contains("mode=") {
                    url.to_string()
                } else if url.contains('?') {
                    format!("{url}&mode=rwc")
                } else {
                    format!("{url}?mode=rwc")
                };
                let pool = pool_options()
                    .max_connections(size)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            use sqlx::Executor;
                            conn.execute(readers::SQLITE_PRAGMAS).await?;
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await?;
                (pool, url)
            }
            Dialect::Postgres => {
                let pool = pool_options().max_connections(size).connect(url).await?;
                (pool, url.to_owned())
            }
        };
        let gate = (dialect == Dialect::Sqlite).then(|| Arc::new(gate::Gate::default()));
        let readers = readers::pool(&url, dialect, size)?;
        let db = Self {
            pool,
            dialect,
            gate,
            keys: key_reads::KeyReads::start(&readers),
            readers,
        };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        match self.dialect {
            Dialect::Sqlite => {
                use sqlx::Executor;
                // A migration that rebuilds a table drops the old one; with
                // foreign keys on, that would cascade into every child row.
                // So they are off while migrating, on one connection, and
                // every key is checked before the server goes on.
                let mut conn = self.pool.acquire().await?;
                conn.execute("PRAGMA foreign_keys = OFF").await?;
                let ran = sqlx::migrate!("./migrations/sqlite").run(&mut *conn).await;
                let broken: Vec<(String,)> =
                    sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
                        .fetch_all(&mut *conn)
                        .await?;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                ran?;
                anyhow::ensure!(
                    broken.is_empty(),
                    "foreign keys broken after migrating: {broken:?}"
                );
            }
            Dialect::Postgres => {
                sqlx::migrate!("./migrations/postgres")
                    .run(&self.pool)
                    .await?
            }
        }
        Ok(())
    }

    /// Starts a transaction (on SQLite, after the one before it ends).
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        let gate = match &self.gate {
            Some(g) => Some(g.enter().await),
            None => None,
        };
        Ok(Tx {
            inner: self.pool.begin().await?,
            _gate: gate,
        })
    }

    /// A read-only transaction on `conn`: every read in it sees one state
    /// (repeatable read on PostgreSQL; on SQLite a WAL read snapshot, which
    /// takes no write gate). Dropped, it rolls back.
    pub async fn snapshot<'c>(
        &self,
        conn: &'c mut sqlx::AnyConnection,
    ) -> Result<Transaction<'c, sqlx::Any>, sqlx::Error> {
        // One statement on PostgreSQL: no window between BEGIN and the
        // isolation level, and one round trip fewer.
        match self.dialect {
            Dialect::Postgres => {
                sqlx::Connection::begin_with(
                    conn,
                    "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
                )
                .await
            }
            Dialect::Sqlite => sqlx::Connection::begin(conn).await,
        }
    }

    /// Refreshes the query planner's statistics after a bulk load; on
    /// PostgreSQL also the visibility map, without which an index-only scan
    /// still visits every row (autovacuum would, later).
    pub async fn optimize(&self) -> Result<(), sqlx::Error> {
        let sql = match self.dialect {
            Dialect::Sqlite => "PRAGMA optimize = 0x10002",
            Dialect::Postgres => "VACUUM (ANALYZE)",
        };
        sqlx::query(sql).execute(&self.pool).await.map(drop)
    }
}

/// Takes the org's lock for the rest of the transaction; must be the
/// transaction's first statement. Every change a counted rule depends on
/// (seats R7, the one Owner R4) takes it first, so two such changes in one
/// org run one after the other. An UPDATE does this on both backends: on
/// PostgreSQL it row-locks like `SELECT … FOR UPDATE`; on SQLite, as the
/// first statement, it takes the write lock at once, as `BEGIN IMMEDIATE`
/// would (sqlx's `begin()` is deferred). Returns false if no such org.
pub async fn lock_org(tx: &mut Tx, org_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE orgs SET lock_seq = lock_seq + 1 WHERE id = $1")
        .bind(org_id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A value bound to a dynamically built query.
#[derive(Clone, Debug)]
pub enum Bind {
    /// An integer.
    Int(i64),
    /// A string.
    Text(String),
}

/// Builds SQL with numbered placeholders, for queries whose shape depends
/// on filters (sqlx's `QueryBuilder` writes `?` for `Any`, which
/// PostgreSQL rejects).
#[derive(Default, Debug)]
pub struct SqlBuilder {
    /// The SQL so far.
    pub sql: String,
    /// The values, in placeholder order.
    pub binds: Vec<Bind>,
}

impl SqlBuilder {
    /// Appends raw SQL.
    pub fn push(&mut self, s: &str) -> &mut Self {
        self.sql.push_str(s);
        self
    }

    /// Appends a placeholder for `value`.
    pub fn bind(&mut self, value: Bind) -> &mut Self {
        self.binds.push(value);
        self.sql.push_str(&format!("${}", self.binds.len()));
        self
    }

    /// The query with every value bound.
    pub fn query(&self) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
        let mut q = sqlx::query(&self.sql);
        for b in &self.binds {
            q = match b {
                Bind::Int(i) => q.bind(*i),
                Bind::Text(s) => q.bind(s.as_str()),
            };
        }
        q
    }

    /// The query, typed, with every value bound.
    pub fn query_as<T>(&self) -> sqlx::query::QueryAs<'_, sqlx::Any, T, sqlx::any::AnyArguments<'_>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow>,
    {
        let mut q = sqlx::query_as(&self.sql);
        for b in &self.binds {
            q = match b {
                Bind::Int(i) => q.bind(*i),
                Bind::Text(s) => q.bind(s.as_str()),
            };
        }
        q
    }
}
