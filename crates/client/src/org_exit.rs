//! Leaving the organization (any non-Owner, R5) and deleting it (the
//! Owner, after typing its name). Both are asked of the permissions crate:
//! hidden when the role can never do it, disabled with the crate's
//! sentence when a rule blocks it now (the Owner must hand over first).

use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::facts::Handover;
use permissions::{Action, Actor, OrgPermission, decide};

use crate::api::Client;
use crate::members::actions::Availability;
use crate::members::dialog::Dialog;
use crate::now;

/// Back to the start: the org is gone for this viewer, `/me` says where
/// they are now.
fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_href("/");
    }
}

/// The "Leave" and "Delete" section.
#[component]
pub fn OrgExit(
    client: Client,
    org: i64,
    #[prop(into)] name: String,
    viewer: Actor,
) -> impl IntoView {
    let leave = Availability::of(decide(
        now(),
        &viewer,
        &Action::Leave {
            projects: Handover::NONE,
        },
    ));
    let delete = Availability::of(decide(
        now(),
        &viewer,
        &Action::Org(OrgPermission::DeleteOrg),
    ));
    if leave == Availability::Hidden && delete == Availability::Hidden {
        return ().into_any();
    }
    let error = RwSignal::new(None::<String>);
    let (confirm_leave, confirm_delete) = (RwSignal::new(false), RwSignal::new(false));
    let typed = RwSignal::new(String::new());
    let run = Callback::new(move |delete: bool| {
        let client = client.clone();
        spawn_local(async move {
            let result = if delete {
                client.delete_org(org).await
            } else {
                client.leave_org(org).await
            };
            match result {
                Ok(()) => reload(),
                Err(e) => {
                    confirm_leave.set(false);
                    confirm_delete.set(false);
                    error.set(Some(e.message()));
                }
            }
        });
    });
    let control = |a: &Availability, label: &'static str, open: RwSignal<bool>| {
        match a {
        Availability::Hidden => None,
        Availability::Disabled(why) => Some(view! { <p><button type="button" class="danger" disabled title=why.clone()>{label}</button><span class="reason">{why.clone()}</span></p> }.into_any()),
        Availability::Enabled => Some(view! { <p><button type="button" class="danger" on:click=move |_| open.set(true)>{label}</button></p> }.into_any()),
    }
    };
    let name = StoredValue::new(name);
    view! {
        <section class="card danger-zone" aria-labelledby="org-exit-heading">
            <h2 id="org-exit-heading">"Leave or delete"</h2>
            {control(&leave, "Leave organization", confirm_leave)}
            {control(&delete, "Delete organization", confirm_delete)}
            <p class="error" role="alert">{move || error.get()}</p>
            <Show when=move || confirm_leave.get()>
                <Dialog title=format!("Leave {}?", name.get_value()) on_close=Callback::new(move |()| confirm_leave.set(false))>
                    <p>"You lose access at once; someone allowed to invite must invite you to come back."</p>
                    <div class="dialog-actions">
                        <button type="button" on:click=move |_| confirm_leave.set(false)>"Cancel"</button>
                        <button type="button" class="danger" on:click=move |_| run.run(false)>"Leave organization"</button>
                    </div>
                </Dialog>
            </Show>
            <Show when=move || confirm_delete.get()>
                <Dialog title=format!("Delete {}?", name.get_value()) on_close=Callback::new(move |()| confirm_delete.set(false))>
                    <p>"Every member, invitation, group, project and task of the organization is deleted. This cannot be undone."</p>
                    <label class="stack">{format!("Type {} to confirm", name.get_value())}
                        <input name="confirm_name" autocomplete="off" prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                    </label>
                    <div class="dialog-actions">
                        <button type="button" on:click=move |_| confirm_delete.set(false)>"Cancel"</button>
                        <button type="button" class="danger" disabled=move || name.with_value(|n| typed.get() != *n)
                            on:click=move |_| run.run(true)>"Delete organization"</button>
                    </div>
                </Dialog>
            </Show>
        </section>
    }
    .into_any()
}
