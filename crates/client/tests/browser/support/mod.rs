//! What several browser tests do: mount into a fresh element, read a row's
//! menu, find a button or a select's options by what a person sees.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A fresh `<section>` in the page to mount into.
pub fn mount_root() -> web_sys::Element {
    let doc = document();
    let root = doc.create_element("section").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

/// The menu items of the row matching `row_css`, as (label, disabled,
/// reason shown beside it).
pub fn menu_of(root: &web_sys::Element, row_css: &str) -> Vec<(String, bool, String)> {
    let items = root
        .query_selector_all(&format!("{row_css} [role=menuitem]"))
        .unwrap();
    (0..items.length())
        .map(|i| {
            let b: web_sys::HtmlButtonElement = items.item(i).unwrap().unchecked_into();
            let reason = b
                .next_element_sibling()
                .and_then(|s| s.text_content())
                .unwrap_or_default();
            (b.text_content().unwrap_or_default(), b.disabled(), reason)
        })
        .collect()
}

/// The button whose text is `text`.
pub fn button(root: &web_sys::Element, text: &str) -> web_sys::HtmlButtonElement {
    let all = root.query_selector_all("button").unwrap();
    (0..all.length())
        .map(|i| {
            all.item(i)
                .unwrap()
                .unchecked_into::<web_sys::HtmlButtonElement>()
        })
        .find(|b| b.text_content().unwrap_or_default() == text)
        .unwrap_or_else(|| panic!("a button {text:?}"))
}

/// The visible texts of every `select option` under `root`.
pub fn options(root: &web_sys::Element) -> Vec<String> {
    let all = root.query_selector_all("select option").unwrap();
    (0..all.length())
        .map(|i| all.item(i).unwrap().text_content().unwrap())
        .collect()
}
