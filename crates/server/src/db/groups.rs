//! Groups of members, and how joining or leaving one moves task
//! assignments (R12, seed 004).

use sqlx::FromRow;

use super::Tx;

/// A group row.
#[derive(Clone, Debug, FromRow)]
pub struct Group {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// Creates a group.
pub async fn create(tx: &mut Tx, org_id: i64, name: &str, now: i64) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO org_groups (org_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(org_id)
    .bind(name)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// The group with this id in this org.
pub async fn by_id(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    id: i64,
) -> Result<Option<Group>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM org_groups WHERE org_id = $1 AND id = $2")
        .bind(org_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The org's groups with their member counts.
pub async fn list(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT g.id, g.name, (SELECT COUNT(*) FROM org_group_members m WHERE m.group_id = g.id)
         FROM org_groups g WHERE g.org_id = $1 ORDER BY g.name, g.id",
    )
    .bind(org_id)
    .fetch_all(conn)
    .await
}

/// User ids in the group.
pub async fn members(
    conn: &mut sqlx::AnyConnection,
    group_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> = sqlx::query_as(
        "SELECT user_id FROM org_group_members WHERE group_id = $1 ORDER BY user_id",
    )
    .bind(group_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Renames a group.
pub async fn rename(tx: &mut Tx, id: i64, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE org_groups SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Deletes a group; what it gave in projects goes with it, and its members'
/// assignments with no other source turn inactive.
pub async fn delete(tx: &mut Tx, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM org_groups WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    // What the group gave may still come from elsewhere (R12).
    super::tasks::refresh(tx, super::tasks::Scope::Group(id)).await
}

/// Adds a member; they get an active assignment in every pull task the
/// group is assigned to. False if already in.
pub async fn add_member(tx: &mut Tx, group_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO org_group_members (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(group_id)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO assignments (task_id, user_id, status, group_id)
         SELECT tg.task_id, $2, 'active', $1 FROM task_groups tg WHERE tg.group_id = $1
         ON CONFLICT (task_id, user_id) DO NOTHING",
    )
    .bind(group_id)
    .bind(user_id)
    .execute(&mut **tx)
    .await?;
    super::tasks::refresh(tx, super::tasks::Scope::User(user_id)).await?;
    Ok(done.rows_affected() == 1)
}

/// Removes a member; assignments with no other source turn inactive.
pub async fn remove_member(tx: &mut Tx, group_id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM org_group_members WHERE group_id = $1 AND user_id = $2")
        .bind(group_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    // Inactive only where no other source remains (R12).
    super::tasks::refresh(tx, super::tasks::Scope::User(user_id)).await?;
    Ok(done.rows_affected() == 1)
}

/// The group's members with their names, by name.
pub async fn member_list(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    group_id: i64,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.user_id, m.name, m.email FROM org_group_members gm
         JOIN memberships m ON m.user_id = gm.user_id AND m.org_id = $1
         WHERE gm.group_id = $2 ORDER BY m.name_lower, m.user_id",
    )
    .bind(org_id)
    .bind(group_id)
    .fetch_all(conn)
    .await
}

/// (user, group name) for each group of the org each of `users` is in, by
/// group name: the Groups column of the members list.
pub async fn names_of(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    users: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if users.is_empty() {
        return Ok(Vec::new());
    }
    let list = users
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    // The ids are integers from our own query, never user input.
    sqlx::query_as(&format!(
        "SELECT gm.user_id, g.name FROM org_group_members gm JOIN org_groups g ON g.id = gm.group_id
         WHERE g.org_id = $1 AND gm.user_id IN ({list}) ORDER BY g.name, g.id"
    ))
    .bind(org_id)
    .fetch_all(conn)
    .await
}
