//! Issue 12: every control stays true after every change made on the page.
//! As a Manager and the Owner of the demo org, each change is
//! made without reloading; then everything the page offers (every row's
//! menu with what is enabled and why not, the rows, the seat counter, the
//! Invite button, the tabs) must be exactly what a fresh load of the same
//! page shows — which the component tests hold to the crate's decisions.

use e2e::{Browser, Server};
use fantoccini::Client;

use crate::steps::{axe, choose, click_button, fill, see, wait_css};

const PASSWORD: &str = "roster-demo";

/// Everything on the Members tab a decision shows in.
async fn controls(c: &Client) -> serde_json::Value {
    c.execute(
        "const rows = [...document.querySelectorAll('tr[data-user], tr[data-invitation]')].map(tr => [
           tr.getAttribute('data-user') || ('invitation ' + tr.getAttribute('data-invitation')),
           tr.innerText.replace(/\\s+/g, ' ').trim(),
           [...tr.querySelectorAll('[role=menuitem]')].map(b => [b.textContent, b.disabled, b.title])]);
         const head = [...document.querySelectorAll('.members-head button, .members-head .reason, .seats')]
           .map(e => [e.textContent, !!e.disabled]);
         const tabs = [...document.querySelectorAll('[role=tab]')].map(b => b.textContent);
         return {rows, head, tabs};",
        vec![],
    )
    .await
    .expect("read the page")
}

/// Waits for the page to take in `change`, then holds what it shows
/// against a fresh load.
async fn same_as_fresh(c: &Client, change: &str) {
    see(c, "done").await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let after_change = controls(c).await;
    c.refresh().await.expect("reload");
    wait_css(c, ".members-table tbody tr").await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    let fresh = controls(c).await;
    assert_eq!(
        after_change, fresh,
        "after {change}: the page differs from a fresh load"
    );
}

async fn sign_in(server: &Server, who: &str) -> Browser {
    let b = Browser::start().await.expect("browser");
    b.client.goto(&server.url).await.expect("open");
    fill(&b.client, "email", &format!("{who}@demo.roster.test")).await;
    fill(&b.client, "password", PASSWORD).await;
    click_button(&b.client, "Sign in").await;
    wait_css(&b.client, ".members-table tbody tr").await;
    b
}

/// Chooses `item` for `who` and, when a confirmation opens, confirms it.
async fn act(c: &Client, who: &str, item: &str) {
    choose(c, who, item).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    if let Ok(b) = c
        .find(fantoccini::Locator::Css(".dialog button.danger"))
        .await
    {
        b.click().await.expect("confirm");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_control_after_a_change_matches_a_fresh_load() {
    let server = Server::start_with(&["--demo", "--demo-members", "6"]).expect("server starts");

    // The Manager changes someone's role.
    let manager = sign_in(&server, "manager").await;
    let m = &manager.client;
    axe(m, "Members as Manager").await;
    act(m, "Demo Labeler", "Change role").await;
    wait_css(m, ".dialog select[name=role]")
        .await
        .select_by_value("member")
        .await
        .expect("pick member");
    click_button(m, "Update").await;
    same_as_fresh(m, "the Manager's role change").await;
    manager.close().await;

    // The Owner: a seat limit in Settings (the form shows what was
    // saved), an invitation revoked, a member suspended and reactivated, a
    // role changed, ownership handed over.
    let owner = sign_in(&server, "owner").await;
    let o = &owner.client;
    axe(o, "Members as Owner").await;
    click_button(o, "Settings").await;
    axe(o, "Settings").await;
    let seats = wait_css(o, "input[name=seat_limit]").await;
    seats.clear().await.expect("clear");
    seats.send_keys("500").await.expect("type");
    click_button(o, "Save").await;
    see(o, "Saved").await;
    let kept = wait_css(o, "input[name=seat_limit]")
        .await
        .prop("value")
        .await
        .expect("value");
    assert_eq!(
        kept.as_deref(),
        Some("500"),
        "the form shows what was saved"
    );
    click_button(o, "Members").await;
    see(o, "of 500 seats").await;
    let invitation = wait_css(o, "tr[data-invitation] td")
        .await
        .text()
        .await
        .expect("an address");
    act(o, invitation.trim(), "Revoke invitation").await;
    same_as_fresh(o, "revoking an invitation").await;
    for item in ["Suspend", "Reactivate"] {
        act(o, "Demo Member", item).await;
        same_as_fresh(o, &format!("the Owner's {item}")).await;
    }
    act(o, "Demo Viewer", "Change role").await;
    wait_css(o, ".dialog select[name=role]")
        .await
        .select_by_value("labeler")
        .await
        .expect("pick labeler");
    click_button(o, "Update").await;
    same_as_fresh(o, "a role change").await;
    act(o, "Demo Admin", "Transfer ownership").await;
    same_as_fresh(o, "handing over ownership").await;
    owner.close().await;
}
