//! R7–R9, R15 and R16 through HTTP: seats, acceptance, immediate effect,
//! org isolation and access expiry. (R6 is in `rules_invitations.rs`.)

use axum::http::StatusCode;
use permissions::{Denial, OrgPermission};
use serde_json::json;

use crate::support::{TestApp, expect_denial, role, token_of};

#[tokio::test]
async fn r7_seat_limit_counts_members_and_pending_invitations() {
    let app = TestApp::new().await;
    let owner = app.sign_up("owner@acme.io", "Olive").await;
    let (_, org) = app
        .post("/orgs", json!({"name": "Acme", "seat_limit": 3}), &owner)
        .await;
    let org = org["id"].as_i64().unwrap();
    let (_, r) = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["a@acme.io", "b@acme.io", "c@acme.io"], "role": "member"}),
            &owner,
        )
        .await;
    let outcomes: Vec<&str> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["sent", "sent", "seat_limit"]);
    assert!(
        r[2]["message"].as_str().unwrap().contains("all 3 seats"),
        "names the limit"
    );
    let (_, view) = app.get(&format!("/orgs/{org}"), &owner).await;
    assert_eq!(view["seats"], json!({"used": 3, "limit": 3}));
    // Accepting keeps the count; suspended members free a seat; reactivating needs one.
    let token = token_of(&app.last_link("a@acme.io").await);
    let (status, _) = app
        .send(
            axum::http::Method::POST,
            "/invitations/accept",
            Some(json!({"token": token, "name": "A", "password": "password123"})),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, members) = app
        .get(&format!("/orgs/{org}/members?q=a@acme"), &owner)
        .await;
    let a = members["members"][0]["user_id"].as_i64().unwrap();
    assert_eq!(
        app.post(
            &format!("/orgs/{org}/members/{a}/suspend"),
            json!({}),
            &owner
        )
        .await
        .0,
        StatusCode::OK
    );
    let (_, r) = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["d@acme.io"], "role": "member"}),
            &owner,
        )
        .await;
    assert_eq!(
        r[0]["outcome"], "sent",
        "the suspended member's seat was free"
    );
    expect_denial(
        app.post(
            &format!("/orgs/{org}/members/{a}/reactivate"),
            json!({}),
            &owner,
        )
        .await,
        StatusCode::CONFLICT,
        Denial::SeatLimitReached { limit: 3 },
    );
}

#[tokio::test]
async fn r8_acceptance_by_link() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    // An existing account joins; it must be signed in as the invited email.
    let dee = app.sign_up("dee@acme.io", "Dee").await;
    let eve = app.sign_up("eve@acme.io", "Eve").await;
    app.post(
        &format!("/orgs/{org}/invitations"),
        json!({"emails": ["dee@acme.io"], "role": "viewer"}),
        owner,
    )
    .await;
    let token = token_of(&app.last_link("dee@acme.io").await);
    let (status, _) = app
        .send(
            axum::http::Method::POST,
            "/invitations/accept",
            Some(json!({"token": token})),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "sign in first");
    expect_denial(
        app.post("/invitations/accept", json!({"token": token}), &eve)
            .await,
        StatusCode::FORBIDDEN,
        Denial::WrongInvitee,
    );
    let (status, body) = app
        .post("/invitations/accept", json!({"token": token}), &dee)
        .await;
    assert_eq!(
        (status, body["org_id"].clone()),
        (StatusCode::OK, json!(org))
    );
    expect_denial(
        app.post("/invitations/accept", json!({"token": token}), &dee)
            .await,
        StatusCode::GONE,
        Denial::InvitationAccepted,
    );
    // Expired links say so.
    app.post(
        &format!("/orgs/{org}/invitations"),
        json!({"emails": ["fay@acme.io"], "role": "viewer"}),
        owner,
    )
    .await;
    let token = token_of(&app.last_link("fay@acme.io").await);
    app.state.clock.advance(8 * 24 * 3600);
    let got = app
        .send(
            axum::http::Method::POST,
            "/invitations/accept",
            Some(json!({"token": token, "name": "Fay", "password": "password123"})),
            None,
        )
        .await;
    expect_denial(got, StatusCode::GONE, Denial::InvitationExpired);
}

#[tokio::test]
async fn r9_changes_bite_on_the_next_request() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, manager) = (role(&s, "owner"), role(&s, "manager"));
    let members = format!("/orgs/{org}/members");
    assert_eq!(app.get(&members, manager).await.0, StatusCode::OK);
    app.put(
        &format!("{members}/{}/role", manager.user_id),
        json!({"role": "labeler"}),
        owner,
    )
    .await;
    expect_denial(
        app.get(&members, manager).await,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(OrgPermission::ViewMembers),
    );
    app.put(
        &format!("{members}/{}/role", manager.user_id),
        json!({"role": "manager"}),
        owner,
    )
    .await;
    app.post(
        &format!("{members}/{}/suspend", manager.user_id),
        json!({}),
        owner,
    )
    .await;
    expect_denial(
        app.get(&members, manager).await,
        StatusCode::FORBIDDEN,
        Denial::ActorSuspended,
    );
    app.delete(&format!("{members}/{}", manager.user_id), owner)
        .await;
    assert_eq!(app.get(&members, manager).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn r15_other_orgs_do_not_exist() {
    let app = TestApp::new().await;
    let (org_a, a) = app.org_with_every_role("default").await;
    let (org_b, b) = app.org_with_every_role("default").await;
    let owner_a = role(&a, "owner");
    let member_b = role(&b, "member").user_id;
    app.post(
        &format!("/orgs/{org_b}/invitations"),
        json!({"emails": ["z@b.io"], "role": "viewer"}),
        role(&b, "owner"),
    )
    .await;
    let (_, invs) = app
        .get(&format!("/orgs/{org_b}/invitations"), role(&b, "owner"))
        .await;
    let inv_b = invs[0]["id"].as_i64().unwrap();
    for got in [
        app.get(&format!("/orgs/{org_b}"), owner_a).await,
        app.get(&format!("/orgs/{org_b}/members"), owner_a).await,
        app.put(
            &format!("/orgs/{org_b}/members/{member_b}/role"),
            json!({"role": "viewer"}),
            owner_a,
        )
        .await,
        // B's ids through A's own org: also just "not found".
        app.put(
            &format!("/orgs/{org_a}/members/{member_b}/role"),
            json!({"role": "viewer"}),
            owner_a,
        )
        .await,
        app.post(
            &format!("/orgs/{org_a}/invitations/{inv_b}/revoke"),
            json!({}),
            owner_a,
        )
        .await,
    ] {
        assert_eq!(got.0, StatusCode::NOT_FOUND, "{}", got.1);
        assert_eq!(got.1["code"], "not_found");
    }
}

#[tokio::test]
async fn r16_access_expiry_ends_access_at_that_moment() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let viewer = role(&s, "viewer");
    let at = app.state.clock.now() + 3600;
    let (status, m) = app
        .put(
            &format!("/orgs/{org}/members/{}/access-expiry", viewer.user_id),
            json!({"expires_at": at}),
            role(&s, "admin"),
        )
        .await;
    assert_eq!(
        (status, m["access_expires_at"].clone()),
        (StatusCode::OK, json!(at))
    );
    assert_eq!(
        app.get(&format!("/orgs/{org}/members"), viewer).await.0,
        StatusCode::OK
    );
    app.state.clock.advance(3600);
    assert_eq!(
        app.get(&format!("/orgs/{org}/members"), viewer).await.0,
        StatusCode::NOT_FOUND
    );
}
