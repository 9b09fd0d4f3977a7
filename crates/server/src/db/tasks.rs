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

/// Which assignments to bring up to date with their sources.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    /// Every assignment of one user.
    User(i64),
    /// Every assignment of one task.
    Task(i64),
    /// Every assignment a (possibly deleted) group gave.
    Group(i64),
}

/// R12: an assignment is active exactly while a source remains — it was
/// made directly, or the user is in a group assigned to the task — and
/// names one such group. The one place assignment status is derived.
pub async fn refresh(tx: &mut Tx, scope: Scope) -> Result<(), sqlx::Error> {
    const VIA: &str = "FROM task_groups tg JOIN org_group_members gm ON gm.group_id = tg.group_id
        WHERE tg.task_id = assignments.task_id AND gm.user_id = assignments.user_id";
    let (filter, id) = match scope {
        Scope::User(id) => ("user_id = $1", id),
        Scope::Task(id) => ("task_id = $1", id),
        Scope::Group(id) => ("group_id = $1", id),
    };
    sqlx::query(&format!(
        "UPDATE assignments SET
            group_id = (SELECT MIN(tg.group_id) {VIA}),
            status = CASE WHEN direct = 1 OR EXISTS (SELECT 1 {VIA}) THEN 'active' ELSE 'inactive' END
         WHERE {filter}"
    ))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
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
         ON CONFLICT (task_id, user_id) DO NOTHING",
    )
    .bind(task_id)
    .bind(group_id)
    .execute(&mut **tx)
    .await?;
    refresh(tx, Scope::Task(task_id)).await
}

/// Assigns one user directly: a source of its own, beside any group.
pub async fn assign_user(tx: &mut Tx, task_id: i64, user_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO assignments (task_id, user_id, status, direct) VALUES ($1, $2, 'active', 1)
         ON CONFLICT (task_id, user_id) DO UPDATE SET direct = 1",
    )
    .bind(task_id)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    refresh(tx, Scope::User(user_id)).await
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
