//! Bulk import jobs: one row per commit, written outside the import's own
//! transaction so its progress and its end can be read by anyone.

use sqlx::{AnyConnection, FromRow};

/// A job as stored.
#[derive(Clone, Debug, FromRow)]
pub struct JobRow {
    /// Id.
    pub id: i64,
    /// The org.
    pub org_id: i64,
    /// Who committed.
    pub actor_id: i64,
    /// The plan it applies.
    pub plan_id: String,
    /// `running`, `done` or `failed`.
    pub state: String,
    /// Rows in the file.
    pub rows_total: i64,
    /// Rows applied so far.
    pub rows_done: i64,
    /// The per-row report (JSON), once done.
    pub report: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
    /// When committed.
    pub created_at: i64,
    /// Last sign of life.
    pub heartbeat_at: i64,
    /// When it ended.
    pub finished_at: Option<i64>,
}

const COLUMNS: &str = "id, org_id, actor_id, plan_id, state, rows_total, rows_done, report, error, \
                       created_at, heartbeat_at, finished_at";

/// What a new job is.
pub struct NewJob<'a> {
    /// The org.
    pub org_id: i64,
    /// Who commits.
    pub actor_id: i64,
    /// Through which key, if one.
    pub key_id: Option<i64>,
    /// The plan.
    pub plan_id: &'a str,
    /// The caller's `Idempotency-Key`, if sent.
    pub idempotency_key: Option<&'a str>,
    /// Rows in the file.
    pub rows_total: i64,
}

/// Starts a job; `None` when the org already has one under this
/// idempotency key.
pub async fn start(
    conn: &mut AnyConnection,
    j: &NewJob<'_>,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO import_jobs (org_id, actor_id, key_id, plan_id, idempotency_key, rows_total,
           created_at, heartbeat_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT (org_id, idempotency_key) DO NOTHING RETURNING id",
    )
    .bind(j.org_id)
    .bind(j.actor_id)
    .bind(j.key_id)
    .bind(j.plan_id)
    .bind(j.idempotency_key)
    .bind(j.rows_total)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| r.0))
}

/// The job started under `key` in `org`.
pub async fn by_key(
    conn: &mut AnyConnection,
    org_id: i64,
    key: &str,
) -> Result<Option<JobRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM import_jobs WHERE org_id = $1 AND idempotency_key = $2"
    ))
    .bind(org_id)
    .bind(key)
    .fetch_optional(conn)
    .await
}

/// Job `id` of `org`.
pub async fn find(
    conn: &mut AnyConnection,
    org_id: i64,
    id: i64,
) -> Result<Option<JobRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM import_jobs WHERE org_id = $1 AND id = $2"
    ))
    .bind(org_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Rows done so far, and a sign of life.
pub async fn progress(
    conn: &mut AnyConnection,
    id: i64,
    done: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE import_jobs SET rows_done = $1, heartbeat_at = $2 WHERE id = $3")
        .bind(done)
        .bind(now)
        .bind(id)
        .execute(conn)
        .await
        .map(drop)
}

/// The end: `done` with its report, or `failed` with why.
pub async fn finish(
    conn: &mut AnyConnection,
    id: i64,
    outcome: Result<&str, &str>,
    done: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    use api::import::JobState;
    let (state, report, error) = match outcome {
        Ok(report) => (JobState::Done, Some(report), None),
        Err(why) => (JobState::Failed, None, Some(why)),
    };
    sqlx::query(
        "UPDATE import_jobs SET state = $1, report = $2, error = $3, rows_done = $4,
           heartbeat_at = $5, finished_at = $5 WHERE id = $6 AND state = 'running'",
    )
    .bind(state.as_str())
    .bind(report)
    .bind(error)
    .bind(done)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await
    .map(drop)
}
