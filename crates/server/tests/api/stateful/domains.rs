//! The stateful test's auto-join steps (R13): claiming or changing the
//! org's domain, newcomers at that domain verifying their address, asking
//! to join, and admins admitting or declining the queue. The invariants
//! (seats above all) are checked after each like after any other step.

use axum::http::{Method, StatusCode};
use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

use super::world::World;
use crate::support::Session;

const MODES: [&str; 4] = ["auto_join", "suggest", "request", "off"];

/// One auto-join step by `actor`.
pub(super) async fn step(
    w: &mut World,
    rng: &mut StdRng,
    actor: &Session,
) -> (&'static str, (StatusCode, Value)) {
    let app = &w.app;
    let org = w.org;
    match rng.random_range(0..4) {
        0 => {
            let mode = MODES[rng.random_range(0..MODES.len())];
            // Mostly a role a domain may give, mostly by the Owner: the
            // steps after it need a claim to act on.
            let role = if rng.random_bool(0.7) {
                ["member", "labeler", "viewer"][rng.random_range(0..3)].to_string()
            } else {
                w.random_role(rng).await
            };
            let actor = if rng.random_bool(0.5) {
                &w.people[0]
            } else {
                actor
            };
            let path = format!("/orgs/{org}/domains");
            let got = app
                .post(
                    &path,
                    json!({"domain": "acme.io", "mode": mode, "default_role": role}),
                    actor,
                )
                .await;
            if got.1["code"] != "domain_claimed" {
                return ("claim domain", got);
            }
            let (_, list) = app.get(&path, actor).await;
            let Some(id) = list[0]["id"].as_i64() else {
                return ("claim domain", got);
            };
            let body = json!({"mode": mode, "default_role": role});
            let got = app
                .send(
                    Method::PATCH,
                    &format!("{path}/{id}"),
                    Some(body),
                    Some(actor),
                )
                .await;
            ("change domain", got)
        }
        1 => {
            w.next_email += 1;
            let s = app
                .sign_up(&format!("d{}@acme.io", w.next_email), "Newcomer")
                .await;
            w.people.push(s.clone());
            w.newcomers.push(s);
            ("verify at the domain", (StatusCode::OK, Value::Null))
        }
        2 => (
            "ask to join",
            app.post(&format!("/me/joinable/{org}"), json!({}), actor)
                .await,
        ),
        _ => {
            // The queue as its Owner sees it; the actor may or may not admit.
            let owner = app
                .session_for(super::world::owner_of(app, org).await)
                .await;
            let (_, queue) = app.get(&format!("/orgs/{org}/join-requests"), &owner).await;
            let Some(user) = queue.get(0).and_then(|r| r["user_id"].as_i64()) else {
                return ("no join request", (StatusCode::OK, Value::Null));
            };
            let base = format!("/orgs/{org}/join-requests/{user}");
            if rng.random_bool(0.7) {
                (
                    "admit",
                    app.post(&format!("{base}/admit"), json!({}), actor).await,
                )
            } else {
                ("decline", app.delete(&base, actor).await)
            }
        }
    }
}
