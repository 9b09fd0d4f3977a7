//! Committing an import (issue 11): exactly the previewed plan, all of it
//! in one transaction or none of it; a plan that no longer holds is a 409
//! with the new one; the same Idempotency-Key never imports twice; mail
//! goes out at the org's pace or not at all; groups and projects reach an
//! invitee when they accept.

use std::time::Duration;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::import::row_counts;
use crate::projects::{group, project};
use crate::support::{Session, TestApp, role, token_of};

async fn preview(app: &TestApp, org: i64, who: &Session, file: &str) -> Value {
    let (status, body) = app
        .upload(
            &format!("/orgs/{org}/import/preview?existing=update_role"),
            file.as_bytes().to_vec(),
            who,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn commit(
    app: &TestApp,
    org: i64,
    who: &Session,
    file: &str,
    query: &str,
) -> (StatusCode, Value) {
    app.upload(
        &format!("/orgs/{org}/import/commit?{query}"),
        file.as_bytes().to_vec(),
        who,
    )
    .await
}

/// Polls the job until it ends.
async fn finished(app: &TestApp, org: i64, who: &Session, job: &Value) -> Value {
    let id = job["id"].as_i64().expect("job id");
    for _ in 0..200 {
        let (status, j) = app.get(&format!("/orgs/{org}/import/jobs/{id}"), who).await;
        assert_eq!(status, StatusCode::OK, "{j}");
        if j["state"] != "running" {
            return j;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("job {id} never ended");
}

async fn invitation_role(app: &TestApp, org: i64, email: &str) -> Option<String> {
    sqlx::query_as::<_, (String,)>(
        "SELECT role FROM invitations WHERE org_id = $1 AND email = $2 AND accepted_at IS NULL
         AND revoked_at IS NULL AND superseded_at IS NULL",
    )
    .bind(org)
    .bind(email)
    .fetch_optional(&app.state.db.pool)
    .await
    .expect("query")
    .map(|r| r.0)
}

#[tokio::test]
async fn a_commit_applies_exactly_the_previewed_plan_once() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin) = (role(&s, "owner"), role(&s, "admin"));
    let labeler = role(&s, "labeler");
    let labeler_email = app.get("/me", labeler).await.1["user"]["email"]
        .as_str()
        .unwrap()
        .to_string();
    let p = project(&app, org, owner, "Signs").await;
    let g = group(&app, org, owner, "Night shift", &[]).await;
    let file = format!(
        "email,name,role,groups,projects,message\n\
         ada@acme.io,Ada,labeler,Night shift,Signs:reviewer,Welcome\n\
         bob@acme.io,,viewer,,,\n\
         {labeler_email},,member,,,\n\
         cy@acme.io,,labeler,,,\n\
         cy@acme.io,,labeler,,,\n"
    );
    let plan = preview(&app, org, admin, &file).await;
    let id = plan["plan_id"].as_str().unwrap().to_string();
    // Invalid rows and no skip: nothing at all.
    let before = row_counts(&app).await;
    let (status, body) = commit(
        &app,
        org,
        admin,
        &file,
        &format!("plan_id={id}&existing=update_role"),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("invalid_rows")),
        "{body}"
    );
    assert_eq!(row_counts(&app).await, before);
    // With skip_invalid: the valid rows, as previewed.
    let query = format!("plan_id={id}&existing=update_role&skip_invalid=true");
    let (status, started) = app
        .send_bytes_with(
            &format!("/orgs/{org}/import/commit?{query}"),
            file.as_bytes().to_vec(),
            &[("idempotency-key", "import-1")],
            admin,
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{started}");
    assert_eq!(started["rows_total"], 5);
    let done = finished(&app, org, admin, &started).await;
    assert_eq!(done["state"], "done", "{done}");
    assert_eq!(done["rows_done"], 5);
    let applied: Vec<bool> = done["report"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["applied"].as_bool().unwrap())
        .collect();
    assert_eq!(applied, [true, true, true, false, false]);
    assert_eq!(
        invitation_role(&app, org, "ada@acme.io").await.as_deref(),
        Some("labeler")
    );
    assert_eq!(
        invitation_role(&app, org, "bob@acme.io").await.as_deref(),
        Some("viewer")
    );
    assert_eq!(
        invitation_role(&app, org, "cy@acme.io").await,
        None,
        "both duplicate lines skipped"
    );
    let members = app
        .get(&format!("/orgs/{org}/members?q={labeler_email}"), admin)
        .await
        .1;
    assert_eq!(members["members"][0]["role"], "member", "{members}");
    // Audited as an import.
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_events WHERE org_id = $1 AND source = 'import'")
            .bind(org)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(n, 3);
    // Mail at the org's pace: 120 a minute, one every half second.
    let due: Vec<(i64,)> = sqlx::query_as(
        "SELECT o.next_attempt_at FROM outbox o JOIN invitations i ON i.id = o.invitation_id
         WHERE i.org_id = $1 AND i.email IN ('ada@acme.io', 'bob@acme.io') ORDER BY o.next_attempt_at",
    )
    .bind(org)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(due.len(), 2);
    // The same key again: the same job, nothing imported twice.
    let (status, again) = app
        .send_bytes_with(
            &format!("/orgs/{org}/import/commit?{query}"),
            file.as_bytes().to_vec(),
            &[("idempotency-key", "import-1")],
            admin,
        )
        .await;
    assert_eq!(
        (status, &again["id"]),
        (StatusCode::OK, &started["id"]),
        "{again}"
    );
    // Ada accepts: her group and project come with the membership (R12).
    let token = token_of(&app.last_link("ada@acme.io").await);
    let (status, _) = app
        .send(
            Method::POST,
            "/invitations/accept",
            Some(json!({"token": token, "name": "Ada", "password": "password123"})),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (in_group,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM org_group_members gm JOIN users u ON u.id = gm.user_id WHERE gm.group_id = $1 AND u.email = 'ada@acme.io'")
        .bind(g)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(in_group, 1);
    let (on_project,): (String,) = sqlx::query_as("SELECT pm.role FROM project_members pm JOIN users u ON u.id = pm.user_id WHERE pm.project_id = $1 AND u.email = 'ada@acme.io'")
        .bind(p)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert_eq!(on_project, "reviewer");
}

#[tokio::test]
async fn a_plan_that_no_longer_holds_is_refused_with_the_new_one() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, manager) = (role(&s, "owner"), role(&s, "manager"));
    let file = "email,role\nnew@acme.io,labeler\nother@acme.io,viewer\n";
    let plan = preview(&app, org, manager, file).await;
    let id = plan["plan_id"].as_str().unwrap().to_string();
    // Someone invites one of the file's people before the commit.
    let (status, _) = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["new@acme.io"], "role": "viewer"}),
            owner,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let before = row_counts(&app).await;
    let (status, body) = commit(
        &app,
        org,
        manager,
        file,
        &format!("plan_id={id}&existing=update_role"),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::CONFLICT, Some("plan_changed")),
        "{body}"
    );
    assert_ne!(body["preview"]["plan_id"], plan["plan_id"]);
    assert_eq!(body["preview"]["rows"][0]["outcome"], "already_invited");
    assert_eq!(row_counts(&app).await, before, "nothing written");
    // The new plan commits, here without mail: links by hand.
    let id = body["preview"]["plan_id"].as_str().unwrap();
    let (status, started) = commit(
        &app,
        org,
        manager,
        file,
        &format!("plan_id={id}&existing=update_role&send_mail=false"),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{started}");
    assert_eq!(
        finished(&app, org, manager, &started).await["state"],
        "done"
    );
    assert_eq!(
        invitation_role(&app, org, "new@acme.io").await.as_deref(),
        Some("labeler"),
        "updated under update_role"
    );
    let (mails,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE to_email = 'other@acme.io'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
    assert_eq!(mails, 0, "send_mail=false mails nobody");
    assert_eq!(
        invitation_role(&app, org, "other@acme.io").await.as_deref(),
        Some("viewer")
    );
}
