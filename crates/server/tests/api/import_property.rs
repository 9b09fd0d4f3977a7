//! The preview cannot lie: random files — hostile ones included — over an
//! org with members and invitations, previewed and then committed, leave
//! exactly what the preview said, row by row, and the report repeats it.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::support::{TestApp, role};

/// xorshift: reproducible without a dependency.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).expect("small")
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.roll(from.len())]
    }
}

/// (email, state) of every open invitation and member of the org.
async fn people(app: &TestApp, org: i64) -> BTreeMap<String, String> {
    let pool = &app.state.db.pool;
    let invited: Vec<(String, String)> = sqlx::query_as(
        "SELECT LOWER(email), role FROM invitations WHERE org_id = $1 AND accepted_at IS NULL
         AND revoked_at IS NULL AND declined_at IS NULL AND superseded_at IS NULL",
    )
    .bind(org)
    .fetch_all(pool)
    .await
    .expect("invitations");
    let members: Vec<(String, String)> =
        sqlx::query_as("SELECT LOWER(email), role FROM memberships WHERE org_id = $1")
            .bind(org)
            .fetch_all(pool)
            .await
            .expect("members");
    let mut all: BTreeMap<String, String> = invited
        .into_iter()
        .map(|(e, r)| (e, format!("invited:{r}")))
        .collect();
    all.extend(members.into_iter().map(|(e, r)| (e, format!("member:{r}"))));
    all
}

#[tokio::test]
async fn the_commit_applies_exactly_the_previewed_plan() {
    let app = TestApp::new().await;
    let (org, s) = app.org_with_every_role("default").await;
    let (owner, manager) = (role(&s, "owner"), role(&s, "manager"));
    let labeler = app.get("/me", role(&s, "labeler")).await.1["user"]["email"]
        .as_str()
        .unwrap()
        .to_string();
    app.post(
        &format!("/orgs/{org}/invitations"),
        json!({"emails": ["kept@acme.io"], "role": "viewer"}),
        owner,
    )
    .await;
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    let emails = [
        "a@x.io",
        "b@x.io",
        "c@x.io",
        "kept@acme.io",
        "KEPT@acme.io",
        labeler.as_str(),
        "not an address",
        "=cmd|'/c calc'!A1",
        "",
        "d@x.io",
    ];
    let roles = [
        "viewer",
        "Labeler",
        "member",
        "manager",
        "admin",
        "Owner",
        "wizard",
        "",
        "\"viewer\"",
    ];
    let names = [
        "Ada",
        "",
        "=HYPERLINK(\"x\")",
        "\u{202e}evil",
        "Zoë",
        "a,b",
        "\"quoted\"",
    ];
    let mut rows_seen = 0;
    for case in 0..12 {
        let policy = ["skip", "update_role"][dice.roll(2)];
        let mut file = String::from(
            [
                "email,name,role\n",
                "EMAIL;NAME;ROLE\n",
                "\u{feff}email\tname\trole\n",
            ][case % 3],
        );
        let sep = [",", ";", "\t"][case % 3];
        for _ in 0..dice.roll(8) + 1 {
            let (e, n, r) = (dice.pick(&emails), dice.pick(&names), dice.pick(&roles));
            let quote = |v: &str| format!("\"{}\"", v.replace('"', "\"\""));
            file.push_str(&[quote(e), quote(n), quote(r)].join(sep));
            file.push('\n');
        }
        let (status, plan) = app
            .upload(
                &format!("/orgs/{org}/import/preview?existing={policy}"),
                file.clone().into_bytes(),
                manager,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "case {case}: {plan}\n{file}");
        let before = people(&app, org).await;
        let id = plan["plan_id"].as_str().unwrap();
        let (status, job) = app
            .upload(&format!("/orgs/{org}/import/commit?plan_id={id}&existing={policy}&skip_invalid=true&send_mail=false"), file.clone().into_bytes(), manager)
            .await;
        assert_eq!(status, StatusCode::ACCEPTED, "case {case}: {job}");
        let job_id = job["id"].as_i64().unwrap();
        let mut done = Value::Null;
        for _ in 0..200 {
            done = app
                .get(&format!("/orgs/{org}/import/jobs/{job_id}"), manager)
                .await
                .1;
            if done["state"] != "running" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert_eq!(done["state"], "done", "case {case}: {done}");
        let after = people(&app, org).await;
        let rows = plan["rows"].as_array().unwrap();
        let report = done["report"].as_array().unwrap();
        assert_eq!(report.len(), rows.len());
        let mut expected = before.clone();
        for (r, rep) in rows.iter().zip(report) {
            assert_eq!(
                r["outcome"], rep["outcome"],
                "case {case}: the report repeats the plan"
            );
            let email = r["email"].as_str().unwrap().to_ascii_lowercase();
            let role = r["role"].as_str().unwrap_or_default();
            match r["outcome"].as_str().unwrap() {
                "new_invite" | "expired_invite_reinvited" => {
                    expected.insert(email, format!("invited:{role}"));
                }
                "already_member" if r["role_change"] == true => {
                    expected.insert(email, format!("member:{role}"));
                }
                "already_invited" if r["role_change"] == true => {
                    expected.insert(email, format!("invited:{role}"));
                }
                _ => {}
            }
            rows_seen += 1;
        }
        assert_eq!(
            after, expected,
            "case {case}: exactly the plan\n{file}\n{plan}"
        );
    }
    assert!(rows_seen > 30, "{rows_seen}");
}
