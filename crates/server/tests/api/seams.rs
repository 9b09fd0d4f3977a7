//! Regression tests for the holes found from outside where two rules meet
//! (issue 10 §1): template switch, ownership × expiry, expiry × seats, the
//! seat limit and acceptance. Each failed before its fix.

use axum::http::{Method, StatusCode};
use permissions::{Denial, OrgPermission};
use serde_json::json;

use crate::support::{TestApp, expect_denial, role, token_of};

/// R19: an Admin cannot switch the template (it reshapes every role, and a
/// `dataloop` Admin may delete the org); the Owner can, and every member
/// whose permissions change is audited.
#[tokio::test]
async fn template_switch_is_the_owners_and_audited_per_member() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin) = (role(&s, "owner"), role(&s, "admin"));
    let url = format!("/orgs/{org}");
    let before = app.fingerprint().await;
    let got = app
        .send(
            Method::PATCH,
            &url,
            Some(json!({"template": "animl"})),
            Some(admin),
        )
        .await;
    expect_denial(got, StatusCode::FORBIDDEN, Denial::TemplateSwitchOwnerOnly);
    assert_eq!(app.fingerprint().await, before, "nothing changed");
    // A template without the roles of pending invitations is refused too.
    app.post(
        &format!("/orgs/{org}/invitations"),
        json!({"emails": ["new@acme.io"], "role": "labeler"}),
        owner,
    )
    .await;
    // mlops has none of manager, member, labeler: refused, naming them.
    let (status, body) = app
        .send(
            Method::PATCH,
            &url,
            Some(json!({"template": "mlops"})),
            Some(owner),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    // animl keeps every org role but changes project roles only: no member's
    // org permissions change, so no per-member event; plainsight has none of
    // manager/member/viewer. Switch to animl and back is audited as settings.
    let (status, body) = app
        .send(
            Method::PATCH,
            &url,
            Some(json!({"template": "animl"})),
            Some(owner),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, audit) = app.get(&format!("/orgs/{org}/audit"), owner).await;
    let per_member = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "member.permissions_changed")
        .count();
    assert_eq!(
        per_member, 0,
        "animl gives every org role the same permissions"
    );
}

/// R19: a switch that changes what a role may do audits each member who
/// holds it.
#[tokio::test]
async fn template_switch_audits_each_member_whose_permissions_change() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("dataloop").await;
    let owner = role(&s, "owner");
    // Only roles that exist in both: move the worker and member out first.
    for key in ["member", "worker"] {
        let id = role(&s, key).user_id;
        let (status, body) = app
            .put(
                &format!("/orgs/{org}/members/{id}/role"),
                json!({"role": "admin"}),
                owner,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, body) = app
        .send(
            Method::PATCH,
            &format!("/orgs/{org}"),
            Some(json!({"template": "default"})),
            Some(owner),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, audit) = app.get(&format!("/orgs/{org}/audit"), owner).await;
    let changed: Vec<i64> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "member.permissions_changed")
        .filter_map(|e| e["target_id"].as_i64())
        .collect();
    assert_eq!(changed.len(), 3, "three admins lose 'delete org': {audit}");
}

/// R4 × R16: ownership never goes to a member with an access end date, and
/// the old Owner takes the template's named successor role.
#[tokio::test]
async fn ownership_goes_only_to_members_without_expiry() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("mlops").await;
    let (owner, admin) = (role(&s, "owner"), role(&s, "administrator"));
    let at = app.state.clock.now() + 5;
    let (status, _) = app
        .put(
            &format!("/orgs/{org}/members/{}/access-expiry", admin.user_id),
            json!({"expires_at": at}),
            owner,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let url = format!("/orgs/{org}/transfer-ownership");
    expect_denial(
        app.post(&url, json!({"user_id": admin.user_id}), owner)
            .await,
        StatusCode::FORBIDDEN,
        Denial::OwnershipToExpiring,
    );
    // Cleared, the transfer goes through; the old Owner is Administrator.
    app.put(
        &format!("/orgs/{org}/members/{}/access-expiry", admin.user_id),
        json!({"expires_at": null}),
        owner,
    )
    .await;
    let (status, view) = app
        .post(&url, json!({"user_id": admin.user_id}), owner)
        .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["my_role"], json!("administrator"));
    // Five seconds later the org still has its Owner.
    app.state.clock.advance(10);
    let (status, view) = app.get(&format!("/orgs/{org}"), admin).await;
    assert_eq!(
        (status, view["owner_id"].clone()),
        (StatusCode::OK, json!(admin.user_id))
    );
}

/// R16 × R7: reviving an expired member is a reactivation: a Manager may
/// not, an Admin only with a free seat.
#[tokio::test]
async fn reviving_expired_access_needs_reactivate_and_a_seat() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin, manager) = (role(&s, "owner"), role(&s, "admin"), role(&s, "manager"));
    let labeler = role(&s, "labeler");
    let url = format!("/orgs/{org}/members/{}/access-expiry", labeler.user_id);
    let at = app.state.clock.now() + 60;
    app.put(&url, json!({"expires_at": at}), manager).await;
    app.state.clock.advance(61);
    // Fill every seat: 5 in standing (the labeler's access ended).
    let (status, _) = app
        .send(
            Method::PATCH,
            &format!("/orgs/{org}"),
            Some(json!({"seat_limit": 5})),
            Some(owner),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    expect_denial(
        app.put(&url, json!({"expires_at": null}), manager).await,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(OrgPermission::RemoveMembers),
    );
    expect_denial(
        app.put(&url, json!({"expires_at": null}), admin).await,
        StatusCode::CONFLICT,
        Denial::SeatLimitReached { limit: 5 },
    );
    let (status, view) = app.get(&format!("/orgs/{org}"), owner).await;
    assert_eq!(
        (status, view["seats"]["used"].clone()),
        (StatusCode::OK, json!(5))
    );
}

/// R7 is an invariant: the limit cannot be set below the seats in use.
#[tokio::test]
async fn seat_limit_cannot_drop_below_usage() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let got = app
        .send(
            Method::PATCH,
            &format!("/orgs/{org}"),
            Some(json!({"seat_limit": 3})),
            Some(owner),
        )
        .await;
    expect_denial(
        got,
        StatusCode::CONFLICT,
        Denial::SeatLimitBelowUsage { used: 6, limit: 3 },
    );
    let (_, view) = app.get(&format!("/orgs/{org}"), owner).await;
    assert_eq!(view["seats"]["limit"], json!(null));
}

/// R2 at acceptance: an invitation from someone since demoted no longer
/// grants its role, and the invitee is told whom to ask.
#[tokio::test]
async fn acceptance_rechecks_the_inviters_current_power() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, manager) = (role(&s, "owner"), role(&s, "manager"));
    let (status, _) = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["kim@acme.io"], "role": "manager"}),
            manager,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let token = token_of(&app.last_link("kim@acme.io").await);
    app.put(
        &format!("/orgs/{org}/members/{}/role", manager.user_id),
        json!({"role": "viewer"}),
        owner,
    )
    .await;
    let before = app.fingerprint().await;
    let (status, body) = app
        .send(
            Method::POST,
            "/invitations/accept",
            Some(json!({"token": token, "name": "Kim", "password": "password123"})),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["rule"], json!("R2"));
    let message = body["message"].as_str().unwrap();
    assert!(
        message.starts_with(&Denial::InviterCannotGrant.to_string()),
        "{message}"
    );
    assert!(
        message.contains("Olive Owner"),
        "names whom to ask: {message}"
    );
    assert_eq!(app.fingerprint().await, before, "nothing written");
}
