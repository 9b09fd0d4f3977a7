//! Permission tables, walked natively and on wasm32 in headless Chromium.
//!
//! Every expected cell is written here as data, from PRODUCT.md and the seed
//! documents; the harness in `support` only parses and compares.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod support;

mod default_org;
