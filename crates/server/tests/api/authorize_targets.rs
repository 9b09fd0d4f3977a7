//! The decision point beyond users, orgs and projects: API keys as
//! subjects (R17: a key may do what its role allows while it works, and a
//! spent key says why), and members, invitations, groups and tasks as
//! resources, each decided by the crate with the target's own rules
//! (R3–R5, R6, R10) and nothing of another org told (R15).

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::projects::{group, project};
use crate::support::{Session, TestApp, new_key, role};

async fn ask(
    app: &TestApp,
    who: &Session,
    subject: (&str, String),
    action: &str,
    resource: (&str, String),
) -> Value {
    let q = json!({
        "subject": {"type": subject.0, "id": subject.1},
        "action": {"name": action},
        "resource": {"type": resource.0, "id": resource.1},
    });
    let (status, body) = app.post("/authorize", q, who).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn said(d: &Value) -> (bool, Value, Value) {
    (
        d["decision"].as_bool().expect("decision"),
        d["context"]["rule"].clone(),
        d["context"]["code"].clone(),
    )
}

#[tokio::test]
async fn an_api_key_is_a_subject_that_answers_to_r17() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin, manager, labeler) = (
        role(&s, "owner"),
        role(&s, "admin"),
        role(&s, "manager"),
        role(&s, "labeler"),
    );
    let made = new_key(&app, org, manager, "manager").await;
    let key = ("api_key", made["key"]["id"].as_i64().unwrap().to_string());
    let whole = || ("org", org.to_string());
    // What its role allows, and not more.
    let d = ask(&app, admin, key.clone(), "members.invite", whole()).await;
    assert!(said(&d).0, "{d}");
    let d = ask(&app, admin, key.clone(), "members.remove", whole()).await;
    assert_eq!(said(&d), (false, json!("R1"), json!("forbidden")), "{d}");
    // Its owner may ask about their own key; others need "query decisions".
    let d = ask(&app, manager, key.clone(), "members.invite", whole()).await;
    assert!(said(&d).0, "{d}");
    let d = ask(&app, labeler, key.clone(), "members.invite", whole()).await;
    assert_eq!(said(&d).1, json!("R18"), "{d}");
    // A missing key looks like any other id nobody may ask about.
    let d = ask(
        &app,
        labeler,
        ("api_key", "999999".into()),
        "members.invite",
        whole(),
    )
    .await;
    assert_eq!(said(&d).1, json!("R18"), "{d}");
    let d = ask(
        &app,
        admin,
        ("api_key", "999999".into()),
        "members.invite",
        whole(),
    )
    .await;
    assert_eq!(said(&d).2, json!("not_found"), "{d}");
    // Its owner falls below it: suspended, said as R17.
    let (status, _) = app
        .put(
            &format!("/orgs/{org}/members/{}/role", manager.user_id),
            json!({"role": "labeler"}),
            owner,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let d = ask(&app, admin, key.clone(), "members.invite", whole()).await;
    assert_eq!(
        said(&d),
        (false, json!("R17"), json!("key_suspended")),
        "{d}"
    );
    // Revoked: said as such.
    let (status, _) = app
        .delete(&format!("/orgs/{org}/api-keys/{}", key.1), owner)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let d = ask(&app, admin, key.clone(), "members.view", whole()).await;
    assert_eq!(said(&d), (false, json!("R17"), json!("key_revoked")), "{d}");
    // Another org's admin learns nothing of it.
    let (other, t) = app.org_with_every_role("default").await;
    let d = ask(
        &app,
        role(&t, "owner"),
        key,
        "members.view",
        ("org", other.to_string()),
    )
    .await;
    assert_eq!(said(&d).2, json!("not_found"), "{d}");
    // A type Roster does not know is said so.
    let d = ask(&app, admin, ("robot", "1".into()), "members.view", whole()).await;
    assert_eq!(said(&d).2, json!("unknown_subject"), "{d}");
}

