//! Accepting an invitation from its link: an existing account signs in
//! and joins; a new person creates the account in the same step. A dead
//! link says why and whom to ask.

use ::api::members::InvitationLookup;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::go_home;
use crate::api::{self, Client};

/// The invitation landing page.
#[component]
pub fn AcceptPage(token: String) -> impl IntoView {
    let info = RwSignal::new(None::<Result<InvitationLookup, String>>);
    {
        let token = token.clone();
        spawn_local(async move {
            info.set(Some(
                api::lookup_invitation(&token)
                    .await
                    .map_err(|e| e.message()),
            ));
        });
    }
    view! {
        <main class="narrow">
            <section class="card">
                {move || match info.get() {
                    None => view! { <p class="loading">"Loading…"</p> }.into_any(),
                    Some(Err(e)) => view! { <h1>"This link does not work"</h1><p class="error" role="alert">{e}</p> }.into_any(),
                    Some(Ok(i)) if i.status != ::api::InvitationStatus::Pending => {
                        let why = match i.status.as_str() {
                            "expired" => "This invitation has expired.",
                            "revoked" => "This invitation was revoked.",
                            "accepted" => "This invitation has already been accepted.",
                            _ => "This invitation was declined.",
                        };
                        view! {
                            <h1>{format!("Invitation to {}", i.org_name)}</h1>
                            <p class="error" role="alert">{why}</p>
                            <p>"Ask " <strong>{i.invited_by.clone()}</strong> " for a new invitation."</p>
                        }.into_any()
                    }
                    Some(Ok(i)) => view! { <AcceptForm token=token.clone() info=i/> }.into_any(),
                }}
            </section>
        </main>
    }
}

#[component]
fn AcceptForm(token: String, info: InvitationLookup) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let existing = info.account_exists;
    let email = info.email.clone();
    let accept = {
        let token = token.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let token = token.clone();
            let email = email.clone();
            spawn_local(async move {
                let result = if existing {
                    // Sign in as the invited address, then accept as that account.
                    match api::login(&email, &password.get_untracked()).await {
                        Ok(me) => Client::new(me.csrf_token).accept(&token).await.map(drop),
                        Err(e) => Err(e),
                    }
                } else {
                    api::accept_new(&token, &name.get_untracked(), &password.get_untracked())
                        .await
                        .map(drop)
                };
                match result {
                    Ok(()) => go_home(),
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    let declined = RwSignal::new(false);
    let decline = move |_| {
        let token = token.clone();
        spawn_local(async move {
            match api::decline(&token).await {
                Ok(()) => declined.set(true),
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    view! {
        <h1>{format!("Join {}", info.org_name)}</h1>
        <p>{info.invited_by.clone()} " invited " <strong>{info.email.clone()}</strong> " to join as " <strong>{info.role_name.clone()}</strong> "."</p>
        {info.message.clone().map(|m| view! { <blockquote class="invite-message"><p>{m}</p><footer class="muted">"— " {info.invited_by.clone()}</footer></blockquote> })}
        <Show when=move || !declined.get() fallback=|| view! { <p role="status">"You declined this invitation."</p> }>
            <form on:submit=accept.clone()>
                {(!existing).then(|| view! {
                    <label class="stack">"Your name"<input name="name" required autocomplete="name" on:input=move |ev| name.set(event_target_value(&ev))/></label>
                })}
                <label class="stack">
                    {if existing { "Password of your account" } else { "Choose a password" }}
                    <input name="password" type="password" required minlength="8" on:input=move |ev| password.set(event_target_value(&ev))/>
                </label>
                <button type="submit" class="primary">{if existing { "Sign in and join" } else { "Create account and join" }}</button>
                <button type="button" class="link" on:click=decline.clone()>"Decline"</button>
            </form>
        </Show>
        <p class="error" role="alert">{move || error.get()}</p>
    }
}
