//! Picking which role template to look at.

use leptos::prelude::*;
use permissions::templates;

/// A labelled `<select>` of the built-in templates.
#[component]
pub fn TemplatePicker(selected: RwSignal<String>) -> impl IntoView {
    view! {
        <label class="picker">
            "Role template "
            <select
                name="template"
                on:change=move |ev| selected.set(event_target_value(&ev))
                prop:value=move || selected.get()
            >
                {templates::all()
                    .iter()
                    .map(|t| {
                        let key = t.key.to_string();
                        view! { <option value=key.clone() selected=move || selected.get() == key>{t.name.to_string()}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
