//! A member's projects as the Members page shows them: for each project,
//! whether they own it, their direct role and every group's role, so the
//! page changes a role where one exists instead of adding a second one.

use axum::http::StatusCode;
use serde_json::json;

use crate::projects::{group, project};
use crate::support::{TestApp, role};

#[tokio::test]
async fn each_project_says_where_the_members_standing_comes_from() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let admin = role(&s, "admin");
    let ann = app.add_member(org, "labeler").await;
    let birds = project(&app, org, admin, "Birds").await;
    let cats = project(&app, org, admin, "Cats").await;
    project(&app, org, admin, "Dogs").await;
    let team = group(&app, org, admin, "Annotators", &[ann.user_id]).await;
    for (path, role) in [
        (
            format!("/orgs/{org}/projects/{birds}/groups/{team}"),
            "reviewer",
        ),
        (
            format!("/orgs/{org}/projects/{birds}/members/{}", ann.user_id),
            "observer",
        ),
        (
            format!("/orgs/{org}/projects/{cats}/members/{}", ann.user_id),
            "labeler",
        ),
    ] {
        let (status, body) = app.put(&path, json!({ "role": role }), admin).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{path}: {body}");
    }
    let (status, list) = app
        .get(
            &format!("/orgs/{org}/members/{}/projects", ann.user_id),
            admin,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let seen: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["project"]["name"].as_str().unwrap().to_string(),
                p["owner"].clone(),
                p["role"].clone(),
                p["via_groups"].clone(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "Birds".to_string(),
                json!(false),
                json!("observer"),
                json!([["Annotators", "reviewer"]])
            ),
            (
                "Cats".to_string(),
                json!(false),
                json!("labeler"),
                json!([])
            ),
        ],
        "Dogs is not theirs; Birds holds both grants (R12)"
    );
    // The viewer's own access rides along, for the page's controls: the
    // Admin made Birds, so owns it.
    assert_eq!(list[0]["project"]["access"]["owner"], json!(true), "{list}");
    // Cards name their owner.
    let (_, members) = app
        .get(&format!("/orgs/{org}/members?limit=200"), admin)
        .await;
    let admin_name = members["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user_id"] == json!(admin.user_id))
        .map(|m| m["name"].clone());
    assert_eq!(Some(list[0]["project"]["owner_name"].clone()), admin_name);
    assert_ne!(list[0]["project"]["owner_name"], json!(""));
}
