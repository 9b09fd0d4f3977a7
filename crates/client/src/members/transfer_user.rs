//! R14: move a member to another organization of the viewer's, with a role
//! the viewer may give there. Their projects go with them.

use api::members::MemberView;
use leptos::prelude::*;

use super::actions::{Destination, grantable_roles};
use super::dialog::Dialog;

/// Choose the destination and the role.
#[component]
pub fn TransferUserDialog(
    member: MemberView,
    destinations: Vec<Destination>,
    on_submit: Callback<(i64, String)>,
    on_close: Callback<()>,
) -> impl IntoView {
    let dest = RwSignal::new(destinations.first().map(|d| d.org_id).unwrap_or_default());
    let role = RwSignal::new(String::new());
    let all = StoredValue::new(destinations);
    let roles = move || {
        all.with_value(|ds| {
            ds.iter()
                .find(|d| d.org_id == dest.get())
                .map(|d| {
                    grantable_roles(d.template, &d.viewer)
                        .into_iter()
                        .map(|r| (r.key.to_string(), r.name.to_string()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <Dialog title=format!("Transfer {}", member.name) on_close=on_close>
            <p>"They leave this organization; the projects they own go with them."</p>
            <form on:submit=move |ev| {
                ev.prevent_default();
                let r = role.get_untracked();
                let r = if r.is_empty() { roles().last().map(|x| x.0.clone()).unwrap_or_default() } else { r };
                on_submit.run((dest.get_untracked(), r));
            }>
                <label class="stack">"Organization"
                    <select name="to_org" on:change=move |ev| { dest.set(event_target_value(&ev).parse().unwrap_or_default()); role.set(String::new()); }>
                        {all.with_value(|ds| ds.iter().map(|d| view! { <option value=d.org_id.to_string()>{d.name.clone()}</option> }).collect_view())}
                    </select>
                </label>
                <label class="stack">"Role there"
                    <select name="transfer_role" on:change=move |ev| role.set(event_target_value(&ev))>
                        {move || roles().into_iter().rev().map(|(k, n)| view! { <option value=k>{n}</option> }).collect_view()}
                    </select>
                </label>
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="danger">"Transfer"</button>
                </div>
            </form>
        </Dialog>
    }
}
