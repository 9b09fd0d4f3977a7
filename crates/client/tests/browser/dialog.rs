//! The dialog shell with the keyboard: Tab and Shift+Tab stay inside,
//! Escape closes, and focus goes back to the control that opened it.

use client::members::dialog::Dialog;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn key(target: &web_sys::Element, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    target
        .dispatch_event(
            &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
}

fn focused_text() -> String {
    document()
        .active_element()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn tab_cycles_inside_escape_closes_and_focus_returns() {
    let doc = document();
    let root = doc.create_element("section").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let open = RwSignal::new(false);
    let _h = mount_to(root.clone().unchecked_into(), move || {
        view! {
            <button type="button" id="opener" on:click=move |_| open.set(true)>"Open"</button>
            <Show when=move || open.get()>
                <Dialog title="Keyboard" on_close=Callback::new(move |()| open.set(false))>
                    <button type="button">"First"</button>
                    <button type="button" disabled>"Off"</button>
                    <button type="button">"Last"</button>
                </Dialog>
            </Show>
        }
    });
    leptos::task::tick().await;
    let opener: web_sys::HtmlElement = root
        .query_selector("#opener")
        .unwrap()
        .unwrap()
        .unchecked_into();
    opener.focus().unwrap();
    opener.click();
    leptos::task::tick().await;
    let buttons = root.query_selector_all("[role=dialog] button").unwrap();
    let first: web_sys::HtmlElement = buttons.item(0).unwrap().unchecked_into();
    let last: web_sys::HtmlElement = buttons.item(2).unwrap().unchecked_into();
    last.focus().unwrap();
    key(&last, "Tab", false);
    assert_eq!(
        focused_text(),
        "First",
        "Tab on the last control wraps to the first"
    );
    key(&first, "Tab", true);
    assert_eq!(
        focused_text(),
        "Last",
        "Shift+Tab on the first wraps to the last (the disabled one is skipped)"
    );
    key(&last, "Escape", false);
    leptos::task::tick().await;
    assert!(
        root.query_selector("[role=dialog]").unwrap().is_none(),
        "Escape closed it"
    );
    assert_eq!(focused_text(), "Open", "focus is back on the opener");
    root.remove();
}
