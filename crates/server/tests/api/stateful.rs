//! Random sequences of requests by random actors of every role and state
//! (suspended, expired, removed, of another org), through the real router.
//! After every step: no 5xx, the answer to a member change agrees with the
//! crate's decision on the same facts (allowed ⇔ 2xx), the invariants hold,
//! and the other org did not move. Seeded: a failure prints its seed and
//! the steps so far. `ROSTER_STATEFUL_OPS` sets the operations per run
//! (default 10,000), `ROSTER_STATEFUL_SEED` a single seed to replay.

use axum::http::{Method, StatusCode};
use permissions::{Action, Handover, Heir, Member, Seats, decide};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use server::db::{members, orgs, projects};

use crate::invariants::violations;
use crate::support::{Session, TestApp, token_of};

/// What the crate says about one member change, from the database now.
async fn crate_allows(app: &TestApp, org: i64, actor: i64, op: &Op) -> bool {
    let pool = &app.state.db.pool;
    let now = app.state.clock.now();
    let Some(o) = orgs::by_id(pool, org).await.unwrap() else {
        return false;
    };
    let t = permissions::templates::by_key(&o.template).unwrap();
    let facts = |m: &members::Membership| server::access::facts(t, &o, m);
    let Some(me) = members::find(pool, org, actor).await.unwrap() else {
        return false;
    };
    let me = facts(&me);
    let target_id = op.target();
    let Some(target) = members::find(pool, org, target_id).await.unwrap() else {
        // Unknown target: refused either way (R1 first, then 404).
        return false;
    };
    let target = facts(&target);
    let seats = match o.seat_limit {
        None => Seats::default(),
        Some(limit) => {
            let mut tx = app.state.db.begin().await.unwrap();
            let used = orgs::seats_used(&mut tx, org, now).await.unwrap();
            tx.commit().await.unwrap();
            Seats {
                used: used as u32,
                limit: Some(limit as u32),
            }
        }
    };
    let handover = |heir: Option<i64>| async move {
        let mut conn = pool.acquire().await.unwrap();
        let owned = projects::owned_by(&mut conn, org, target_id)
            .await
            .unwrap()
            .len() as u32;
        let heir = match heir {
            None => Heir::Unnamed,
            Some(h) => match members::find(pool, org, h).await.unwrap() {
                Some(m) => Heir::Member(facts(&m)),
                None => Heir::NotAMember,
            },
        };
        Handover { owned, heir }
    };
    let action = match op {
        Op::ChangeRole(_, role) => Action::ChangeRole {
            target,
            role: t.org_role(role).unwrap().grant(),
        },
        Op::Suspend(_, heir) => Action::Suspend {
            target,
            projects: handover(*heir).await,
        },
        Op::Reactivate(_) => Action::Reactivate { target, seats },
        Op::Remove(_, heir) => Action::Remove {
            target,
            projects: handover(*heir).await,
        },
        Op::SetExpiry(_, at) => Action::SetAccessExpiry {
            target,
            expires_at: *at,
            seats,
        },
        Op::TransferOwnership(_) => Action::TransferOwnership { target },
    };
    decide(now, &me as &Member, &action).is_allowed()
}

/// A settings change whose answer is compared with the crate.
enum Settings<'a> {
    Template(&'a str),
    SeatLimit(Option<i64>),
}

