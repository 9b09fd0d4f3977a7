//! The API keys tab: the org's service identities (R17). Holders of
//! "manage API keys" see every key, anyone else their own; each action
//! is the crate's decision on the key as listed, hidden when the role can
//! never take it and disabled with the crate's sentence otherwise.

pub mod create;
pub mod row;
pub mod scope;

use api::keys::KeyView;
use leptos::prelude::*;
use permissions::{Actor, ApiKey, Grant, KeyState, Template, UserId};

use self::create::CreateKey;
use self::row::KeyRow;
use crate::api::Client;
use crate::facts::Facts;

/// A listed key as decision facts: its role's permissions in the org's
/// template, never the Owner's.
pub fn key_facts(t: &Template, k: &KeyView) -> ApiKey {
    let role = t
        .org_role(&k.role)
        .map(|r| Grant {
            owner: false,
            ..r.grant()
        })
        .unwrap_or_default();
    // Narrowed as the server narrows it; a name the role lacks grants nothing.
    let grant = match &k.permissions {
        None => role,
        Some(names) => {
            permissions::keys::narrowed(&role, names.iter().map(String::as_str)).unwrap_or_default()
        }
    };
    let state = match k.state {
        api::KeyState::Active => KeyState::Active,
        api::KeyState::Disabled => KeyState::Disabled,
        api::KeyState::Revoked => KeyState::Revoked,
    };
    ApiKey {
        owner: UserId(k.owner),
        grant,
        state,
        expires_at: k.expires_at,
    }
}

/// The tab.
#[component]
pub fn KeysView(
    client: Client,
    org: i64,
    facts: Facts,
    viewer: Actor,
    template: &'static Template,
) -> impl IntoView {
    let (keys, error) = {
        let client = client.clone();
        facts.listing::<Vec<KeyView>, _>(move || {
            let client = client.clone();
            async move { client.api_keys(org).await }
        })
    };
    // The one place a secret is ever shown: right after it is issued.
    let issued = RwSignal::new(None::<(String, String)>);
    let changed = facts.changer(client.clone());
    view! {
        <section class="api-keys" aria-labelledby="keys-heading">
            <h1 id="keys-heading">"API keys"</h1>
            <p class="hint">"Services call Roster with " <code>"Authorization: Bearer rst_…"</code> ". A key acts with its role, never above what its owner holds now; it takes no seat."</p>
            <p class="error" role="alert">{move || error.get()}</p>
            <CreateKey client=client.clone() org=org viewer=viewer template=template issued=issued on_change=changed/>
            {move || issued.get().map(|(name, secret)| view! {
                <div class="notice secret" role="status">
                    <p>"The secret of " <strong>{name}</strong> " — copy it now; Roster keeps only its hash and will not show it again."</p>
                    <code class="secret-value">{secret}</code>
                    <button type="button" on:click=move |_| issued.set(None)>"Done"</button>
                </div>
            })}
            {move || match keys.get() {
                None => view! { <p class="loading">"Loading…"</p> }.into_any(),
                Some(list) if list.is_empty() => view! { <p class="empty">"No API keys yet."</p> }.into_any(),
                Some(list) => {
                    let client = client.clone();
                    view! {
                        <table class="members-table keys-table">
                            <thead><tr>
                                <th scope="col">"Name"</th>
                                <th scope="col" class="col-key">"Key"</th>
                                <th scope="col">"Role"</th>
                                <th scope="col" class="col-owner">"Owner"</th>
                                <th scope="col">"State"</th>
                                <th scope="col" class="col-seen">"Last used"</th>
                                <th scope="col" class="col-joined">"Expires"</th>
                                <th scope="col"><span class="sr-only">"Actions"</span></th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|k| view! {
                                    <KeyRow client=client.clone() org=org viewer=viewer template=template key=k issued=issued error=error on_change=changed/>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
            }}
        </section>
    }
}
