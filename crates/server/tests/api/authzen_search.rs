//! AuthZEN's resource search: the projects a subject may act on, a page at
//! a time, from the same engine as each single decision, across only the
//! orgs where the caller may ask about them.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::projects::{group, project};
use crate::support::{Session, TestApp, new_key, role};

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

async fn who_may(
    app: &TestApp,
    who: &Session,
    action: &str,
    kind: &str,
    id: i64,
    token: &str,
) -> (StatusCode, Value) {
    let body = json!({
        "subject": {"type": "user"},
        "action": {"name": action},
        "resource": {"type": kind, "id": id.to_string()},
        "page": {"limit": 2, "token": token},
    });
    let (status, _, bytes) = app
        .send_root(
            Method::POST,
            "/access/v1/search/subject",
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

#[tokio::test]
async fn subject_search_finds_who_may_review_a_project() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin, manager) = (role(&s, "owner"), role(&s, "admin"), role(&s, "manager"));
    let p = project(&app, org, manager, "Birds").await;
    let rev = app.add_member(org, "labeler").await;
    let lab = app.add_member(org, "labeler").await;
    let team = group(&app, org, admin, "Reviewers", &[rev.user_id]).await;
    for (path, role_key) in [
        (
            format!("/orgs/{org}/projects/{p}/groups/{team}"),
            "reviewer",
        ),
        (
            format!("/orgs/{org}/projects/{p}/members/{}", lab.user_id),
            "labeler",
        ),
    ] {
        assert_eq!(
            app.put(&path, json!({"role": role_key}), admin).await.0,
            StatusCode::NO_CONTENT
        );
    }
    // Every page, then the union: who the single decisions allow.
    let (mut token, mut seen) = (String::new(), Vec::new());
    loop {
        let (status, page) = who_may(&app, admin, "project.review", "project", p, &token).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        seen.extend(ids(&page));
        token = page["page"]["next_token"].as_str().unwrap().to_string();
        if token.is_empty() {
            assert_eq!(page["context"]["complete"], true);
            break;
        }
    }
    let mut want: Vec<String> = [owner.user_id, admin.user_id, manager.user_id, rev.user_id]
        .iter()
        .map(i64::to_string)
        .collect();
    want.sort_by_key(|id| id.parse::<i64>().unwrap());
    assert_eq!(
        seen, want,
        "Owner, Admin, the project's owner and the group's reviewer; not the labeler"
    );
    // The labeler may label but not review; and only those with "query
    // decisions" may search (R18).
    let (_, page) = who_may(&app, manager, "project.review", "project", p, "").await;
    assert_eq!(
        (ids(&page).len(), page["context"]["rule"].clone()),
        (0, json!("R18")),
        "{page}"
    );
    let (_, page) = who_may(&app, admin, "org.delete", "org", org, "").await;
    assert_eq!(ids(&page), [owner.user_id.to_string()]);
}

/// An API key is a subject of resource search as of single decisions: its
/// org's projects, as far as its role and its owner's standing reach (R17).
#[tokio::test]
async fn resource_search_finds_what_an_api_key_may_open() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin, manager) = (role(&s, "owner"), role(&s, "admin"), role(&s, "manager"));
    let mut all = Vec::new();
    for name in ["Birds", "Cars"] {
        all.push(project(&app, org, manager, name).await);
    }
    all.push(project(&app, org, owner, "Trees").await);
    let made = new_key(&app, org, admin, "admin").await;
    let key = made["key"]["id"].as_i64().unwrap().to_string();
    let ask = |action: &str| {
        json!({
            "subject": {"type": "api_key", "id": key},
            "action": {"name": action},
            "resource": {"type": "project"},
        })
    };
    for action in ["project.view", "project.label", "project.manage_members"] {
        let mut want = Vec::new();
        for p in &all {
            let q = json!({
                "subject": {"type": "api_key", "id": key},
                "action": {"name": action},
                "resource": {"type": "project", "id": p.to_string()},
            });
            let (status, d) = app.post("/authorize", q, admin).await;
            assert_eq!(status, StatusCode::OK, "{d}");
            if d["decision"] == true {
                want.push(p.to_string());
            }
        }
        let (status, page) = search(&app, admin, ask(action)).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert_eq!(ids(&page), want, "{action}: {page}");
        assert_eq!(page["context"]["complete"], true, "{page}");
        if action == "project.view" {
            assert_eq!(want.len(), all.len(), "an Admin's key sees every project");
        }
    }
    // A Manager may not ask about another's key (R18); once its owner is
    // suspended the key opens nothing (R17).
    let (_, page) = search(&app, manager, ask("project.view")).await;
    assert!(ids(&page).is_empty(), "{page}");
    let (status, body) = app
        .post(
            &format!("/orgs/{org}/members/{}/suspend", admin.user_id),
            json!({}),
            owner,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, page) = search(&app, owner, ask("project.view")).await;
    assert!(ids(&page).is_empty(), "{page}");
}
