//! The key reads of concurrent requests, made together. Every request
//! with a key reads one row: the key, its owner's standing and the
//! membership of the user it asks about. On PostgreSQL a statement costs
//! the backend its executor set-up and a wake-up besides that row
//! (docs/benchmarks.md), so at most one statement per core is in flight:
//! a read that finds one free and nothing waiting is made by its request
//! alone, and reads that arrive while every statement is taken wait for a
//! reader, which makes all of them in one. A read is only answered by a
//! statement begun after it was queued: each answer is read fresh (R9). A
//! request dropped while it waits drops only its answer; the statement is
//! the reader's, so nothing is cut off halfway.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Mutex, Semaphore, mpsc, oneshot};

use super::api_keys::{self, Ask, Found, MAX_ASKS};
use super::readers::{self, ReadPool};

/// How long a reader may take over one statement (a connection included)
/// before every read it holds is answered with an error.
const DEADLINE: Duration = Duration::from_secs(30);

/// Reads queued beyond this wait to be queued.
const QUEUE: usize = 4096;

/// What a read is answered with.
type Answer = Result<Option<Found>, Arc<anyhow::Error>>;

struct Queued {
    ask: Ask,
    answer: oneshot::Sender<Answer>,
}

/// The queue of key reads; cloned with the [`super::Db`], and its readers
/// stop once the last clone is gone.
#[derive(Clone, Debug)]
pub struct KeyReads {
    queue: mpsc::Sender<Queued>,
    /// One per statement that may be in flight.
    statements: Arc<Semaphore>,
    pool: ReadPool,
}

impl KeyReads {
    /// A statement in flight and a reader per core, on `pool`'s
    /// connections. On 2 cores, 1, 2 and 4 readers answered 23,600, 24,700
    /// and 20,300 single checks a second on PostgreSQL: fewer statements
    /// of more reads each, up to where a statement waits on another.
    pub fn start(pool: &ReadPool) -> Self {
        let readers = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        let statements = Arc::new(Semaphore::new(readers));
        let (queue, rx) = mpsc::channel(QUEUE);
        let rx = Arc::new(Mutex::new(rx));
        for _ in 0..readers {
            let reader = serve(Arc::clone(&rx), Arc::clone(&statements), pool.clone());
            tokio::spawn(reader);
        }
        Self {
            queue,
            statements,
            pool: pool.clone(),
        }
    }

    /// The key whose secret hashes to `ask.hash`, read now.
    pub async fn read(&self, ask: Ask) -> anyhow::Result<Option<Found>> {
        // Nothing waits and a statement is free: read here, with no hand-off
        // to a reader (a lone request's latency). Cut off halfway, this
        // drops a read of its own, and its lent connection is closed.
        if self.queue.capacity() == self.queue.max_capacity()
            && let Ok(_statement) = self.statements.try_acquire()
        {
            let mut conn = readers::get(&self.pool).await?;
            let found = api_keys::by_secret(&mut conn, &ask).await?;
            conn.done();
            return Ok(found);
        }
        let (answer, rx) = oneshot::channel();
        self.queue
            .send(Queued { ask, answer })
            .await
            .map_err(|_| anyhow::anyhow!("the key readers have stopped"))?;
        let answer = rx
            .await
            .map_err(|_| anyhow::anyhow!("a key reader stopped before answering"))?;
        answer.map_err(|e| anyhow::anyhow!("reading the key failed: {e:#}"))
    }
}

/// One reader: waits for a read, takes every other one queued by then
/// (up to a statement's worth), and answers them from one statement.
async fn serve(
    queue: Arc<Mutex<mpsc::Receiver<Queued>>>,
    statements: Arc<Semaphore>,
    pool: ReadPool,
) {
    loop {
        let batch = {
            let mut rx = queue.lock().await;
            let Some(first) = rx.recv().await else {
                return;
            };
            let mut batch = vec![first];
            while batch.len() < MAX_ASKS {
                match rx.try_recv() {
                    Ok(next) => batch.push(next),
                    Err(_) => break,
                }
            }
            batch
        };
        // Whoever stopped waiting needs no answer.
        let batch: Vec<Queued> = batch
            .into_iter()
            .filter(|q| !q.answer.is_closed())
            .collect();
        if batch.is_empty() {
            continue;
        }
        let asks: Vec<Ask> = batch.iter().map(|q| q.ask.clone()).collect();
        // Fair: a statement freed goes to a waiting reader before a lone
        // request may take it.
        let Ok(_statement) = statements.acquire().await else {
            return;
        };
        let read = tokio::time::timeout(DEADLINE, read_all(&pool, &asks)).await;
        match read.unwrap_or_else(|_| Err(anyhow::anyhow!("no answer in {DEADLINE:?}"))) {
            Ok(found) => {
                for (q, found) in batch.into_iter().zip(found) {
                    let _ = q.answer.send(Ok(found));
                }
            }
            Err(e) => {
                let e = Arc::new(e);
                for q in batch {
                    let _ = q.answer.send(Err(Arc::clone(&e)));
                }
            }
        }
    }
}

/// The reads on a lent connection: pooled again only if they succeeded.
async fn read_all(pool: &ReadPool, asks: &[Ask]) -> anyhow::Result<Vec<Option<Found>>> {
    let mut conn = readers::get(pool).await?;
    let found = api_keys::by_secrets(&mut conn, asks).await?;
    conn.done();
    Ok(found)
}
