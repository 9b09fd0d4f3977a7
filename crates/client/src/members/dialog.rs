//! A modal dialog shell: labelled, Escape cancels, focus starts inside,
//! Tab and Shift+Tab cycle within it, and on close focus returns to where
//! it was (the row's menu button), as WAI-ARIA's modal dialog pattern asks.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What Tab can reach inside a dialog.
const FOCUSABLE: &str = "button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

/// Keeps Tab inside `dialog`: from the last control to the first and,
/// with Shift, from the first to the last.
fn trap_tab(dialog: &web_sys::Element, ev: &web_sys::KeyboardEvent) {
    let Ok(all) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let controls: Vec<web_sys::HtmlElement> = (0..all.length())
        .filter_map(|i| all.item(i)?.dyn_into().ok())
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        return;
    };
    let active = document().active_element();
    let at = |el: &web_sys::HtmlElement| active.as_ref() == Some(el.unchecked_ref());
    let inside = active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
    if ev.shift_key() && (at(first) || !inside) {
        ev.prevent_default();
        let _ = last.focus();
    } else if !ev.shift_key() && (at(last) || !inside) {
        ev.prevent_default();
        let _ = first.focus();
    }
}

/// A dialog with a title; `on_close` runs on Escape or the close button.
#[component]
pub fn Dialog(
    #[prop(into)] title: String,
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let id = format!("dialog-{}", title.to_lowercase().replace(' ', "-"));
    let label_id = id.clone();
    // Focus goes back where it came from when the dialog goes away.
    let opener = document()
        .active_element()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .map(send_wrapper::SendWrapper::new);
    on_cleanup(move || {
        if let Some(el) = opener.as_ref().filter(|e| e.is_connected()) {
            let _ = el.focus();
        }
    });
    view! {
        <div class="backdrop">
            <div
                role="dialog"
                aria-modal="true"
                aria-labelledby=label_id
                class="dialog"
                on:keydown=move |ev| match ev.key().as_str() {
                    "Escape" => on_close.run(()),
                    "Tab" => {
                        if let Some(d) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                            trap_tab(&d, &ev);
                        }
                    }
                    _ => {}
                }
            >
                <h2 id=id>{title}</h2>
                {children()}
            </div>
        </div>
    }
}

/// "Are you sure?" before a destructive action.
#[component]
pub fn Confirm(
    #[prop(into)] title: String,
    #[prop(into)] message: String,
    #[prop(into)] confirm_label: String,
    on_confirm: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    view! {
        <Dialog title=title on_close=on_close>
            <p>{message}</p>
            <div class="dialog-actions">
                <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                <button type="button" class="danger" autofocus on:click=move |_| on_confirm.run(())>{confirm_label}</button>
            </div>
        </Dialog>
    }
}
