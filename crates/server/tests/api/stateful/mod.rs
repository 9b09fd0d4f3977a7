//! Random sequences of requests by random actors of every role and state
//! (suspended, expired, removed, of another org), through the real router.
//! After every step: no 5xx, the answer to a member change agrees with the
//! crate's decision on the same facts (allowed ⇔ 2xx), the invariants hold,
//! and the other org did not move. Seeded: a failure prints its seed and
//! the steps so far. `ROSTER_STATEFUL_OPS` sets the operations per run
//! (default 10,000), `ROSTER_STATEFUL_SEED` a single seed to replay.

mod domains;
mod oracle;
mod world;

use rand::SeedableRng;
use rand::rngs::StdRng;
use server::db::members;

use crate::invariants::violations;
use crate::support::{Session, TestApp};
use world::World;

/// Per kind of step: (answered 2xx, tried).
type Tally = std::collections::BTreeMap<String, (usize, usize)>;

async fn sequence(seed: u64, steps: usize, tally: &mut Tally) {
    let mut rng = StdRng::seed_from_u64(seed);
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (other, b) = app.org_with_every_role("dataloop").await;
    let mut people: Vec<Session> = s.into_iter().map(|(_, s)| s).collect();
    // Someone of the other org only, as an actor and a target.
    people.push(b[1].1.clone());
    // Org A's Admin is an Admin of the other org too: transfers can land.
    let admin_a = people[1].user_id;
    let mut tx = app.state.db.begin().await.unwrap();
    members::insert(
        &mut tx,
        other,
        admin_a,
        "admin",
        "Admin A",
        "admin-a@acme.io",
        app.state.clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut world = World {
        app,
        org,
        other,
        people,
        projects: Vec::new(),
        groups: Vec::new(),
        tasks: Vec::new(),
        moved_in: Vec::new(),
        next_email: 0,
        newcomers: Vec::new(),
    };
    let other_before = other_org(&world).await;
    let mut log = Vec::new();
    for i in 0..steps {
        log.push(world.step(&mut rng).await);
        let now = world.app.state.clock.now();
        let mut bad = violations(&world.app, world.org, now).await;
        bad.extend(violations(&world.app, world.other, now).await);
        assert!(
            bad.is_empty(),
            "seed {seed}, step {i}: {bad:?}\n{}",
            log.join("\n")
        );
        assert_eq!(
            other_org(&world).await,
            other_before,
            "seed {seed}: the other org moved\n{}",
            log.join("\n")
        );
    }
    for line in &log {
        let kind = line.split(" by ").next().unwrap_or_default();
        let kind = kind.split('(').next().unwrap_or_default().to_string();
        let entry = tally.entry(kind).or_default();
        entry.1 += 1;
        if line.contains("-> 2") {
            entry.0 += 1;
        }
    }
}

/// The other org's rows: no step in the first may change them, but for
/// the people a transfer moved in.
async fn other_org(w: &World) -> Vec<(i64, String, String)> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT user_id, role, status FROM memberships WHERE org_id = $1 ORDER BY user_id",
    )
    .bind(w.other)
    .fetch_all(&w.app.state.db.pool)
    .await
    .unwrap();
    rows.into_iter()
        .filter(|r| !w.moved_in.contains(&r.0))
        .collect()
}

/// A sequence's length, 50–200, fixed by its seed so a replay is exact.
fn steps_of(seed: u64) -> usize {
    50 + (seed as usize * 37) % 151
}

#[tokio::test]
async fn random_sequences_keep_every_invariant() {
    let total: usize = std::env::var("ROSTER_STATEFUL_OPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    if let Some(seed) = std::env::var("ROSTER_STATEFUL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return sequence(seed, steps_of(seed), &mut Tally::new()).await;
    }
    let mut done = 0;
    let mut seed = 1;
    let mut tally = Tally::new();
    while done < total {
        let steps = steps_of(seed);
        sequence(seed, steps, &mut tally).await;
        done += steps;
        seed += 1;
    }
    eprintln!("stateful: {done} operations in {} sequences", seed - 1);
    for (kind, (ok, tried)) in &tally {
        eprintln!("  {kind:<12} {ok:>5} of {tried:>5} answered 2xx");
    }
}
