//! Issue 14's journey in the page: the Owner creates an API key, sees its
//! secret once, a service calls the API with it, the Audit log tells the
//! story in sentences, and a revoked key is refused on its next call.

use e2e::{Browser, Server};

use crate::steps::{axe, click_button, fill, see, set_up_owner, wait_css};

/// The status of `GET path` from the page, with the key as a Bearer token.
async fn call_with_key(c: &fantoccini::Client, path: &str, key: &str) -> u64 {
    c.execute(
        "return fetch(arguments[0], {headers: {authorization: 'Bearer ' + arguments[1]}}).then(r => r.status);",
        vec![path.into(), key.into()],
    )
    .await
    .expect("fetch")
    .as_u64()
    .expect("a status")
}

#[tokio::test(flavor = "multi_thread")]
async fn owner_issues_a_key_reads_the_log_and_revokes_it() {
    let server = Server::start().expect("server starts");
    let owner = Browser::start().await.expect("browser");
    let o = &owner.client;
    set_up_owner(o, &server).await;
    click_button(o, "API keys").await;
    see(o, "No API keys yet.").await;
    fill(o, "key_name", "labeling-sync").await;
    wait_css(o, "select[name=key_role]")
        .await
        .select_by_label("Manager")
        .await
        .expect("Manager");
    click_button(o, "Create key").await;
    let secret = wait_css(o, ".secret-value")
        .await
        .text()
        .await
        .expect("secret");
    assert!(secret.starts_with("rst_") && secret.len() == 40, "{secret}");
    see(o, "labeling-sync").await;
    axe(o, "API keys with a new secret").await;
    click_button(o, "Done").await;

    // A service calls the API with it: no cookie needed, the key decides.
    let me = o
        .execute(
            "return fetch('/api/v1/me').then(r => r.json()).then(m => m.active_org);",
            vec![],
        )
        .await
        .expect("me");
    let members = format!("/api/v1/orgs/{}/members", me.as_i64().expect("org id"));
    assert_eq!(call_with_key(o, &members, &secret).await, 200);

    // The log tells it in sentences.
    click_button(o, "Audit log").await;
    see(
        o,
        "Olive Owner created the API key labeling-sync acting as Manager",
    )
    .await;
    axe(o, "Audit log").await;

    // Revoked after a confirmation: refused on the very next call.
    click_button(o, "API keys").await;
    wait_css(o, "button[aria-label='Revoke labeling-sync']")
        .await
        .click()
        .await
        .expect("revoke");
    wait_css(o, ".dialog button.danger")
        .await
        .click()
        .await
        .expect("confirm");
    see(o, "revoked").await;
    assert_eq!(call_with_key(o, &members, &secret).await, 401);
    owner.close().await;
}
