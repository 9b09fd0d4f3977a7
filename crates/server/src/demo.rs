//! `--demo`: a live org to look at, and `--demo-members N` for scale runs.

use permissions::templates;

use crate::auth::password;
use crate::db::{Bind, SqlBuilder, members, orgs, users};
use crate::state::AppState;

/// Password of the demo's named accounts.
pub const DEMO_PASSWORD: &str = "roster-demo";

const FIRST: &[&str] = &[
    "Ada",
    "Grace",
    "Alan",
    "Edsger",
    "Barbara",
    "Donald",
    "Frances",
    "Ken",
    "Radia",
    "Leslie",
    "Margaret",
    "John",
    "Katherine",
    "Dennis",
    "Sophie",
    "Tim",
    "Hedy",
    "Linus",
    "Anita",
    "Guido",
];
const LAST: &[&str] = &[
    "Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman",
    "Lamport", "Hamilton", "Backus", "Johnson", "Ritchie", "Wilson", "Berners", "Lamarr",
    "Torvalds", "Borg", "Rossum",
];

/// Seeds the demo org unless the database already has accounts. Returns
/// whether it seeded.
pub async fn seed(state: &AppState, generated: u32) -> anyhow::Result<bool> {
    if users::any_exist(&mut *state.db.pool.acquire().await?).await? {
        tracing::info!("database not empty: demo data not added");
        return Ok(false);
    }
    let now = state.clock.now();
    let hash = password::hash(state.config.password_cost, DEMO_PASSWORD.into()).await?;
    let t = templates::default_template();
    let mut tx = state.db.begin().await?;
    let mut ids = Vec::new();
    for role in &t.org_roles {
        let email = format!("{}@demo.roster.test", role.key);
        let name = format!("Demo {}", role.name);
        let id = users::create(&mut tx, &email, &name, Some(&hash), true, now)
            .await?
            .unwrap_or_default();
        ids.push((id, role.key.to_string(), name, email));
    }
    let org = orgs::create(&mut tx, "Demo Labs", ids[0].0, "default", None, now).await?;
    for (id, role, name, email) in &ids {
        members::insert(&mut tx, org, *id, role, name, email, now).await?;
    }
    let inviter = ids[0].0;
    for (i, expired) in [(1, false), (2, false), (3, false), (4, true), (5, true)] {
        let token = crate::auth::token::Token::generate();
        let email = format!("invitee{i}@example.org");
        let expires_at = if expired {
            now - 3600
        } else {
            now + 7 * 24 * 3600
        };
        crate::db::invitations::insert(
            &mut tx,
            &crate::db::invitations::NewInvitation {
                org_id: org,
                email: &email,
                role: "labeler",
                invited_by: inviter,
                message: None,
                token_hash: &token.hash(),
                now: now - 8 * 24 * 3600 * i64::from(expired),
                expires_at,
            },
        )
        .await?;
    }
    tx.commit().await?;
    generate_members(state, org, generated, now).await?;
    state.db.optimize().await?;
    tracing::info!(
        org,
        generated,
        "demo org seeded: sign in as owner@demo.roster.test / {DEMO_PASSWORD} (or admin@, manager@, member@, labeler@, viewer@)"
    );
    Ok(true)
}

/// Inserts `n` members in batches: users first, then their memberships in
/// one INSERT … SELECT per batch.
async fn generate_members(state: &AppState, org: i64, n: u32, now: i64) -> anyhow::Result<()> {
    const BATCH: u32 = 1000;
    let mut done = 0;
    while done < n {
        let upto = (done + BATCH).min(n);
        let mut tx = state.db.begin().await?;
        let (before,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) FROM users")
            .fetch_one(&mut *tx)
            .await?;
        let mut b = SqlBuilder::default();
        b.push("INSERT INTO users (email, email_lower, name, email_verified, created_at) VALUES ");
        for i in done..upto {
            let name = format!(
                "{} {} {i}",
                FIRST[i as usize % FIRST.len()],
                LAST[(i as usize / FIRST.len()) % LAST.len()]
            );
            let email = format!("member{i}@demo.example");
            if i > done {
                b.push(", ");
            }
            b.push("(")
                .bind(Bind::Text(email.clone()))
                .push(", ")
                .bind(Bind::Text(email))
                .push(", ")
                .bind(Bind::Text(name))
                .push(", 1, ")
                .bind(Bind::Int(now - i64::from(i)))
                .push(")");
        }
        b.query().execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO memberships (org_id, user_id, role, status, name, email, name_lower, email_lower, joined_at)
             SELECT $1, id,
                    CASE id % 10 WHEN 0 THEN 'manager' WHEN 1 THEN 'member' WHEN 2 THEN 'member' WHEN 3 THEN 'viewer' ELSE 'labeler' END,
                    CASE WHEN id % 25 = 0 THEN 'suspended' ELSE 'active' END,
                    name, email, lower(name), email_lower, created_at
             FROM users WHERE id > $2",
        )
        .bind(org)
        .bind(before)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        done = upto;
        if done % 100_000 == 0 {
            tracing::info!(done, "demo members");
        }
    }
    Ok(())
}
