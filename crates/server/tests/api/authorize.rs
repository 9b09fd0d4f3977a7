//! Roster as the decision point: `POST /api/v1/authorize` and the AuthZEN
//! 1.0 paths answer from the same engine as every route (R1 … R18), on
//! facts read at the moment of asking (R9), say which rule denied and why,
//! and show nothing of another org (R15).

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::projects::{group, project};
use crate::support::{Session, TestApp, new_key, role};

pub(crate) fn question(subject: i64, action: &str, kind: &str, id: i64) -> Value {
    json!({
        "subject": {"type": "user", "id": subject.to_string()},
        "action": {"name": action},
        "resource": {"type": kind, "id": id.to_string()},
    })
}

async fn ask(app: &TestApp, who: &Session, q: Value) -> Value {
    let (status, body) = app.post("/authorize", q, who).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

#[tokio::test]
async fn decisions_follow_the_crate_and_say_why() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (admin, manager, labeler) = (role(&s, "admin"), role(&s, "manager"), role(&s, "labeler"));
    // About oneself: the crate's answer, with the rules that decided.
    let yes = ask(
        &app,
        manager,
        question(manager.user_id, "members.invite", "org", org),
    )
    .await;
    assert_eq!(yes["decision"], true, "{yes}");
    assert!(
        yes["context"]["rules"]
            .as_array()
            .unwrap()
            .contains(&json!("R1")),
        "{yes}"
    );
    let no = ask(
        &app,
        labeler,
        question(labeler.user_id, "members.invite", "org", org),
    )
    .await;
    assert_eq!(
        (
            no["decision"].clone(),
            no["context"]["rule"].clone(),
            no["context"]["code"].clone()
        ),
        (json!(false), json!("R1"), json!("forbidden")),
        "{no}"
    );
    // The reason is the very sentence of the route's 403.
    let (status, refused) = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["x@acme.io"], "role": "viewer"}),
            labeler,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(no["context"]["reason"], refused["message"]);
    // About someone else: only with "query decisions" (R18).
    let other = ask(
        &app,
        manager,
        question(admin.user_id, "org.settings", "org", org),
    )
    .await;
    assert_eq!(
        (
            other["decision"].clone(),
            other["context"]["rule"].clone(),
            other["context"]["code"].clone()
        ),
        (json!(false), json!("R18"), json!("query_denied")),
        "{other}"
    );
    let about = ask(
        &app,
        admin,
        question(labeler.user_id, "members.view", "org", org),
    )
    .await;
    assert_eq!(
        about["decision"], false,
        "the labeler may not view members: {about}"
    );
    // Properties are an object or nothing (the document says so).
    let mut listed = question(admin.user_id, "members.view", "org", org);
    listed["subject"]["properties"] = json!([null, null]);
    assert_eq!(
        app.post("/authorize", listed, admin).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // What Roster ignores may hold any text, even NUL: it is never stored.
    let mut odd = question(admin.user_id, "members.view", "org", org);
    odd["resource"]["properties"] = json!({"note": "a\u{0}b"});
    odd["extension\u{0}"] = json!([1]);
    assert_eq!(ask(&app, admin, odd).await["decision"], true);
    // Unknown names are refused, never guessed.
    let unknown = ask(
        &app,
        admin,
        question(admin.user_id, "members.destroy", "org", org),
    )
    .await;
    assert_eq!(unknown["context"]["code"], "unknown_action", "{unknown}");
    let wrong = ask(
        &app,
        admin,
        question(admin.user_id, "project.label", "org", org),
    )
    .await;
    assert_eq!(wrong["context"]["code"], "wrong_resource", "{wrong}");
}

#[tokio::test]
async fn project_decisions_see_groups_and_a_demotion_at_once() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let admin = role(&s, "admin");
    let ann = app.add_member(org, "labeler").await;
    let p = project(&app, org, admin, "Birds").await;
    let label = question(ann.user_id, "project.label", "project", p);
    assert_eq!(
        ask(&app, admin, label.clone()).await["decision"],
        false,
        "not on it yet"
    );
    let team = group(&app, org, admin, "Annotators", &[ann.user_id]).await;
    let (status, _) = app
        .put(
            &format!("/orgs/{org}/projects/{p}/groups/{team}"),
            json!({"role": "labeler"}),
            admin,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        ask(&app, admin, label.clone()).await["decision"],
        true,
        "through the group (R12)"
    );
    assert_eq!(
        ask(&app, &ann, label.clone()).await["decision"],
        true,
        "asking about oneself"
    );
    // Suspended: the very next answer is no (R9), no cache in between.
    let (status, _) = app
        .post(
            &format!("/orgs/{org}/members/{}/suspend", ann.user_id),
            json!({}),
            admin,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let now = ask(&app, admin, label).await;
    assert_eq!(
        (now["decision"].clone(), now["context"]["rule"].clone()),
        (json!(false), json!("R9")),
        "{now}"
    );
}

