//! The decision point's connections: a pool of its own that takes a
//! connection back without a round trip. sqlx's pool pings every
//! connection it takes back (0.8 cannot be told not to): on a one-query
//! decision that ping was a fifth of the work on both sides of the wire
//! (docs/benchmarks.md). Work on these connections may fail or be
//! dropped halfway, so it holds them through [`Lent`]: pooled again only
//! once the work succeeded, closed otherwise (a connection the server
//! dropped is never handed out again). One idle for a while is pinged
//! before it is handed out, like the main pool's.

use std::time::Duration;

use deadpool::managed::{self, Metrics, RecycleError, RecycleResult};
use sqlx::{AnyConnection, Connection, Executor};

use super::Dialect;

/// A connection of the decision point's pool.
pub type ReadConn = managed::Object<Readers>;

/// The pool.
pub type ReadPool = managed::Pool<Readers>;

/// Opens and checks the decision point's connections.
#[derive(Debug)]
pub struct Readers {
    url: String,
    dialect: Dialect,
}

/// Replaced after this long, as sqlx's pool does by default.
const MAX_LIFETIME: Duration = Duration::from_secs(30 * 60);

/// What every SQLite connection is opened with: WAL lets readers run
/// beside the one writer; the busy timeout makes writers queue instead of
/// failing; with `secure_delete` a scrubbed link does not linger in a
/// freed page of the file.
pub const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
     PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; \
     PRAGMA secure_delete = ON;";

impl managed::Manager for Readers {
    type Type = AnyConnection;
    type Error = sqlx::Error;

    async fn create(&self) -> Result<AnyConnection, sqlx::Error> {
        let mut conn = AnyConnection::connect(&self.url).await?;
        if self.dialect == Dialect::Sqlite {
            conn.execute(SQLITE_PRAGMAS).await?;
        }
        Ok(conn)
    }

    async fn recycle(&self, conn: &mut AnyConnection, m: &Metrics) -> RecycleResult<sqlx::Error> {
        if m.created.elapsed() >= MAX_LIFETIME {
            return Err(RecycleError::message("past its lifetime"));
        }
        if m.last_used() >= super::PING_AFTER_IDLE {
            conn.ping().await?;
        }
        Ok(())
    }
}

/// A pool of `size` connections to `url`; none is opened until asked for.
pub fn pool(url: &str, dialect: Dialect, size: u32) -> anyhow::Result<ReadPool> {
    let readers = Readers {
        url: url.to_owned(),
        dialect,
    };
    Ok(ReadPool::builder(readers)
        .max_size(usize::try_from(size)?)
        .wait_timeout(Some(Duration::from_secs(30)))
        .create_timeout(Some(Duration::from_secs(30)))
        .runtime(deadpool::Runtime::Tokio1)
        .build()?)
}

/// A connection, lent (the pool hands out no other kind), or the sqlx
/// error that says why there is none.
pub async fn get(pool: &ReadPool) -> Result<Lent, sqlx::Error> {
    let conn = pool.get().await.map_err(|e| match e {
        managed::PoolError::Backend(e) => e,
        managed::PoolError::Timeout(_) => sqlx::Error::PoolTimedOut,
        managed::PoolError::Closed => sqlx::Error::PoolClosed,
        other => sqlx::Error::Configuration(other.to_string().into()),
    })?;
    Ok(Lent(Some(conn)))
}

/// A connection lent to work that may fail or be dropped halfway (a
/// decision route is not run to completion): given back with
/// [`Lent::done`] once the work succeeded, and closed otherwise. A
/// failure may mean the server dropped the connection, and this pool
/// takes connections back without a ping; a `BEGIN` cut off in flight is
/// one sqlx loses track of, and a dropped transaction leaves its
/// `ROLLBACK` queued, so the snapshot would stay open in the pool.
pub struct Lent(Option<ReadConn>);

impl Lent {
    /// The work finished: the connection goes back to the pool.
    pub fn done(mut self) {
        drop(self.0.take());
    }
}

impl std::ops::Deref for Lent {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        match &self.0 {
            Some(conn) => conn,
            None => unreachable!("a lent connection is only taken by done or drop"),
        }
    }
}

impl std::ops::DerefMut for Lent {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match &mut self.0 {
            Some(conn) => conn,
            None => unreachable!("a lent connection is only taken by done or drop"),
        }
    }
}

impl Drop for Lent {
    fn drop(&mut self) {
        if let Some(conn) = self.0.take() {
            // Out of the pool and closed: the next request opens a fresh one.
            drop(ReadConn::take(conn));
        }
    }
}
