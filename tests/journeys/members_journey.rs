//! Issue 5's journey in headless Chromium against the real server: the
//! Owner invites two people, one accepts through the link printed in the
//! log, the Owner changes the new member's role, a Manager cannot see
//! Remove on an Admin, the Owner removes the member.

use e2e::{Browser, Server};

use crate::steps::{
    axe, choose, click_button, fill, fits_phone, row_menu, screenshot, see, set_up_owner, wait_css,
    wait_xpath,
};

/// A second person, in a browser profile of their own, accepts by the link
/// mailed to them (printed in the log).
async fn accept_as(server: &Server, email: &str, name: &str) -> Browser {
    let link = server
        .link("/invite?token=", Some(email))
        .await
        .expect("invitation link in the log");
    accept_link(Browser::start().await.expect("second browser"), &link, name).await
}

async fn accept_link(b: Browser, link: &str, name: &str) -> Browser {
    b.client.goto(link).await.expect("open invitation");
    see(&b.client, "Join Acme Labs").await;
    fill(&b.client, "name", name).await;
    fill(&b.client, "password", "password 123").await;
    click_button(&b.client, "Create account and join").await;
    see(&b.client, "Members").await;
    b
}

#[tokio::test(flavor = "multi_thread")]
async fn owner_invites_manages_and_removes() {
    let server = Server::start().expect("server starts");
    let owner = Browser::start().await.expect("browser");
    let c = &owner.client;
    set_up_owner(c, &server).await;
    see(c, "Olive Owner").await;
    see(c, "1 seat used, no limit").await;

    // Invite two people at once, as Members.
    click_button(c, "Invite").await;
    fill(c, "emails", "bea@acme.io, cy@acme.io").await;
    wait_css(c, ".dialog select[name=role]")
        .await
        .select_by_value("member")
        .await
        .expect("role");
    screenshot(c, "invite-dialog").await;
    click_button(c, "Send 2 invitations").await;
    let results = wait_css(c, "table.invite-results")
        .await
        .text()
        .await
        .expect("results");
    assert_eq!(results.matches("Sent").count(), 2, "{results}");
    click_button(c, "Close").await;
    see(c, "bea@acme.io").await;
    see(c, "3 seats used, no limit").await;

    // Bea accepts in her own browser, creating her account in one step.
    let bea = accept_as(&server, "bea@acme.io", "Bea Member").await;
    c.refresh().await.expect("reload");
    see(c, "Bea Member").await;

    // The Owner makes Bea a Manager.
    choose(c, "Bea Member", "Change role").await;
    wait_css(c, ".dialog select[name=role]")
        .await
        .select_by_value("manager")
        .await
        .expect("pick manager");
    click_button(c, "Update").await;
    wait_xpath(
        c,
        "//tr[td[contains(., 'Bea Member')]]/td[@class='role' and (normalize-space()='Manager' or .//option[@selected and normalize-space()='Manager'])]",
    )
    .await;

    // Cy's mail never arrives: the Owner copies a new link and hands it
    // over; the mailed link is dead and Cy's page says so.
    let mailed = server
        .link("/invite?token=", Some("cy@acme.io"))
        .await
        .expect("invitation link in the log");
    choose(c, "cy@acme.io", "Copy a new link").await;
    see(c, "The link mailed before stops working.").await;
    click_button(c, "Make a new link").await;
    let copied = wait_css(c, ".dialog input[readonly]")
        .await
        .prop("value")
        .await
        .expect("link field")
        .expect("a link");
    assert!(
        copied.contains("/invite?token=") && copied != mailed,
        "{copied}"
    );
    click_button(c, "Done").await;
    let cy = Browser::start().await.expect("third browser");
    cy.client.goto(&mailed).await.expect("open the mailed link");
    see(&cy.client, "replaced by a newer one").await;

    // Cy joins by the copied link and is made Admin; Bea, a Manager,
    // cannot remove an Admin.
    let cy = accept_link(cy, &copied, "Cy Admin").await;
    c.refresh().await.expect("reload");
    choose(c, "Cy Admin", "Change role").await;
    wait_css(c, ".dialog select[name=role]")
        .await
        .select_by_value("admin")
        .await
        .expect("pick admin");
    click_button(c, "Update").await;
    wait_xpath(
        c,
        "//tr[td[contains(., 'Cy Admin')]]/td[@class='role' and (normalize-space()='Admin' or .//option[@selected and normalize-space()='Admin'])]",
    )
    .await;
    screenshot(c, "members-owner").await;
    axe(c, "Members as Owner").await;
    // Initials show on a colour (the CSP allows no inline style, so the
    // colour must come from the style sheet).
    let bg = c
        .execute(
            "return getComputedStyle(document.querySelector('.avatar')).backgroundColor",
            vec![],
        )
        .await
        .expect("avatar colour");
    assert_ne!(
        bg,
        serde_json::json!("rgba(0, 0, 0, 0)"),
        "an avatar without a colour"
    );
    choose(c, "Cy Admin", "Change role").await;
    axe(c, "the change-role dialog").await;
    click_button(c, "Cancel").await;

    // Readable on a phone: at 375 px wide no tab and no dialog scrolls
    // sideways, and nothing fails axe there either.
    let (width, height) = c.get_window_size().await.expect("window size");
    c.set_window_size(375, 800).await.expect("phone size");
    screenshot(c, "members-phone").await;
    for tab in [
        "Groups",
        "Projects",
        "Roles",
        "API keys",
        "Audit log",
        "Settings",
        "Members",
    ] {
        click_button(c, tab).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        fits_phone(c, tab).await;
        axe(c, &format!("{tab} at 375 px")).await;
    }
    choose(c, "Cy Admin", "Change role").await;
    fits_phone(c, "the change-role dialog").await;
    click_button(c, "Cancel").await;
    click_button(c, "Invite").await;
    // A long address and one that is not: chips that wrap, one marked.
    fill(
        c,
        "emails",
        "alexandra.konstantinopoulou@research-department.example.org nope ",
    )
    .await;
    wait_css(c, "li.chip.invalid").await;
    see(c, "1 is not an email address: fix or remove it").await;
    fits_phone(c, "the invite dialog").await;
    axe(c, "the invite dialog at 375 px").await;
    click_button(c, "Close").await;
    let size = |n: u64| u32::try_from(n).expect("a window size");
    c.set_window_size(size(width), size(height))
        .await
        .expect("restore size");
    bea.client.refresh().await.expect("reload");
    see(&bea.client, "Cy Admin").await;
    let menu = row_menu(&bea.client, "Cy Admin").await;
    assert!(
        menu.iter().all(|(label, _, _)| label != "Remove"),
        "a Manager never sees Remove: {menu:?}"
    );
    let out_of_reach = "this member has permissions you do not hold".to_string();
    assert_eq!(
        menu,
        vec![
            ("Change role".to_string(), true, out_of_reach.clone()),
            ("Set access end date".to_string(), true, out_of_reach)
        ],
        "blocked, with the rule's own sentence"
    );
    screenshot(&bea.client, "members-manager").await;

    // Bea made Labeler sees why she cannot see the list.
    choose(c, "Bea Member", "Change role").await;
    wait_css(c, ".dialog select[name=role]")
        .await
        .select_by_value("labeler")
        .await
        .expect("pick labeler");
    click_button(c, "Update").await;
    wait_xpath(
        c,
        "//tr[td[contains(., 'Bea Member')]]/td[@class='role' and (normalize-space()='Labeler' or .//option[@selected and normalize-space()='Labeler'])]",
    )
    .await;
    bea.client.refresh().await.expect("reload");
    see(&bea.client, "your role does not allow you to view members").await;
    screenshot(&bea.client, "members-labeler").await;

    // The Owner removes Bea, after confirming.
    choose(c, "Bea Member", "Remove").await;
    see(
        c,
        "Bea Member will lose access to this organization at once.",
    )
    .await;
    wait_css(c, ".dialog button.danger")
        .await
        .click()
        .await
        .expect("confirm");
    see(c, "Bea Member: remove done").await;
    let table = wait_css(c, ".members-table")
        .await
        .text()
        .await
        .expect("table");
    assert!(!table.contains("Bea Member"), "{table}");

    for b in [bea, cy, owner] {
        b.close().await;
    }
}
