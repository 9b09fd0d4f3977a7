//! SQLite's write gate: one transaction at a time, queued fairly on a tokio
//! mutex (SQLite's own busy handler sleeps and retries, which gave invite
//! bursts second-long tails). The rule that follows: a task never begins a
//! transaction while it holds one — on SQLite it would wait for itself
//! forever. Debug builds (every test run) stop that with a panic naming it.

use std::sync::Arc;

use tokio::sync::{Mutex, OwnedMutexGuard};

/// No transaction holds the gate this long; waiting longer means a deadlock.
const STUCK: std::time::Duration = std::time::Duration::from_secs(60);

/// The gate of one SQLite pool.
#[derive(Debug, Default)]
pub struct Gate {
    lock: Arc<Mutex<()>>,
    /// The task inside, when known (debug builds).
    holder: Arc<std::sync::Mutex<Option<tokio::task::Id>>>,
}

/// Being inside the gate; leaving it lets the next transaction in.
pub struct Held {
    _guard: OwnedMutexGuard<()>,
    holder: Arc<std::sync::Mutex<Option<tokio::task::Id>>>,
}

impl Gate {
    /// Waits for the transaction before this one to end.
    pub async fn enter(&self) -> Held {
        let me = tokio::task::try_id();
        if cfg!(debug_assertions) && me.is_some() && self.holder() == me {
            panic!(
                "this task began a second transaction while holding one: on SQLite that \
                 deadlocks (docs/architecture.md, \"One transaction at a time\")"
            );
        }
        let wait = self.lock.clone().lock_owned();
        let guard = if cfg!(debug_assertions) {
            // Outside a task (a test's own future) the holder is unknown: a
            // wait this long can only be a task waiting for itself.
            match tokio::time::timeout(STUCK, wait).await {
                Ok(guard) => guard,
                Err(_) => panic!(
                    "waited {STUCK:?} for the SQLite write gate: a second transaction \
                     begun while holding one? (docs/architecture.md)"
                ),
            }
        } else {
            wait.await
        };
        if let Ok(mut h) = self.holder.lock() {
            *h = me;
        }
        Held {
            _guard: guard,
            holder: self.holder.clone(),
        }
    }

    fn holder(&self) -> Option<tokio::task::Id> {
        self.holder.lock().ok().and_then(|h| *h)
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Ok(mut h) = self.holder.lock() {
            *h = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a panic said.
    fn said(p: Box<dyn std::any::Any + Send>) -> String {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    }

    #[tokio::test]
    async fn transactions_one_after_another_pass() {
        let gate = Gate::default();
        drop(gate.enter().await);
        drop(gate.enter().await);
    }

    #[tokio::test]
    async fn a_nested_transaction_is_stopped_not_deadlocked() {
        let gate = Arc::new(Gate::default());
        let nested = tokio::spawn(async move {
            let _first = gate.enter().await;
            let _second = gate.enter().await;
        })
        .await;
        let Err(stopped) = nested else {
            panic!("the nested transaction was let through");
        };
        let text = said(stopped.into_panic());
        assert!(text.contains("second transaction"), "{text}");
    }

    #[tokio::test(start_paused = true)]
    async fn outside_a_task_a_deadlock_ends_in_a_panic() {
        let gate = Gate::default();
        let _first = gate.enter().await;
        let waited = futures::FutureExt::catch_unwind(std::panic::AssertUnwindSafe(gate.enter()));
        let text = match waited.await {
            Err(p) => said(p),
            Ok(_) => String::new(),
        };
        assert!(text.contains("write gate"), "{text}");
    }
}
