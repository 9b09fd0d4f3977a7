//! R13 domain claims through HTTP: what can never be claimed, what
//! proves a claim, and one org per verified domain.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{TestApp, refused_unchanged, role};

/// The 20 largest mail providers by users: never a company's domain.
const LARGEST_PROVIDERS: [&str; 20] = [
    "gmail.com",
    "yahoo.com",
    "outlook.com",
    "hotmail.com",
    "icloud.com",
    "aol.com",
    "protonmail.com",
    "proton.me",
    "mail.ru",
    "yandex.ru",
    "qq.com",
    "163.com",
    "126.com",
    "gmx.de",
    "gmx.com",
    "web.de",
    "live.com",
    "msn.com",
    "naver.com",
    "yahoo.co.jp",
];

fn claim(domain: &str, role: &str) -> String {
    json!({"domain": domain, "default_role": role}).to_string()
}

async fn claims(app: &TestApp, org: i64, s: &crate::support::Session) -> Value {
    let (status, list) = app.get(&format!("/orgs/{org}/domains"), s).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    list
}

#[tokio::test]
async fn domains_anyone_can_get_an_address_at_are_never_claimed() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let path = format!("/orgs/{org}/domains");
    let mut cases: Vec<(String, &str)> = LARGEST_PROVIDERS
        .iter()
        .map(|d| (d.to_string(), "public_mail_domain"))
        .collect();
    cases.extend([
        ("GMail.com.".to_string(), "public_mail_domain"),
        ("@outlook.com".to_string(), "public_mail_domain"),
        ("mailinator.com".to_string(), "public_mail_domain"),
        ("tempmailnow.io".to_string(), "disposable_domain"),
        ("co.uk".to_string(), "public_suffix"),
        ("github.io".to_string(), "public_suffix"),
        ("com.au".to_string(), "public_suffix"),
        ("192.168.0.1".to_string(), "ip_literal"),
        ("[10.0.0.1]".to_string(), "ip_literal"),
        ("::1".to_string(), "ip_literal"),
    ]);
    for (domain, code) in &cases {
        let body = claim(domain, "member");
        let (status, err) =
            refused_unchanged(&app, Method::POST, &path, Some(&body), Some(owner)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{domain}: {err}");
        assert_eq!(err["code"], *code, "{domain}: {err}");
        assert_eq!(err["rule"], "R13", "{domain}");
    }
    for bad in ["acme", "", "acme..io", "a_b.io"] {
        let (status, err) = refused_unchanged(
            &app,
            Method::POST,
            &path,
            Some(&claim(bad, "member")),
            Some(owner),
        )
        .await;
        assert_eq!(
            (status, err["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid")),
            "{bad}"
        );
    }
    assert_eq!(claims(&app, org, owner).await, json!([]));
}

