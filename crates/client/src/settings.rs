//! The Settings tab: name, seat limit, invitation expiry, role template.

use api::orgs::{OrgView, UpdateOrg};
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::templates;

use crate::api::Client;

/// Org settings, for those allowed to change them.
#[component]
pub fn SettingsView(client: Client, org: OrgView) -> impl IntoView {
    let name = RwSignal::new(org.name.clone());
    let seats = RwSignal::new(org.seats.limit.map(|l| l.to_string()).unwrap_or_default());
    let days = RwSignal::new(org.invite_expiry_days.to_string());
    let template = RwSignal::new(org.template.clone());
    let status = RwSignal::new(None::<Result<String, String>>);
    let org_id = org.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let seat_text = seats.get_untracked();
        let seat_limit = if seat_text.trim().is_empty() {
            Some(None)
        } else {
            seat_text.trim().parse().ok().map(Some)
        };
        let body = UpdateOrg {
            name: Some(name.get_untracked()),
            seat_limit,
            invite_expiry_days: days.get_untracked().trim().parse().ok(),
            template: Some(template.get_untracked()),
        };
        let client = client.clone();
        spawn_local(async move {
            status.set(Some(
                client
                    .update_org(org_id, &body)
                    .await
                    .map(|_| "Saved".to_string())
                    .map_err(|e| e.message()),
            ));
        });
    };
    view! {
        <section class="card settings">
            <h1>"Settings"</h1>
            <form on:submit=submit>
                <label class="stack">"Organization name"<input name="name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></label>
                <label class="stack">"Seat limit (empty for none)"<input name="seat_limit" inputmode="numeric" prop:value=move || seats.get() on:input=move |ev| seats.set(event_target_value(&ev))/></label>
                <label class="stack">"Invitations expire after (days, 1–30)"<input name="invite_expiry_days" type="number" min="1" max="30" prop:value=move || days.get() on:input=move |ev| days.set(event_target_value(&ev))/></label>
                <label class="stack">"Role template"
                    <select name="template" on:change=move |ev| template.set(event_target_value(&ev))>
                        {templates::all().iter().map(|t| { let k = t.key.to_string(); let sel = k == org.template; view! { <option value=k selected=sel>{t.name.to_string()}</option> } }).collect_view()}
                    </select>
                </label>
                <button type="submit" class="primary">"Save"</button>
            </form>
            {move || status.get().map(|s| match s {
                Ok(m) => view! { <p class="notice" role="status">{m}</p> }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            })}
        </section>
    }
}
