//! Steps a person takes, found by label or text, never by DOM position.

use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};

pub const WAIT: Duration = Duration::from_secs(15);

pub async fn wait_css(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

pub async fn wait_xpath(c: &Client, xpath: &str) -> Element {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("{xpath}: {e}"))
}

/// Waits until some element's text contains `text`.
pub async fn see(c: &Client, text: &str) -> Element {
    wait_xpath(
        c,
        &format!("//*[not(self::script)][contains(normalize-space(text()), \"{text}\")]"),
    )
    .await
}

pub async fn fill(c: &Client, name: &str, value: &str) {
    let el = wait_css(c, &format!("[name='{name}']")).await;
    el.clear().await.ok();
    el.send_keys(value)
        .await
        .unwrap_or_else(|e| panic!("type into {name}: {e}"));
}

pub async fn click_button(c: &Client, text: &str) {
    wait_xpath(c, &format!("//button[normalize-space()=\"{text}\"]"))
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {text}: {e}"));
}

/// Opens the row menu of `who` and returns its items as (label, disabled, reason).
pub async fn row_menu(c: &Client, who: &str) -> Vec<(String, bool, String)> {
    wait_css(c, &format!("button[aria-label='Actions for {who}']"))
        .await
        .click()
        .await
        .expect("open menu");
    let items = c
        .find_all(Locator::XPath(&format!(
            "//div[button[@aria-label='Actions for {who}']]//li"
        )))
        .await
        .expect("menu items");
    let mut out = Vec::new();
    for li in items {
        let button = li.find(Locator::Css("button")).await.expect("item button");
        let label = button.text().await.unwrap_or_default();
        let disabled = button.attr("disabled").await.ok().flatten().is_some();
        let reason = match li.find(Locator::Css(".reason")).await {
            Ok(r) => r.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        out.push((label, disabled, reason));
    }
    out
}

pub async fn choose(c: &Client, who: &str, item: &str) {
    let xpath = format!(
        "//div[button[@aria-label='Actions for {who}']]//button[@role='menuitem' and normalize-space()='{item}']"
    );
    if !wait_xpath(c, &xpath)
        .await
        .is_displayed()
        .await
        .unwrap_or(false)
    {
        wait_css(c, &format!("button[aria-label='Actions for {who}']"))
            .await
            .click()
            .await
            .expect("open menu");
    }
    wait_xpath(c, &xpath)
        .await
        .click()
        .await
        .expect("choose item");
}

/// Saves a PNG of the page under docs/screenshots.
pub async fn screenshot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    let dir = e2e::workspace_root().join("docs/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
}

/// Creates the first Owner through the printed setup link.
pub async fn set_up_owner(c: &Client, server: &e2e::Server) {
    let link = server
        .link("/setup?token=", None)
        .await
        .expect("setup link");
    c.goto(&link).await.expect("open setup link");
    fill(c, "org_name", "Acme Labs").await;
    fill(c, "name", "Olive Owner").await;
    fill(c, "email", "olive@acme.io").await;
    fill(c, "password", "correct horse").await;
    click_button(c, "Create owner").await;
    see(c, "Members").await;
}

/// Picks `who` in the people picker at `input_css` from the keyboard:
/// types part of the name, waits for the server's match, presses Enter.
pub async fn pick_person(c: &Client, input_css: &str, who: &str) {
    let input = wait_css(c, input_css).await;
    input.clear().await.expect("clear picker");
    let term: String = who.chars().take(3).collect();
    input.send_keys(&term).await.expect("type in picker");
    // The match is the active option once it is the only one shown.
    input
        .send_keys(&who[term.len()..])
        .await
        .expect("type the rest");
    wait_xpath(
        c,
        &format!(
            "//ul[@role='listbox' and not(@hidden)]/li[@role='option' and contains(., '{who}')]"
        ),
    )
    .await;
    input
        .send_keys(&fantoccini::key::Key::Enter.to_string())
        .await
        .expect("Enter chooses");
}

/// Runs axe-core (injected from `$AXE_JS`, which scripts/tools.sh installs)
/// on the page as it is now and fails on any serious or critical
/// violation, naming the rule and the elements.
pub async fn axe(c: &Client, what: &str) {
    let path = std::env::var("AXE_JS").unwrap_or_else(|_| {
        e2e::workspace_root()
            .join(".tools/npm/node_modules/axe-core/axe.min.js")
            .display()
            .to_string()
    });
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("axe-core at {path} (scripts/tools.sh --browser installs it): {e}")
    });
    c.execute(&source, vec![]).await.expect("inject axe-core");
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(r => done(
               r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))));",
            vec![],
        )
        .await
        .expect("axe runs");
    let list: Vec<String> = serde_json::from_value(found).unwrap_or_default();
    assert!(list.is_empty(), "axe on {what}:\n{}", list.join("\n"));
}

/// At a phone's width nothing scrolls sideways.
pub async fn fits_phone(c: &Client, what: &str) {
    let (w, inner) = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .map(|v| serde_json::from_value::<(i64, i64)>(v).unwrap_or((0, 0)))
        .expect("measure");
    assert!(
        w <= inner,
        "{what}: the page is {w} px wide in a {inner} px window"
    );
}
