//! Issue 11's auto-join journey: the Owner claims the org's domain in
//! Settings (proven at once by her own verified address there; a public
//! provider is refused with R13's reason), and someone with an address at
//! it signs up, verifies, and lands in the org as the domain's role and in
//! the group the claim puts joiners in.

use e2e::{Browser, Server};

use crate::steps::{
    axe, click_button, fill, fits_phone, screenshot, see, set_up_owner, wait_css, wait_xpath,
};

#[tokio::test(flavor = "multi_thread")]
async fn a_verified_domain_brings_a_new_colleague_in() {
    let server = Server::start().expect("server starts");
    let owner = Browser::start().await.expect("browser");
    let o = &owner.client;
    set_up_owner(o, &server).await;
    click_button(o, "Groups").await;
    fill(o, "group_name", "Annotators").await;
    click_button(o, "Create group").await;
    wait_css(o, "article[aria-label='Group Annotators']").await;
    click_button(o, "Settings").await;
    see(o, "No domains yet.").await;
    // A public provider is never a company's domain.
    fill(o, "domain", "gmail.com").await;
    click_button(o, "Claim domain").await;
    see(o, "public mail domains cannot be auto-join domains").await;
    fill(o, "domain", "Acme.io").await;
    wait_css(o, ".claim-domain select[name=mode]")
        .await
        .select_by_label("Join automatically")
        .await
        .expect("mode");
    wait_css(o, ".claim-domain select[name=default_role]")
        .await
        .select_by_label("Labeler")
        .await
        .expect("role");
    click_button(o, "Claim domain").await;
    see(o, "acme.io claimed, verified with your address.").await;
    wait_css(o, ".domain .badge.verified").await;
    // Joiners go into Annotators: ticked on the claim, saved at once.
    see(o, "Groups they join (0)")
        .await
        .click()
        .await
        .expect("open");
    wait_xpath(
        o,
        "//label[contains(., 'Annotators')]/input[@name='default_groups']",
    )
    .await
    .click()
    .await
    .expect("tick");
    // Saved, and still open after the row reloads.
    see(o, "Groups they join (1)").await;
    wait_css(
        o,
        ".default-groups[open] input[name=default_groups]:checked",
    )
    .await;
    screenshot(o, "settings-domains").await;
    axe(o, "Settings with a verified domain").await;
    o.set_window_size(375, 800).await.expect("phone width");
    fits_phone(o, "Settings with a verified domain").await;
    o.set_window_size(1280, 900).await.expect("desktop width");

    // Nia signs up with an address at acme.io and verifies it.
    let newcomer = Browser::start().await.expect("browser");
    let n = &newcomer.client;
    n.goto(&server.url).await.expect("open Roster");
    click_button(n, "Create an account").await;
    fill(n, "email", "nia@acme.io").await;
    fill(n, "name", "Nia Annotator").await;
    fill(n, "password", "correct horse").await;
    click_button(n, "Create account").await;
    see(n, "Create your organization").await;
    let link = server
        .link("/verify-email?token=", Some("nia@acme.io"))
        .await
        .expect("verification link");
    n.goto(&link).await.expect("open the link");
    see(n, "Email confirmed").await;
    n.goto(&server.url).await.expect("back to Roster");
    // She is in Acme Labs, as a Labeler: no org to create.
    see(n, "Acme Labs").await;
    let role = n
        .execute(
            "return fetch('/api/v1/me').then(r => r.json()).then(m => m.orgs.map(o => o.name + ':' + o.role));",
            vec![],
        )
        .await
        .expect("me");
    assert_eq!(role, serde_json::json!(["Acme Labs:labeler"]));
    axe(n, "a newcomer's first page").await;
    newcomer.close().await;

    // The Owner sees her among the members and in the log.
    o.refresh().await.expect("reload");
    click_button(o, "Members").await;
    see(o, "Nia Annotator").await;
    click_button(o, "Groups").await;
    wait_xpath(
        o,
        "//article[@aria-label='Group Annotators']//li[contains(., 'Nia Annotator')]",
    )
    .await;
    click_button(o, "Audit log").await;
    see(
        o,
        "Nia Annotator joined by the verified domain acme.io as Labeler",
    )
    .await;
    owner.close().await;
}
