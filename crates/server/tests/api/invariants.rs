//! What must always hold in an org, read straight from the database: the
//! one place the global invariants are stated (docs/architecture.md lists
//! them). The stateful test checks it after every step.

use server::db::orgs;

use crate::support::TestApp;

async fn rows<T>(app: &TestApp, sql: &str, org: i64) -> Vec<T>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    sqlx::query_as(sql)
        .bind(org)
        .fetch_all(&app.state.db.pool)
        .await
        .expect("invariant query")
}

/// Every violated invariant of `org`, in words; empty when all hold.
pub async fn violations(app: &TestApp, org: i64, now: i64) -> Vec<String> {
    let mut out = Vec::new();
    let Some(o) = orgs::by_id(&mut app.state.db.pool.acquire().await.expect("conn"), org)
        .await
        .expect("org")
    else {
        return out; // deleted: nothing of it may remain (checked below)
    };
    let Some(t) = permissions::templates::by_key(&o.template) else {
        return vec![format!("unknown template {:?}", o.template)];
    };
    // R4: exactly one Owner — the org's owner_id, holding the Owner role,
    // active, with no access expiry; nobody else holds the Owner role.
    let owner_key = t
        .owner_role()
        .map(|r| r.key.to_string())
        .unwrap_or_default();
    let owners: Vec<(i64, String, Option<i64>)> = rows(
        app,
        "SELECT user_id, status, access_expires_at FROM memberships WHERE org_id = $1 AND role = 'owner'",
        org,
    )
    .await;
    if owners.len() != 1 || owners[0].0 != o.owner_id || owner_key != "owner" {
        out.push(format!(
            "R4: owner rows {owners:?}, owner_id {}",
            o.owner_id
        ));
    } else if owners[0].1 != "active" || owners[0].2.is_some() {
        out.push(format!(
            "R4: the Owner is {} with expiry {:?}",
            owners[0].1, owners[0].2
        ));
    }
    // R7: seats in use never exceed the limit.
    if let Some(limit) = o.seat_limit {
        let mut tx = app.state.db.begin().await.expect("tx");
        let used = orgs::seats_used(&mut tx, org, now).await.expect("seats");
        tx.commit().await.expect("commit");
        if used > limit {
            out.push(format!("R7: {used} seats used of {limit}"));
        }
    }
    // Every role in use exists in the template.
    let roles: Vec<(String,)> = rows(
        app,
        "SELECT role FROM memberships WHERE org_id = $1 UNION SELECT role FROM invitations
         WHERE org_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND declined_at IS NULL
           AND superseded_at IS NULL UNION SELECT default_role FROM org_domains WHERE org_id = $1",
        org,
    )
    .await;
    for (role,) in roles {
        if t.org_role(&role).is_none() {
            out.push(format!("role {role:?} is not in the {} template", t.key));
        }
    }
    // R13: nobody waits in the join queue who is already a member.
    let queued: Vec<(i64,)> = rows(
        app,
        "SELECT user_id FROM join_requests WHERE org_id = $1
           AND user_id IN (SELECT user_id FROM memberships WHERE org_id = $1)",
        org,
    )
    .await;
    if !queued.is_empty() {
        out.push(format!("R13: members in the join queue: {queued:?}"));
    }
    // Nothing of another org: project members, group members, active
    // assignments and project owners are all members of this org.
    for (what, sql) in [
        (
            "project member",
            "SELECT pm.user_id FROM project_members pm JOIN projects p ON p.id = pm.project_id
             WHERE p.org_id = $1 AND pm.user_id NOT IN (SELECT user_id FROM memberships WHERE org_id = $1)",
        ),
        (
            "group member",
            "SELECT gm.user_id FROM org_group_members gm JOIN org_groups g ON g.id = gm.group_id
             WHERE g.org_id = $1 AND gm.user_id NOT IN (SELECT user_id FROM memberships WHERE org_id = $1)",
        ),
        (
            "active assignee",
            "SELECT a.user_id FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN projects p ON p.id = t.project_id
             WHERE p.org_id = $1 AND a.status = 'active'
               AND a.user_id NOT IN (SELECT user_id FROM memberships WHERE org_id = $1)",
        ),
        (
            "project owner",
            "SELECT owner_id FROM projects WHERE org_id = $1
               AND owner_id NOT IN (SELECT user_id FROM memberships WHERE org_id = $1)",
        ),
        (
            "assignment group",
            "SELECT a.user_id FROM assignments a JOIN tasks t ON t.id = a.task_id JOIN projects p ON p.id = t.project_id
             WHERE p.org_id = $1 AND a.group_id IS NOT NULL
               AND a.group_id NOT IN (SELECT id FROM org_groups WHERE org_id = $1)",
        ),
    ] {
        let bad: Vec<(i64,)> = rows(app, sql, org).await;
        if !bad.is_empty() {
            out.push(format!("{what} outside the org: {bad:?}"));
        }
    }
    out
}
