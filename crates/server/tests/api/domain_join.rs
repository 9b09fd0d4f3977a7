//! R13 joins through HTTP: who a verified domain brings in, on which
//! occasion, and who it never brings back.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Session, TestApp};

/// Northwind: an Owner at northwind.io, a group, and a proven claim on
/// northwind.io in `mode` giving Labeler and the group.
async fn northwind(app: &TestApp, mode: &str) -> (i64, Session, i64, i64) {
    let owner = app.sign_up("olive@northwind.io", "Olive Owner").await;
    let (_, org) = app
        .post("/orgs", json!({"name": "Northwind"}), &owner)
        .await;
    let org = org["id"].as_i64().unwrap();
    let (_, g) = app
        .post(
            &format!("/orgs/{org}/groups"),
            json!({"name": "Annotators"}),
            &owner,
        )
        .await;
    let group = g["id"].as_i64().unwrap();
    let (status, c) = app
        .post(
            &format!("/orgs/{org}/domains"),
            json!({"domain": "northwind.io", "mode": mode, "default_role": "labeler", "default_groups": [group]}),
            &owner,
        )
        .await;
    assert_eq!(
        (status, c["verified"].as_bool()),
        (StatusCode::CREATED, Some(true)),
        "{c}"
    );
    (org, owner, group, c["id"].as_i64().unwrap())
}

/// The role of `s` in Northwind, as its Owner sees it.
async fn member_role(app: &TestApp, org: i64, s: &Session) -> Option<String> {
    let owner = app.session_for(owner_of(app, org).await).await;
    let (status, m) = app
        .get(&format!("/orgs/{org}/members/{}", s.user_id), &owner)
        .await;
    (status == StatusCode::OK).then(|| m["role"].as_str().unwrap_or_default().to_string())
}

async fn owner_of(app: &TestApp, org: i64) -> i64 {
    sqlx::query_as::<_, (i64,)>("SELECT owner_id FROM orgs WHERE id = $1")
        .bind(org)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap()
        .0
}

async fn audit_source(app: &TestApp, action: &str, target: i64) -> Option<String> {
    sqlx::query_as::<_, (String,)>(
        "SELECT source FROM audit_events WHERE action = $1 AND target_id = $2",
    )
    .bind(action)
    .bind(target)
    .fetch_optional(&app.state.db.pool)
    .await
    .unwrap()
    .map(|(s,)| s)
}

