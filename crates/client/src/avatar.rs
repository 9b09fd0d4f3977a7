//! A person's initials on a colour of their own, beside their name. The
//! colours all hold white text above 4.5:1; screen readers skip it (the
//! name is right next to it).

use leptos::prelude::*;

/// Dark enough for white text (each ≥ 4.5:1).
const COLOURS: [&str; 6] = [
    "#2f5bea", "#1a7f37", "#8a5300", "#6f42c1", "#b3261e", "#005f73",
];

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
    let colour = COLOURS
        .get(usize::try_from(id.rem_euclid(6)).unwrap_or(0))
        .copied()
        .unwrap_or(COLOURS[0]);
    view! { <span class="avatar" aria-hidden="true" style=format!("background:{colour}")>{initials(&name)}</span> }
}