#[tokio::test]
async fn the_default_role_is_never_above_member_and_only_settings_claim() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let path = format!("/orgs/{org}/domains");
    for high in ["owner", "admin", "manager"] {
        let (status, err) = refused_unchanged(
            &app,
            Method::POST,
            &path,
            Some(&claim("northwind.io", high)),
            Some(role(&s, "owner")),
        )
        .await;
        assert_eq!(
            (status, err["code"].as_str(), err["rule"].as_str()),
            (StatusCode::FORBIDDEN, Some("forbidden"), Some("R13")),
            "{high}: {err}"
        );
    }
    let (status, err) = refused_unchanged(
        &app,
        Method::POST,
        &path,
        Some(&claim("northwind.io", "nobody")),
        Some(role(&s, "owner")),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    for who in ["manager", "member", "labeler", "viewer"] {
        let (status, err) = refused_unchanged(
            &app,
            Method::POST,
            &path,
            Some(&claim("northwind.io", "member")),
            Some(role(&s, who)),
        )
        .await;
        assert_eq!(
            (status, err["rule"].as_str()),
            (StatusCode::FORBIDDEN, Some("R1")),
            "{who}: {err}"
        );
    }
    let (status, c) = app
        .post(
            &path,
            json!({"domain": "Northwind.IO.", "default_role": "labeler", "mode": "request"}),
            role(&s, "admin"),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{c}");
    assert_eq!(
        (
            c["domain"].as_str(),
            c["mode"].as_str(),
            c["verified"].as_bool()
        ),
        (Some("northwind.io"), Some("request"), Some(false))
    );
    let (status, err) = app
        .post(
            &path,
            json!({"domain": "northwind.io", "default_role": "member"}),
            role(&s, "admin"),
        )
        .await;
    assert_eq!(
        (status, err["code"].as_str()),
        (StatusCode::CONFLICT, Some("domain_claimed")),
        "{err}"
    );
    let (status, c) = app
        .post(
            &path,
            json!({"domain": "bücher.de", "default_role": "member"}),
            role(&s, "admin"),
        )
        .await;
    assert_eq!(
        (status, c["domain"].as_str()),
        (StatusCode::CREATED, Some("xn--bcher-kva.de")),
        "{c}"
    );
    // Raising the role later meets the same rule.
    let id = c["id"].as_i64().unwrap();
    let (status, err) = app
        .send(
            Method::PATCH,
            &format!("{path}/{id}"),
            Some(json!({"default_role": "admin"})),
            Some(role(&s, "owner")),
        )
        .await;
    assert_eq!(
        (status, err["rule"].as_str()),
        (StatusCode::FORBIDDEN, Some("R13")),
        "{err}"
    );
}

#[tokio::test]
async fn a_claim_is_pending_until_an_address_or_dns_proves_it() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let path = format!("/orgs/{org}/domains");
    // The Owner's own verified address is at acme.io: proven at once.
    let (status, own) = app
        .post(
            &path,
            json!({"domain": "acme.io", "default_role": "member"}),
            owner,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{own}");
    assert_eq!(
        (own["verified"].as_bool(), own["proof"].as_str()),
        (Some(true), Some("email"))
    );
    // Not at beta-labs.io: pending, with the record that would prove it.
    let (_, c) = app
        .post(
            &path,
            json!({"domain": "beta-labs.io", "default_role": "member", "mode": "auto_join"}),
            owner,
        )
        .await;
    assert_eq!(c["verified"], false);
    assert_eq!(c["dns_name"], "_roster-challenge.beta-labs.io");
    let value = c["dns_value"].as_str().unwrap().to_string();
    assert!(value.starts_with("roster-verification="), "{value}");
    let id = c["id"].as_i64().unwrap();
    // A pending claim admits nobody, even in auto_join.
    let early = app.sign_up("early@beta-labs.io", "Early Bird").await;
    assert_eq!(
        app.get(&format!("/orgs/{org}"), &early).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get("/me/joinable", &early).await.1, json!([]));
    let verify = format!("{path}/{id}/verify");
    let (status, err) = app.post(&verify, json!({}), owner).await;
    assert_eq!(
        (status, err["code"].as_str(), err["rule"].as_str()),
        (
            StatusCode::FORBIDDEN,
            Some("domain_unverified"),
            Some("R13")
        ),
        "{err}"
    );
    app.dns.publish(
        "_roster-challenge.beta-labs.io",
        "roster-verification=somebody-else",
    );
    assert_eq!(
        app.post(&verify, json!({}), owner).await.0,
        StatusCode::FORBIDDEN
    );
    app.dns.publish("_roster-challenge.beta-labs.io", &value);
    let (status, c) = app.post(&verify, json!({}), owner).await;
    assert_eq!(
        (status, c["verified"].as_bool(), c["proof"].as_str()),
        (StatusCode::OK, Some(true), Some("dns")),
        "{c}"
    );
    // Someone who verifies now joins.
    let late = app.sign_up("late@beta-labs.io", "Late Comer").await;
    assert_eq!(
        app.get(&format!("/orgs/{org}"), &late).await.0,
        StatusCode::OK
    );
    let _ = early;
}

#[tokio::test]
async fn one_org_per_verified_domain_and_the_other_is_not_named() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let other = app.sign_up("olga@initech.io", "Olga").await;
    let (_, o2) = app
        .post("/orgs", json!({"name": "Secret Rival"}), &other)
        .await;
    let org2 = o2["id"].as_i64().unwrap();
    // Both claim initech.io; neither is proven yet, so both may.
    let (status, mine) = app
        .post(
            &format!("/orgs/{org}/domains"),
            json!({"domain": "initech.io", "default_role": "member"}),
            owner,
        )
        .await;
    assert_eq!(
        (status, mine["verified"].as_bool()),
        (StatusCode::CREATED, Some(false)),
        "{mine}"
    );
    let (status, theirs) = app
        .post(
            &format!("/orgs/{org2}/domains"),
            json!({"domain": "initech.io", "default_role": "member"}),
            &other,
        )
        .await;
    assert_eq!(
        (status, theirs["verified"].as_bool()),
        (StatusCode::CREATED, Some(true)),
        "{theirs}"
    );
    // Now it is theirs: proving or claiming it again is a 409 that does
    // not say whose it is.
    app.dns.publish(
        "_roster-challenge.initech.io",
        mine["dns_value"].as_str().unwrap(),
    );
    let (status, err) = app
        .post(
            &format!("/orgs/{org}/domains/{}/verify", mine["id"]),
            json!({}),
            owner,
        )
        .await;
    assert_eq!(
        (status, err["code"].as_str()),
        (StatusCode::CONFLICT, Some("domain_taken")),
        "{err}"
    );
    assert!(!err.to_string().contains("Secret Rival"), "{err}");
    let (status, err) = refused_unchanged(
        &app,
        Method::POST,
        &format!("/orgs/{org}/domains"),
        Some(&claim("initech.io", "viewer")),
        Some(owner),
    )
    .await;
    assert_eq!(
        (status, err["code"].as_str()),
        (StatusCode::CONFLICT, Some("domain_taken")),
        "{err}"
    );
    // Dropping their claim frees it.
    let (status, _) = app
        .delete(&format!("/orgs/{org2}/domains/{}", theirs["id"]), &other)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, c) = app
        .post(
            &format!("/orgs/{org}/domains/{}/verify", mine["id"]),
            json!({}),
            owner,
        )
        .await;
    assert_eq!(
        (status, c["verified"].as_bool()),
        (StatusCode::OK, Some(true)),
        "{c}"
    );
}
