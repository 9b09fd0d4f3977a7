//! Several members at once: the rows ticked in the table get one action
//! (change role, suspend, reactivate, remove). Each row is decided by the
//! permissions crate on its own facts — the seats counted as the rows
//! before it took or freed theirs — and then by the server; the result
//! says, row by row, what was done and why not.

use std::collections::BTreeSet;

use api::members::MemberView;
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Action, Actor, Handover, Seats, Template, decide};

use super::actions::{grant, grantable_roles, target};
use crate::api::Client;
use crate::now;

/// What to do to every ticked row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkAction {
    /// Give this role key.
    ChangeRole(String),
    /// Suspend.
    Suspend,
    /// Reactivate.
    Reactivate,
    /// Remove from the org.
    Remove,
}

/// The crate's answer for one row, on the seats as they stand.
pub fn decide_row(
    t: &Template,
    viewer: &Actor,
    m: &MemberView,
    action: &BulkAction,
    seats: Seats,
) -> Result<(), String> {
    let target = target(t, m);
    let a = match action {
        BulkAction::ChangeRole(role) => Action::ChangeRole {
            target,
            role: grant(t, role, false),
        },
        BulkAction::Suspend => Action::Suspend {
            target,
            projects: Handover::NONE,
        },
        BulkAction::Reactivate => Action::Reactivate { target, seats },
        BulkAction::Remove => Action::Remove {
            target,
            projects: Handover::NONE,
        },
    };
    decide(now(), viewer, &a)
        .denial()
        .map_or(Ok(()), |d| Err(d.to_string()))
}

/// How one row's seat count moves when the action succeeds.
fn seat_change(action: &BulkAction, m: &MemberView) -> i64 {
    let active = m.status == ::api::MemberStatus::Active;
    match action {
        BulkAction::Reactivate => 1,
        BulkAction::Suspend | BulkAction::Remove if active => -1,
        _ => 0,
    }
}

async fn apply(
    client: &Client,
    org: i64,
    m: &MemberView,
    action: &BulkAction,
) -> Result<(), String> {
    let result = match action {
        BulkAction::ChangeRole(role) => client.change_role(org, m.user_id, role).await.map(drop),
        BulkAction::Suspend => client.remove_or_suspend(org, m.user_id, true, None).await,
        BulkAction::Reactivate => client.set_suspended(org, m.user_id, false).await.map(drop),
        BulkAction::Remove => client.remove_or_suspend(org, m.user_id, false, None).await,
    };
    result.map_err(|e| e.message())
}

/// The bar above the table while rows are ticked.
#[component]
#[expect(clippy::too_many_arguments, reason = "a component's props")]
pub fn BulkBar(
    client: Client,
    org: i64,
    template: &'static Template,
    viewer: Memo<Actor>,
    seats: Signal<Seats>,
    rows: RwSignal<Vec<MemberView>>,
    selected: RwSignal<BTreeSet<i64>>,
    /// Runs once after the whole batch, so the page reads its facts again.
    on_done: Callback<()>,
) -> impl IntoView {
    let role = RwSignal::new(String::new());
    let results = RwSignal::new(Vec::<(String, Result<(), String>)>::new());
    let busy = RwSignal::new(false);
    let run = move |action: BulkAction| {
        let chosen: Vec<MemberView> = rows.with_untracked(|r| {
            selected.with_untracked(|s| {
                r.iter()
                    .filter(|m| s.contains(&m.user_id))
                    .cloned()
                    .collect()
            })
        });
        let (client, viewer, mut seats) = (
            client.clone(),
            viewer.get_untracked(),
            seats.get_untracked(),
        );
        busy.set(true);
        spawn_local(async move {
            let mut out = Vec::new();
            for m in chosen {
                let outcome = match decide_row(template, &viewer, &m, &action, seats) {
                    Ok(()) => apply(&client, org, &m, &action).await,
                    Err(why) => Err(why),
                };
                if outcome.is_ok() {
                    let used = i64::from(seats.used) + seat_change(&action, &m);
                    seats.used = u32::try_from(used.max(0)).unwrap_or(seats.used);
                }
                out.push((m.name.clone(), outcome));
            }
            results.set(out);
            selected.set(BTreeSet::new());
            busy.set(false);
            on_done.run(());
        });
    };
    let roles = Memo::new(move |_| {
        grantable_roles(template, &viewer.get())
            .into_iter()
            .map(|r| (r.key.to_string(), r.name.to_string()))
            .collect::<Vec<_>>()
    });
    let run_role = run.clone();
    let button = move |label: &'static str, action: BulkAction| {
        let run = run.clone();
        view! { <button type="button" disabled=move || busy.get() on:click=move |_| run(action.clone())>{label}</button> }
    };
    view! {
        <Show when=move || !selected.with(BTreeSet::is_empty)>
            <div class="bulk-bar" role="region" aria-label="Selected members">
                <strong>{move || format!("{} selected", selected.with(BTreeSet::len))}</strong>
                <label>"Role "
                    <select name="bulk_role" prop:value=move || role.get() on:change=move |ev| role.set(event_target_value(&ev))>
                        <option value="">"Choose…"</option>
                        {move || roles.get().into_iter().map(|(k, n)| view! { <option value=k>{n}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" disabled=move || busy.get() || role.with(String::is_empty)
                    on:click={ let run = run_role.clone(); move |_| run(BulkAction::ChangeRole(role.get_untracked())) }>"Change role"</button>
                {button("Suspend", BulkAction::Suspend)}
                {button("Reactivate", BulkAction::Reactivate)}
                {button("Remove", BulkAction::Remove)}
                <button type="button" class="link" on:click=move |_| selected.set(BTreeSet::new())>"Clear selection"</button>
            </div>
        </Show>
        <Show when=move || !results.with(Vec::is_empty)>
            <div class="bulk-results" role="status">
                <table class="invite-results">
                    <caption>"Done for each selected member"</caption>
                    <tbody>
                        {move || results.get().into_iter().map(|(name, r)| view! {
                            <tr class=if r.is_ok() { "done" } else { "not-sent" }>
                                <td>{name}</td>
                                <td>{match r { Ok(()) => "Done".to_string(), Err(ref why) => format!("Not changed: {why}") }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <button type="button" class="link" on:click=move |_| results.set(Vec::new())>"Dismiss"</button>
            </div>
        </Show>
    }
}
