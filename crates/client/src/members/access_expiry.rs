//! R16: a member's access ends on a date; from then on they are treated as
//! removed. Set or cleared by someone allowed to change their role.

use api::members::MemberView;
use leptos::prelude::*;

use super::dialog::Dialog;

/// Unix seconds at the end of `date` (YYYY-MM-DD) in the browser's zone.
#[expect(
    clippy::cast_possible_truncation,
    reason = "whole seconds of a JS date, far inside i64"
)]
pub fn end_of_day(date: &str) -> Option<i64> {
    let ms = js_sys::Date::parse(&format!("{date}T23:59:59"));
    (!ms.is_nan()).then(|| (ms / 1000.0) as i64)
}

/// Pick the last day of access, or clear it.
#[component]
pub fn AccessExpiryDialog(
    member: MemberView,
    on_submit: Callback<Option<i64>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let date = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let had = member.access_expires_at.is_some();
    view! {
        <Dialog title=format!("Access of {}", member.name) on_close=on_close>
            <form on:submit=move |ev| {
                ev.prevent_default();
                match end_of_day(&date.get_untracked()) {
                    Some(at) => on_submit.run(Some(at)),
                    None => error.set(Some("choose a date".into())),
                }
            }>
                <label class="stack">"Last day of access"
                    <input type="date" name="access_until" required autofocus on:input=move |ev| date.set(event_target_value(&ev))/>
                </label>
                <p class="error" role="alert">{move || error.get()}</p>
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                    {had.then(|| view! { <button type="button" on:click=move |_| on_submit.run(None)>"No end date"</button> })}
                    <button type="submit" class="primary">"Set"</button>
                </div>
            </form>
        </Dialog>
    }
}
