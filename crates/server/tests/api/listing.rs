//! The members list: substring search, role and status filters, three
//! sorts each way, and keyset paging that never skips or repeats a row.

use axum::http::StatusCode;
use serde_json::{Value, json};

use server::demo::{DEMO_PASSWORD, seed};

use crate::support::{TestApp, role, session_from};

async fn all_pages(
    app: &TestApp,
    org: i64,
    query: &str,
    s: &crate::support::Session,
) -> Vec<Value> {
    pages_of(app, org, query, s, 7).await
}

async fn pages_of(
    app: &TestApp,
    org: i64,
    query: &str,
    s: &crate::support::Session,
    limit: usize,
) -> Vec<Value> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let c = cursor
            .as_deref()
            .map(|c| format!("&cursor={c}"))
            .unwrap_or_default();
        let (status, page) = app
            .get(&format!("/orgs/{org}/members?limit={limit}&{query}{c}"), s)
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        out.extend(page["members"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => return out,
        }
    }
}

fn names(rows: &[Value]) -> Vec<String> {
    rows.iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn search_filter_sort_and_page() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    // 40 more members with known names and emails.
    let now = app.state.clock.now();
    let mut tx = app.state.db.begin().await.unwrap();
    for i in 0..40 {
        let name = format!("{} Person{i:02}", ["alice", "Bob", "carol", "Dave"][i % 4]);
        let email = format!("p{i:02}@{}.example", ["north", "south"][i % 2]);
        let id = server::db::users::create(&mut tx, &email, &name, None, true, now)
            .await
            .unwrap()
            .unwrap();
        let role = if i % 5 == 0 { "viewer" } else { "labeler" };
        server::db::members::insert(&mut tx, org, id, role, &name, &email, now + i as i64)
            .await
            .unwrap();
        if i % 10 == 3 {
            server::db::members::set_status(&mut tx, org, id, "suspended")
                .await
                .unwrap();
        }
    }
    tx.commit().await.unwrap();
    let total = 40 + 6;

    // Paging by name: every row once, in case-insensitive order.
    let rows = all_pages(&app, org, "sort=name", owner).await;
    assert_eq!(rows.len(), total);
    let got = names(&rows);
    let mut sorted = got.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(got, sorted);
    let desc = all_pages(&app, org, "sort=name&dir=desc", owner).await;
    assert_eq!(
        names(&desc),
        sorted.iter().rev().cloned().collect::<Vec<_>>()
    );
    let by_joined = all_pages(&app, org, "sort=joined", owner).await;
    let joined: Vec<i64> = by_joined
        .iter()
        .map(|m| m["joined_at"].as_i64().unwrap())
        .collect();
    assert!(joined.windows(2).all(|w| w[0] <= w[1]));
    let by_email = all_pages(&app, org, "sort=email&dir=desc", owner).await;
    let emails: Vec<String> = by_email
        .iter()
        .map(|m| m["email"].as_str().unwrap().to_lowercase())
        .collect();
    assert!(emails.windows(2).all(|w| w[0] >= w[1]));

    // Substring search, case-insensitive, on name or email; long and short terms.
    assert_eq!(all_pages(&app, org, "q=CAROL", owner).await.len(), 10);
    assert_eq!(all_pages(&app, org, "q=south.exam", owner).await.len(), 20);
    assert_eq!(
        all_pages(&app, org, "q=son1", owner).await.len(),
        10,
        "Person10..Person19"
    );
    assert_eq!(
        names(&all_pages(&app, org, "q=n07", owner).await),
        ["Dave Person07"]
    );
    assert_eq!(all_pages(&app, org, "q=zz", owner).await.len(), 0);
    assert_eq!(
        all_pages(&app, org, "q=%25", owner).await.len(),
        0,
        "a % is a character, not a wildcard"
    );

    // Filters combine with search and paging.
    assert_eq!(
        all_pages(&app, org, "role=viewer", owner).await.len(),
        8 + 1
    );
    assert_eq!(
        all_pages(&app, org, "status=suspended", owner).await.len(),
        4
    );
    let mixed = all_pages(&app, org, "role=labeler&q=north&status=active", owner).await;
    assert!(mixed.iter().all(|m| m["role"] == "labeler"
        && m["status"] == "active"
        && m["email"].as_str().unwrap().contains("north")));
    // 20 north rows (even i), 4 of them viewers (i % 5 == 0); the suspended are all odd.
    assert_eq!(mixed.len(), 16);

    // Seat usage is on the org.
    let (_, view) = app.get(&format!("/orgs/{org}"), owner).await;
    assert_eq!(view["seats"], json!({"used": total - 4, "limit": null}));
}

