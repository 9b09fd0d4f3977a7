//! A person's initials on a colour of their own, beside their name. The
//! colours (`.avatar.c0` … `.c5` in the style sheet: the page's CSP allows
//! no inline style) all hold white text above 4.5:1; screen readers skip
//! it (the name is right next to it).

use leptos::prelude::*;

/// How many colours the style sheet has.
const COLOURS: i64 = 6;

/// Up to two letters: the first of the first and last words.
pub fn initials(name: &str) -> String {
    let mut words = name.split_whitespace();
    let first = words.next().and_then(|w| w.chars().next());
    let last = words.last().and_then(|w| w.chars().next());
    first
        .into_iter()
        .chain(last)
        .flat_map(char::to_uppercase)
        .collect()
}

/// The avatar of user `id` named `name`.
#[component]
pub fn Avatar(id: i64, #[prop(into)] name: String) -> impl IntoView {
    let class = format!("avatar c{}", id.rem_euclid(COLOURS));
    view! { <span class=class aria-hidden="true">{initials(&name)}</span> }
}
