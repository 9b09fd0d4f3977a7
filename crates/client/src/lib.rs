//! Roster's web client. It decides nothing itself: every "may I?" is a call
//! into the `permissions` crate, the same code the server enforces.
#![forbid(unsafe_code)]

pub mod api;
mod app;
pub mod audit;
pub mod avatar;
pub mod domains;
pub mod facts;
pub mod groups;
mod join_offers;
pub mod keys;
pub mod members;
mod org_exit;
pub mod pages;
pub mod people_picker;
pub mod projects;
pub mod roles;
mod settings;
mod shell;

pub use app::App;

/// Now, in unix seconds (decisions take the clock as a fact).
#[expect(
    clippy::cast_possible_truncation,
    reason = "whole seconds of a JS date, far inside i64"
)]
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// A unix time as a short date in the viewer's own language and format.
pub fn format_date(at: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64 * 1000.0));
    let locale = web_sys::window()
        .map(|w| w.navigator().language())
        .and_then(|l| l)
        .unwrap_or_else(|| "en".into());
    String::from(d.to_locale_date_string(&locale, &wasm_bindgen::JsValue::UNDEFINED))
}
