//! Reading the audit log: every event says who acted (a user, a key, Roster
//! itself), through what, from which request; the filters narrow by actor,
//! action prefix, target, source and time, page by id; the exports hold
//! exactly the filtered view, formula-safe, and are audited themselves.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{TestApp, role};

/// A GET with headers; the body as text.
async fn get_text(
    app: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
    who: &crate::support::Session,
) -> (StatusCode, String, axum::http::HeaderMap) {
    let cookie = format!("roster_session={}", who.cookie);
    let mut all = vec![("cookie", cookie.as_str())];
    all.extend_from_slice(headers);
    let (status, h, bytes) = app
        .send_root(Method::GET, &format!("/api/v1{path}"), None, &all, None)
        .await;
    (status, String::from_utf8_lossy(&bytes).into_owned(), h)
}

fn actions(events: &Value) -> Vec<String> {
    events
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["action"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn filters_narrow_the_log_and_exports_hold_exactly_the_view() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, admin) = (role(&s, "owner"), role(&s, "admin"));
    let (viewer, labeler) = (role(&s, "viewer").user_id, role(&s, "labeler").user_id);
    // One change from the page, with a request id and a user agent …
    let (status, _, _) = app
        .send_root(
            Method::PUT,
            &format!("/api/v1/orgs/{org}/members/{viewer}/role"),
            Some(json!({"role": "member"}).to_string()),
            &[
                ("x-request-id", "req-42"),
                ("user-agent", "Firefox/140"),
                ("cookie", &format!("roster_session={}", admin.cookie)),
                ("x-csrf-token", &admin.csrf),
            ],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // … one through an API key, later.
    app.state.clock.advance(100);
    let t_key = app.state.clock.now();
    let (_, issued) = app
        .post(
            &format!("/orgs/{org}/api-keys"),
            json!({"name": "ops", "role": "admin"}),
            owner,
        )
        .await;
    let secret = issued["secret"].as_str().expect("secret").to_string();
    let key_id = issued["key"]["id"].as_i64().expect("id");
    let bearer = format!("Bearer {secret}");
    let (status, _, _) = app
        .send_root(
            Method::POST,
            &format!("/api/v1/orgs/{org}/members/{labeler}/suspend"),
            None,
            &[("authorization", bearer.as_str())],
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let get = |q: String| {
        let app = &app;
        async move { app.get(&format!("/orgs/{org}/audit{q}"), owner).await }
    };
    // Who, through what, from where, named.
    let (_, by_page) = get(format!("?actor={}&action=member.", admin.user_id)).await;
    assert_eq!(actions(&by_page), ["member.role_changed"], "{by_page}");
    let e = &by_page[0];
    assert_eq!(
        (e["actor_type"].as_str(), e["source"].as_str()),
        (Some("user"), Some("ui"))
    );
    assert_eq!(
        (e["request_id"].as_str(), e["user_agent"].as_str()),
        (Some("req-42"), Some("Firefox/140"))
    );
    assert_eq!(e["target_name"], role_name(&app, viewer).await);
    assert!(!e["actor_name"].as_str().unwrap_or_default().is_empty());
    let (_, by_key) = get("?actor_type=key".into()).await;
    assert_eq!(actions(&by_key), ["member.suspended"]);
    assert_eq!(
        (by_key[0]["key_id"].as_i64(), by_key[0]["source"].as_str()),
        (Some(key_id), Some("api"))
    );
    assert_eq!(
        by_key[0]["request_id"].as_str().map(str::len),
        Some(16),
        "Roster gives one when none came"
    );
    let (_, api) = get("?source=api".into()).await;
    assert_eq!(actions(&api), actions(&by_key));
    let (_, target) = get(format!("?target_type=member&target={labeler}")).await;
    assert_eq!(actions(&target), ["member.suspended"]);
    let (_, keys) = get("?action=api_key".into()).await;
    assert_eq!(actions(&keys), ["api_key.created"]);
    let (_, later) = get(format!("?from={t_key}")).await;
    assert_eq!(actions(&later), ["member.suspended", "api_key.created"]);
    let (_, earlier) = get(format!("?to={t_key}&action=member.")).await;
    assert_eq!(actions(&earlier), ["member.role_changed"]);
    // Paging by id walks the same view.
    let (_, all) = get("?limit=200".into()).await;
    let (_, first) = get("?limit=2".into()).await;
    let (_, next) = get(format!("?limit=2&before={}", first[1]["id"])).await;
    assert_eq!(
        [actions(&first), actions(&next)].concat(),
        actions(&all)[..4].to_vec()
    );
    // Bad filters are a 422 and change nothing.
    for q in [
        "?action=DROP%20TABLE",
        "?actor=0",
        "?from=-1",
        "?source=fax",
        "?limit=0",
        "?target_type=a%27b",
    ] {
        let (status, body) = get(q.into()).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{q}: {body}");
        // The exports read the same query, and refuse it the same way.
        let export = format!("/orgs/{org}/audit/export.csv{q}");
        let (status, body, _) = get_text(&app, &export, &[], owner).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{export}: {body}");
    }

    // The CSV export holds exactly the filtered view, formula-safe.
    let (status, csv, headers) = get_text(
        &app,
        &format!("/orgs/{org}/audit/export.csv?action=member."),
        &[],
        owner,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{csv}");
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(reader.headers().expect("header").get(7), Some("action"));
    let (_, view) = get("?action=member.&limit=200".into()).await;
    assert_eq!(
        rows.iter().map(|r| r[7].to_string()).collect::<Vec<_>>(),
        actions(&view)
    );
    // NDJSON: one event per line, the same as the list.
    let (status, nd, _) = get_text(
        &app,
        &format!("/orgs/{org}/audit/export.ndjson?actor_type=key"),
        &[],
        owner,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let lines: Vec<Value> = nd
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines, by_key.as_array().cloned().unwrap_or_default());
    // Each export is itself in the log, with its filters.
    let (_, exports) = get("?action=audit.exported".into()).await;
    assert_eq!(exports.as_array().map(Vec::len), Some(2));
    assert_eq!(exports[0]["after"]["format"], "ndjson");
    assert_eq!(exports[0]["after"]["filters"]["actor_type"], "key");
    // Only for those who may read the log.
    let manager = role(&s, "manager");
    let (status, _, _) =
        get_text(&app, &format!("/orgs/{org}/audit/export.csv"), &[], manager).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

async fn role_name(app: &TestApp, user: i64) -> Value {
    let (name,): (String,) = sqlx::query_as("SELECT name FROM users WHERE id = $1")
        .bind(user)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("user");
    json!(name)
}

#[tokio::test]
async fn an_export_streams_every_batch() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let owner = role(&s, "owner");
    // More events than one batch of the stream (1,000), written directly.
    let mut tx = app.state.db.begin().await.expect("tx");
    for i in 0..2_345 {
        server::db::audit::record(
            &mut tx,
            server::db::audit::Event {
                org_id: Some(org),
                actor_id: Some(owner.user_id),
                key_id: None,
                action: "group.renamed",
                target_type: "group",
                target_id: Some(i + 1),
                before: None,
                after: Some(json!({"name": format!("g{i}")})),
                origin: None,
            },
            i,
        )
        .await
        .expect("event");
    }
    tx.commit().await.expect("commit");
    // A name a spreadsheet would run as a formula.
    sqlx::query("UPDATE users SET name = '=SUM(1)' WHERE id = $1")
        .bind(owner.user_id)
        .execute(&app.state.db.pool)
        .await
        .expect("rename");
    let (status, csv, _) = get_text(
        &app,
        &format!("/orgs/{org}/audit/export.csv?action=group."),
        &[],
        owner,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.expect("row"))
        .collect();
    assert_eq!(rows.len(), 2_345);
    assert!(
        rows.iter().all(|r| &r[3] == "'=SUM(1)"),
        "formulas neutralised"
    );
    let ids: Vec<i64> = rows.iter().map(|r| r[0].parse().expect("id")).collect();
    assert!(
        ids.windows(2).all(|w| w[0] > w[1]),
        "newest first, no repeats"
    );
}
