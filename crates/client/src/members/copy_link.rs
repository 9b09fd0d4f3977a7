//! The copy-link fallback for an invitation whose mail does not arrive: a
//! new link, shown and copied here to hand over by another channel. Tokens
//! are stored only as hashes, so the old link cannot be shown; making a new
//! one kills it (R6), and the dialog says so before it does.

use api::members::{InvitationLink, InvitationView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::dialog::Dialog;
use crate::api::ApiResult;
use crate::format_date;

/// Asks the server for a new link; given by the caller so tests can stand
/// in for HTTP.
pub type FetchLink = std::sync::Arc<
    dyn Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = ApiResult<InvitationLink>>>>
        + Send
        + Sync,
>;

/// Confirm, fetch a new link, show it selected with a Copy button.
#[component]
pub fn CopyLinkDialog(
    invitation: InvitationView,
    fetch: FetchLink,
    /// Runs once a new link exists (the list's "sent" date changed).
    on_renewed: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let link = RwSignal::new(None::<InvitationLink>);
    let error = RwSignal::new(None::<String>);
    let copied = RwSignal::new(None::<bool>);
    let make = move |_| {
        let fetch = fetch.clone();
        spawn_local(async move {
            match fetch().await {
                Ok(l) => {
                    link.set(Some(l));
                    on_renewed.run(());
                }
                Err(e) => error.set(Some(e.message().to_string())),
            }
        });
    };
    let copy = move |_| {
        let Some(text) = link.get_untracked().map(|l| l.link) else {
            return;
        };
        spawn_local(async move {
            let clipboard = window().navigator().clipboard();
            let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            copied.set(Some(done.is_ok()));
        });
    };
    let email = invitation.email.clone();
    view! {
        <Dialog title=format!("Link for {}", invitation.email) on_close=on_close>
            {move || match link.get() {
                None => view! {
                    <p>"A new link for " {email.clone()} " to accept with, to send them yourself."</p>
                    <p class="warning">"The link mailed before stops working."</p>
                    <p class="error" role="alert">{move || error.get()}</p>
                    <div class="dialog-actions">
                        <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                        <button type="button" class="primary" autofocus on:click=make.clone()>"Make a new link"</button>
                    </div>
                }.into_any(),
                Some(l) => view! {
                    <label class="stack">"Invitation link"
                        <input type="text" readonly autofocus value=l.link.clone()
                            on:focus=move |ev| {
                                use wasm_bindgen::JsCast;
                                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                    input.select();
                                }
                            }/>
                    </label>
                    <p>"Valid until " {format_date(l.expires_at)} "."</p>
                    <p role="status">{move || match copied.get() {
                        Some(true) => "Copied to the clipboard.",
                        Some(false) => "The browser did not allow copying: select the link and copy it.",
                        None => "",
                    }}</p>
                    <div class="dialog-actions">
                        <button type="button" on:click=move |_| on_close.run(())>"Done"</button>
                        <button type="button" class="primary" on:click=copy>"Copy"</button>
                    </div>
                }.into_any(),
            }}
        </Dialog>
    }
}