#[tokio::test]
async fn members_invitations_groups_and_tasks_are_resources_with_their_rules() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin, manager, labeler) = (
        role(&s, "owner"),
        role(&s, "admin"),
        role(&s, "manager"),
        role(&s, "labeler"),
    );
    let member = |who: &Session| ("member", format!("{org}:{}", who.user_id));
    let p = project(&app, org, manager, "Signs").await;
    let invitations = format!("/orgs/{org}/invitations");
    let invite =
        |email: &str, r: &str| app.post(&invitations, json!({"emails": [email], "role": r}), owner);
    let invitation = |r: Value| ("invitation", r[0]["invitation_id"].to_string());
    let low = invitation(invite("lo@acme.io", "labeler").await.1);
    let high = invitation(invite("hi@acme.io", "admin").await.1);
    let closed = invitation(invite("no@acme.io", "labeler").await.1);
    let revoked = app
        .post(
            &format!("{invitations}/{}/revoke", closed.1),
            json!({}),
            owner,
        )
        .await;
    assert_eq!(revoked.0, StatusCode::NO_CONTENT, "{revoked:?}");
    let g = (
        "group",
        group(&app, org, admin, "Night", &[labeler.user_id])
            .await
            .to_string(),
    );
    let (_, t) = app
        .post(
            &format!("/orgs/{org}/projects/{p}/tasks"),
            json!({"name": "Boxes", "mode": "pull"}),
            manager,
        )
        .await;
    let task = ("task", t["id"].to_string());
    // (who asks about themselves, action, resource, "allowed" or the rule or code said)
    let cases = [
        // A Manager changes a Labeler's role, not an Admin's (R3) nor their own (R5).
        (manager, "members.change_role", member(labeler), "allowed"),
        (manager, "members.change_role", member(admin), "R3"),
        (manager, "members.change_role", member(manager), "R5"),
        // An owner of projects is not removed without an heir (R10).
        (owner, "members.remove", member(manager), "R10"),
        (owner, "members.remove", member(labeler), "allowed"),
        (owner, "org.transfer_ownership", member(owner), "R5"),
        (owner, "org.transfer_ownership", member(admin), "allowed"),
        // Invitations: managed up to one's own role (R2), while open (R6).
        (manager, "invitations.manage", low.clone(), "allowed"),
        (manager, "invitations.manage", high.clone(), "R2"),
        (manager, "invitations.manage", closed, "R6"),
        // A group is decided on its org, a task on its project.
        (admin, "groups.manage", g.clone(), "allowed"),
        (labeler, "groups.manage", g.clone(), "R1"),
        (manager, "project.manage_tasks", task.clone(), "allowed"),
        (labeler, "project.label", task.clone(), "R1"),
        (manager, "members.view", task.clone(), "wrong_resource"),
        (manager, "project.view", g.clone(), "wrong_resource"),
    ];
    for (who, action, resource, expected) in cases {
        let d = ask(
            &app,
            who,
            ("user", who.user_id.to_string()),
            action,
            resource.clone(),
        )
        .await;
        let (yes, rule, code) = said(&d);
        let got = if yes {
            "allowed".to_string()
        } else {
            rule.as_str()
                .or(code.as_str())
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(got, expected, "{action} on {resource:?}: {d}");
    }
    // Who may change the Admin's role: the Owner only.
    let (status, _, bytes) = app
        .send_root(
            axum::http::Method::POST,
            "/access/v1/search/subject",
            Some(json!({"subject": {"type": "user"}, "action": {"name": "members.change_role"}, "resource": {"type": "member", "id": member(admin).1}}).to_string()),
            &[],
            Some(owner),
        )
        .await;
    let found: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(
        found["results"],
        json!([{"type": "user", "id": owner.user_id.to_string()}])
    );
    // Nothing of another org: its members, groups, tasks and invitations
    // are not found, exactly like ids that do not exist.
    let (_, t2) = app.org_with_every_role("default").await;
    let stranger = role(&t2, "owner");
    for resource in [
        member(labeler),
        g,
        task,
        high,
        ("member", "x:y".into()),
        ("task", "999999".into()),
    ] {
        let d = ask(
            &app,
            stranger,
            ("user", stranger.user_id.to_string()),
            "members.view",
            resource.clone(),
        )
        .await;
        assert_eq!(said(&d).2, json!("not_found"), "{resource:?}: {d}");
    }
}
