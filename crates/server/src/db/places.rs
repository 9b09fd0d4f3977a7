//! Where a resource lives, for the decision point: the org (and project)
//! of a group, a task or an invitation, read by id alone.

use sqlx::AnyConnection;

/// The org of group `id`.
pub async fn group_org(conn: &mut AnyConnection, id: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT org_id FROM org_groups WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(|r| r.0))
}

/// The org and project of task `id`.
pub async fn task_place(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.org_id, t.project_id FROM tasks t JOIN projects p ON p.id = t.project_id \
         WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The org of invitation `id` (a superseded one is gone).
pub async fn invitation_org(conn: &mut AnyConnection, id: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT org_id FROM invitations WHERE id = $1 AND superseded_at IS NULL")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|r| r.0))
}
