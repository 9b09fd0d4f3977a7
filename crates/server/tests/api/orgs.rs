//! Organizations: settings, template switch, switching the active org,
//! deletion, and the audit trail every change leaves.

use axum::http::{Method, StatusCode};
use permissions::{Denial, OrgPermission};
use serde_json::json;

use crate::support::{TestApp, expect_denial, role};

#[tokio::test]
async fn settings_change_with_permission_and_leave_an_audit_trail() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin, manager) = (role(&s, "owner"), role(&s, "admin"), role(&s, "manager"));
    let path = format!("/orgs/{org}");
    let patch =
        |body: serde_json::Value, who| app.send(Method::PATCH, &path, Some(body), Some(who));
    expect_denial(
        patch(json!({"name": "Nope"}), manager).await,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(OrgPermission::ManageSettings),
    );
    let (status, view) = patch(
        json!({"name": "Acme Research", "seat_limit": 50, "invite_expiry_days": 14}),
        admin,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(
        (
            view["name"].clone(),
            view["seats"]["limit"].clone(),
            view["invite_expiry_days"].clone()
        ),
        (json!("Acme Research"), json!(50), json!(14))
    );
    let (_, view) = patch(json!({"seat_limit": null}), admin).await;
    assert_eq!(view["seats"]["limit"], json!(null), "null lifts the limit");
    // A template whose roles do not cover the members' roles is refused.
    let (status, body) = patch(json!({"template": "dataloop"}), owner).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["code"], "roles_in_use");
    assert_eq!(
        body["message"],
        "the Dataloop template has no role labeler, manager, viewer; change the roles of those members, invitations and domains first"
    );
    let (_, view) = app.get(&format!("/orgs/{org}"), owner).await;
    assert_eq!(view["template"], "default", "unchanged");

    let (status, events) = app.get(&format!("/orgs/{org}/audit"), admin).await;
    assert_eq!(status, StatusCode::OK);
    // Newest first: the oldest settings change is the rename.
    let e = events
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["action"] == "org.settings_changed")
        .expect("audited");
    assert_eq!(
        (e["before"]["name"].clone(), e["after"]["name"].clone()),
        (json!("Acme"), json!("Acme Research"))
    );
    assert_eq!(e["actor_id"], json!(admin.user_id));
    expect_denial(
        app.get(&format!("/orgs/{org}/audit"), manager).await,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(OrgPermission::ViewAuditLog),
    );
}

#[tokio::test]
async fn every_member_change_is_audited_with_before_and_after() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let viewer = role(&s, "viewer").user_id;
    app.put(
        &format!("/orgs/{org}/members/{viewer}/role"),
        json!({"role": "member"}),
        owner,
    )
    .await;
    app.post(
        &format!("/orgs/{org}/members/{viewer}/suspend"),
        json!({}),
        owner,
    )
    .await;
    app.post(
        &format!("/orgs/{org}/members/{viewer}/reactivate"),
        json!({}),
        owner,
    )
    .await;
    app.delete(&format!("/orgs/{org}/members/{viewer}"), owner)
        .await;
    let (_, events) = app.get(&format!("/orgs/{org}/audit?limit=4"), owner).await;
    let got: Vec<(String, serde_json::Value, serde_json::Value)> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().to_string(),
                e["before"].clone(),
                e["after"].clone(),
            )
        })
        .collect();
    assert_eq!(got[0].0, "member.removed");
    assert_eq!(got[0].1["role"], "member");
    assert_eq!(
        (got[1].0.as_str(), got[1].2["status"].clone()),
        ("member.reactivated", json!("active"))
    );
    assert_eq!(
        (got[2].0.as_str(), got[2].2["status"].clone()),
        ("member.suspended", json!("suspended"))
    );
    assert_eq!(
        (
            got[3].0.as_str(),
            got[3].1["role"].clone(),
            got[3].2["role"].clone()
        ),
        ("member.role_changed", json!("viewer"), json!("member"))
    );
    // Paging goes further back.
    let last = events[3]["id"].as_i64().unwrap();
    let (_, older) = app
        .get(&format!("/orgs/{org}/audit?before={last}&limit=200"), owner)
        .await;
    assert!(
        older
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["id"].as_i64().unwrap() < last)
    );
    assert!(
        older
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "org.created")
    );
}

#[tokio::test]
async fn switching_orgs_and_deleting_one() {
    let app = TestApp::new().await;
    let (org_a, a) = app.org_with_every_role("default").await;
    let owner = role(&a, "owner");
    let (status, b) = app
        .post(
            "/orgs",
            json!({"name": "Beta", "template": "labeling"}),
            owner,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let org_b = b["id"].as_i64().unwrap();
    assert_eq!(
        app.put("/me/active-org", json!({"org_id": org_b}), owner)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    let (_, me) = app.get("/me", owner).await;
    assert_eq!(
        (
            me["active_org"].clone(),
            me["orgs"].as_array().unwrap().len()
        ),
        (json!(org_b), 2)
    );
    // Another org's id cannot be made active (R15).
    let outsider = app.sign_up("out@side.io", "Out").await;
    assert_eq!(
        app.put("/me/active-org", json!({"org_id": org_b}), &outsider)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    // Only the Owner deletes.
    expect_denial(
        app.delete(&format!("/orgs/{org_a}"), role(&a, "admin"))
            .await,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(OrgPermission::DeleteOrg),
    );
    assert_eq!(
        app.delete(&format!("/orgs/{org_a}"), owner).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&format!("/orgs/{org_a}"), owner).await.0,
        StatusCode::NOT_FOUND
    );
    let (_, me) = app.get("/me", role(&a, "admin")).await;
    assert_eq!(
        me["orgs"],
        json!([]),
        "its members are members of nothing now"
    );
}

/// The counts beside the Members and Invitations headings follow every
/// change: members of any standing, invitations still open.
#[tokio::test]
async fn the_org_counts_its_members_and_open_invitations() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let counts = |v: &serde_json::Value| (v["members"].clone(), v["invitations"].clone());
    let (_, v) = app.get(&format!("/orgs/{org}"), owner).await;
    assert_eq!(counts(&v), (json!(s.len()), json!(0)), "{v}");
    app.post(
        &format!("/orgs/{org}/invitations"),
        json!({"emails": ["kim@acme.io", "lee@acme.io"], "role": "labeler"}),
        owner,
    )
    .await;
    let labeler = role(&s, "labeler");
    let (status, body) = app
        .post(
            &format!("/orgs/{org}/members/{}/suspend", labeler.user_id),
            json!({}),
            owner,
        )
        .await;
    assert_eq!(body["status"], "suspended", "{status} {body}");
    let (_, list) = app.get(&format!("/orgs/{org}/invitations"), owner).await;
    let inv = list[0]["id"].as_i64().unwrap();
    let (status, _) = app
        .post(
            &format!("/orgs/{org}/invitations/{inv}/revoke"),
            json!({}),
            owner,
        )
        .await;
    assert!(status.is_success(), "revoke: {status}");
    let (_, v) = app.get(&format!("/orgs/{org}"), owner).await;
    assert_eq!(
        counts(&v),
        (json!(s.len()), json!(1)),
        "a suspended member still counts; a revoked invitation does not: {v}"
    );
}