/// What the crate says about a settings change, from the database now:
/// "org settings" (R1), then R19 for a template switch (and every role in
/// use must exist there) or R7 for a seat limit.
async fn settings_allowed(app: &TestApp, org: i64, actor: i64, change: Settings<'_>) -> bool {
    let pool = &app.state.db.pool;
    let now = app.state.clock.now();
    let Some(o) = orgs::by_id(pool, org).await.unwrap() else {
        return false;
    };
    let t = permissions::templates::by_key(&o.template).unwrap();
    let Some(me) = members::find(pool, org, actor).await.unwrap() else {
        return false;
    };
    let me = server::access::facts(t, &o, &me);
    let base = decide(
        now,
        &me,
        &Action::Org(permissions::OrgPermission::ManageSettings),
    );
    if !base.is_allowed() {
        return false;
    }
    match change {
        Settings::Template(key) if key == o.template => true,
        Settings::Template(key) => {
            let to = permissions::templates::by_key(key).unwrap();
            let mut tx = app.state.db.begin().await.unwrap();
            let roles = members::roles_in_use(&mut tx, org).await.unwrap();
            tx.commit().await.unwrap();
            decide(now, &me, &Action::SwitchTemplate).is_allowed()
                && roles.iter().all(|r| to.org_role(r).is_some())
        }
        Settings::SeatLimit(limit) if limit == o.seat_limit => true,
        Settings::SeatLimit(limit) => {
            let mut tx = app.state.db.begin().await.unwrap();
            let used = orgs::seats_used(&mut tx, org, now).await.unwrap();
            tx.commit().await.unwrap();
            let action = Action::SetSeatLimit {
                limit: limit.map(|l| l as u32),
                used: used as u32,
            };
            decide(now, &me, &action).is_allowed()
        }
    }
}

/// A member change whose answer is compared with the crate.
#[derive(Debug)]
enum Op {
    ChangeRole(i64, String),
    Suspend(i64, Option<i64>),
    Reactivate(i64),
    Remove(i64, Option<i64>),
    SetExpiry(i64, Option<i64>),
    TransferOwnership(i64),
}

impl Op {
    fn target(&self) -> i64 {
        match self {
            Op::ChangeRole(u, _)
            | Op::Suspend(u, _)
            | Op::Reactivate(u)
            | Op::Remove(u, _)
            | Op::SetExpiry(u, _)
            | Op::TransferOwnership(u) => *u,
        }
    }

    async fn send(&self, app: &TestApp, org: i64, s: &Session) -> (StatusCode, Value) {
        let m = |u: i64| format!("/orgs/{org}/members/{u}");
        let q = |h: &Option<i64>| h.map(|h| format!("?reassign_to={h}")).unwrap_or_default();
        match self {
            Op::ChangeRole(u, r) => {
                app.put(&format!("{}/role", m(*u)), json!({"role": r}), s)
                    .await
            }
            Op::Suspend(u, h) => {
                app.post(&format!("{}/suspend{}", m(*u), q(h)), json!({}), s)
                    .await
            }
            Op::Reactivate(u) => {
                app.post(&format!("{}/reactivate", m(*u)), json!({}), s)
                    .await
            }
            Op::Remove(u, h) => app.delete(&format!("{}{}", m(*u), q(h)), s).await,
            Op::SetExpiry(u, at) => {
                app.put(
                    &format!("{}/access-expiry", m(*u)),
                    json!({"expires_at": at}),
                    s,
                )
                .await
            }
            Op::TransferOwnership(u) => {
                app.post(
                    &format!("/orgs/{org}/transfer-ownership"),
                    json!({"user_id": u}),
                    s,
                )
                .await
            }
        }
    }
}

struct World {
    app: TestApp,
    org: i64,
    other: i64,
    people: Vec<Session>,
    projects: Vec<i64>,
    groups: Vec<i64>,
    tasks: Vec<(i64, i64)>,
    /// People moved into the other org by a transfer (R14).
    moved_in: Vec<i64>,
    next_email: usize,
}

