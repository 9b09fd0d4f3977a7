//! Bulk import through HTTP (issue 11): the template in the org's own role
//! names, a preview that writes nothing and says per row what a commit
//! would do and why (the crate's one plan), and files that cannot be read
//! refused with a clear 422 or 413.

use std::collections::BTreeMap;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::projects::{group, project};
use crate::support::{Session, TestApp, role};

/// Every table's row count: what "writes nothing" means.
pub(crate) async fn row_counts(app: &TestApp) -> BTreeMap<String, i64> {
    let pool = &app.state.db.pool;
    let list = match app.state.db.dialect {
        server::db::Dialect::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        server::db::Dialect::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
    };
    let tables: Vec<(String,)> = sqlx::query_as(list).fetch_all(pool).await.expect("tables");
    let mut counts = BTreeMap::new();
    for (t,) in tables {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {t}"))
            .fetch_one(pool)
            .await
            .expect("count");
        counts.insert(t, n);
    }
    counts
}

async fn preview(
    app: &TestApp,
    org: i64,
    who: &Session,
    file: &str,
    existing: &str,
) -> (StatusCode, Value) {
    app.upload(
        &format!("/orgs/{org}/import/preview?existing={existing}"),
        file.as_bytes().to_vec(),
        who,
    )
    .await
}

