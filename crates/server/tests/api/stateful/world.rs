//! The state a sequence acts on and one random step of it.

use axum::http::{Method, StatusCode};
use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Value, json};
use server::db::orgs;

use super::oracle::{Op, Settings, crate_allows, settings_allowed};
use crate::support::{Session, TestApp, token_of};

pub(super) struct World {
    pub(super) app: TestApp,
    pub(super) org: i64,
    pub(super) other: i64,
    pub(super) people: Vec<Session>,
    pub(super) projects: Vec<i64>,
    pub(super) groups: Vec<i64>,
    pub(super) tasks: Vec<(i64, i64)>,
    /// People moved into the other org by a transfer (R14).
    pub(super) moved_in: Vec<i64>,
    pub(super) next_email: usize,
    /// People who signed up at the org's domain (R13 steps).
    pub(super) newcomers: Vec<Session>,
}

impl World {
    fn pick<'a, T>(rng: &mut StdRng, v: &'a [T]) -> &'a T {
        &v[rng.random_range(0..v.len())]
    }

    async fn template(&self) -> &'static permissions::Template {
        let o = orgs::by_id(
            &mut self.app.state.db.pool.acquire().await.unwrap(),
            self.org,
        )
        .await
        .unwrap()
        .unwrap();
        permissions::templates::by_key(&o.template).unwrap()
    }

    pub(super) async fn random_role(&self, rng: &mut StdRng) -> String {
        let t = self.template().await;
        Self::pick(rng, &t.org_roles).key.to_string()
    }

    /// One random step; returns a line for the failure report.
    pub(super) async fn step(&mut self, rng: &mut StdRng) -> String {
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
            9 | 19 => super::domains::step(self, rng, &actor).await,
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

/// The org's Owner now (ownership moves during a sequence).
pub(super) async fn owner_of(app: &TestApp, org: i64) -> i64 {
    orgs::by_id(&mut app.state.db.pool.acquire().await.unwrap(), org)
        .await
        .unwrap()
        .map_or(0, |o| o.owner_id)
}
