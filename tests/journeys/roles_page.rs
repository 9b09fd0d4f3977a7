//! The Roles page, served by the release build: this is the one test that
//! catches a broken wasm-opt (the page would stay blank).

use e2e::{Browser, Server};
use fantoccini::Locator;

use crate::steps::{click_button, set_up_owner, wait_css, wait_xpath};

#[tokio::test(flavor = "multi_thread")]
async fn roles_table_renders_from_the_served_release_build() {
    let server = Server::start().expect("server starts");
    let browser = Browser::start().await.expect("browser starts");
    let c = &browser.client;
    set_up_owner(c, &server).await;
    click_button(c, "Roles").await;
    let table = wait_css(c, "#org-permissions").await;
    let text = table.text().await.expect("table text");
    assert!(text.contains("Invite members"), "{text}");

    // Pick Dataloop as a person would, and read the Worker's cell.
    c.find(Locator::Css("select[name=template]"))
        .await
        .expect("template picker")
        .select_by_value("dataloop")
        .await
        .expect("pick dataloop");
    let worker_cell = wait_xpath(
        c,
        "//table[@id='org-permissions']//tr[th='Create projects']/td[@data-role='Worker']",
    )
    .await;
    assert_eq!(worker_cell.text().await.expect("cell text"), "–");
    assert_eq!(
        worker_cell
            .attr("aria-label")
            .await
            .expect("label")
            .as_deref(),
        Some("Worker: Create projects forbidden")
    );
    browser.close().await;
}
