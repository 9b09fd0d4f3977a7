//! The first Owner, from the link printed at first start.

use ::api::auth::Setup;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::go_home;
use crate::api;

/// Creates the first account and organization.
#[component]
pub fn SetupPage(token: String) -> impl IntoView {
    let fields = [
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    ];
    let [org, name, email, password] = fields;
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = Setup {
            token: token.clone(),
            email: email.get_untracked(),
            name: name.get_untracked(),
            password: password.get_untracked(),
            org_name: org.get_untracked(),
        };
        spawn_local(async move {
            match api::setup(&body).await {
                Ok(_) => go_home(),
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    view! {
        <main class="narrow">
            <section class="card">
                <h1>"Set up Roster"</h1>
                <p>"Create the first Owner and organization."</p>
                <form on:submit=submit>
                    <label class="stack">"Organization name"<input name="org_name" required on:input=move |ev| org.set(event_target_value(&ev))/></label>
                    <label class="stack">"Your name"<input name="name" required on:input=move |ev| name.set(event_target_value(&ev))/></label>
                    <label class="stack">"Email"<input name="email" type="email" required on:input=move |ev| email.set(event_target_value(&ev))/></label>
                    <label class="stack">"Password"<input name="password" type="password" required minlength="8" on:input=move |ev| password.set(event_target_value(&ev))/></label>
                    <button type="submit" class="primary">"Create owner"</button>
                </form>
                <p class="error" role="alert">{move || error.get()}</p>
            </section>
        </main>
    }
}
