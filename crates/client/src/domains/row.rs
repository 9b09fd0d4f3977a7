//! One claimed domain: its state, how to prove it, what it does, the role
//! it gives and the groups it puts joiners in; checking the proof again
//! and removing it.

use api::domains::{DomainView, UpdateDomain};
use api::projects::GroupView;
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::Template;

use super::claim::{MODES, mode_of};
use super::groups::DefaultGroups;
use crate::api::Client;
use crate::members::dialog::Confirm;

/// The row.
#[component]
pub fn DomainRow(
    client: Client,
    org: i64,
    domain: DomainView,
    roles: Vec<(String, String)>,
    groups: Vec<GroupView>,
    expanded: RwSignal<Option<i64>>,
    template: &'static Template,
    error: RwSignal<Option<String>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let id = domain.id;
    let confirm = RwSignal::new(false);
    let done = move |r: Result<(), crate::api::ApiError>| match r {
        Ok(()) => {
            error.set(None);
            on_change.run(());
        }
        Err(e) => error.set(Some(e.message())),
    };
    let update = {
        let client = client.clone();
        move |body: UpdateDomain| {
            let client = client.clone();
            spawn_local(async move { done(client.update_domain(org, id, &body).await.map(drop)) });
        }
    };
    let set_mode = {
        let update = update.clone();
        move |ev| {
            update(UpdateDomain {
                mode: Some(mode_of(&event_target_value(&ev))),
                ..UpdateDomain::default()
            })
        }
    };
    let set_role = {
        let update = update.clone();
        move |ev| {
            update(UpdateDomain {
                default_role: Some(event_target_value(&ev)),
                ..UpdateDomain::default()
            })
        }
    };
    let set_groups = Callback::new(move |ids: Vec<i64>| {
        update(UpdateDomain {
            default_groups: Some(ids),
            ..UpdateDomain::default()
        })
    });
    let check = {
        let client = client.clone();
        move |_| {
            let client = client.clone();
            spawn_local(async move { done(client.verify_domain(org, id).await.map(drop)) });
        }
    };
    let remove = move || {
        let client = client.clone();
        spawn_local(async move { done(client.delete_domain(org, id).await) });
    };
    let name = domain.domain.clone();
    let mode_word = permissions::domains::JoinMode::from(domain.mode).as_str();
    let role_name = template
        .org_role(&domain.default_role)
        .map_or_else(|| domain.default_role.clone(), |r| r.name.to_string());
    let state = if domain.verified {
        "verified"
    } else {
        "pending"
    };
    view! {
        <li class="domain">
            <h3>{name.clone()} " " <span class=format!("badge {state}")>{state}</span></h3>
            {(!domain.verified).then(|| view! {
                <div class="proof">
                    <p>"Prove it: sign in with a verified address at " <strong>{name.clone()}</strong> " and check again, or publish this DNS TXT record:"</p>
                    <dl>
                        <dt>"Name"</dt><dd><code>{domain.dns_name.clone()}</code></dd>
                        <dt>"Value"</dt><dd><code>{domain.dns_value.clone()}</code></dd>
                    </dl>
                    <button type="button" on:click=check aria-label=format!("Check {name} again")>"Check again"</button>
                </div>
            })}
            <label class="stack">"What it does"
                <select name="mode" aria-label=format!("What {} does", domain.domain) on:change=set_mode>
                    {MODES.iter().map(|(_, w, label)| view! { <option value=*w selected=*w == mode_word>{*label}</option> }).collect_view()}
                </select>
            </label>
            <label class="stack">"Role they get"
                <select name="default_role" aria-label=format!("Role {} gives", domain.domain) on:change=set_role>
                    {(!roles.iter().any(|r| r.0 == domain.default_role)).then(|| view! { <option value=domain.default_role.clone() selected=true disabled=true>{role_name.clone()}</option> })}
                    {roles.iter().map(|(k, n)| view! { <option value=k.clone() selected=*k == domain.default_role>{n.clone()}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" class="danger" aria-label=format!("Remove {}", domain.domain) on:click=move |_| confirm.set(true)>"Remove"</button>
            <DefaultGroups id=id domain=domain.domain.clone() chosen=domain.default_groups.clone() groups=groups on_set=set_groups expanded=expanded/>
            {move || confirm.get().then(|| {
                let remove = remove.clone();
                view! {
                    <Confirm title="Remove domain" message=format!("Remove {name}? Nobody joins by it any more and its waiting requests are dropped; members stay.")
                        confirm_label="Remove" on_confirm=Callback::new(move |()| { confirm.set(false); remove(); })
                        on_close=Callback::new(move |()| confirm.set(false))/>
                }
            })}
        </li>
    }
}
