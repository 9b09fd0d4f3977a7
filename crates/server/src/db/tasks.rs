//! Tasks and their assignments.

use sqlx::FromRow;

use super::Tx;

/// A task row.
#[derive(Clone, Debug, FromRow)]
pub struct Task {
    /// Id.
    pub id: i64,
    /// The project.
    pub project_id: i64,
    /// Name.
    pub name: String,
    /// `pull` or `distribution`.
    pub mode: String,
}

/// Creates a task.
pub async fn create(
    tx: &mut Tx,
    project_id: i64,
    name: &str,
    mode: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as("INSERT INTO tasks (project_id, name, mode, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(project_id)
        .bind(name)
        .bind(mode)
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
    Ok(id)
}

/// The task with this id in this project.
pub async fn by_id(
    conn: &mut sqlx::AnyConnection,
    project_id: i64,
    id: i64,
) -> Result<Option<Task>, sqlx::Error> {
    sqlx::query_as("SELECT id, project_id, name, mode FROM tasks WHERE project_id = $1 AND id = $2")
        .bind(project_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Assigns a group: each of its members gets an active assignment.
pub async fn assign_group(tx: &mut Tx, task_id: i64, group_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO task_groups (task_id, group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(task_id)
    .bind(group_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO assignments (task_id, user_id, status, group_id)
         SELECT $1, gm.user_id, 'active', $2 FROM org_group_members gm WHERE gm.group_id = $2
         ON CONFLICT (task_id, user_id) DO UPDATE SET status = 'active', group_id = excluded.group_id",
    )
    .bind(task_id)
    .bind(group_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Assigns one user directly.
pub async fn assign_user(tx: &mut Tx, task_id: i64, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO assignments (task_id, user_id, status) VALUES ($1, $2, 'active')
         ON CONFLICT (task_id, user_id) DO UPDATE SET status = 'active', group_id = NULL",
    )
    .bind(task_id)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The task's assignments: (user id, name, status, via group).
pub async fn assignments(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
) -> Result<Vec<(i64, String, String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.user_id, u.name, a.status, a.group_id FROM assignments a JOIN users u ON u.id = a.user_id
         WHERE a.task_id = $1 ORDER BY u.name, a.user_id",
    )
    .bind(task_id)
    .fetch_all(conn)
    .await
}

/// The project's tasks, oldest first.
pub async fn of_project(
    conn: &mut sqlx::AnyConnection,
    project_id: i64,
) -> Result<Vec<Task>, sqlx::Error> {
    sqlx::query_as("SELECT id, project_id, name, mode FROM tasks WHERE project_id = $1 ORDER BY id")
        .bind(project_id)
        .fetch_all(conn)
        .await
}
