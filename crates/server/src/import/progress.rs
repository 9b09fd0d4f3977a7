//! This instance's running imports and how far each has come: the one
//! place SQLite's progress can live (the import holds its only writer).

use std::collections::HashMap;
use std::sync::Mutex;

/// Rows done per running job.
#[derive(Debug, Default)]
pub struct Progress(Mutex<HashMap<i64, usize>>);

impl Progress {
    fn with<T>(&self, f: impl FnOnce(&mut HashMap<i64, usize>) -> T) -> T {
        // A poisoned map only loses progress figures, never data.
        f(&mut self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// A job starts here.
    pub fn begin(&self, job: i64) {
        self.with(|m| m.insert(job, 0));
    }

    /// It has done `done` rows.
    pub fn set(&self, job: i64, done: usize) {
        self.with(|m| m.insert(job, done));
    }

    /// It ended.
    pub fn end(&self, job: i64) {
        self.with(|m| m.remove(&job));
    }

    /// Rows done, while it runs here.
    pub fn done(&self, job: i64) -> Option<i64> {
        self.with(|m| m.get(&job).map(|d| i64::try_from(*d).unwrap_or(i64::MAX)))
    }
}
