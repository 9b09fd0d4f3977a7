//! Projects, their owner and direct project roles.

use sqlx::FromRow;

use super::Tx;

/// A project row.
#[derive(Clone, Debug, FromRow)]
pub struct Project {
    /// Id.
    pub id: i64,
    /// The org.
    pub org_id: i64,
    /// Name.
    pub name: String,
    /// The one owner: the project's Manager (R10, R11).
    pub owner_id: i64,
    /// The owner's display name (projects list it on their card).
    pub owner_name: String,
}

/// A project's columns, with its owner's name; the table is `p`.
const COLUMNS: &str = "p.id, p.org_id, p.name, p.owner_id,
    COALESCE((SELECT u.name FROM users u WHERE u.id = p.owner_id), '') AS owner_name";

/// Creates a project owned by `owner_id`.
pub async fn create(
    tx: &mut Tx,
    org_id: i64,
    name: &str,
    owner_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as("INSERT INTO projects (org_id, name, owner_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(org_id)
        .bind(name)
        .bind(owner_id)
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
    Ok(id)
}

/// The project with this id in this org.
pub async fn by_id(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    id: i64,
) -> Result<Option<Project>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM projects p WHERE p.org_id = $1 AND p.id = $2"
    ))
    .bind(org_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Every project of the org, by name.
/// The org a project belongs to, if the project exists.
pub async fn org_of(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT org_id FROM projects WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(|r| r.0))
}

pub async fn all(conn: &mut sqlx::AnyConnection, org_id: i64) -> Result<Vec<Project>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM projects p WHERE p.org_id = $1 ORDER BY p.name, p.id"
    ))
    .bind(org_id)
    .fetch_all(conn)
    .await
}

/// The projects a user owns, is on directly, or is on through a group.
pub async fn of_user(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    user_id: i64,
) -> Result<Vec<Project>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM projects p WHERE p.org_id = $1 AND (
            p.owner_id = $2
            OR EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = $2)
            OR EXISTS (SELECT 1 FROM project_groups pg JOIN org_group_members gm ON gm.group_id = pg.group_id
                       WHERE pg.project_id = p.id AND gm.user_id = $2))
         ORDER BY p.name, p.id"
    ))
    .bind(org_id)
    .bind(user_id)
    .fetch_all(conn)
    .await
}

/// Ids of the org's projects that `user_id` owns.
pub async fn owned_by(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    user_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM projects WHERE org_id = $1 AND owner_id = $2")
            .bind(org_id)
            .bind(user_id)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Gives every project `from` owns in the org to `to` (R10, one statement).
pub async fn reassign_all(
    tx: &mut Tx,
    org_id: i64,
    from: i64,
    to: i64,
) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("UPDATE projects SET owner_id = $1 WHERE org_id = $2 AND owner_id = $3")
        .bind(to)
        .bind(org_id)
        .bind(from)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

/// Sets the owner of one project.
pub async fn set_owner(tx: &mut Tx, project_id: i64, owner_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE projects SET owner_id = $1 WHERE id = $2")
        .bind(owner_id)
        .bind(project_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The direct project role of a user, if any.
pub async fn direct_role(
    conn: &mut sqlx::AnyConnection,
    project_id: i64,
    user_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT role FROM project_members WHERE project_id = $1 AND user_id = $2")
            .bind(project_id)
            .bind(user_id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|r| r.0))
}

/// The project roles a user holds through groups (R12).
pub async fn group_roles(
    conn: &mut sqlx::AnyConnection,
    project_id: i64,
    user_id: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT pg.role FROM project_groups pg JOIN org_group_members gm ON gm.group_id = pg.group_id
         WHERE pg.project_id = $1 AND gm.user_id = $2",
    )
    .bind(project_id)
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Every project role a user holds in an org's projects, in one query:
/// (project, role key, whether through a group). For project lists.
pub async fn roles_of_user(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    user_id: i64,
) -> Result<Vec<(i64, String, bool)>, sqlx::Error> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT pm.project_id, pm.role, 0 FROM project_members pm JOIN projects p ON p.id = pm.project_id
         WHERE p.org_id = $1 AND pm.user_id = $2
         UNION ALL
         SELECT pg.project_id, pg.role, 1 FROM project_groups pg
         JOIN org_group_members gm ON gm.group_id = pg.group_id
         JOIN projects p ON p.id = pg.project_id
         WHERE p.org_id = $1 AND gm.user_id = $2",
    )
    .bind(org_id)
    .bind(user_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(p, role, group)| (p, role, group != 0))
        .collect())
}

/// A user's standing in each project of an org they are on: (project,
/// the group's name when the role comes through a group, role key).
pub async fn standing_of_user(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    user_id: i64,
) -> Result<Vec<(i64, Option<String>, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT pm.project_id, NULL, pm.role FROM project_members pm JOIN projects p ON p.id = pm.project_id
         WHERE p.org_id = $1 AND pm.user_id = $2
         UNION ALL
         SELECT pg.project_id, g.name, pg.role FROM project_groups pg
         JOIN org_groups g ON g.id = pg.group_id
         JOIN org_group_members gm ON gm.group_id = pg.group_id
         JOIN projects p ON p.id = pg.project_id
         WHERE p.org_id = $1 AND gm.user_id = $2
         ORDER BY 1, 2",
    )
    .bind(org_id)
    .bind(user_id)
    .fetch_all(conn)
    .await
}