#[tokio::test]
async fn nothing_of_another_org_is_told() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let (other, t) = app.org_with_every_role("default").await;
    let stranger = role(&t, "owner");
    let theirs = project(&app, other, stranger, "Secret").await;
    // Their org, their project, their member, a missing id: all alike.
    let answers = [
        ask(
            &app,
            owner,
            question(owner.user_id, "members.view", "org", other),
        )
        .await,
        ask(
            &app,
            owner,
            question(owner.user_id, "project.view", "project", theirs),
        )
        .await,
        ask(
            &app,
            owner,
            question(stranger.user_id, "members.view", "org", org),
        )
        .await,
        ask(
            &app,
            owner,
            question(owner.user_id, "project.view", "project", 999_999),
        )
        .await,
    ];
    for a in &answers {
        assert_eq!(
            (a["decision"].clone(), a["context"]["code"].clone()),
            (json!(false), json!("not_found")),
            "{a}"
        );
    }
    assert!(
        answers.windows(2).all(|w| w[0] == w[1]),
        "indistinguishable: {answers:?}"
    );
}

/// What `key` is told for `body` at the AuthZEN path `path`.
pub(crate) async fn keyed(app: &TestApp, path: &str, body: Value, key: &str) -> Value {
    let auth = format!("Bearer {key}");
    let (status, _, bytes) = app
        .send_root(
            axum::http::Method::POST,
            path,
            Some(body.to_string()),
            &[("authorization", auth.as_str())],
            None,
        )
        .await;
    let body: Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// A single question asked with a key, or a batch about one user, reads
/// its subject in the key's own query; a batch about several reads them
/// inside its snapshot. For every kind of subject
/// — each role, suspended, expired, the key's owner, someone of no org,
/// nobody — and resources in and out of the key's org, all answer alike.
#[tokio::test]
async fn a_single_question_with_a_key_answers_as_a_batch_does() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let admin = role(&s, "admin");
    let made = new_key(&app, org, admin, "admin").await;
    let key = made["secret"].as_str().expect("secret").to_string();
    let p = project(&app, org, admin, "Birds").await;
    let (elsewhere, t) = app.org_with_every_role("default").await;
    let there = project(&app, elsewhere, role(&t, "owner"), "Fish").await;
    let suspended = app.add_member(org, "manager").await;
    let path = format!("/orgs/{org}/members/{}/suspend", suspended.user_id);
    assert_eq!(app.post(&path, json!({}), admin).await.0, StatusCode::OK);
    let expired = app.add_member(org, "reviewer").await;
    let path = format!("/orgs/{org}/members/{}/access-expiry", expired.user_id);
    let at = json!({"expires_at": app.state.clock.now() + 60});
    assert_eq!(app.put(&path, at, admin).await.0, StatusCode::OK);
    app.state.clock.advance(60);
    let stranger = app.sign_up("stranger@elsewhere.io", "Stan").await;
    let mut subjects: Vec<i64> = s.iter().map(|(_, who)| who.user_id).collect();
    subjects.extend([suspended.user_id, expired.user_id, stranger.user_id]);
    subjects.extend([role(&t, "labeler").user_id, 999_999]);
    let actions = [
        "members.invite",
        "org.settings",
        "project.label",
        "project.review",
    ];
    let resources = [
        ("org", org),
        ("project", p),
        ("org", elsewhere),
        ("project", there),
    ];
    let mut said = std::collections::BTreeSet::new();
    for subject in &subjects {
        for action in actions {
            for (kind, id) in resources {
                let q = question(*subject, action, kind, id);
                let one = keyed(&app, "/access/v1/evaluation", q.clone(), &key).await;
                // About one user: from the key's read; about two: in a snapshot.
                let batch = json!({"evaluations": [q.clone()]});
                let all = keyed(&app, "/access/v1/evaluations", batch, &key).await;
                assert_eq!(one, all["evaluations"][0], "{q}");
                let nobody = question(999_998, action, kind, id);
                let batch = json!({"evaluations": [q.clone(), nobody]});
                let all = keyed(&app, "/access/v1/evaluations", batch, &key).await;
                assert_eq!(one, all["evaluations"][0], "{q}");
                said.insert(one["decision"].to_string());
                said.insert(one["context"]["code"].to_string());
                said.insert(one["context"]["rule"].to_string());
            }
        }
    }
    // Every kind of answer came up: allowed, not allowed by the role
    // (R1), suspended (R9), not found (R15).
    for answer in ["true", "\"R1\"", "\"R9\"", "\"not_found\""] {
        assert!(said.contains(answer), "{answer} never said: {said:?}");
    }
}
