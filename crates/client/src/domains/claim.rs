//! Claiming a domain: the name, what it does, the role it gives.

use api::domains::{ClaimDomain, JoinMode};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Client;

/// Every mode with what it does, as the page says it.
pub const MODES: [(JoinMode, &str, &str); 4] = [
    (JoinMode::AutoJoin, "auto_join", "Join automatically"),
    (JoinMode::Suggest, "suggest", "Offer a one-click join"),
    (
        JoinMode::Request,
        "request",
        "Let them ask; an admin admits",
    ),
    (JoinMode::Off, "off", "Off"),
];

/// The mode named by its word.
pub fn mode_of(word: &str) -> JoinMode {
    MODES
        .iter()
        .find(|m| m.1 == word)
        .map_or(JoinMode::Suggest, |m| m.0)
}

/// The form.
#[component]
pub fn ClaimForm(
    client: Client,
    org: i64,
    roles: Vec<(String, String)>,
    on_change: Callback<()>,
) -> impl IntoView {
    let domain = RwSignal::new(String::new());
    let mode = RwSignal::new("suggest".to_string());
    let role = RwSignal::new(roles.first().map(|r| r.0.clone()).unwrap_or_default());
    let status = RwSignal::new(None::<Result<String, String>>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = ClaimDomain {
            domain: domain.get_untracked(),
            mode: mode_of(&mode.get_untracked()),
            default_role: role.get_untracked(),
            default_groups: Vec::new(),
        };
        if body.domain.trim().is_empty() {
            return status.set(Some(Err("Domain: enter a domain such as acme.io.".into())));
        }
        let client = client.clone();
        spawn_local(async move {
            match client.claim_domain(org, &body).await {
                Ok(d) => {
                    let state = if d.verified {
                        "verified with your address"
                    } else {
                        "pending: prove it below"
                    };
                    status.set(Some(Ok(format!("{} claimed, {state}.", d.domain))));
                    domain.set(String::new());
                    on_change.run(());
                }
                Err(e) => status.set(Some(Err(e.message().replace("domain: ", "Domain: ")))),
            }
        });
    };
    view! {
        <form class="claim-domain" on:submit=submit novalidate>
            <label class="stack">"Domain"<input name="domain" placeholder="acme.io" prop:value=move || domain.get() on:input=move |ev| domain.set(event_target_value(&ev))/></label>
            <label class="stack">"What it does"
                <select name="mode" on:change=move |ev| mode.set(event_target_value(&ev))>
                    {MODES.iter().map(|(_, w, label)| view! { <option value=*w selected=*w == "suggest">{*label}</option> }).collect_view()}
                </select>
            </label>
            <label class="stack">"Role they get"
                <select name="default_role" on:change=move |ev| role.set(event_target_value(&ev))>
                    {roles.iter().map(|(k, n)| view! { <option value=k.clone()>{n.clone()}</option> }).collect_view()}
                </select>
            </label>
            <button type="submit" class="primary">"Claim domain"</button>
            {move || status.get().map(|s| match s {
                Ok(m) => view! { <p class="notice" role="status">{m}</p> }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            })}
        </form>
    }
}
