//! Changing a member's (or a pending invitation's) role: the picker offers
//! only the roles the viewer may give (R2).

use leptos::prelude::*;

use super::dialog::Dialog;

/// The dialog. `roles` are (key, name) pairs already filtered by R2.
#[component]
pub fn ChangeRoleDialog(
    #[prop(into)] subject: String,
    #[prop(into)] current: String,
    roles: Vec<(String, String)>,
    on_submit: Callback<String>,
    on_close: Callback<()>,
) -> impl IntoView {
    let choice = RwSignal::new(current.clone());
    let unchanged = move || choice.get() == current;
    view! {
        <Dialog title=format!("Change role of {subject}") on_close=on_close>
            <form on:submit=move |ev| {
                ev.prevent_default();
                on_submit.run(choice.get());
            }>
                <label>
                    "New role "
                    <select name="role" autofocus on:change=move |ev| choice.set(event_target_value(&ev)) prop:value=move || choice.get()>
                        {roles
                            .into_iter()
                            .map(|(key, name)| view! { <option value=key>{name}</option> })
                            .collect_view()}
                    </select>
                </label>
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                    <button type="submit" disabled=unchanged>"Update"</button>
                </div>
            </form>
        </Dialog>
    }
}
