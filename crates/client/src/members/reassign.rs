//! R10: a member who owns projects is suspended or removed only with a new
//! owner for them, chosen here and applied in the same step.

use api::members::MemberView;
use leptos::prelude::*;

use super::dialog::Dialog;

/// Choose who takes over; `candidates` are (user id, name) of active members.
#[component]
pub fn ReassignDialog(
    member: MemberView,
    #[prop(into)] action: String,
    reason: String,
    candidates: Vec<(i64, String)>,
    on_submit: Callback<i64>,
    on_close: Callback<()>,
) -> impl IntoView {
    let pick = RwSignal::new(
        candidates
            .first()
            .map(|c| c.0.to_string())
            .unwrap_or_default(),
    );
    view! {
        <Dialog title=format!("{action} {}", member.name) on_close=on_close>
            <p>{reason}</p>
            <form on:submit=move |ev| {
                ev.prevent_default();
                if let Ok(heir) = pick.get_untracked().parse() {
                    on_submit.run(heir);
                }
            }>
                <label class="stack">"New owner of their projects"
                    <select name="heir" autofocus on:change=move |ev| pick.set(event_target_value(&ev))>
                        {candidates.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                </label>
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" class="danger">{format!("Hand over and {}", action.to_lowercase())}</button>
                </div>
            </form>
        </Dialog>
    }
}
