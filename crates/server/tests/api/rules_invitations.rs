//! R6 through HTTP: an invitation's life — edit its role, resend (the old
//! link dies), revoke, resend once expired — and the copy-link fallback.

use axum::http::StatusCode;
use permissions::{Denial, OrgPermission};
use serde_json::json;

use crate::support::{TestApp, expect_denial, role, token_of};

#[tokio::test]
async fn r6_invitation_lifecycle() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let (_, r) = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["bea@acme.io"], "role": "member", "message": "Welcome aboard, Bea"}),
            owner,
        )
        .await;
    let id = r[0]["invitation_id"].as_i64().unwrap();
    let first = token_of(&app.last_link("bea@acme.io").await);
    // Edit the pending invitation's role (R6, R2 applies).
    assert_eq!(
        app.put(
            &format!("/orgs/{org}/invitations/{id}/role"),
            json!({"role": "viewer"}),
            owner
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
    // Resend: new link, old link dead.
    assert_eq!(
        app.post(
            &format!("/orgs/{org}/invitations/{id}/resend"),
            json!({}),
            owner
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
    let second = token_of(&app.last_link("bea@acme.io").await);
    assert_ne!(first, second);
    let (status, body) = app
        .send(
            axum::http::Method::GET,
            &format!("/invitations/lookup?token={first}"),
            None,
            None,
        )
        .await;
    assert_eq!(
        (status, body["code"].clone()),
        (StatusCode::CONFLICT, json!("link_invalid"))
    );
    let (status, body) = app
        .send(
            axum::http::Method::GET,
            &format!("/invitations/lookup?token={second}"),
            None,
            None,
        )
        .await;
    assert_eq!(
        (status, body["role"].clone(), body["status"].clone()),
        (StatusCode::OK, json!("viewer"), json!("pending"))
    );
    // The landing page names the role as the template does and shows
    // the inviter's message.
    assert_eq!(
        (body["role_name"].clone(), body["message"].clone()),
        (json!("Viewer"), json!("Welcome aboard, Bea"))
    );
    // Revoke; a revoked invitation is neither resent nor revoked again.
    assert_eq!(
        app.post(
            &format!("/orgs/{org}/invitations/{id}/revoke"),
            json!({}),
            owner
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
    expect_denial(
        app.post(
            &format!("/orgs/{org}/invitations/{id}/resend"),
            json!({}),
            owner,
        )
        .await,
        StatusCode::FORBIDDEN,
        Denial::InvitationRevoked,
    );
    let accept = app
        .send(
            axum::http::Method::POST,
            "/invitations/accept",
            Some(json!({"token": second, "name": "Bea", "password": "password123"})),
            None,
        )
        .await;
    expect_denial(accept, StatusCode::GONE, Denial::InvitationRevoked);
    // Expired invitations may be resent, not edited.
    let (_, r) = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["cy@acme.io"], "role": "member"}),
            owner,
        )
        .await;
    let id = r[0]["invitation_id"].as_i64().unwrap();
    app.state.clock.advance(8 * 24 * 3600);
    expect_denial(
        app.put(
            &format!("/orgs/{org}/invitations/{id}/role"),
            json!({"role": "viewer"}),
            owner,
        )
        .await,
        StatusCode::FORBIDDEN,
        Denial::InvitationExpiredEdit,
    );
    assert_eq!(
        app.post(
            &format!("/orgs/{org}/invitations/{id}/resend"),
            json!({}),
            owner
        )
        .await
        .0,
        StatusCode::NO_CONTENT
    );
}

/// The copy-link fallback: a fresh link handed to the inviter, no mail;
/// the mailed link dies (R6), and only those who may resend get one.
#[tokio::test]
async fn r6_copy_link_renews_without_mail() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (_, r) = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["dee@acme.io"], "role": "labeler"}),
            role(&s, "owner"),
        )
        .await;
    let id = r[0]["invitation_id"].as_i64().unwrap();
    let mailed = token_of(&app.last_link("dee@acme.io").await);
    let path = format!("/orgs/{org}/invitations/{id}/link");
    // A Member may not resend, so gets no link either (R1).
    expect_denial(
        app.post(&path, json!({}), role(&s, "member")).await,
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(OrgPermission::ManageInvitations),
    );
    let before = app.fingerprint().await;
    let (status, body) = app.post(&path, json!({}), role(&s, "manager")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let copied = token_of(body["link"].as_str().unwrap());
    assert_ne!(copied, mailed);
    let after = app.fingerprint().await;
    let count = |f: &[(String, i64)], t: &str| f.iter().find(|(n, _)| n == t).unwrap().1;
    assert_eq!(count(&after, "outbox"), count(&before, "outbox"), "no mail");
    assert_eq!(
        count(&after, "audit_events"),
        count(&before, "audit_events") + 1
    );
    let lookup = |token: String| {
        let app = &app;
        async move {
            app.send(
                axum::http::Method::GET,
                &format!("/invitations/lookup?token={token}"),
                None,
                None,
            )
            .await
        }
    };
    assert_eq!(
        lookup(mailed).await.0,
        StatusCode::CONFLICT,
        "mailed link dead"
    );
    assert_eq!(lookup(copied.clone()).await.1["status"], "pending");
    // Another org's invitation id does not exist for this org (R15).
    let (other, s2) = app.org_with_every_role("default").await;
    assert_eq!(
        app.post(
            &format!("/orgs/{other}/invitations/{id}/link"),
            json!({}),
            role(&s2, "owner")
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    // Revoked: no more links.
    app.post(
        &format!("/orgs/{org}/invitations/{id}/revoke"),
        json!({}),
        role(&s, "owner"),
    )
    .await;
    expect_denial(
        app.post(&path, json!({}), role(&s, "owner")).await,
        StatusCode::FORBIDDEN,
        Denial::InvitationRevoked,
    );
    assert_eq!(
        lookup(copied).await.1["status"],
        "revoked",
        "the page says so"
    );
}
