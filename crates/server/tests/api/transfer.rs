//! R14: a member moves to another org where the actor may invite, with a
//! role; the projects they own go along (the source's Owner only) or get a
//! new owner in the source org.

use axum::http::StatusCode;
use permissions::Denial;
use serde_json::json;

use crate::support::{TestApp, expect_denial, role};

#[tokio::test]
async fn transfer_user_moves_the_member_and_their_projects() {
    let app = TestApp::new().await;
    let (org_a, a) = app.org_with_every_role("default").await;
    let admin = role(&a, "admin");
    // The same Admin is a Manager in org B (seat limit 4 there).
    let owner_b = app.sign_up("ob@beta.io", "Owner B").await;
    let (_, b) = app
        .post("/orgs", json!({"name": "Beta", "seat_limit": 4}), &owner_b)
        .await;
    let org_b = b["id"].as_i64().unwrap();
    let now = app.state.clock.now();
    let mut tx = app.state.db.begin().await.unwrap();
    server::db::members::insert(
        &mut tx,
        org_b,
        admin.user_id,
        "manager",
        "Admin A",
        "admin@a.io",
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let mover = role(&a, "member");
    let (_, p) = app
        .post(
            &format!("/orgs/{org_a}/projects"),
            json!({"name": "Moving"}),
            mover,
        )
        .await;
    let p = p["id"].as_i64().unwrap();
    let url = format!("/orgs/{org_a}/members/{}/transfer", mover.user_id);

    // R14: an Admin may not take the projects out of A.
    expect_denial(
        app.post(&url, json!({"to_org": org_b, "role": "member"}), admin)
            .await,
        StatusCode::FORBIDDEN,
        Denial::MoveProjectsOwnerOnly,
    );
    let keep = admin.user_id;
    // R2 in B: a Manager there cannot give Admin.
    expect_denial(
        app.post(
            &url,
            json!({"to_org": org_b, "role": "admin", "reassign_to": keep}),
            admin,
        )
        .await,
        StatusCode::FORBIDDEN,
        Denial::AboveGrantCeiling,
    );
    // R15: the Owner of A has no membership in B.
    assert_eq!(
        app.post(
            &url,
            json!({"to_org": org_b, "role": "member"}),
            role(&a, "owner")
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    // A Manager of A may not remove, so may not transfer.
    expect_denial(
        app.post(
            &url,
            json!({"to_org": org_b, "role": "member"}),
            role(&a, "manager"),
        )
        .await,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(permissions::OrgPermission::RemoveMembers),
    );

    assert_eq!(
        app.post(
            &url,
            json!({"to_org": org_b, "role": "member", "reassign_to": keep}),
            admin
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&format!("/orgs/{org_a}"), mover).await.0,
        StatusCode::NOT_FOUND,
        "gone from A"
    );
    let (status, view) = app.get(&format!("/orgs/{org_b}"), mover).await;
    assert_eq!(
        (status, view["my_role"].clone()),
        (StatusCode::OK, json!("member"))
    );
    let (status, kept) = app.get(&format!("/orgs/{org_a}/projects/{p}"), admin).await;
    assert_eq!(
        (status, kept["owner_id"].clone()),
        (StatusCode::OK, json!(admin.user_id)),
        "the project stayed in A with its new owner"
    );
    assert_eq!(
        app.get(&format!("/orgs/{org_b}/projects/{p}"), mover)
            .await
            .0,
        StatusCode::NOT_FOUND
    );

    // R7 in B: owner, admin (as manager), mover, and one more fill 4 seats.
    app.add_member(org_b, "viewer").await;
    let next = role(&a, "viewer");
    let got = app
        .post(
            &format!("/orgs/{org_a}/members/{}/transfer", next.user_id),
            json!({"to_org": org_b, "role": "viewer"}),
            admin,
        )
        .await;
    expect_denial(
        got,
        StatusCode::CONFLICT,
        Denial::SeatLimitReached { limit: 4 },
    );
}