async fn set_seats(app: &TestApp, org: i64, owner: &Session, limit: Value) {
    let (status, body) = app
        .send(
            Method::PATCH,
            &format!("/orgs/{org}"),
            Some(json!({"seat_limit": limit})),
            Some(owner),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn auto_join_brings_in_verified_addresses_at_exactly_the_domain() {
    let app = TestApp::new().await;
    let (org, owner, group, _) = northwind(&app, "auto_join").await;
    let nia = app.sign_up("nia@northwind.io", "Nia Annotator").await;
    assert_eq!(
        member_role(&app, org, &nia).await.as_deref(),
        Some("labeler")
    );
    let (_, in_group) = app
        .get(&format!("/orgs/{org}/groups/{group}/members"), &owner)
        .await;
    assert!(
        in_group
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["user_id"] == nia.user_id),
        "{in_group}"
    );
    assert_eq!(
        audit_source(&app, "member.joined_by_domain", nia.user_id)
            .await
            .as_deref(),
        Some("autojoin")
    );
    let (subject, body) = app.last_mail("nia@northwind.io").await;
    assert_eq!(subject, "Welcome to Northwind on Roster");
    assert!(body.contains("northwind.io"), "{body}");
    // Exact domain only; unverified addresses never.
    let sub = app.sign_up("sub@eu.northwind.io", "Sub Domain").await;
    assert_eq!(member_role(&app, org, &sub).await, None);
    let unverified = app.sign_up_unverified("uv@northwind.io", "Not Yet").await;
    assert_eq!(member_role(&app, org, &unverified).await, None);
    assert_eq!(app.get("/me/joinable", &unverified).await.1, json!([]));
    let (status, err) = app
        .post(&format!("/me/joinable/{org}"), json!({}), &unverified)
        .await;
    assert_eq!(
        (status, err["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("email_unverified")),
        "{err}"
    );
}

#[tokio::test]
async fn a_full_org_queues_the_join_and_tells_its_admins() {
    let app = TestApp::new().await;
    let (org, owner, _, _) = northwind(&app, "auto_join").await;
    set_seats(&app, org, &owner, json!(1)).await;
    let late = app.sign_up("late@northwind.io", "Lee Late").await;
    assert_eq!(member_role(&app, org, &late).await, None);
    let (_, queue) = app.get(&format!("/orgs/{org}/join-requests"), &owner).await;
    assert_eq!(queue.as_array().map(Vec::len), Some(1), "{queue}");
    assert_eq!(
        (
            queue[0]["user_id"].as_i64(),
            queue[0]["seats_full"].as_bool(),
            queue[0]["role"].as_str()
        ),
        (Some(late.user_id), Some(true), Some("labeler"))
    );
    let (subject, _) = app.last_mail("olive@northwind.io").await;
    assert_eq!(subject, "Lee Late asks to join Northwind");
    let admit = format!("/orgs/{org}/join-requests/{}/admit", late.user_id);
    let (status, err) = app.post(&admit, json!({}), &owner).await;
    assert_eq!(
        (status, err["rule"].as_str()),
        (StatusCode::CONFLICT, Some("R7")),
        "{err}"
    );
    set_seats(&app, org, &owner, json!(2)).await;
    let (status, _) = app.post(&admit, json!({}), &owner).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        member_role(&app, org, &late).await.as_deref(),
        Some("labeler")
    );
    assert_eq!(
        app.get(&format!("/orgs/{org}/join-requests"), &owner)
            .await
            .1,
        json!([])
    );
}

#[tokio::test]
async fn suggest_offers_one_click_and_request_waits_for_an_admin() {
    let app = TestApp::new().await;
    let (org, owner, _, claim) = northwind(&app, "suggest").await;
    let sam = app.sign_up("sam@northwind.io", "Sam Suggest").await;
    assert_eq!(member_role(&app, org, &sam).await, None);
    let (_, offers) = app.get("/me/joinable", &sam).await;
    assert_eq!(
        offers,
        json!([{"org_id": org, "org_name": "Northwind", "domain": "northwind.io", "joins_now": true}])
    );
    let (status, out) = app
        .post(&format!("/me/joinable/{org}"), json!({}), &sam)
        .await;
    assert_eq!(
        (status, out["joined"].as_bool()),
        (StatusCode::OK, Some(true)),
        "{out}"
    );
    assert_eq!(
        member_role(&app, org, &sam).await.as_deref(),
        Some("labeler")
    );
    assert_eq!(app.get("/me/joinable", &sam).await.1, json!([]));

    let domain = format!("/orgs/{org}/domains/{claim}");
    assert_eq!(
        app.send(
            Method::PATCH,
            &domain,
            Some(json!({"mode": "request"})),
            Some(&owner)
        )
        .await
        .0,
        StatusCode::OK
    );
    let rae = app.sign_up("rae@northwind.io", "Rae Request").await;
    // Nobody is queued unasked.
    assert_eq!(
        app.get(&format!("/orgs/{org}/join-requests"), &owner)
            .await
            .1,
        json!([])
    );
    assert_eq!(app.get("/me/joinable", &rae).await.1[0]["joins_now"], false);
    let (status, out) = app
        .post(&format!("/me/joinable/{org}"), json!({}), &rae)
        .await;
    assert_eq!(
        (status, out["joined"].as_bool()),
        (StatusCode::ACCEPTED, Some(false)),
        "{out}"
    );
    let (status, _) = app
        .post(&format!("/me/joinable/{org}"), json!({}), &rae)
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "asking twice");
    let (status, _) = app
        .delete(
            &format!("/orgs/{org}/join-requests/{}", rae.user_id),
            &owner,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(member_role(&app, org, &rae).await, None);

    assert_eq!(
        app.send(
            Method::PATCH,
            &domain,
            Some(json!({"mode": "off"})),
            Some(&owner)
        )
        .await
        .0,
        StatusCode::OK
    );
    assert_eq!(app.get("/me/joinable", &rae).await.1, json!([]));
    let (status, err) = app
        .post(&format!("/me/joinable/{org}"), json!({}), &rae)
        .await;
    assert_eq!(
        (status, err["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("join_off")),
        "{err}"
    );
}

#[tokio::test]
async fn the_domain_never_brings_back_someone_removed_or_who_left() {
    let app = TestApp::new().await;
    let (org, owner, _, _) = northwind(&app, "suggest").await;
    let mut people = Vec::new();
    for who in ["rex", "liv", "sue"] {
        let s = app.sign_up(&format!("{who}@northwind.io"), who).await;
        assert_eq!(
            app.post(&format!("/me/joinable/{org}"), json!({}), &s)
                .await
                .0,
            StatusCode::OK
        );
        people.push(s);
    }
    let [rex, liv, sue] = <[Session; 3]>::try_from(people).ok().unwrap();
    assert_eq!(
        app.delete(&format!("/orgs/{org}/members/{}", rex.user_id), &owner)
            .await
            .0,
        StatusCode::NO_CONTENT
    );
    assert!(
        app.post(&format!("/orgs/{org}/leave"), json!({}), &liv)
            .await
            .0
            .is_success()
    );
    assert!(
        app.post(
            &format!("/orgs/{org}/members/{}/suspend", sue.user_id),
            json!({}),
            &owner
        )
        .await
        .0
        .is_success()
    );
    for s in [&rex, &liv] {
        assert_eq!(app.get("/me/joinable", s).await.1, json!([]));
        let (status, err) = app.post(&format!("/me/joinable/{org}"), json!({}), s).await;
        assert_eq!(
            (status, err["code"].as_str(), err["rule"].as_str()),
            (StatusCode::FORBIDDEN, Some("departed"), Some("R13")),
            "{err}"
        );
    }
    // Suspended stays suspended.
    let (status, _) = app
        .post(&format!("/me/joinable/{org}"), json!({}), &sue)
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (_, m) = app
        .get(&format!("/orgs/{org}/members/{}", sue.user_id), &owner)
        .await;
    assert_eq!(m["status"], "suspended", "{m}");
    // An invitation brings Rex back; after that his domain may again.
    let (status, inv) = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["rex@northwind.io"], "role": "viewer"}),
            &owner,
        )
        .await;
    assert!(status.is_success(), "{inv}");
    let token = crate::support::token_of(&app.last_link("rex@northwind.io").await);
    let (status, body) = app
        .post("/invitations/accept", json!({"token": token}), &rex)
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        member_role(&app, org, &rex).await.as_deref(),
        Some("viewer")
    );
}
