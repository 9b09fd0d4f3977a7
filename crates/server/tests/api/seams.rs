//! Regression tests for the holes found from outside where two rules meet
//! (issue 10 §1): each failed before its fix.

use axum::http::{Method, StatusCode};
use permissions::{Denial, OrgPermission};
use serde_json::json;

use crate::support::{TestApp, expect_denial, role, token_of};

/// R19: an Admin cannot switch the template (it reshapes every role, and a
/// `dataloop` Admin may delete the org); the Owner can, and every member
/// whose permissions change is audited.
#[tokio::test]
async fn template_switch_is_the_owners_and_audited_per_member() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin) = (role(&s, "owner"), role(&s, "admin"));
    let url = format!("/orgs/{org}");
    let before = app.fingerprint().await;
    let got = app
        .send(
            Method::PATCH,
            &url,
            Some(json!({"template": "animl"})),
            Some(admin),
        )
        .await;
    expect_denial(got, StatusCode::FORBIDDEN, Denial::TemplateSwitchOwnerOnly);
    assert_eq!(app.fingerprint().await, before, "nothing changed");
    // A template without the roles of pending invitations is refused too.
    app.post(
        &format!("/orgs/{org}/invitations"),
        json!({"emails": ["new@acme.io"], "role": "labeler"}),
        owner,
    )
    .await;
    // Every member holds a role that exists in mlops? No: refused, naming them.
    let (status, body) = app
        .send(
            Method::PATCH,
            &url,
            Some(json!({"template": "mlops"})),
            Some(owner),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // animl keeps every org role but changes project roles only: no member's
    // org permissions change, so no per-member event; plainsight has none of
    // manager/member/viewer. Switch to animl and back is audited as settings.
    let (status, body) = app
        .send(
            Method::PATCH,
            &url,
            Some(json!({"template": "animl"})),
            Some(owner),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, audit) = app.get(&format!("/orgs/{org}/audit"), owner).await;
    let per_member = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "member.permissions_changed")
        .count();
    assert_eq!(
        per_member, 0,
        "animl gives every org role the same permissions"
    );
}

/// R19: a switch that changes what a role may do audits each member who
/// holds it.
#[tokio::test]
async fn template_switch_audits_each_member_whose_permissions_change() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("dataloop").await;
    let owner = role(&s, "owner");
    // Only roles that exist in both: move the worker and member out first.
    for key in ["member", "worker"] {
        let id = role(&s, key).user_id;
        let (status, body) = app
            .put(
                &format!("/orgs/{org}/members/{id}/role"),
                json!({"role": "admin"}),
                owner,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, body) = app
        .send(
            Method::PATCH,
            &format!("/orgs/{org}"),
            Some(json!({"template": "default"})),
            Some(owner),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, audit) = app.get(&format!("/orgs/{org}/audit"), owner).await;
    let changed: Vec<i64> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "member.permissions_changed")
        .filter_map(|e| e["target_id"].as_i64())
        .collect();
    assert_eq!(changed.len(), 3, "three admins lose 'delete org': {audit}");
}

/// R4 × R16: ownership never goes to a member with an access end date, and
/// the old Owner takes the template's named successor role.
#[tokio::test]
async fn ownership_goes_only_to_members_without_expiry() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("mlops").await;
    let (owner, admin) = (role(&s, "owner"), role(&s, "administrator"));
    let at = app.state.clock.now() + 5;
    let (status, _) = app
        .put(
            &format!("/orgs/{org}/members/{}/access-expiry", admin.user_id),
            json!({"expires_at": at}),
            owner,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let url = format!("/orgs/{org}/transfer-ownership");
    expect_denial(
        app.post(&url, json!({"user_id": admin.user_id}), owner)
            .await,
        StatusCode::FORBIDDEN,
        Denial::OwnershipToExpiring,
    );
    // Cleared, the transfer goes through; the old Owner is Administrator.
    app.put(
        &format!("/orgs/{org}/members/{}/access-expiry", admin.user_id),
        json!({"expires_at": null}),
        owner,
    )
    .await;
    let (status, view) = app
        .post(&url, json!({"user_id": admin.user_id}), owner)
        .await;
    assert_eq!(status, StatusCode::OK, "{view}");
    assert_eq!(view["my_role"], json!("administrator"));
    // Five seconds later the org still has its Owner.
    app.state.clock.advance(10);
    let (status, view) = app.get(&format!("/orgs/{org}"), admin).await;
    assert_eq!(
        (status, view["owner_id"].clone()),
        (StatusCode::OK, json!(admin.user_id))
    );
}

/// R16 × R7: reviving an expired member is a reactivation: a Manager may
/// not, an Admin only with a free seat.
#[tokio::test]
async fn reviving_expired_access_needs_reactivate_and_a_seat() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin, manager) = (role(&s, "owner"), role(&s, "admin"), role(&s, "manager"));
    let labeler = role(&s, "labeler");
    let url = format!("/orgs/{org}/members/{}/access-expiry", labeler.user_id);
    let at = app.state.clock.now() + 60;
    app.put(&url, json!({"expires_at": at}), manager).await;
    app.state.clock.advance(61);
    // Fill every seat: 5 in standing (the labeler's access ended).
    let (status, _) = app
        .send(
            Method::PATCH,
            &format!("/orgs/{org}"),
            Some(json!({"seat_limit": 5})),
            Some(owner),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    expect_denial(
        app.put(&url, json!({"expires_at": null}), manager).await,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(OrgPermission::RemoveMembers),
    );
    expect_denial(
        app.put(&url, json!({"expires_at": null}), admin).await,
        StatusCode::CONFLICT,
        Denial::SeatLimitReached { limit: 5 },
    );
    let (status, view) = app.get(&format!("/orgs/{org}"), owner).await;
    assert_eq!(
        (status, view["seats"]["used"].clone()),
        (StatusCode::OK, json!(5))
    );
}

/// R7 is an invariant: the limit cannot be set below the seats in use.
#[tokio::test]
async fn seat_limit_cannot_drop_below_usage() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let got = app
        .send(
            Method::PATCH,
            &format!("/orgs/{org}"),
            Some(json!({"seat_limit": 3})),
            Some(owner),
        )
        .await;
    expect_denial(
        got,
        StatusCode::CONFLICT,
        Denial::SeatLimitBelowUsage { used: 6, limit: 3 },
    );
    let (_, view) = app.get(&format!("/orgs/{org}"), owner).await;
    assert_eq!(view["seats"]["limit"], json!(null));
}

/// R2 at acceptance: an invitation from someone since demoted no longer
/// grants its role, and the invitee is told whom to ask.
#[tokio::test]
async fn acceptance_rechecks_the_inviters_current_power() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, manager) = (role(&s, "owner"), role(&s, "manager"));
    let (status, _) = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["kim@acme.io"], "role": "manager"}),
            manager,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let token = token_of(&app.last_link("kim@acme.io").await);
    app.put(
        &format!("/orgs/{org}/members/{}/role", manager.user_id),
        json!({"role": "viewer"}),
        owner,
    )
    .await;
    let before = app.fingerprint().await;
    let (status, body) = app
        .send(
            Method::POST,
            "/invitations/accept",
            Some(json!({"token": token, "name": "Kim", "password": "password123"})),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["rule"], json!("R2"));
    let message = body["message"].as_str().unwrap();
    assert!(
        message.starts_with(&Denial::InviterCannotGrant.to_string()),
        "{message}"
    );
    assert!(
        message.contains("Olive Owner"),
        "names whom to ask: {message}"
    );
    assert_eq!(app.fingerprint().await, before, "nothing written");
}

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
