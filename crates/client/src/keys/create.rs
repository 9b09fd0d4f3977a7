//! Create a key: a name, a role the crate lets the viewer give a key
//! (R2's ceiling, never Owner), optionally only some of that role's
//! permissions, and a lifetime of 1 to 366 days.

use api::keys::{DEFAULT_DAYS, MAX_DAYS, NewKey};
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Action, Actor, Template, decide};

use super::scope::KeyScope;
use crate::api::Client;
use crate::members::actions::grant;
use crate::now;

/// The form, offered only to those who may create a key of some role.
#[component]
pub fn CreateKey(
    client: Client,
    org: i64,
    viewer: Actor,
    template: &'static Template,
    issued: RwSignal<Option<(String, String)>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let roles: Vec<(String, String)> = template
        .org_roles
        .iter()
        .filter(|r| {
            let role = grant(template, &r.key, r.owner);
            decide(now(), &viewer, &Action::CreateKey { role }).is_allowed()
        })
        .map(|r| (r.key.to_string(), r.name.to_string()))
        .collect();
    let first = roles.last().map(|(k, _)| k.clone()).unwrap_or_default();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(first);
    let days = RwSignal::new(DEFAULT_DAYS.to_string());
    let error = RwSignal::new(None::<String>);
    let narrow = RwSignal::new(false);
    let picked = RwSignal::new(Vec::<String>::new());
    let role_grant = Signal::derive(move || grant(template, &role.get(), false));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = days
            .get_untracked()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=MAX_DAYS).contains(d))
        else {
            error.set(Some(
                "Expires in: a whole number of days from 1 to 366".into(),
            ));
            return;
        };
        let permissions = narrow.get_untracked().then(|| picked.get_untracked());
        if permissions.as_ref().is_some_and(Vec::is_empty) {
            error.set(Some(
                "Permissions: tick at least one, or give the whole role".into(),
            ));
            return;
        }
        let body = NewKey {
            name: name.get_untracked().trim().to_string(),
            role: role.get_untracked(),
            expires_in_days: Some(d),
            permissions,
        };
        let client = client.clone();
        spawn_local(async move {
            match client.create_api_key(org, &body).await {
                Ok(k) => {
                    error.set(None);
                    name.set(String::new());
                    picked.set(Vec::new());
                    issued.set(Some((k.key.name, k.secret)));
                    on_change.run(());
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    };
    (!roles.is_empty()).then(|| view! {
        <form class="inline create-key" on:submit=submit>
            <label>"Name " <input name="key_name" required maxlength="100" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></label>
            <label>"Role "
                <select name="key_role" on:change=move |ev| { picked.set(Vec::new()); role.set(event_target_value(&ev)); }>
                    {roles.iter().map(|(k, n)| view! { <option value=k.clone() selected=*k == role.get_untracked()>{n.clone()}</option> }).collect_view()}
                </select>
            </label>
            <label><input type="checkbox" name="key_narrow" prop:checked=move || narrow.get()
                on:change=move |ev| narrow.set(event_target_checked(&ev))/>" Only some of its permissions"</label>
            {move || narrow.get().then(|| view! { <KeyScope grant=role_grant picked=picked/> })}
            <label>"Expires in (days) " <input name="key_days" type="number" min="1" max="366" required prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev))/></label>
            <button type="submit" class="primary">"Create key"</button>
            <p class="error" role="alert">{move || error.get()}</p>
        </form>
    })
}
