//! Sign in, or create an account.

use ::api::auth::{Me, SignUp};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;

/// The sign-in form, with a switch to sign up.
#[component]
pub fn SignInPage(on_signed_in: Callback<Me>) -> impl IntoView {
    let signing_up = RwSignal::new(false);
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (e, n, p) = (
            email.get_untracked(),
            name.get_untracked(),
            password.get_untracked(),
        );
        spawn_local(async move {
            let result = if signing_up.get_untracked() {
                api::sign_up(&SignUp {
                    email: e,
                    name: n,
                    password: p,
                })
                .await
            } else {
                api::login(&e, &p).await
            };
            match result {
                Ok(me) => on_signed_in.run(me),
                Err(err) => error.set(Some(err.message())),
            }
        });
    };
    view! {
        <main class="narrow">
            <section class="card">
                <h1>{move || if signing_up.get() { "Create an account" } else { "Sign in to Roster" }}</h1>
                <form on:submit=submit>
                    <label class="stack">"Email"<input name="email" type="email" autocomplete="email" required on:input=move |ev| email.set(event_target_value(&ev))/></label>
                    <Show when=move || signing_up.get()>
                        <label class="stack">"Name"<input name="name" autocomplete="name" required on:input=move |ev| name.set(event_target_value(&ev))/></label>
                    </Show>
                    <label class="stack">"Password"<input name="password" type="password" autocomplete="current-password" required minlength="8" on:input=move |ev| password.set(event_target_value(&ev))/></label>
                    <button type="submit" class="primary">{move || if signing_up.get() { "Create account" } else { "Sign in" }}</button>
                </form>
                <p class="error" role="alert">{move || error.get()}</p>
                <button type="button" class="link" on:click=move |_| signing_up.update(|s| *s = !*s)>
                    {move || if signing_up.get() { "I have an account" } else { "Create an account" }}
                </button>
            </section>
        </main>
    }
}