/// Above 2,000 trigram matches a search walks the sort index; below, it
/// sorts the index's matches. Whichever plan a term gets, every page holds
/// exactly the rows a plain substring filter of the whole list gives, in
/// order, on both sorts and directions.
#[tokio::test]
async fn both_search_plans_give_every_match_in_order() {
    let app = TestApp::new().await;
    assert!(seed(&app.state, 2500).await.unwrap());
    let (_, headers, body) = app
        .send_raw(
            axum::http::Method::POST,
            "/auth/login",
            Some(json!({"email": "owner@demo.roster.test", "password": DEMO_PASSWORD}).to_string()),
            None,
        )
        .await;
    let owner = session_from(&headers, &body);
    let (_, me) = app.get("/me", &owner).await;
    let org = me["active_org"].as_i64().unwrap();
    for sort in ["sort=name", "sort=email&dir=desc", "sort=joined"] {
        let everyone = pages_of(&app, org, sort, &owner, 200).await;
        assert_eq!(everyone.len(), 2506);
        // Broad (every generated e-mail), middling, narrow, short, and
        // a term the trigram index would match across name and e-mail, none.
        for term in [
            "demo.example",
            "lovelace",
            "member12",
            "hopper 24",
            "ed",
            "0 member",
            "nobody",
        ] {
            let want: Vec<&Value> = everyone
                .iter()
                .filter(|m| {
                    ["name", "email"]
                        .iter()
                        .any(|f| m[f].as_str().unwrap().to_lowercase().contains(term))
                })
                .collect();
            let got = pages_of(
                &app,
                org,
                &format!("{sort}&q={}", term.replace(' ', "%20")),
                &owner,
                50,
            )
            .await;
            assert_eq!(got.len(), want.len(), "{sort} q={term}");
            assert!(
                got.iter().zip(&want).all(|(g, w)| g["id"] == w["id"]),
                "{sort} q={term}"
            );
        }
    }
}

/// One folding rule on both sides and both backends: a name with `İ`
/// (which Unicode lower-cases to two characters) is found by what the user
/// types, whichever search plan runs.
#[tokio::test]
async fn search_folds_the_term_as_the_index_does() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    let now = app.state.clock.now();
    let mut tx = app.state.db.begin().await.unwrap();
    for (name, email) in [
        ("İlker Yılmaz", "ilker@acme.io"),
        ("KELVIN Koch", "k@acme.io"),
    ] {
        let id = server::db::users::create(&mut tx, email, name, None, true, now)
            .await
            .unwrap()
            .unwrap();
        server::db::members::insert(&mut tx, org, id, "viewer", name, email, now)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    for (q, expect) in [
        ("%C4%B0lker", "İlker Yılmaz"),
        ("%C4%B0LK", "İlker Yılmaz"),
        ("y%C4%B1lmaz", "İlker Yılmaz"),
        ("kelvin", "KELVIN Koch"),
    ] {
        let rows = all_pages(&app, org, &format!("q={q}"), owner).await;
        assert_eq!(names(&rows), [expect], "q={q}");
    }
}

/// Each row names the member's groups and when they last signed in
/// (never, for someone who has not).
#[tokio::test]
async fn rows_carry_groups_and_the_last_sign_in() {
    let app = TestApp::new().await;
    let signed_up = app.state.clock.now();
    let owner = app.sign_up("olive@acme.io", "Olive").await;
    let (_, org) = app.post("/orgs", json!({"name": "Acme"}), &owner).await;
    let org = org["id"].as_i64().unwrap();
    let quiet = app.add_member(org, "member").await;
    for name in ["Reviewers", "Annotators"] {
        crate::projects::group(&app, org, &owner, name, &[owner.user_id]).await;
    }
    let (_, page) = app.get(&format!("/orgs/{org}/members"), &owner).await;
    let row = |id: i64| {
        page["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["user_id"] == json!(id))
            .cloned()
            .unwrap()
    };
    let (olive, other) = (row(owner.user_id), row(quiet.user_id));
    assert_eq!(
        olive["groups"],
        json!(["Annotators", "Reviewers"]),
        "{olive}"
    );
    // The clock runs: the sign-in happened between these two readings.
    let seen = olive["last_sign_in_at"].as_i64().unwrap_or_default();
    assert!(
        (signed_up..=app.state.clock.now()).contains(&seen),
        "{olive}"
    );
    assert_eq!(
        (other["groups"].clone(), other["last_sign_in_at"].clone()),
        (json!([]), json!(null))
    );
}
