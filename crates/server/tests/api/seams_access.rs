//! Regression tests for the holes found from outside in who may see and
//! reach what (issue 10 §1): reads by suspended or expired members, the
//! project list, membership oracles and assignment sources.

use axum::http::StatusCode;
use permissions::Denial;
use serde_json::json;

use crate::support::{TestApp, expect_denial, role};

/// R9 on reads: a suspended member sees nothing of the org, and an expired
/// one cannot make it their active org.
#[tokio::test]
async fn suspended_or_expired_members_read_nothing() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (admin, member) = (role(&s, "admin"), role(&s, "member"));
    app.post(
        &format!("/orgs/{org}/projects"),
        json!({"name": "Mine"}),
        member,
    )
    .await;
    let heir = admin.user_id;
    let (status, body) = app
        .post(
            &format!(
                "/orgs/{org}/members/{}/suspend?reassign_to={heir}",
                member.user_id
            ),
            json!({}),
            admin,
        )
        .await;
    assert_eq!(
        (status, body["status"].clone()),
        (StatusCode::OK, json!("suspended"))
    );
    for path in [
        format!("/orgs/{org}"),
        format!("/orgs/{org}/projects"),
        format!("/orgs/{org}/members/{}/projects", member.user_id),
    ] {
        expect_denial(
            app.get(&path, member).await,
            StatusCode::FORBIDDEN,
            Denial::ActorSuspended,
        );
    }
    let viewer = role(&s, "viewer");
    let at = app.state.clock.now() + 10;
    app.put(
        &format!("/orgs/{org}/members/{}/access-expiry", viewer.user_id),
        json!({"expires_at": at}),
        admin,
    )
    .await;
    app.state.clock.advance(11);
    let (status, _) = app
        .put("/me/active-org", json!({"org_id": org}), viewer)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// What a role can open, it can list: the mlops Viewer sees every project.
#[tokio::test]
async fn the_project_list_is_what_a_read_would_open() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("mlops").await;
    let creator = role(&s, "creator");
    for name in ["One", "Two"] {
        app.post(
            &format!("/orgs/{org}/projects"),
            json!({"name": name}),
            creator,
        )
        .await;
    }
    for (key, session) in &s {
        let (status, list) = app.get(&format!("/orgs/{org}/projects"), session).await;
        assert_eq!(status, StatusCode::OK, "{key}");
        let listed: Vec<i64> = list
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["id"].as_i64())
            .collect();
        for p in &listed {
            let (status, _) = app.get(&format!("/orgs/{org}/projects/{p}"), session).await;
            assert_eq!(status, StatusCode::OK, "{key} lists {p} and opens it");
        }
        assert_eq!(
            listed.len(),
            2,
            "{key}: every mlops role views every project"
        );
    }
}

/// Authorization before the target: a Labeler learns nothing about who is a
/// member or who owns projects.
#[tokio::test]
async fn no_membership_oracle_for_the_unauthorized() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let labeler = role(&s, "labeler");
    let member = role(&s, "member");
    for target in [member.user_id, 999_999] {
        let base = format!("/orgs/{org}/members/{target}");
        let answers = [
            app.put(&format!("{base}/role"), json!({"role": "viewer"}), labeler)
                .await,
            app.post(&format!("{base}/suspend"), json!({}), labeler)
                .await,
            app.post(&format!("{base}/reactivate"), json!({}), labeler)
                .await,
            app.delete(&base, labeler).await,
            app.delete(&format!("{base}?reassign_to=999999"), labeler)
                .await,
            app.put(
                &format!("{base}/access-expiry"),
                json!({"expires_at": null}),
                labeler,
            )
            .await,
            app.post(
                &format!("{base}/transfer"),
                json!({"to_org": org + 1, "role": "viewer"}),
                labeler,
            )
            .await,
        ];
        for got in answers {
            assert_eq!(got.0, StatusCode::FORBIDDEN, "target {target}: {}", got.1);
        }
    }
}

/// R12: an assignment stays active while any source remains — two groups,
/// or a direct assignment beside a group — and goes inactive with the last.
#[tokio::test]
async fn assignments_survive_while_any_source_remains() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("dataloop").await;
    let admin = role(&s, "admin");
    let (ana, ben) = (
        app.add_member(org, "worker").await,
        app.add_member(org, "worker").await,
    );
    let mut groups = Vec::new();
    for name in ["Day", "Night"] {
        let (_, g) = app
            .post(&format!("/orgs/{org}/groups"), json!({"name": name}), admin)
            .await;
        groups.push(g["id"].as_i64().unwrap());
    }
    let (_, p) = app
        .post(
            &format!("/orgs/{org}/projects"),
            json!({"name": "Roads"}),
            admin,
        )
        .await;
    let p = p["id"].as_i64().unwrap();
    let (_, t) = app
        .post(
            &format!("/orgs/{org}/projects/{p}/tasks"),
            json!({"name": "Signs", "mode": "pull"}),
            admin,
        )
        .await;
    let t = t["id"].as_i64().unwrap();
    let task = format!("/orgs/{org}/projects/{p}/tasks/{t}");
    for g in &groups {
        app.put(&format!("{task}/groups/{g}"), json!({}), admin)
            .await;
    }
    let member = |g: i64, u: i64| format!("/orgs/{org}/groups/{g}/members/{u}");
    // Ana is in both groups; Ben is assigned directly and joins Day.
    for g in &groups {
        app.put(&member(*g, ana.user_id), json!({}), admin).await;
    }
    let (status, _) = app
        .put(&format!("{task}/users/{}", ben.user_id), json!({}), admin)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    app.put(&member(groups[0], ben.user_id), json!({}), admin)
        .await;
    let status_of = |a: &serde_json::Value, u: i64| {
        a.as_array()
            .unwrap()
            .iter()
            .find(|x| x["user_id"] == json!(u))
            .map(|x| x["status"].clone())
    };
    // Both leave Day: Ana is still in Night, Ben still assigned directly.
    for u in [ana.user_id, ben.user_id] {
        let (status, _) = app.delete(&member(groups[0], u), admin).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    let (_, a) = app.get(&format!("{task}/assignments"), admin).await;
    assert_eq!(status_of(&a, ana.user_id), Some(json!("active")), "{a}");
    assert_eq!(status_of(&a, ben.user_id), Some(json!("active")), "{a}");
    // Night is deleted: Ana has no source left.
    app.delete(&format!("/orgs/{org}/groups/{}", groups[1]), admin)
        .await;
    let (_, a) = app.get(&format!("{task}/assignments"), admin).await;
    assert_eq!(status_of(&a, ana.user_id), Some(json!("inactive")), "{a}");
    assert_eq!(status_of(&a, ben.user_id), Some(json!("active")), "{a}");
}
