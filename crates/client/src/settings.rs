//! The Settings tab: name, seat limit, invitation expiry, role template
//! (for those who may manage settings), and leaving or deleting the
//! organization (`org_exit.rs`, for everyone the crate lets).
//! The form always starts from the org as the server last said: after a
//! save it shows what was saved, and a save sends only what was changed,
//! so nothing stale is ever written back.

use api::orgs::{OrgView, UpdateOrg};
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Action, Actor, OrgPermission, Template, decide, templates};

use crate::api::Client;
use crate::domains::DomainsSection;
use crate::domains::queue::JoinQueue;
use crate::facts::Facts;
use crate::now;
use crate::org_exit::OrgExit;

/// The form's fields, as typed.
#[derive(Clone, Copy)]
struct Form {
    name: RwSignal<String>,
    seats: RwSignal<String>,
    days: RwSignal<String>,
    template: RwSignal<String>,
}

impl Form {
    fn new() -> Self {
        Self {
            name: RwSignal::new(String::new()),
            seats: RwSignal::new(String::new()),
            days: RwSignal::new(String::new()),
            template: RwSignal::new(String::new()),
        }
    }

    /// Shows `org`'s saved values.
    fn reset(self, org: &OrgView) {
        self.name.set(org.name.clone());
        self.seats
            .set(org.seats.limit.map(|l| l.to_string()).unwrap_or_default());
        self.days.set(org.invite_expiry_days.to_string());
        self.template.set(org.template.clone());
    }

    /// The change from `org`, or the first field at fault by its label.
    fn change(self, org: &OrgView, viewer: &Actor) -> Result<UpdateOrg, String> {
        let name = self.name.get_untracked().trim().to_string();
        if name.is_empty() {
            return Err("Organization name: enter a name.".into());
        }
        let seat_text = self.seats.get_untracked();
        let seat_limit = match seat_text.trim() {
            "" => None,
            t => Some(
                t.parse::<u32>()
                    .ok()
                    .filter(|n| (1..=1_000_000_000).contains(n))
                    .ok_or(
                        "Seat limit: a whole number from 1 to 1000000000, or empty for no limit.",
                    )?,
            ),
        };
        let days = self
            .days
            .get_untracked()
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|d| (1..=30).contains(d))
            .ok_or("Invitations expire after: a whole number of days from 1 to 30.")?;
        let template = self.template.get_untracked();
        let old_limit = org.seats.limit.and_then(|l| u32::try_from(l).ok());
        if seat_limit != old_limit {
            let used = u32::try_from(org.seats.used.max(0)).unwrap_or(u32::MAX);
            let d = decide(
                now(),
                viewer,
                &Action::SetSeatLimit {
                    limit: seat_limit,
                    used,
                },
            );
            if let Some(denial) = d.denial() {
                return Err(format!("Seat limit: {denial}"));
            }
        }
        Ok(UpdateOrg {
            name: (name != org.name).then_some(name),
            seat_limit: (seat_limit != old_limit).then_some(seat_limit.map(i64::from)),
            invite_expiry_days: (days != org.invite_expiry_days).then_some(days),
            template: (template != org.template).then_some(template),
        })
    }
}

/// A server refusal that names an API field, told by the field's label.
fn labelled(message: String) -> String {
    const LABELS: [(&str, &str); 4] = [
        ("name: ", "Organization name: "),
        ("seat_limit: ", "Seat limit: "),
        ("invite_expiry_days: ", "Invitations expire after: "),
        ("template: ", "Role template: "),
    ];
    LABELS
        .iter()
        .find_map(|(field, label)| {
            message
                .strip_prefix(field)
                .map(|rest| format!("{label}{rest}"))
        })
        .unwrap_or(message)
}

/// Org settings, for those allowed to change them.
#[component]
pub fn SettingsView(
    client: Client,
    facts: Facts,
    viewer: Actor,
    template: &'static Template,
) -> impl IntoView {
    let form = Form::new();
    let status = RwSignal::new(None::<Result<String, String>>);
    // Whenever the org is read again (after a save, or any other change),
    // the form shows the saved values.
    Effect::new(move |_| {
        if let Some(o) = facts.current() {
            form.reset(&o);
        }
    });
    let switch = decide(now(), &viewer, &Action::SwitchTemplate);
    let manage = decide(now(), &viewer, &Action::Org(OrgPermission::ManageSettings)).is_allowed();
    let (org_id, org_name) = facts.current().map(|o| (o.id, o.name)).unwrap_or_default();
    let exit = view! { <OrgExit client=client.clone() org=org_id name=org_name viewer=viewer/> };
    let domains = manage.then(|| view! { <DomainsSection client=client.clone() org=org_id facts=facts viewer=viewer template=template/> });
    let may_admit = decide(now(), &viewer, &Action::Org(OrgPermission::InviteMembers)).is_allowed();
    let queue = may_admit.then(|| view! { <JoinQueue client=client.clone() org=org_id facts=facts viewer=viewer template=template/> });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(org) = facts.current() else { return };
        let body = match form.change(&org, &viewer) {
            Ok(b) => b,
            Err(e) => return status.set(Some(Err(e))),
        };
        if body == UpdateOrg::default() {
            return status.set(Some(Ok("Nothing to save: no field was changed.".into())));
        }
        let client = client.clone();
        status.set(None);
        spawn_local(async move {
            match client.update_org(org.id, &body).await {
                Ok(_) => {
                    status.set(Some(Ok("Saved".into())));
                    facts.changed(client);
                }
                Err(e) => status.set(Some(Err(labelled(e.message())))),
            }
        });
    };
    let form = manage.then(|| view! {
        <section class="card settings">
            <h1>"Settings"</h1>
            <form on:submit=submit novalidate>
                <label class="stack">"Organization name"<input name="name" prop:value=move || form.name.get() on:input=move |ev| form.name.set(event_target_value(&ev))/></label>
                <label class="stack">"Seat limit (empty for none)"<input name="seat_limit" inputmode="numeric" prop:value=move || form.seats.get() on:input=move |ev| form.seats.set(event_target_value(&ev))/></label>
                <label class="stack">"Invitations expire after (days, 1–30)"<input name="invite_expiry_days" inputmode="numeric" prop:value=move || form.days.get() on:input=move |ev| form.days.set(event_target_value(&ev))/></label>
                <label class="stack">"Role template"
                    <select name="template" disabled=!switch.is_allowed() prop:value=move || form.template.get() on:change=move |ev| form.template.set(event_target_value(&ev))>
                        {templates::all().iter().map(|t| { let k = t.key.to_string(); view! { <option value=k.clone() selected=move || form.template.get() == k>{t.name.to_string()}</option> } }).collect_view()}
                    </select>
                    {switch.denial().map(|d| view! { <span class="reason">{d.to_string()}</span> })}
                </label>
                <button type="submit" class="primary">"Save"</button>
            </form>
            {move || status.get().map(|s| match s {
                Ok(m) => view! { <p class="notice" role="status">{m}</p> }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            })}
        </section>
    });
    view! { {form} {domains} {queue} {exit} }
}
