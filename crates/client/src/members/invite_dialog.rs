//! Inviting several people at once: type or paste addresses (each marked
//! as a chip, valid or not), pick a role the viewer may give (R2), add a
//! message, see what happened to each address.

use api::members::{Invite, InviteOutcome, InviteResult};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::dialog::Dialog;
use super::email_chips::{Chips, EmailChips};
use crate::api::ApiResult;

/// Sends an invite; given by the caller so tests can stand in for HTTP.
pub type SendInvite = std::sync::Arc<
    dyn Fn(
            Invite,
        )
            -> std::pin::Pin<Box<dyn std::future::Future<Output = ApiResult<Vec<InviteResult>>>>>
        + Send
        + Sync,
>;

fn outcome_text(o: InviteOutcome) -> &'static str {
    match o {
        InviteOutcome::Sent => "Sent",
        InviteOutcome::AlreadyMember => "Already a member",
        InviteOutcome::AlreadyInvited => "Already invited",
        InviteOutcome::Invalid => "Not an email address",
        InviteOutcome::SeatLimit => "No free seat",
    }
}

/// The dialog. `roles` are (key, name) pairs already filtered by R2.
#[component]
pub fn InviteDialog(
    roles: Vec<(String, String)>,
    send: SendInvite,
    /// Runs after a send with at least one invitation made.
    on_sent: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let chips = RwSignal::new(Chips::default());
    let draft = RwSignal::new(String::new());
    // What would go out now: the chips and what is still being typed.
    let list = move || {
        let mut c = chips.get();
        c.add(&draft.get());
        c
    };
    let default_role = roles.last().map(|r| r.0.clone()).unwrap_or_default();
    let role = RwSignal::new(default_role);
    let message = RwSignal::new(String::new());
    let results = RwSignal::new(Vec::<InviteResult>::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let count = move || list().all().len();
    let blocked = move || {
        let l = list();
        l.all().is_empty() || l.invalid() > 0
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if blocked() || busy.get_untracked() {
            return;
        }
        let body = Invite {
            emails: untrack(list).all().to_vec(),
            role: role.get_untracked(),
            message: Some(message.get_untracked()).filter(|m| !m.trim().is_empty()),
        };
        busy.set(true);
        error.set(None);
        let send = send.clone();
        spawn_local(async move {
            match send(body).await {
                Ok(r) => {
                    let any_sent = r.iter().any(|x| x.outcome == InviteOutcome::Sent);
                    results.set(r);
                    // The form starts clean: a second send never repeats
                    // the first list (its results stay below).
                    chips.set(Chips::default());
                    draft.set(String::new());
                    message.set(String::new());
                    if any_sent {
                        on_sent.run(());
                    }
                }
                Err(e) => error.set(Some(e.message())),
            }
            busy.set(false);
        });
    };
    view! {
        <Dialog title="Invite people" on_close=on_close>
            <form on:submit=submit>
                <div class="stack">
                    <label for="invite-emails">"Email addresses (type or paste a list)"</label>
                    <EmailChips chips=chips draft=draft/>
                </div>
                <label class="stack">
                    "Role"
                    <select name="role" on:change=move |ev| role.set(event_target_value(&ev)) prop:value=move || role.get()>
                        {roles.into_iter().map(|(key, name)| view! { <option value=key>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label class="stack">
                    "Message (optional)"
                    <textarea name="message" rows="2" prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                </label>
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| on_close.run(())>"Close"</button>
                    <button type="submit" class="primary" disabled=move || blocked() || busy.get()>
                        {move || match count() {
                            0 | 1 => "Send invitation".to_string(),
                            n => format!("Send {n} invitations"),
                        }}
                    </button>
                </div>
            </form>
            <p class="error" role="alert">{move || error.get()}</p>
            <Show when=move || !results.get().is_empty()>
                <table class="invite-results" aria-label="Invitation results">
                    <tbody>
                        {move || {
                            results
                                .get()
                                .into_iter()
                                .map(|r| {
                                    let ok = r.outcome == InviteOutcome::Sent;
                                    view! {
                                        <tr class=if ok { "sent" } else { "not-sent" }>
                                            <td>{r.email}</td>
                                            <td>{outcome_text(r.outcome)}</td>
                                            <td class="muted">{if ok { String::new() } else { r.message }}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
            </Show>
        </Dialog>
    }
}
