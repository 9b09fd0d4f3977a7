//! R1–R5 through HTTP: role permissions, the grant and target ceilings,
//! the protected Owner and self-management. A 403 carries the permissions
//! crate's own sentence and rule id.

use axum::http::StatusCode;
use permissions::{Denial, OrgPermission};
use serde_json::json;

use crate::support::{TestApp, expect_denial, role};

#[tokio::test]
async fn r1_deny_by_default() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let got = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["x@y.io"], "role": "viewer"}),
            role(&s, "member"),
        )
        .await;
    expect_denial(
        got,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(OrgPermission::InviteMembers),
    );
    let got = app
        .get(&format!("/orgs/{org}/members"), role(&s, "labeler"))
        .await;
    expect_denial(
        got,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(OrgPermission::ViewMembers),
    );
}

#[tokio::test]
async fn r2_grant_ceiling() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let manager = role(&s, "manager");
    let got = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["x@y.io"], "role": "admin"}),
            manager,
        )
        .await;
    expect_denial(got, StatusCode::FORBIDDEN, Denial::AboveGrantCeiling);
    let (status, results) = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["x@y.io"], "role": "manager"}),
            manager,
        )
        .await;
    assert_eq!(
        (status, results[0]["outcome"].clone()),
        (StatusCode::OK, json!("sent"))
    );
    let viewer = role(&s, "viewer").user_id;
    let got = app
        .put(
            &format!("/orgs/{org}/members/{viewer}/role"),
            json!({"role": "admin"}),
            manager,
        )
        .await;
    expect_denial(got, StatusCode::FORBIDDEN, Denial::AboveGrantCeiling);
    let got = app
        .put(
            &format!("/orgs/{org}/members/{viewer}/role"),
            json!({"role": "owner"}),
            role(&s, "owner"),
        )
        .await;
    expect_denial(got, StatusCode::FORBIDDEN, Denial::OwnerRoleNotGrantable);
}

#[tokio::test]
async fn r3_target_ceiling() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let admin = role(&s, "admin").user_id;
    let got = app
        .put(
            &format!("/orgs/{org}/members/{admin}/role"),
            json!({"role": "viewer"}),
            role(&s, "manager"),
        )
        .await;
    expect_denial(got, StatusCode::FORBIDDEN, Denial::AboveTargetCeiling);
    let (status, m) = app
        .get(&format!("/orgs/{org}/members/{admin}"), role(&s, "owner"))
        .await;
    assert_eq!(
        (status, m["role"].clone()),
        (StatusCode::OK, json!("admin")),
        "unchanged"
    );
}

#[tokio::test]
async fn r4_one_protected_owner_and_transfer() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin) = (role(&s, "owner"), role(&s, "admin"));
    for (method, path) in [("put", "role"), ("post", "suspend"), ("delete", "")] {
        let url = format!("/orgs/{org}/members/{}/{path}", owner.user_id);
        let got = match method {
            "put" => app.put(&url, json!({"role": "viewer"}), admin).await,
            "post" => app.post(&url, json!({}), admin).await,
            _ => app.delete(url.trim_end_matches('/'), admin).await,
        };
        expect_denial(got, StatusCode::FORBIDDEN, Denial::OwnerProtected);
    }
    expect_denial(
        app.post(&format!("/orgs/{org}/leave"), json!({}), owner)
            .await,
        StatusCode::FORBIDDEN,
        Denial::OwnerCannotLeave,
    );
    // Only the Owner transfers, to an active member; the old Owner becomes Admin.
    let member = role(&s, "member").user_id;
    expect_denial(
        app.post(
            &format!("/orgs/{org}/transfer-ownership"),
            json!({"user_id": member}),
            admin,
        )
        .await,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(OrgPermission::TransferOwnership),
    );
    let (status, view) = app
        .post(
            &format!("/orgs/{org}/transfer-ownership"),
            json!({"user_id": member}),
            owner,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(
        (view["owner_id"].clone(), view["my_role"].clone()),
        (json!(member), json!("admin"))
    );
    let (_, m) = app
        .get(&format!("/orgs/{org}/members/{member}"), owner)
        .await;
    assert_eq!(
        (m["role"].clone(), m["owner"].clone()),
        (json!("owner"), json!(true))
    );
    let (subject, _) = app.last_mail(m["email"].as_str().unwrap_or_default()).await;
    assert_eq!(subject, "You now own Acme on Roster");
}

#[tokio::test]
async fn r5_no_self_management_but_anyone_may_leave() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let admin = role(&s, "admin");
    let got = app
        .put(
            &format!("/orgs/{org}/members/{}/role", admin.user_id),
            json!({"role": "manager"}),
            admin,
        )
        .await;
    expect_denial(got, StatusCode::FORBIDDEN, Denial::SelfManagement);
    let got = app
        .post(
            &format!("/orgs/{org}/members/{}/suspend", admin.user_id),
            json!({}),
            admin,
        )
        .await;
    expect_denial(got, StatusCode::FORBIDDEN, Denial::SelfManagement);
    let labeler = role(&s, "labeler");
    assert_eq!(
        app.post(&format!("/orgs/{org}/leave"), json!({}), labeler)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&format!("/orgs/{org}"), labeler).await.0,
        StatusCode::NOT_FOUND,
        "gone at once"
    );
}