/// (line, outcome, rule or reason) of each row.
fn said(p: &Value) -> Vec<(u64, String, String)> {
    p["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let why = r["rule"]
                .as_str()
                .or(r["reason"].as_str())
                .unwrap_or_default();
            (
                r["line"].as_u64().unwrap(),
                r["outcome"].as_str().unwrap().to_string(),
                why.to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_template_names_the_orgs_own_roles_for_those_who_may_invite() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("dataloop").await;
    let (status, headers, bytes) = app
        .send_raw(
            Method::GET,
            &format!("/orgs/{org}/import/template.csv"),
            None,
            Some(role(&s, "owner")),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = String::from_utf8(bytes).expect("utf-8");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a BOM for spreadsheets");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("email,name,role,groups,projects,message")
    );
    let t = permissions::templates::by_key("dataloop").unwrap();
    let example = lines.next().expect("an example row");
    assert!(
        example.contains(t.org_roles.last().unwrap().name.as_ref()),
        "{example}"
    );
    // Someone who may not invite gets no template.
    let cannot = s
        .iter()
        .find(|(k, _)| {
            !t.org_role(k)
                .unwrap()
                .grant()
                .org
                .contains(permissions::OrgPermission::InviteMembers)
        })
        .map(|(_, s)| s)
        .expect("a role that may not invite");
    let (status, _, _) = app
        .send_raw(
            Method::GET,
            &format!("/orgs/{org}/import/template.csv"),
            None,
            Some(cannot),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_preview_says_what_each_row_would_do_and_writes_nothing() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, manager) = (role(&s, "owner"), role(&s, "manager"));
    let labeler = role(&s, "labeler");
    let labeler_email = app.get("/me", labeler).await.1["user"]["email"]
        .as_str()
        .unwrap()
        .to_string();
    project(&app, org, manager, "Signs").await;
    group(&app, org, owner, "Night shift", &[]).await;
    let (status, _) = app
        .post(
            &format!("/orgs/{org}/invitations"),
            json!({"emails": ["pending@acme.io"], "role": "viewer"}),
            owner,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app
        .send(
            Method::PATCH,
            &format!("/orgs/{org}"),
            Some(json!({"seat_limit": 10})),
            Some(owner),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let file = format!(
        "\u{feff}EMAIL;Name;ROLE;groups;projects\n\
         new@acme.io;Ada;Labeler;;Signs:reviewer\n\
         {labeler_email};;member;;\n\
         pending@acme.io;;labeler;;\n\
         boss@acme.io;;admin;;\n\
         twin@acme.io;;viewer;;\n\
         TWIN@acme.io;;viewer;;\n\
         not-an-address;;viewer;;\n\
         who@acme.io;;wizard;;\n\
         grp@acme.io;;viewer;Night shift;\n\
         far@acme.io;;viewer;;Nowhere:labeler\n\
         seat@acme.io;;viewer;;\n"
    );
    let before = row_counts(&app).await;
    let (status, body) = preview(&app, org, manager, &file, "update_role").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(row_counts(&app).await, before, "a preview writes nothing");
    let got = said(&body);
    let want: Vec<(u64, &str, &str)> = vec![
        (2, "new_invite", ""),
        (3, "already_member", ""),
        (4, "already_invited", ""),
        (5, "invalid", "R2"),
        (6, "invalid", "duplicate of line 7"),
        (7, "invalid", "duplicate of line 6"),
        (8, "invalid", "\"not-an-address\" is not an email address"),
        (9, "invalid", "unknown role \"wizard\""),
        (10, "invalid", "R1"),
        (11, "invalid", "unknown project \"Nowhere\""),
        (12, "new_invite", ""),
    ];
    let want: Vec<(u64, String, String)> = want
        .into_iter()
        .map(|(l, o, w)| (l, o.into(), w.into()))
        .collect();
    assert_eq!(got, want, "{body}");
    assert_eq!(
        body["rows"][1]["role_change"], true,
        "Labeler to Member under update_role"
    );
    assert_eq!(
        body["rows"][2]["role_change"], true,
        "the pending Viewer invitation becomes Labeler"
    );
    assert_eq!(body["totals"]["new_invite"], 2);
    assert_eq!(body["totals"]["invalid"], 7);
    // 6 members and 1 pending invitation hold 7 of 10 seats.
    assert_eq!(
        (body["seats_needed"].as_u64(), body["seats_free"].as_u64()),
        (Some(2), Some(3))
    );
    // The same file, same org: the same plan, by name.
    let again = preview(&app, org, manager, &file, "update_role").await.1;
    assert_eq!(again["plan_id"], body["plan_id"]);
    // Skip leaves existing people alone, and is another plan.
    let skip = preview(&app, org, manager, &file, "skip").await.1;
    assert_eq!(skip["rows"][1]["role_change"], false);
    assert_ne!(skip["plan_id"], body["plan_id"]);
    // Seats run out row by row: with one free seat the second new row is R7.
    app.send(
        Method::PATCH,
        &format!("/orgs/{org}"),
        Some(json!({"seat_limit": 8})),
        Some(owner),
    )
    .await;
    let tight = preview(&app, org, manager, &file, "skip").await.1;
    assert_eq!(
        said(&tight)[10],
        (12, "invalid".into(), "R7".into()),
        "{tight}"
    );
    assert_ne!(
        tight["plan_id"], skip["plan_id"],
        "the org changed: another plan"
    );
}

#[tokio::test]
async fn a_file_that_cannot_be_read_is_refused_clearly() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let manager = role(&s, "manager");
    let path = format!("/orgs/{org}/import/preview");
    let refused = |status: StatusCode, body: &Value, words: &str| {
        assert!(
            body["message"].as_str().unwrap_or_default().contains(words),
            "{status} {body}"
        );
    };
    for (file, words) in [
        (b"email,name\n\xff\xfe@x.io,A\n".to_vec(), "UTF-8"),
        (b"email,nickname\na@x.io,A\n".to_vec(), "\"nickname\""),
        (b"name,role\nAda,viewer\n".to_vec(), "no \"email\" column"),
        (b"".to_vec(), "empty"),
    ] {
        let (status, body) = app.upload(&path, file, manager).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        refused(status, &body, words);
    }
    // Tabs and any header case read as well as commas.
    let (status, body) = app
        .upload(&path, b"Email\tRole\nada@x.io\tviewer\n".to_vec(), manager)
        .await;
    assert_eq!(
        (status, body["rows"][0]["outcome"].as_str()),
        (StatusCode::OK, Some("new_invite")),
        "{body}"
    );
    // 50,001 data rows, or more than 10 MB: a 413 naming both limits.
    let many = format!("email\n{}", "a@x.io\n".repeat(50_001));
    let (status, body) = app.upload(&path, many.into_bytes(), manager).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    refused(status, &body, "50,000 data rows and 10 MB");
    let big = format!(
        "email,message\n{}",
        format!("a@x.io,{}\n", "x".repeat(1000)).repeat(11_000)
    );
    let (status, body) = app.upload(&path, big.into_bytes(), manager).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    // Those who may not invite learn nothing of the file.
    let (status, _) = app
        .upload(&path, b"email\na@x.io\n".to_vec(), role(&s, "labeler"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