impl World {
    fn pick<'a, T>(rng: &mut StdRng, v: &'a [T]) -> &'a T {
        &v[rng.random_range(0..v.len())]
    }

    async fn template(&self) -> &'static permissions::Template {
        let o = orgs::by_id(&self.app.state.db.pool, self.org)
            .await
            .unwrap()
            .unwrap();
        permissions::templates::by_key(&o.template).unwrap()
    }

    async fn random_role(&self, rng: &mut StdRng) -> String {
        let t = self.template().await;
        Self::pick(rng, &t.org_roles).key.to_string()
    }

    /// One random step; returns a line for the failure report.
    async fn step(&mut self, rng: &mut StdRng) -> String {
        let app = &self.app;
        let org = self.org;
        let actor = Self::pick(rng, &self.people).clone();
        let target = Self::pick(rng, &self.people).user_id;
        let heir = rng
            .random_bool(0.5)
            .then(|| Self::pick(rng, &self.people).user_id);
        let now = app.state.clock.now();
        let change = match rng.random_range(0..16) {
            0 => Some(Op::ChangeRole(target, self.random_role(rng).await)),
            1 => Some(Op::Suspend(target, heir)),
            2 => Some(Op::Reactivate(target)),
            3 => Some(Op::Remove(target, heir)),
            4 => Some(Op::SetExpiry(
                target,
                rng.random_bool(0.5)
                    .then(|| now + rng.random_range(1..5000)),
            )),
            5 => Some(Op::TransferOwnership(target)),
            _ => None,
        };
        if let Some(op) = change {
            let expected = crate_allows(app, org, actor.user_id, &op).await;
            let (status, body) = op.send(app, org, &actor).await;
            assert!(
                status.is_success() == expected,
                "{op:?} by {}: crate says allowed={expected}, server {status} {body}",
                actor.user_id
            );
            return format!("{op:?} by {} -> {status}", actor.user_id);
        }
        let (what, (status, body)) = match rng.random_range(0..20) {
            10 => {
                let got = app
                    .post(
                        &format!("/orgs/{org}/groups"),
                        json!({"name": format!("G{}", rng.random::<u32>())}),
                        &actor,
                    )
                    .await;
                if let Some(id) = got.1["id"].as_i64() {
                    self.groups.push(id);
                }
                ("create group", got)
            }
            11 | 12 if !self.groups.is_empty() => {
                let g = *Self::pick(rng, &self.groups);
                let path = format!("/orgs/{org}/groups/{g}/members/{target}");
                if rng.random_bool(0.6) {
                    ("join group", app.put(&path, json!({}), &actor).await)
                } else {
                    ("leave group", app.delete(&path, &actor).await)
                }
            }
            13 if !self.projects.is_empty() => {
                let p = *Self::pick(rng, &self.projects);
                let mode = if rng.random_bool(0.7) {
                    "pull"
                } else {
                    "distribution"
                };
                let got = app
                    .post(
                        &format!("/orgs/{org}/projects/{p}/tasks"),
                        json!({"name": "T", "mode": mode}),
                        &actor,
                    )
                    .await;
                if let Some(id) = got.1["id"].as_i64() {
                    self.tasks.push((p, id));
                }
                ("create task", got)
            }
            14 if !self.tasks.is_empty() && !self.groups.is_empty() => {
                let (p, t) = *Self::pick(rng, &self.tasks);
                let g = *Self::pick(rng, &self.groups);
                let path = format!("/orgs/{org}/projects/{p}/tasks/{t}/groups/{g}");
                ("assign group", app.put(&path, json!({}), &actor).await)
            }
            15 if !self.tasks.is_empty() => {
                let (p, t) = *Self::pick(rng, &self.tasks);
                let path = format!("/orgs/{org}/projects/{p}/tasks/{t}/users/{target}");
                ("assign user", app.put(&path, json!({}), &actor).await)
            }
            16 => {
                let role = Self::pick(rng, &["member", "worker", "admin"]).to_string();
                let body = json!({"to_org": self.other, "role": role, "reassign_to": heir});
                let path = format!("/orgs/{org}/members/{target}/transfer");
                let got = app.post(&path, body, &actor).await;
                if got.0.is_success() {
                    self.moved_in.push(target);
                }
                ("transfer user", got)
            }
            17 | 18 => {
                let open: Vec<(i64,)> = sqlx::query_as(
                    "SELECT id FROM invitations WHERE org_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL",
                )
                .bind(org)
                .fetch_all(&app.state.db.pool)
                .await
                .unwrap();
                if open.is_empty() {
                    ("no invitation", (StatusCode::OK, Value::Null))
                } else {
                    let id = Self::pick(rng, &open).0;
                    let base = format!("/orgs/{org}/invitations/{id}");
                    match rng.random_range(0..4) {
                        0 => (
                            "resend",
                            app.post(&format!("{base}/resend"), json!({}), &actor).await,
                        ),
                        1 => (
                            "copy link",
                            app.post(&format!("{base}/link"), json!({}), &actor).await,
                        ),
                        2 => (
                            "revoke",
                            app.post(&format!("{base}/revoke"), json!({}), &actor).await,
                        ),
                        _ => {
                            let role = self.random_role(rng).await;
                            (
                                "edit invitation",
                                app.put(&format!("{base}/role"), json!({"role": role}), &actor)
                                    .await,
                            )
                        }
                    }
                }
            }
            0 => {
                self.next_email += 1;
                let email = format!("p{}@acme.io", self.next_email);
                let role = self.random_role(rng).await;
                let got = app
                    .post(
                        &format!("/orgs/{org}/invitations"),
                        json!({"emails": [email], "role": role}),
                        &actor,
                    )
                    .await;
                if got.1["results"][0]["outcome"] == "sent" && rng.random_bool(0.7) {
                    let token = token_of(&app.last_link(&email).await);
                    let body = json!({"token": token, "name": "New", "password": "password123"});
                    let (status, headers, bytes) = app
                        .send_raw(
                            Method::POST,
                            "/invitations/accept",
                            Some(body.to_string()),
                            None,
                        )
                        .await;
                    if status.is_success() {
                        self.people
                            .push(crate::support::session_from(&headers, &bytes));
                    }
                }
                ("invite", got)
            }
            1 => {
                let key = Self::pick(rng, permissions::templates::all())
                    .key
                    .to_string();
                let expected =
                    settings_allowed(app, org, actor.user_id, Settings::Template(&key)).await;
                let got = app
                    .send(
                        Method::PATCH,
                        &format!("/orgs/{org}"),
                        Some(json!({"template": key})),
                        Some(&actor),
                    )
                    .await;
                assert_eq!(
                    got.0.is_success(),
                    expected,
                    "switch to {key} by {}: {}",
                    actor.user_id,
                    got.1
                );
                ("switch template", got)
            }
            2 => {
                let got = app
                    .post(
                        &format!("/orgs/{org}/projects"),
                        json!({"name": "P"}),
                        &actor,
                    )
                    .await;
                if let Some(id) = got.1["id"].as_i64() {
                    self.projects.push(id);
                }
                ("create project", got)
            }
            3 if !self.projects.is_empty() => {
                let p = *Self::pick(rng, &self.projects);
                (
                    "claim",
                    app.post(
                        &format!("/orgs/{org}/projects/{p}/claim"),
                        json!({}),
                        &actor,
                    )
                    .await,
                )
            }
            4 => {
                let limit = rng.random_bool(0.7).then(|| rng.random_range(1..12));
                let expected =
                    settings_allowed(app, org, actor.user_id, Settings::SeatLimit(limit)).await;
                let got = app
                    .send(
                        Method::PATCH,
                        &format!("/orgs/{org}"),
                        Some(json!({"seat_limit": limit})),
                        Some(&actor),
                    )
                    .await;
                assert_eq!(
                    got.0.is_success(),
                    expected,
                    "seat limit {limit:?} by {}: {}",
                    actor.user_id,
                    got.1
                );
                ("seat limit", got)
            }
            5 => (
                "leave",
                app.post(&format!("/orgs/{org}/leave"), json!({}), &actor)
                    .await,
            ),
            6 => {
                app.state.clock.advance(rng.random_range(0..4000));
                ("advance clock", (StatusCode::OK, Value::Null))
            }
            7 => ("read org", app.get(&format!("/orgs/{org}"), &actor).await),
            8 => (
                "list projects",
                app.get(&format!("/orgs/{org}/projects"), &actor).await,
            ),
            _ => (
                "list members",
                app.get(&format!("/orgs/{org}/members"), &actor).await,
            ),
        };
        assert!(
            !status.is_server_error(),
            "{what} by {}: {status} {body}",
            actor.user_id
        );
        format!("{what} by {} -> {status}", actor.user_id)
    }
}

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