/// Everyone on a project: (user, name, email, direct role or, through a
/// group, the group's name and role); one row per grant, by name.
pub async fn people(
    conn: &mut sqlx::AnyConnection,
    project_id: i64,
) -> Result<Vec<(i64, String, String, Option<String>, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.name, u.email, NULL, pm.role FROM project_members pm JOIN users u ON u.id = pm.user_id
         WHERE pm.project_id = $1
         UNION ALL
         SELECT u.id, u.name, u.email, g.name, pg.role FROM project_groups pg
         JOIN org_groups g ON g.id = pg.group_id
         JOIN org_group_members gm ON gm.group_id = pg.group_id
         JOIN users u ON u.id = gm.user_id
         WHERE pg.project_id = $1
         ORDER BY 2, 1",
    )
    .bind(project_id)
    .fetch_all(conn)
    .await
}

/// Sets a direct project role.
pub async fn set_member(
    tx: &mut Tx,
    project_id: i64,
    user_id: i64,
    role: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role",
    )
    .bind(project_id)
    .bind(user_id)
    .bind(role)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Removes a direct project role.
pub async fn remove_member(
    tx: &mut Tx,
    project_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM project_members WHERE project_id = $1 AND user_id = $2")
        .bind(project_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets a group's role in a project.
pub async fn set_group(
    tx: &mut Tx,
    project_id: i64,
    group_id: i64,
    role: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO project_groups (project_id, group_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (project_id, group_id) DO UPDATE SET role = excluded.role",
    )
    .bind(project_id)
    .bind(group_id)
    .bind(role)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Everything a removed member held in the org's projects goes: direct
/// roles and group memberships; their task assignments turn inactive.
pub async fn forget_member(tx: &mut Tx, org_id: i64, user_id: i64) -> Result<(), sqlx::Error> {
    for sql in [
        "DELETE FROM project_members WHERE user_id = $2 AND project_id IN (SELECT id FROM projects WHERE org_id = $1)",
        "DELETE FROM org_group_members WHERE user_id = $2 AND group_id IN (SELECT id FROM org_groups WHERE org_id = $1)",
        "UPDATE assignments SET status = 'inactive', direct = 0, group_id = NULL WHERE user_id = $2 AND task_id IN
            (SELECT t.id FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.org_id = $1)",
    ] {
        sqlx::query(sql)
            .bind(org_id)
            .bind(user_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Project counts for a page of members (owner, direct or through a group).
pub async fn counts(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    users: &[i64],
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
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
        "SELECT u.id, (SELECT COUNT(*) FROM projects p WHERE p.org_id = $1 AND (
            p.owner_id = u.id
            OR EXISTS (SELECT 1 FROM project_members pm WHERE pm.project_id = p.id AND pm.user_id = u.id)
            OR EXISTS (SELECT 1 FROM project_groups pg JOIN org_group_members gm ON gm.group_id = pg.group_id
                       WHERE pg.project_id = p.id AND gm.user_id = u.id)))
         FROM users u WHERE u.id IN ({list})"
    ))
    .bind(org_id)
    .fetch_all(&mut *conn)
    .await
}

/// R14: the projects `user_id` owns in `from` move to `to`. What tied them
/// to `from` goes: its groups' roles and task assignments, and the roles
/// and assignments of people who are not members of `to`.
pub async fn move_owned(tx: &mut Tx, from: i64, to: i64, user_id: i64) -> Result<u64, sqlx::Error> {
    let moved = sqlx::query("UPDATE projects SET org_id = $1 WHERE org_id = $2 AND owner_id = $3")
        .bind(to)
        .bind(from)
        .bind(user_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    for sql in [
        "DELETE FROM project_groups WHERE project_id IN (SELECT id FROM projects WHERE org_id = $1 AND owner_id = $2)",
        "DELETE FROM task_groups WHERE task_id IN (SELECT t.id FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.org_id = $1 AND p.owner_id = $2)",
        "DELETE FROM project_members WHERE project_id IN (SELECT id FROM projects WHERE org_id = $1 AND owner_id = $2)
            AND user_id NOT IN (SELECT user_id FROM memberships WHERE org_id = $1)",
        // Nothing of the source org stays visible (R14): people who are not
        // in the destination lose their assignments there, and an
        // assignment a source-org group gave has no source left.
        "DELETE FROM assignments WHERE task_id IN
            (SELECT t.id FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.org_id = $1 AND p.owner_id = $2)
            AND user_id NOT IN (SELECT user_id FROM memberships WHERE org_id = $1)",
        "UPDATE assignments SET group_id = NULL,
            status = CASE WHEN direct = 1 THEN 'active' ELSE 'inactive' END WHERE group_id IS NOT NULL AND task_id IN
            (SELECT t.id FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.org_id = $1 AND p.owner_id = $2)",
    ] {
        sqlx::query(sql).bind(to).bind(user_id).execute(&mut **tx).await?;
    }
    Ok(moved)
}
