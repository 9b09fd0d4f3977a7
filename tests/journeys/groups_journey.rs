//! Issue 6's journey: an Admin makes a group, adds it to a project as
//! Labelers, assigns it to a pull task, removes one person from the group
//! and sees their assignment turn inactive.

use e2e::{Browser, Server};
use fantoccini::{Client, Locator};

use crate::steps::{
    click_button, fill, pick_person, screenshot, see, set_up_owner, wait_css, wait_xpath,
};

/// Opens `email`'s invitation in `b`, creates the account and joins.
async fn accept(b: &Client, server: &Server, email: &str, name: &str) {
    let link = server
        .link("/invite?token=", Some(email))
        .await
        .expect("invitation link");
    b.goto(&link).await.expect("open invitation");
    fill(b, "name", name).await;
    fill(b, "password", "password 123").await;
    click_button(b, "Create account and join").await;
    see(b, "Sign out").await;
}

/// Picks `label` in the select at `css`, once that option has loaded (the
/// lists arrive over HTTP after the select is drawn).
async fn pick(c: &Client, css: &str, label: &str) {
    let mut tries = 0;
    loop {
        match wait_css(c, css).await.select_by_label(label).await {
            Ok(()) => return,
            Err(e) if tries == 50 => panic!("{css} {label}: {e}"),
            Err(_) => {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn admin_groups_labelers_onto_a_pull_task() {
    let server = Server::start().expect("server starts");
    let owner = Browser::start().await.expect("browser");
    set_up_owner(&owner.client, &server).await;
    let o = &owner.client;
    click_button(o, "Invite").await;
    fill(o, "emails", "ada@acme.io").await;
    wait_css(o, ".dialog select[name=role]")
        .await
        .select_by_value("admin")
        .await
        .expect("admin");
    click_button(o, "Send invitation").await;
    wait_css(o, "table.invite-results").await;
    wait_css(o, ".dialog select[name=role]")
        .await
        .select_by_value("labeler")
        .await
        .expect("labeler");
    fill(o, "emails", "lee@acme.io, lou@acme.io").await;
    click_button(o, "Send 2 invitations").await;
    wait_xpath(
        o,
        "//table[contains(@class,'invite-results')]//td[.='lou@acme.io']",
    )
    .await;

    let admin = Browser::start().await.expect("admin browser");
    let a = &admin.client;
    let other = Browser::start().await.expect("third browser");
    accept(&other.client, &server, "lee@acme.io", "Lee Labeler").await;
    click_button(&other.client, "Sign out").await;
    accept(&other.client, &server, "lou@acme.io", "Lou Labeler").await;
    accept(a, &server, "ada@acme.io", "Ada Admin").await;

    // The Admin makes a group of the two labelers.
    click_button(a, "Groups").await;
    fill(a, "group_name", "Annotators").await;
    click_button(a, "Create group").await;
    let card = "article[aria-label='Group Annotators']";
    for who in ["Lee Labeler", "Lou Labeler"] {
        pick_person(a, &format!("{card} input[name=add_member]"), who).await;
        a.find(Locator::Css(&format!("{card} button.add-member")))
            .await
            .expect("add button")
            .click()
            .await
            .expect("add");
        wait_xpath(
            a,
            &format!("//article[@aria-label='Group Annotators']//li[contains(., '{who}')]"),
        )
        .await;
    }

    // A project; the group joins it as Labelers; a pull task gets the group.
    click_button(a, "Projects").await;
    fill(a, "project_name", "Birds").await;
    click_button(a, "Create project").await;
    let project = "article[aria-label='Project Birds']";
    pick(
        a,
        &format!("{project} select[name=project_group]"),
        "Annotators",
    )
    .await;
    pick(
        a,
        &format!("{project} select[name=project_role]"),
        "Labeler",
    )
    .await;
    a.find(Locator::Css(&format!("{project} button.add-group")))
        .await
        .expect("add group")
        .click()
        .await
        .expect("click");
    fill(a, "task_name", "Label birds").await;
    click_button(a, "Create task").await;
    let task = "div[aria-label='Task Label birds']";
    pick(a, &format!("{task} select[name=task_group]"), "Annotators").await;
    a.find(Locator::Css(&format!("{task} button.assign")))
        .await
        .expect("assign")
        .click()
        .await
        .expect("click");
    for who in ["Lee Labeler", "Lou Labeler"] {
        wait_xpath(
            a,
            &format!(
                "//div[@aria-label='Task Label birds']//li[contains(., '{who}')]/span[.='active']"
            ),
        )
        .await;
    }
    screenshot(a, "projects-task-assignees").await;

    // Lou leaves the group: Lou's assignment turns inactive, Lee's stays.
    click_button(a, "Groups").await;
    wait_css(a, "button[aria-label='Remove Lou Labeler from Annotators']")
        .await
        .click()
        .await
        .expect("remove Lou");
    wait_xpath(
        a,
        "//article[@aria-label='Group Annotators']//h2[contains(., '1 member')]",
    )
    .await;
    click_button(a, "Projects").await;
    wait_xpath(
        a,
        "//div[@aria-label='Task Label birds']//li[contains(., 'Lou Labeler')]/span[.='inactive']",
    )
    .await;
    wait_xpath(
        a,
        "//div[@aria-label='Task Label birds']//li[contains(., 'Lee Labeler')]/span[.='active']",
    )
    .await;

    // Who is on Birds and why (seeds 003, 004): Lee through the group; the
    // Admin gives Lee a direct Reviewer role beside it.
    wait_xpath(
        a,
        "//article[@aria-label='Project Birds']//li[@data-person][contains(., 'Lee Labeler')][contains(., 'Labeler via Annotators')]",
    )
    .await;
    pick(
        a,
        "select[aria-label='Project role of Lee Labeler']",
        "Reviewer",
    )
    .await;
    click_button(a, "Groups").await;
    click_button(a, "Projects").await;
    let mut tries = 0;
    while wait_css(a, "select[aria-label='Project role of Lee Labeler']")
        .await
        .prop("value")
        .await
        .expect("role value")
        .as_deref()
        != Some("reviewer")
    {
        tries += 1;
        assert!(tries < 50, "Lee's direct role did not stick");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // Seed 002: the project count in the Members table opens the member's
    // projects, where the Admin adds Lou to Birds directly and removes again.
    click_button(a, "Members").await;
    wait_css(a, "button[aria-label='Projects of Lou Labeler: 0']")
        .await
        .click()
        .await
        .expect("open Lou's projects");
    see(a, "Not on any project.").await;
    pick(a, ".dialog select[name=member_project]", "Birds").await;
    pick(
        a,
        ".dialog select[name=member_project_new_role]",
        "Reviewer",
    )
    .await;
    wait_xpath(a, "//div[@role='dialog']//button[normalize-space()='Add']")
        .await
        .click()
        .await
        .expect("add to project");
    wait_xpath(a, "//div[@role='dialog']//li[contains(., 'Birds')]").await;
    // A direct role is changed in place, never added twice.
    let role = wait_css(a, ".dialog select[name=member_project_role]")
        .await
        .prop("value")
        .await
        .expect("role");
    assert_eq!(role.as_deref(), Some("reviewer"));
    click_button(a, "Remove from project").await;
    see(a, "Not on any project.").await;
    click_button(a, "Close").await;

    for b in [other, admin, owner] {
        b.close().await;
    }
}
