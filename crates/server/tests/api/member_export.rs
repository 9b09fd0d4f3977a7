//! The members list as CSV: exactly the rows the page's filters and sort
//! give, across more rows than one read takes, with formula-looking cells
//! neutralised, for those who may view members only.

use axum::http::{Method, StatusCode, header};
use permissions::{Denial, OrgPermission};

use crate::support::{TestApp, expect_denial, role};

/// Adds `n` members named after `name(i)`, in one transaction.
async fn add_named(app: &TestApp, org: i64, at: &str, n: usize, name: impl Fn(usize) -> String) {
    let now = app.state.clock.now();
    let mut tx = app.state.db.begin().await.unwrap();
    for i in 0..n {
        let (name, email) = (name(i), format!("{at}{i}@acme.io"));
        let id = server::db::users::create(&mut tx, &email, &name, None, true, now)
            .await
            .unwrap()
            .unwrap();
        server::db::members::insert(&mut tx, org, id, "labeler", &name, &email, now)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

async fn csv(
    app: &TestApp,
    org: i64,
    query: &str,
    who: &crate::support::Session,
) -> Vec<Vec<String>> {
    let (status, headers, body) = app
        .send_raw(
            Method::GET,
            &format!("/orgs/{org}/members/export.csv{query}"),
            None,
            Some(who),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{}", String::from_utf8_lossy(&body));
    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    csv::Reader::from_reader(body.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[tokio::test]
async fn the_export_is_the_filtered_list_every_row_formula_safe() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let admin = role(&s, "admin");
    add_named(&app, org, "bulk", 1_003, |i| format!("Bulk {i:04}")).await;
    add_named(&app, org, "evil", 1, |_| {
        "=HYPERLINK(\"http://evil\")".to_string()
    })
    .await;
    // Everyone, sorted by e-mail descending: more than one read of 1,000.
    let all = csv(&app, org, "?sort=email&dir=desc", admin).await;
    assert_eq!(all.len(), s.len() + 1_004);
    let emails: Vec<&str> = all.iter().map(|r| r[1].as_str()).collect();
    let mut sorted = emails.clone();
    sorted.sort_by_key(|e| std::cmp::Reverse(e.to_lowercase()));
    assert_eq!(emails, sorted, "in the list's order");
    let mut unique = emails.clone();
    unique.dedup();
    assert_eq!(unique.len(), emails.len(), "no row twice across reads");
    let evil = all.iter().find(|r| r[1] == "evil0@acme.io");
    assert_eq!(
        evil.map(|r| r[0].as_str()),
        Some("'=HYPERLINK(\"http://evil\")")
    );
    // A search gives the same rows as the page's list.
    let found = csv(&app, org, "?q=bulk%20100&role=labeler", admin).await;
    let (_, page) = app
        .get(
            &format!("/orgs/{org}/members?q=bulk%20100&role=labeler&limit=200"),
            admin,
        )
        .await;
    let listed: Vec<String> = page["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["email"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        found.iter().map(|r| r[1].clone()).collect::<Vec<_>>(),
        listed
    );
    assert!(!listed.is_empty());
    assert!(
        found.iter().all(|r| r[2] == "Labeler" && r[3] == "active"),
        "{found:?}"
    );
    // Who may not see the list may not export it.
    let labeler = role(&s, "labeler");
    let (status, _, body) = app
        .send_raw(
            Method::GET,
            &format!("/orgs/{org}/members/export.csv"),
            None,
            Some(labeler),
        )
        .await;
    expect_denial(
        (status, serde_json::from_slice(&body).unwrap()),
        StatusCode::FORBIDDEN,
        Denial::MissingPermission(OrgPermission::ViewMembers),
    );
}
