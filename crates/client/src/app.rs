//! Which page to show: the one-time links (setup, invitation, email
//! verification) by path, otherwise the signed-in app or the sign-in page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Client;
use crate::pages::{AcceptPage, SetupPage, SignInPage, VerifyEmailPage};
use crate::shell::Shell;

fn location() -> (String, Option<String>) {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return ("/".into(), None);
    };
    let path = loc.pathname().unwrap_or_else(|_| "/".into());
    let token = loc
        .search()
        .ok()
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok())
        .and_then(|p| p.get("token"));
    (path, token)
}

/// The whole client.
#[component]
pub fn App() -> impl IntoView {
    let (path, token) = location();
    match (path.as_str(), token) {
        ("/setup", Some(t)) => view! { <SetupPage token=t/> }.into_any(),
        ("/invite", Some(t)) => view! { <AcceptPage token=t/> }.into_any(),
        ("/verify-email", Some(t)) => view! { <VerifyEmailPage token=t/> }.into_any(),
        _ => view! { <SignedIn/> }.into_any(),
    }
}

/// Loads `/me`; shows the app, or the sign-in page when signed out.
#[component]
fn SignedIn() -> impl IntoView {
    let me = RwSignal::new(None::<Result<api::auth::Me, crate::api::ApiError>>);
    let load = move || {
        spawn_local(async move {
            me.set(Some(Client::me().await));
        })
    };
    load();
    view! {
        {move || match me.get() {
            None => view! { <p class="loading">"Loading…"</p> }.into_any(),
            Some(Ok(m)) => view! { <Shell me=m on_signed_out=Callback::new(move |()| me.set(Some(Err(crate::api::ApiError::Network(String::new())))))/> }.into_any(),
            Some(Err(_)) => view! { <SignInPage on_signed_in=Callback::new(move |m| me.set(Some(Ok(m))))/> }.into_any(),
        }}
    }
}
