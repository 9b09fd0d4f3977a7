//! Addresses as chips: typed or pasted, each one checked by the server's
//! own rule (`api::email`) the moment a separator ends it, so a typo is
//! marked before anything is sent.

use leptos::prelude::*;

/// Splits a pasted list on commas, semicolons, spaces and new lines.
pub fn split_emails(raw: &str) -> Vec<String> {
    raw.split(is_separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_separator(c: char) -> bool {
    c == ',' || c == ';' || c.is_whitespace()
}

/// The addresses taken so far, in order, each once (compared as the
/// server folds them: ASCII lowercase).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chips(Vec<String>);

impl Chips {
    /// Takes what the field holds now: every address a separator has
    /// ended becomes a chip; what is still being typed is given back.
    pub fn take_input(&mut self, raw: &str) -> String {
        let ends_open = raw.chars().last().is_some_and(|c| !is_separator(c));
        let mut parts = split_emails(raw);
        let draft = if ends_open {
            parts.pop().unwrap_or_default()
        } else {
            String::new()
        };
        for p in parts {
            self.add(&p);
        }
        draft
    }

    /// Adds one address unless it is already there.
    pub fn add(&mut self, address: &str) {
        let address = address.trim();
        let folded = address.to_ascii_lowercase();
        if !address.is_empty() && !self.0.iter().any(|a| a.to_ascii_lowercase() == folded) {
            self.0.push(address.to_string());
        }
    }

    /// Removes one address.
    pub fn remove(&mut self, address: &str) {
        self.0.retain(|a| a != address);
    }

    /// Every address, in the order taken.
    pub fn all(&self) -> &[String] {
        &self.0
    }

    /// How many are not email addresses.
    pub fn invalid(&self) -> usize {
        self.0.iter().filter(|a| !is_valid(a)).count()
    }
}

/// Whether the server will take `address` as an email address.
pub fn is_valid(address: &str) -> bool {
    api::email::address(address).is_some()
}

/// The field: chips for what is taken, a text area for what is typed
/// (it keeps a pasted list's line breaks). Backspace in an empty field
/// takes the last chip back for editing; a chip's × removes it.
#[component]
pub fn EmailChips(chips: RwSignal<Chips>, draft: RwSignal<String>) -> impl IntoView {
    let take = move |raw: String| {
        let rest = chips.try_update(|c| c.take_input(&raw)).unwrap_or_default();
        draft.set(rest);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Backspace" && draft.get_untracked().is_empty() {
            let last = chips.with_untracked(|c| c.all().last().cloned());
            if let Some(last) = last {
                ev.prevent_default();
                chips.update(|c| c.remove(&last));
                draft.set(last);
            }
        }
    };
    let hint = move || {
        let (n, bad) = chips.with(|c| (c.all().len(), c.invalid()));
        match bad {
            0 => match n {
                0 => "Separate addresses with commas, spaces or new lines.".to_string(),
                1 => "1 address".to_string(),
                n => format!("{n} addresses"),
            },
            1 => "1 is not an email address: fix or remove it".to_string(),
            b => format!("{b} are not email addresses: fix or remove them"),
        }
    };
    view! {
        <div class="chips">
            <ul class="chip-list" aria-label="Addresses to invite">
                <For each=move || chips.get().all().to_vec() key=|a| a.clone() let:address>
                    {
                        let ok = is_valid(&address);
                        let label = format!("Remove {address}");
                        let gone = address.clone();
                        view! {
                            <li class="chip" class:invalid=!ok title=(!ok).then_some("Not an email address")>
                                <span>{address.clone()}</span>
                                <span class="sr-only">{(!ok).then_some(" (not an email address)")}</span>
                                <button type="button" class="chip-remove" aria-label=label
                                    on:click=move |_| chips.update(|c| c.remove(&gone))>"×"</button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <textarea
                id="invite-emails"
                name="emails"
                rows="1"
                autofocus
                aria-describedby="email-chips-hint"
                aria-invalid=move || (chips.with(Chips::invalid) > 0).to_string()
                placeholder="ada@example.org, grace@example.org"
                on:input=move |ev| take(event_target_value(&ev))
                on:keydown=on_keydown
                on:blur=move |_| take(format!("{} ", draft.get_untracked()))
                prop:value=move || draft.get()
            ></textarea>
        </div>
        <p id="email-chips-hint" class="hint" class:error=move || { chips.with(Chips::invalid) > 0 } aria-live="polite">{hint}</p>
    }
}
