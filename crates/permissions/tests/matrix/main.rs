//! Permission tables, walked natively and on wasm32 in headless Chromium.
//!
//! Every expected cell is written here as data, from PRODUCT.md and the seed
//! documents; the harness in `support` only parses and compares.

#![expect(clippy::expect_used, reason = "a failed lookup is a failed test")]

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod key_walk;
mod support;
mod tables;

mod animl;
mod contextual;
mod dataloop;
mod default_org;
mod domains;
mod import;
mod keys;
mod labeling;
mod mlops;
mod plainsight;
mod seams;
mod targeted;
