//! The server may not drift from the crate: for every template, every org
//! role as actor × every member action × every target role (and oneself)
//! answers through HTTP exactly what `permissions::decide` says.

use axum::http::StatusCode;
use permissions::{Action, Actor, Denial, Grant, Seats, UserId, decide, templates};
use serde_json::{Value, json};

use crate::support::{Session, TestApp};

fn grant(t: &permissions::Template, key: &str, owner: bool) -> Grant {
    let mut g = t.org_role(key).unwrap().grant();
    g.owner = owner;
    g
}

fn expected_status(d: Option<Denial>) -> StatusCode {
    match d {
        None => StatusCode::OK,
        Some(Denial::NotAMember) => StatusCode::NOT_FOUND,
        Some(Denial::WrongState | Denial::SeatLimitReached { .. }) => StatusCode::CONFLICT,
        Some(_) => StatusCode::FORBIDDEN,
    }
}

fn check(
    failures: &mut Vec<String>,
    what: String,
    got: (StatusCode, Value),
    expected: Option<Denial>,
) {
    let status_ok = match expected {
        None => got.0.is_success(),
        Some(_) => got.0 == expected_status(expected),
    };
    let message_ok = expected.is_none_or(|d| got.1["message"] == d.to_string());
    if !status_ok || !message_ok {
        failures.push(format!(
            "{what}: expected {expected:?}, got {} {}",
            got.0, got.1
        ));
    }
}

#[tokio::test]
async fn every_template_every_role_every_action_every_target() {
    let app = TestApp::new().await;
    let mut cells = 0;
    let mut failures = Vec::new();
    for t in templates::all() {
        let (org, sessions) = app.org_with_every_role(&t.key).await;
        let lowest = t.org_roles.last().unwrap().key.to_string();
        let now = app.state.clock.now();
        for (actor_key, actor) in &sessions {
            let actor_owner = t.org_role(actor_key).unwrap().owner;
            let actor_facts =
                Actor::active(UserId(actor.user_id), grant(t, actor_key, actor_owner));
            for target_role in t
                .org_roles
                .iter()
                .map(|r| Some(r.key.to_string()))
                .chain([None])
            {
                for action in ["change_role", "set_expiry", "suspend", "remove"] {
                    // A fresh target per cell, so no cell sees another's change.
                    let (target, target_key): (Session, String) = match &target_role {
                        None => (actor.clone(), actor_key.clone()),
                        Some(k) if t.org_role(k).unwrap().owner => {
                            (sessions[0].1.clone(), k.clone())
                        }
                        Some(k) => (app.add_member(org, k).await, k.clone()),
                    };
                    let target_facts = Actor::active(
                        UserId(target.user_id),
                        grant(t, &target_key, t.org_role(&target_key).unwrap().owner),
                    );
                    let url = format!("/orgs/{org}/members/{}", target.user_id);
                    let (decision, got) = match action {
                        "change_role" => (
                            decide(
                                now,
                                &actor_facts,
                                &Action::ChangeRole {
                                    target: target_facts,
                                    role: grant(t, &lowest, false),
                                },
                            ),
                            app.put(&format!("{url}/role"), json!({"role": lowest}), actor)
                                .await,
                        ),
                        "set_expiry" => (
                            decide(
                                now,
                                &actor_facts,
                                &Action::SetAccessExpiry {
                                    target: target_facts,
                                    expires_at: Some(now + 86_400),
                                    seats: permissions::Seats::default(),
                                },
                            ),
                            app.put(
                                &format!("{url}/access-expiry"),
                                json!({"expires_at": now + 86_400}),
                                actor,
                            )
                            .await,
                        ),
                        "suspend" => (
                            decide(
                                now,
                                &actor_facts,
                                &Action::Suspend {
                                    target: target_facts,
                                    projects: permissions::Handover::NONE,
                                },
                            ),
                            app.post(&format!("{url}/suspend"), json!({}), actor).await,
                        ),
                        _ => (
                            decide(
                                now,
                                &actor_facts,
                                &Action::Remove {
                                    target: target_facts,
                                    projects: permissions::Handover::NONE,
                                },
                            ),
                            app.delete(&url, actor).await,
                        ),
                    };
                    cells += 1;
                    let label = target_role.clone().unwrap_or_else(|| "self".into());
                    check(
                        &mut failures,
                        format!("{}: {actor_key} {action} {label}", t.key),
                        got,
                        decision.denial(),
                    );
                }
            }
            for give in &t.org_roles {
                let email = format!("inv{cells}@acme.io");
                let expected = decide(
                    now,
                    &actor_facts,
                    &Action::Invite {
                        role: give.grant(),
                        seats: Seats::default(),
                    },
                );
                let got = app
                    .post(
                        &format!("/orgs/{org}/invitations"),
                        json!({"emails": [email], "role": give.key}),
                        actor,
                    )
                    .await;
                cells += 1;
                check(
                    &mut failures,
                    format!("{}: {actor_key} invite as {}", t.key, give.key),
                    got,
                    expected.denial(),
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} cells differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Per template: roles × (roles + self) × 4 actions + roles × roles invites.
    let per = |r: usize| r * (r + 1) * 4 + r * r;
    assert_eq!(cells, per(6) + per(4) + per(4) + per(5) + per(6) + per(4));
}
