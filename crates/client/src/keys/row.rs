//! One key and what the viewer may do to it: rotate, disable, enable, take
//! over, revoke — each the crate's decision on the key as listed.

use api::keys::{KeyView, RotateKey};
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Action, Actor, KeyOp, Template, decide};

use super::key_facts;
use crate::api::Client;
use crate::members::actions::Availability;
use crate::members::dialog::Confirm;
use crate::{format_date, now};

const OPS: [(KeyOp, &str); 5] = [
    (KeyOp::Rotate, "Rotate"),
    (KeyOp::Disable, "Disable"),
    (KeyOp::Enable, "Enable"),
    (KeyOp::TakeOver, "Take over"),
    (KeyOp::Revoke, "Revoke"),
];

/// A row of the keys table.
#[component]
pub fn KeyRow(
    client: Client,
    org: i64,
    viewer: Actor,
    template: &'static Template,
    key: KeyView,
    issued: RwSignal<Option<(String, String)>>,
    error: RwSignal<Option<String>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let facts = key_facts(template, &key);
    let id = key.id;
    let confirm = RwSignal::new(false);
    let run = {
        let client = client.clone();
        let name = key.name.clone();
        move |op: KeyOp| {
            let client = client.clone();
            let name = name.clone();
            spawn_local(async move {
                let done = match op {
                    KeyOp::Rotate => client
                        .rotate_api_key(org, id, &RotateKey::default())
                        .await
                        .map(|k| issued.set(Some((name, k.secret)))),
                    KeyOp::Revoke => client.revoke_api_key(org, id).await,
                    KeyOp::Disable => client.change_api_key(org, id, "disable").await.map(drop),
                    KeyOp::Enable => client.change_api_key(org, id, "enable").await.map(drop),
                    KeyOp::TakeOver => client.change_api_key(org, id, "take-over").await.map(drop),
                };
                match done {
                    Ok(()) => {
                        error.set(None);
                        on_change.run(());
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    let role_name = template
        .org_role(&key.role)
        .map_or_else(|| key.role.clone(), |r| r.name.to_string());
    let scope = key
        .permissions
        .as_ref()
        .map(|names| format!("only {}", names.join(", ")));
    let state = if key.suspended && key.state == api::KeyState::Active {
        "suspended".to_string()
    } else {
        key.state.as_str().to_string()
    };
    let buttons = OPS
        .into_iter()
        .filter_map(|(op, label)| {
            let d = decide(now(), &viewer, &Action::Key { op, key: facts });
            let reason = match Availability::of(d) {
                Availability::Hidden => return None,
                Availability::Disabled(r) => Some(r),
                Availability::Enabled => None,
            };
            let run = run.clone();
            let click = move |_| if op == KeyOp::Revoke { confirm.set(true) } else { run(op) };
            Some(view! {
                <button type="button" disabled=reason.is_some() title=reason.clone().unwrap_or_default()
                    aria-label=format!("{label} {}", key.name)
                    on:click=click>{label}</button>
                {reason.map(|r| view! { <span class="sr-only">{r}</span> })}
            })
        })
        .collect_view();
    let revoke = run.clone();
    view! {
        <tr class:revoked=key.state == api::KeyState::Revoked>
            <td>{key.name.clone()}</td>
            <td class="col-key"><code>{key.display.clone()}</code></td>
            <td>{role_name}{scope.map(|s| view! { <br/><small class="key-scope-note">{s}</small> })}</td>
            <td class="col-owner">{key.owner_name.clone()}</td>
            <td><span class=format!("badge {state}")>{state.clone()}</span></td>
            <td class="col-seen">{key.last_used_at.map_or_else(|| "never".to_string(), format_date)}</td>
            <td class="col-joined">{format_date(key.expires_at)}</td>
            <td class="key-actions">
                {buttons}
                {move || confirm.get().then(|| {
                    let revoke = revoke.clone();
                    view! {
                        <Confirm title="Revoke key" message=format!("Revoke {}? Every service using it is refused from now on; this cannot be undone.", key.name)
                            confirm_label="Revoke" on_confirm=Callback::new(move |()| { confirm.set(false); revoke(KeyOp::Revoke); })
                            on_close=Callback::new(move |()| confirm.set(false))/>
                    }
                })}
            </td>
        </tr>
    }
}
