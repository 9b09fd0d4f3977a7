//! Confirming an email address from its link.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;

/// Verifies on load and says how it went.
#[component]
pub fn VerifyEmailPage(token: String) -> impl IntoView {
    let result = RwSignal::new(None::<Result<(), String>>);
    spawn_local(async move {
        result.set(Some(
            api::verify_email(&token).await.map_err(|e| e.message()),
        ));
    });
    view! {
        <main class="narrow">
            <section class="card">
                {move || match result.get() {
                    None => view! { <p>"Verifying…"</p> }.into_any(),
                    Some(Ok(())) => view! { <h1>"Email confirmed"</h1><a href="/">"Continue to Roster"</a> }.into_any(),
                    Some(Err(e)) => view! { <h1>"This link does not work"</h1><p class="error" role="alert">{e}</p> }.into_any(),
                }}
            </section>
        </main>
    }
}
