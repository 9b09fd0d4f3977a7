//! Projects, groups and tasks: R10 (owners are replaced before they go),
//! R11 (claim), R12 (group grants and the group → assignment life cycle),
//! and project roles × project actions against the crate.

use axum::http::StatusCode;
use permissions::{Denial, OrgPermission};
use serde_json::{Value, json};

use crate::support::{Session, TestApp, expect_denial, role};

pub async fn project(app: &TestApp, org: i64, who: &Session, name: &str) -> i64 {
    let (status, p) = app
        .post(&format!("/orgs/{org}/projects"), json!({"name": name}), who)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{p}");
    p["id"].as_i64().unwrap()
}

pub async fn group(app: &TestApp, org: i64, who: &Session, name: &str, members: &[i64]) -> i64 {
    let (status, g) = app
        .post(&format!("/orgs/{org}/groups"), json!({"name": name}), who)
        .await;
    assert_eq!(status, StatusCode::CREATED, "{g}");
    let id = g["id"].as_i64().unwrap();
    for m in members {
        assert_eq!(
            app.put(
                &format!("/orgs/{org}/groups/{id}/members/{m}"),
                json!({}),
                who
            )
            .await
            .0,
            StatusCode::NO_CONTENT
        );
    }
    id
}

fn statuses(v: &Value) -> Vec<(i64, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["user_id"].as_i64().unwrap(),
                a["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn r10_project_owners_are_replaced_in_the_same_step() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (admin, member) = (role(&s, "admin"), role(&s, "member"));
    let p = project(&app, org, member, "Cats").await;
    let url = format!("/orgs/{org}/members/{}", member.user_id);
    expect_denial(
        app.delete(&url, admin).await,
        StatusCode::FORBIDDEN,
        Denial::OwnsProjects { count: 1 },
    );
    expect_denial(
        app.post(&format!("{url}/suspend"), json!({}), admin).await,
        StatusCode::FORBIDDEN,
        Denial::OwnsProjects { count: 1 },
    );
    expect_denial(
        app.post(&format!("/orgs/{org}/leave"), json!({}), member)
            .await,
        StatusCode::FORBIDDEN,
        Denial::OwnsProjects { count: 1 },
    );
    // The new owner must be another active member who may own projects
    // (R10, decided by the crate before anything is written).
    expect_denial(
        app.delete(&format!("{url}?reassign_to={}", member.user_id), admin)
            .await,
        StatusCode::FORBIDDEN,
        Denial::HeirNotEligible,
    );
    assert_eq!(
        app.delete(&format!("{url}?reassign_to={}", admin.user_id), admin)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    let (_, view) = app.get(&format!("/orgs/{org}/projects/{p}"), admin).await;
    assert_eq!(view["owner_id"], json!(admin.user_id));
}

#[tokio::test]
async fn r11_claim_ownership_and_who_sees_which_projects() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (admin, manager, member) = (role(&s, "admin"), role(&s, "manager"), role(&s, "member"));
    let mine = project(&app, org, member, "Member's").await;
    project(&app, org, manager, "Manager's").await;
    expect_denial(
        app.post(
            &format!("/orgs/{org}/projects/{mine}/claim"),
            json!({}),
            manager,
        )
        .await,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(OrgPermission::ClaimProjectOwnership),
    );
    let (status, p) = app
        .post(
            &format!("/orgs/{org}/projects/{mine}/claim"),
            json!({}),
            admin,
        )
        .await;
    assert_eq!(
        (status, p["owner_id"].clone()),
        (StatusCode::OK, json!(admin.user_id))
    );
    // "List all org projects" shows everything; others see their own.
    let names = |v: Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(app.get(&format!("/orgs/{org}/projects"), admin).await.1),
        ["Manager's", "Member's"]
    );
    assert_eq!(
        names(app.get(&format!("/orgs/{org}/projects"), manager).await.1),
        ["Manager's"]
    );
    assert!(
        names(app.get(&format!("/orgs/{org}/projects"), member).await.1).is_empty(),
        "no longer the owner"
    );
    // A member's projects, from the Members page (seed 002).
    let (_, theirs) = app
        .get(
            &format!("/orgs/{org}/members/{}/projects", manager.user_id),
            admin,
        )
        .await;
    assert_eq!(theirs[0]["project"]["name"], "Manager's", "{theirs}");
    assert_eq!(theirs[0]["owner"], true, "{theirs}");
    assert_eq!(theirs.as_array().unwrap().len(), 1, "{theirs}");
    assert_eq!(
        app.get(
            &format!("/orgs/{org}/members/{}/projects", admin.user_id),
            manager
        )
        .await
        .0,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn r12_groups_give_project_roles_and_assignments_follow_membership() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let admin = role(&s, "admin");
    let (ann, bob) = (
        app.add_member(org, "labeler").await,
        app.add_member(org, "labeler").await,
    );
    let p = project(&app, org, admin, "Birds").await;
    let team = group(&app, org, admin, "Annotators", &[ann.user_id, bob.user_id]).await;
    assert_eq!(
        app.get(&format!("/orgs/{org}/projects/{p}"), &ann).await.0,
        StatusCode::FORBIDDEN,
        "not on the project yet"
    );
    assert_eq!(
        app.put(
            &format!("/orgs/{org}/projects/{p}/groups/{team}"),
            json!({"role": "labeler"}),
            admin
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&format!("/orgs/{org}/projects/{p}"), &ann).await.0,
        StatusCode::OK,
        "the group's role reaches its members"
    );
    // Each project in a list carries what the caller holds in it, which
    // the client decides its controls from: Ann holds Labeler via the group.
    let (_, list) = app.get(&format!("/orgs/{org}/projects"), &ann).await;
    let labeler: Vec<String> = permissions::templates::default_template()
        .project_role("labeler")
        .unwrap()
        .permissions
        .iter()
        .map(|p| {
            serde_json::to_value(p)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(list[0]["access"]["groups"], json!(labeler), "{list}");
    assert_eq!(list[0]["access"]["direct"], json!([]));
    assert_eq!(list[0]["access"]["owner"], json!(false));
    // Who is on the project and why: Ann and Bob through the group; a
    // direct role shows beside the group's.
    app.put(
        &format!("/orgs/{org}/projects/{p}/members/{}", bob.user_id),
        json!({"role": "reviewer"}),
        admin,
    )
    .await;
    let (status, people) = app
        .get(&format!("/orgs/{org}/projects/{p}/members"), &ann)
        .await;
    assert_eq!(status, StatusCode::OK, "{people}");
    let by_user = |u: i64| {
        people
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["user_id"] == u)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(by_user(ann.user_id)["role"], json!(null));
    assert_eq!(
        by_user(ann.user_id)["via_groups"],
        json!([["Annotators", "labeler"]])
    );
    assert_eq!(by_user(bob.user_id)["role"], json!("reviewer"));
    assert_eq!(
        by_user(bob.user_id)["via_groups"],
        json!([["Annotators", "labeler"]])
    );
    app.delete(
        &format!("/orgs/{org}/projects/{p}/members/{}", bob.user_id),
        admin,
    )
    .await;
    let (_, mine) = app.get(&format!("/orgs/{org}/projects"), admin).await;
    assert_eq!(mine[0]["access"]["owner"], json!(true), "the Admin made it");

    let tasks = format!("/orgs/{org}/projects/{p}/tasks");
    let (_, pull) = app
        .post(
            &tasks,
            json!({"name": "Label birds", "mode": "pull"}),
            admin,
        )
        .await;
    let (_, dist) = app
        .post(&tasks, json!({"name": "QA", "mode": "distribution"}), admin)
        .await;
    let (pull, dist) = (pull["id"].as_i64().unwrap(), dist["id"].as_i64().unwrap());
    expect_denial(
        app.put(&format!("{tasks}/{dist}/groups/{team}"), json!({}), admin)
            .await,
        StatusCode::FORBIDDEN,
        Denial::GroupOnDistributionTask,
    );
    assert_eq!(
        app.put(&format!("{tasks}/{pull}/groups/{team}"), json!({}), admin)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    let assignments = format!("{tasks}/{pull}/assignments");
    let mut expected = vec![
        (ann.user_id, "active".to_string()),
        (bob.user_id, "active".to_string()),
    ];
    expected.sort();
    let mut got = statuses(&app.get(&assignments, admin).await.1);
    got.sort();
    assert_eq!(got, expected, "every member gets an assignment");

    // Bob leaves the group: his assignment turns inactive and the project
    // role the group gave him is gone on his next request.
    assert_eq!(
        app.delete(
            &format!("/orgs/{org}/groups/{team}/members/{}", bob.user_id),
            admin
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
    let got = statuses(&app.get(&assignments, admin).await.1);
    assert!(
        got.contains(&(bob.user_id, "inactive".into()))
            && got.contains(&(ann.user_id, "active".into())),
        "{got:?}"
    );
    assert_eq!(
        app.get(&format!("/orgs/{org}/projects/{p}"), &bob).await.0,
        StatusCode::FORBIDDEN
    );
    // Cy joins: Cy gets an assignment at once.
    let cy = app.add_member(org, "labeler").await;
    app.put(
        &format!("/orgs/{org}/groups/{team}/members/{}", cy.user_id),
        json!({}),
        admin,
    )
    .await;
    assert!(
        statuses(&app.get(&assignments, admin).await.1).contains(&(cy.user_id, "active".into()))
    );
    // The reads the Groups and Projects tabs use.
    let (_, names) = app
        .get(&format!("/orgs/{org}/groups/{team}/members"), admin)
        .await;
    let ids: Vec<i64> = names
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["user_id"].as_i64().unwrap())
        .collect();
    assert!(
        ids.contains(&ann.user_id) && ids.contains(&cy.user_id) && !ids.contains(&bob.user_id),
        "{names}"
    );
    let (_, listed) = app.get(&tasks, &ann).await;
    assert_eq!(listed.as_array().unwrap().len(), 2, "{listed}");
    let (_, page) = app
        .get(&format!("/orgs/{org}/members?q=Member"), admin)
        .await;
    let count = |id: i64| {
        page["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["user_id"] == json!(id))
            .map(|m| m["projects"].clone())
    };
    assert_eq!(
        (count(ann.user_id), count(bob.user_id)),
        (Some(json!(1)), Some(json!(0))),
        "through the group, and no longer"
    );
    // Groups are managed by those allowed.
    expect_denial(
        app.post(
            &format!("/orgs/{org}/groups"),
            json!({"name": "X"}),
            role(&s, "manager"),
        )
        .await,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(OrgPermission::ManageGroups),
    );
}
