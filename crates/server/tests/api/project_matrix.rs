//! Project roles × project actions, through HTTP, against the crate: a
//! member holding only one project role tries each project action.

use axum::http::StatusCode;
use permissions::{
    Action, Actor, Grant, ProjectAccess, ProjectPermission, UserId, decide, templates,
};
use serde_json::{Value, json};

use crate::projects::{group, project};
use crate::support::{TestApp, role};

/// Project roles × project actions, through HTTP, must equal the crate.
#[tokio::test]
async fn project_roles_by_project_actions_match_the_crate() {
    let app = TestApp::new().await;
    let mut cells = 0;
    for key in ["default", "animl"] {
        let t = templates::by_key(key).unwrap();
        let (org, s) = app.org_with_every_role(key).await;
        let admin = role(&s, "admin");
        let p = project(&app, org, admin, "P").await;
        let (_, task) = app
            .post(
                &format!("/orgs/{org}/projects/{p}/tasks"),
                json!({"name": "T", "mode": "pull"}),
                admin,
            )
            .await;
        let task = task["id"].as_i64().unwrap();
        let team = group(&app, org, admin, "G", &[]).await;
        for prole in &t.project_roles {
            // A Labeler in the org, on the project with only this role.
            let who = app.add_member(org, "labeler").await;
            app.put(
                &format!("/orgs/{org}/projects/{p}/members/{}", who.user_id),
                json!({"role": prole.key}),
                admin,
            )
            .await;
            let actor = Actor::active(UserId(who.user_id), Grant::default());
            let access = ProjectAccess {
                direct: prole.permissions,
                ..Default::default()
            };
            let target = app.add_member(org, "labeler").await.user_id;
            let lowest = t.project_roles.last().unwrap();
            let cases: Vec<(&str, Action, (StatusCode, Value))> = vec![
                (
                    "view",
                    Action::Project {
                        permission: ProjectPermission::ViewProject,
                        access,
                    },
                    app.get(&format!("/orgs/{org}/projects/{p}"), &who).await,
                ),
                (
                    "add member",
                    Action::GrantProjectRole {
                        role: lowest.permissions,
                        access,
                    },
                    app.put(
                        &format!("/orgs/{org}/projects/{p}/members/{target}"),
                        json!({"role": lowest.key}),
                        &who,
                    )
                    .await,
                ),
                (
                    "create task",
                    Action::Project {
                        permission: ProjectPermission::ManageTasks,
                        access,
                    },
                    app.post(
                        &format!("/orgs/{org}/projects/{p}/tasks"),
                        json!({"name": "T2", "mode": "pull"}),
                        &who,
                    )
                    .await,
                ),
                (
                    "assign group",
                    Action::AssignGroupToTask {
                        mode: permissions::TaskMode::Pull,
                        access,
                    },
                    app.put(
                        &format!("/orgs/{org}/projects/{p}/tasks/{task}/groups/{team}"),
                        json!({}),
                        &who,
                    )
                    .await,
                ),
            ];
            for (what, action, got) in cases {
                cells += 1;
                let expected = decide(0, &actor, &action);
                assert_eq!(
                    got.0.is_success(),
                    expected.is_allowed(),
                    "{key} {} {what}: {}",
                    prole.key,
                    got.1
                );
                if let Some(d) = expected.denial() {
                    assert_eq!(got.1["message"], d.to_string());
                }
            }
        }
    }
    assert_eq!(
        cells,
        (4 + 3) * 4,
        "every project role × every project action"
    );
}
