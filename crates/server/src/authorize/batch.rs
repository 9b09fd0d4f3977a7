//! A batch answered from one moment: from the caller's own read when that
//! holds every fact its answers need (a key asking about one user of its
//! org: one statement, no transaction), else inside one read transaction
//! where each fact is read once.

use api::authzen::{Decision, Evaluation};
use sqlx::AnyConnection;

use super::Asker;
use super::{Seen, Unanswered, evaluate};
use crate::caller::Caller;
use crate::db::Db;
use crate::error::ApiResult;

/// Where a batch stops early, if it does (AuthZEN's three semantics).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Every question is answered.
    Never,
    /// After the first denial.
    AtFirstDeny,
    /// After the first permit.
    AtFirstPermit,
}

impl Stop {
    fn after(self, d: &Decision) -> bool {
        match self {
            Self::Never => false,
            Self::AtFirstDeny => !d.decision,
            Self::AtFirstPermit => d.decision,
        }
    }
}

/// The answers to `questions` in order, up to where `stop` says: first
/// from what was read with the caller alone (sealed), and only if some
/// answer needs more, everything again in one snapshot.
pub async fn answer_batch(
    db: &Db,
    asker: Asker,
    questions: &[Evaluation],
    stop: Stop,
) -> ApiResult<Vec<Decision>> {
    let Asker {
        caller,
        mut conn,
        seen,
        now,
    } = asker;
    let mut sealed = seen.sealed();
    match answer_all(&mut conn, &mut sealed, &caller, questions, stop, now).await {
        Err(Unanswered::Unread) => {}
        Err(Unanswered::Failed(e)) => return Err(e),
        Ok(answers) => {
            conn.done();
            return Ok(answers);
        }
    }
    // Repeatable read on PostgreSQL; a WAL read snapshot on SQLite, which
    // takes no write gate.
    let mut tx = db.snapshot(&mut conn).await?;
    let mut seen = Seen::with_asker(&caller, now);
    let answers = answer_all(&mut tx, &mut seen, &caller, questions, stop, now).await;
    // Ended here, whatever the answers: the decision point's pool takes a
    // connection back as it is, and a ROLLBACK left queued would keep the
    // snapshot open until the connection's next use. If the request is
    // dropped before, or anything failed, the lent connection is closed
    // rather than pooled.
    tx.rollback().await?;
    let answers = answers?;
    conn.done();
    Ok(answers)
}

async fn answer_all(
    conn: &mut AnyConnection,
    seen: &mut Seen,
    caller: &Caller,
    questions: &[Evaluation],
    stop: Stop,
    now: i64,
) -> Result<Vec<Decision>, Unanswered> {
    let mut answers = Vec::with_capacity(questions.len());
    for q in questions {
        let d = evaluate(conn, seen, caller, q, now).await?;
        let done = stop.after(&d);
        answers.push(d);
        if done {
            break;
        }
    }
    Ok(answers)
}
