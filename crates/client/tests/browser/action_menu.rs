//! The row menu with the keyboard and the mouse (WAI-ARIA menu button):
//! arrows walk the enabled items, Escape closes and gives focus back to
//! ⋯, and opening one menu closes any other, so nobody acts on the wrong
//! row through a menu left open over it.

use client::members::action_menu::{ActionMenu, MenuItem};
use client::members::actions::Availability;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use crate::support::mount_root;

fn key(target: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    target
        .dispatch_event(
            &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
}

fn focused() -> String {
    document()
        .active_element()
        .map(|e| {
            e.get_attribute("aria-label")
                .or(e.text_content())
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

fn menu(who: &'static str, chosen: RwSignal<Vec<String>>) -> impl IntoView {
    let item = move |label: &'static str, availability| MenuItem {
        label,
        availability,
        on_select: Callback::new(move |()| chosen.update(|c| c.push(format!("{label} {who}")))),
    };
    view! {
        <ActionMenu subject=who items=vec![
            item("Change role", Availability::Enabled),
            item("Suspend", Availability::Disabled("no".into())),
            item("Remove", Availability::Enabled),
        ]/>
    }
}

/// Lets the menu's focus move (it waits a frame) and the view settle.
async fn settle() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

fn is_open(root: &web_sys::Element, who: &str) -> bool {
    root.query_selector(&format!("[aria-label='Actions for {who}'][aria-haspopup]"))
        .unwrap()
        .unwrap()
        .get_attribute("aria-expanded")
        .as_deref()
        == Some("true")
}

#[wasm_bindgen_test]
async fn arrows_escape_and_one_menu_at_a_time() {
    let root = mount_root();
    let chosen = RwSignal::new(Vec::<String>::new());
    let _h = mount_to(root.clone().unchecked_into(), move || {
        view! { {menu("Ann", chosen)} {menu("Ben", chosen)} }
    });
    leptos::task::tick().await;
    let ann: web_sys::HtmlElement = root
        .query_selector("[aria-label='Actions for Ann'][aria-haspopup]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    ann.focus().unwrap();
    // ArrowDown on ⋯ opens the menu on its first item.
    key(&ann, "ArrowDown");
    settle().await;
    assert!(is_open(&root, "Ann"));
    assert_eq!(focused(), "Change role");
    // Down skips the disabled item; down again wraps to the first.
    let active = || document().active_element().unwrap();
    key(&active(), "ArrowDown");
    assert_eq!(focused(), "Remove");
    key(&active(), "ArrowDown");
    assert_eq!(focused(), "Change role");
    key(&active(), "ArrowUp");
    assert_eq!(focused(), "Remove");
    // Escape closes and gives focus back to ⋯.
    key(&active(), "Escape");
    settle().await;
    assert!(!is_open(&root, "Ann"));
    assert_eq!(focused(), "Actions for Ann");
    // Ann's menu open by mouse; pressing on Ben's ⋯ closes it.
    ann.click();
    settle().await;
    assert!(is_open(&root, "Ann"));
    let ben: web_sys::HtmlElement = root
        .query_selector("[aria-label='Actions for Ben'][aria-haspopup]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    let down = web_sys::PointerEventInit::new();
    down.set_bubbles(true);
    ben.dispatch_event(
        &web_sys::PointerEvent::new_with_event_init_dict("pointerdown", &down).unwrap(),
    )
    .unwrap();
    ben.click();
    settle().await;
    assert_eq!(
        (is_open(&root, "Ann"), is_open(&root, "Ben")),
        (false, true),
        "one menu at a time"
    );
    // Choosing an item runs it, closes the menu and focuses ⋯ again.
    let remove: web_sys::HtmlElement = root
        .query_selector_all("[aria-label='Actions for Ben'][role=menu] [role=menuitem]")
        .unwrap()
        .item(2)
        .unwrap()
        .unchecked_into();
    remove.click();
    settle().await;
    assert_eq!(chosen.get_untracked(), ["Remove Ben"]);
    assert!(!is_open(&root, "Ben"));
    assert_eq!(focused(), "Actions for Ben");
    root.remove();
}
