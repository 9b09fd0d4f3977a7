//! "Only some of its permissions": the chosen role's own permissions as
//! checkboxes, so a key can be narrowed to what its service needs (R17's
//! subset; the crate's `narrowed` is what server and page read back).

use leptos::prelude::*;
use permissions::Grant;

/// Every permission `grant` holds: (dotted name, label), org ones first.
pub fn choices(grant: &Grant) -> Vec<(&'static str, &'static str)> {
    grant
        .org
        .iter()
        .map(|p| (p.dotted(), p.label()))
        .chain(grant.projects.iter().map(|p| (p.dotted(), p.label())))
        .collect()
}

/// The checkboxes for `grant`, writing the ticked names into `picked`.
#[component]
pub fn KeyScope(grant: Signal<Grant>, picked: RwSignal<Vec<String>>) -> impl IntoView {
    let toggle = move |name: &'static str, on: bool| {
        picked.update(|p| {
            p.retain(|n| n != name);
            if on {
                p.push(name.to_string());
            }
        });
    };
    view! {
        <fieldset class="key-scope">
            <legend>"Permissions this key gets"</legend>
            {move || choices(&grant.get()).into_iter().map(|(name, label)| view! {
                <label>
                    <input type="checkbox" name="key_permission" value=name
                        prop:checked=move || picked.with(|p| p.iter().any(|n| n == name))
                        on:change=move |ev| toggle(name, event_target_checked(&ev))/>
                    " " {label}
                </label>
            }).collect_view()}
        </fieldset>
    }
}
