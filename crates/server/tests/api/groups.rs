//! Seed 003/004 paragraphs not covered elsewhere: removing someone from a
//! project, renaming and deleting a group (its members' assignments
//! through it turn inactive; the project roles it gave go).

use axum::http::{Method, StatusCode};
use permissions::{Denial, ProjectPermission};
use serde_json::json;

use crate::support::{TestApp, expect_denial, role};

#[tokio::test]
async fn project_members_are_removed_by_project_managers_only() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("animl").await;
    let owner = role(&s, "member");
    let (_, p) = app
        .post(
            &format!("/orgs/{org}/projects"),
            json!({"name": "Cameras"}),
            owner,
        )
        .await;
    let p = p["id"].as_i64().unwrap();
    let (observer, level2) = (
        app.add_member(org, "labeler").await,
        app.add_member(org, "labeler").await,
    );
    let members = format!("/orgs/{org}/projects/{p}/members");
    app.put(
        &format!("{members}/{}", observer.user_id),
        json!({"role": "observer"}),
        owner,
    )
    .await;
    app.put(
        &format!("{members}/{}", level2.user_id),
        json!({"role": "member"}),
        owner,
    )
    .await;
    // "Only Project Managers (level 3) can add/remove users."
    expect_denial(
        app.delete(&format!("{members}/{}", observer.user_id), &level2)
            .await,
        StatusCode::FORBIDDEN,
        Denial::MissingProjectPermission(ProjectPermission::ManageProjectMembers),
    );
    assert_eq!(
        app.get(&format!("/orgs/{org}/projects/{p}"), &observer)
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        app.delete(&format!("{members}/{}", observer.user_id), owner)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&format!("/orgs/{org}/projects/{p}"), &observer)
            .await
            .0,
        StatusCode::FORBIDDEN,
        "gone on the next request"
    );
    assert_eq!(
        app.delete(&format!("{members}/{}", observer.user_id), owner)
            .await
            .0,
        StatusCode::NOT_FOUND,
        "no longer on it"
    );
}

#[tokio::test]
async fn groups_are_renamed_and_deleted_with_what_they_gave() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("dataloop").await;
    let admin = role(&s, "admin");
    let worker = app.add_member(org, "worker").await;
    let (_, g) = app
        .post(
            &format!("/orgs/{org}/groups"),
            json!({"name": "Night shift"}),
            admin,
        )
        .await;
    let g = g["id"].as_i64().unwrap();
    app.put(
        &format!("/orgs/{org}/groups/{g}/members/{}", worker.user_id),
        json!({}),
        admin,
    )
    .await;
    let (_, p) = app
        .post(
            &format!("/orgs/{org}/projects"),
            json!({"name": "Roads"}),
            admin,
        )
        .await;
    let p = p["id"].as_i64().unwrap();
    app.put(
        &format!("/orgs/{org}/projects/{p}/groups/{g}"),
        json!({"role": "labeler"}),
        admin,
    )
    .await;
    let (_, t) = app
        .post(
            &format!("/orgs/{org}/projects/{p}/tasks"),
            json!({"name": "Signs", "mode": "pull"}),
            admin,
        )
        .await;
    let t = t["id"].as_i64().unwrap();
    app.put(
        &format!("/orgs/{org}/projects/{p}/tasks/{t}/groups/{g}"),
        json!({}),
        admin,
    )
    .await;
    assert_eq!(
        app.get(&format!("/orgs/{org}/projects/{p}"), &worker)
            .await
            .0,
        StatusCode::OK
    );

    // Only those who manage groups rename or delete them (Dataloop: Admin, Owner).
    let member = role(&s, "member");
    expect_denial(
        app.send(
            Method::PATCH,
            &format!("/orgs/{org}/groups/{g}"),
            Some(json!({"name": "X"})),
            Some(member),
        )
        .await,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(permissions::OrgPermission::ManageGroups),
    );
    assert_eq!(
        app.send(
            Method::PATCH,
            &format!("/orgs/{org}/groups/{g}"),
            Some(json!({"name": "Day shift"})),
            Some(admin)
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
    let (_, list) = app.get(&format!("/orgs/{org}/groups"), admin).await;
    assert_eq!(
        (list[0]["name"].clone(), list[0]["members"].clone()),
        (json!("Day shift"), json!(1))
    );

    assert_eq!(
        app.delete(&format!("/orgs/{org}/groups/{g}"), admin)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    let (_, a) = app
        .get(
            &format!("/orgs/{org}/projects/{p}/tasks/{t}/assignments"),
            admin,
        )
        .await;
    assert_eq!(
        (a[0]["user_id"].clone(), a[0]["status"].clone()),
        (json!(worker.user_id), json!("inactive"))
    );
    assert_eq!(
        app.get(&format!("/orgs/{org}/projects/{p}"), &worker)
            .await
            .0,
        StatusCode::FORBIDDEN,
        "the group's role went with it"
    );
    assert_eq!(
        app.get(&format!("/orgs/{org}/groups"), admin).await.1,
        json!([])
    );
}
