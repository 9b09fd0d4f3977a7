//! A modal dialog shell: labelled, Escape cancels, focus starts inside.

use leptos::prelude::*;

/// A dialog with a title; `on_close` runs on Escape or the close button.
#[component]
pub fn Dialog(
    #[prop(into)] title: String,
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let id = format!("dialog-{}", title.to_lowercase().replace(' ', "-"));
    let label_id = id.clone();
    view! {
        <div class="backdrop">
            <div
                role="dialog"
                aria-modal="true"
                aria-labelledby=label_id
                class="dialog"
                on:keydown=move |ev| if ev.key() == "Escape" { on_close.run(()) }
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
