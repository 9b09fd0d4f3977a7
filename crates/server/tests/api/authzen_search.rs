//! AuthZEN's resource search: the projects a subject may act on, a page at
//! a time, from the same engine as each single decision, across only the
//! orgs where the caller may ask about them.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::projects::{group, project};
use crate::support::{Session, TestApp, role};

async fn search(app: &TestApp, who: &Session, body: Value) -> (StatusCode, Value) {
    let (status, _, bytes) = app
        .send_root(
            Method::POST,
            "/access/v1/search/resource",
            Some(body.to_string()),
            &[],
            Some(who),
        )
        .await;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

fn ids(v: &Value) -> Vec<String> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn resource_search_pages_through_what_each_decision_allows() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (admin, manager) = (role(&s, "admin"), role(&s, "manager"));
    let ann = app.add_member(org, "labeler").await;
    let mut labelled = Vec::new();
    for name in ["A", "B", "C", "D", "E"] {
        labelled.push(project(&app, org, admin, name).await);
    }
    let elsewhere = project(&app, org, admin, "Not hers").await;
    let team = group(&app, org, admin, "Annotators", &[ann.user_id]).await;
    for p in &labelled {
        let (status, _) = app
            .put(
                &format!("/orgs/{org}/projects/{p}/groups/{team}"),
                json!({"role": "labeler"}),
                admin,
            )
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    let ask = |token: &str| {
        json!({
            "subject": {"type": "user", "id": ann.user_id.to_string()},
            "action": {"name": "project.label"},
            "resource": {"type": "project"},
            "page": {"limit": 2, "token": token},
        })
    };
    // Pages of two until complete; together exactly her five projects.
    let (mut token, mut seen, mut pages) = (String::new(), Vec::new(), 0);
    loop {
        let (status, page) = search(&app, admin, ask(&token)).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        seen.extend(ids(&page));
        pages += 1;
        token = page["page"]["next_token"].as_str().unwrap().to_string();
        assert_eq!(
            page["context"]["complete"],
            json!(token.is_empty()),
            "{page}"
        );
        if token.is_empty() {
            break;
        }
    }
    let want: Vec<String> = labelled.iter().map(i64::to_string).collect();
    assert_eq!((seen.clone(), pages), (want, 3));
    assert!(!seen.contains(&elsewhere.to_string()));
    // Each one agrees with the single decision.
    for id in &seen {
        let q = json!({
            "subject": {"type": "user", "id": ann.user_id.to_string()},
            "action": {"name": "project.label"},
            "resource": {"type": "project", "id": id},
        });
        assert_eq!(app.post("/authorize", q, admin).await.1["decision"], true);
    }
    // A Manager may not ask about her (R18): nothing is found.
    let (status, page) = search(&app, manager, ask("")).await;
    assert_eq!((status, ids(&page).len()), (StatusCode::OK, 0), "{page}");
    // She may ask about herself.
    let (_, page) = search(&app, &ann, ask("")).await;
    assert_eq!(ids(&page).len(), 2, "{page}");
    // What is not a search for projects, or not a token it gave, is a 400.
    let mut bad = ask("");
    bad["resource"]["type"] = json!("org");
    assert_eq!(search(&app, admin, bad).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(
        search(&app, admin, ask("x")).await.0,
        StatusCode::BAD_REQUEST
    );
}
