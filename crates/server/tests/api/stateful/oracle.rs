//! The crate's decision on the same facts the server sees, read from the
//! database just before a request: what each compared step must answer.

use axum::http::StatusCode;
use permissions::{Action, Handover, Heir, Member, Seats, decide};
use serde_json::{Value, json};
use server::db::{members, orgs, projects};

use crate::support::{Session, TestApp};

/// What the crate says about one member change, from the database now.
pub(super) async fn crate_allows(app: &TestApp, org: i64, actor: i64, op: &Op) -> bool {
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let pool = &mut *conn;
    let now = app.state.clock.now();
    let Some(o) = orgs::by_id(&mut *pool, org).await.unwrap() else {
        return false;
    };
    let t = permissions::templates::by_key(&o.template).unwrap();
    let facts = |m: &members::Membership| server::access::facts(t, &o, m);
    let Some(me) = members::find(&mut *pool, org, actor).await.unwrap() else {
        return false;
    };
    let me = facts(&me);
    let target_id = op.target();
    let Some(target) = members::find(&mut *pool, org, target_id).await.unwrap() else {
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
        let mut conn = app.state.db.pool.acquire().await.unwrap();
        let owned = projects::owned_by(&mut conn, org, target_id)
            .await
            .unwrap()
            .len() as u32;
        let heir = match heir {
            None => Heir::Unnamed,
            Some(h) => match members::find(&mut conn, org, h).await.unwrap() {
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
pub(super) enum Settings<'a> {
    Template(&'a str),
    SeatLimit(Option<i64>),
}

/// What the crate says about a settings change, from the database now:
/// "org settings" (R1), then R19 for a template switch (and every role in
/// use must exist there) or R7 for a seat limit.
pub(super) async fn settings_allowed(
    app: &TestApp,
    org: i64,
    actor: i64,
    change: Settings<'_>,
) -> bool {
    let mut conn = app.state.db.pool.acquire().await.unwrap();
    let pool = &mut *conn;
    let now = app.state.clock.now();
    let Some(o) = orgs::by_id(&mut *pool, org).await.unwrap() else {
        return false;
    };
    let t = permissions::templates::by_key(&o.template).unwrap();
    let Some(me) = members::find(&mut *pool, org, actor).await.unwrap() else {
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
pub(super) enum Op {
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

    pub(super) async fn send(&self, app: &TestApp, org: i64, s: &Session) -> (StatusCode, Value) {
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
