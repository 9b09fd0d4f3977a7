//! Issue 11's journeys: the Owner imports a file with a good row, a
//! duplicate pair, a row above what anyone may give and an existing
//! member — preview, commit, progress, report — and a commit killed with
//! `kill -9` midway leaves all of its rows or none of them.

use e2e::{Browser, Server};
use fantoccini::Locator;

use crate::steps::{axe, click_button, fits_phone, see, set_up_owner, wait_css};

/// Runs `body` (an async function body with `org` and `csrf` in scope)
/// in the page and returns what it returns.
async fn in_page(c: &fantoccini::Client, body: &str) -> serde_json::Value {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         (async () => {{
           const me = await fetch('/api/v1/me').then(r => r.json());
           const org = me.active_org, csrf = me.csrf_token;
           {body}
         }})().then(done, e => done('error: ' + e));"
    );
    c.execute_async(&script, vec![]).await.expect("script runs")
}

#[tokio::test(flavor = "multi_thread")]
async fn owner_imports_a_file_and_reads_the_report() {
    let server = Server::start().expect("server starts");
    let owner = Browser::start().await.expect("browser");
    let o = &owner.client;
    set_up_owner(o, &server).await;
    click_button(o, "Import…").await;
    see(o, "Download the template").await;
    let file = std::env::temp_dir().join(format!("roster-import-{}.csv", std::process::id()));
    std::fs::write(
        &file,
        "email,name,role\n\
         ann@acme.io,Ann,Labeler\n\
         dup@acme.io,,viewer\n\
         dup@acme.io,,viewer\n\
         boss@acme.io,,Owner\n\
         olive@acme.io,,viewer\n",
    )
    .expect("write the file");
    wait_css(o, "input[name=import_file]")
        .await
        .send_keys(&file.display().to_string())
        .await
        .expect("pick the file");
    see(o, "duplicate of line 4").await;
    see(o, "duplicate of line 3").await;
    see(o, "Already a member").await;
    let rows = o
        .find_all(Locator::Css(".import-preview tbody tr"))
        .await
        .expect("rows");
    assert_eq!(rows.len(), 5);
    axe(o, "the import preview").await;
    // Only the invalid ones.
    wait_css(o, "select[name=import_filter]")
        .await
        .select_by_label("Invalid")
        .await
        .expect("filter");
    let invalid = o
        .find_all(Locator::Css(".import-preview tbody tr"))
        .await
        .expect("rows");
    assert_eq!(
        invalid.len(),
        3,
        "the duplicate pair and the Owner row (R2)"
    );
    click_button(o, "Import").await;
    see(o, "Done: 5 rows").await;
    see(o, "Download the report (CSV)").await;
    let report = o
        .find_all(Locator::Css(".import-preview tbody tr"))
        .await
        .expect("report rows");
    assert_eq!(report.len(), 5);
    axe(o, "the import report").await;
    o.set_window_size(375, 800).await.expect("phone width");
    fits_phone(o, "the import report").await;
    // Ann is invited; nobody else is.
    let pending = in_page(
        o,
        "return (await fetch(`/api/v1/orgs/${org}`).then(r => r.json())).invitations;",
    )
    .await;
    assert_eq!(pending, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_commit_killed_midway_leaves_all_of_it_or_none() {
    let server = Server::start().expect("server starts");
    let owner = Browser::start().await.expect("browser");
    let o = &owner.client;
    set_up_owner(o, &server).await;
    let job = in_page(
        o,
        "let file = 'email,role\\n';
         for (let i = 0; i < 20000; i++) file += `p${i}@bulk.example,viewer\\n`;
         const post = (path) => fetch(`/api/v1/orgs/${org}/import/${path}`, {
           method: 'POST', headers: {'x-csrf-token': csrf, 'content-type': 'text/csv'}, body: file,
         }).then(r => r.json());
         const plan = await post('preview?existing=skip');
         const job = await post(`commit?plan_id=${plan.plan_id}&send_mail=false`);
         return job.id;",
    )
    .await;
    let job = job.as_i64().unwrap_or_else(|| panic!("a job: {job}"));
    // Mid-import, the process dies.
    let server = server
        .kill_and_restart()
        .expect("restarts on the same database");
    o.goto(&server.url).await.expect("the restarted server");
    see(o, "Members").await;
    let after = in_page(
        o,
        &format!(
            "const j = await fetch(`/api/v1/orgs/${{org}}/import/jobs/{job}`).then(r => r.json());
             const v = await fetch(`/api/v1/orgs/${{org}}`).then(r => r.json());
             return [j.state, v.invitations];"
        ),
    )
    .await;
    eprintln!("after kill -9 midway: job and invitations {after}");
    let (state, invitations): (String, i64) =
        serde_json::from_value(after.clone()).expect("state and count");
    assert!(
        (state == "done" && invitations == 20_000) || (state == "failed" && invitations == 0),
        "all or nothing: {after}"
    );
}
