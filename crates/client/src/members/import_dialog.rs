//! Importing people from a CSV file (PRODUCT §6): download the template,
//! pick or drop the file, read the server's preview row by row (filter by
//! outcome), choose what happens to people already here, commit, watch
//! the progress, read the report. The preview is the crate's plan; the
//! page only shows it.

use api::import::{CommitQuery, ExistingPolicy, ImportJob, ImportPreview, JobState, RowOutcome};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::dialog::Dialog;
use crate::api::{Client, import_report_url, import_template_url};

/// How the page names an outcome.
pub const fn outcome_text(o: RowOutcome) -> &'static str {
    match o {
        RowOutcome::NewInvite => "New invitation",
        RowOutcome::AlreadyMember => "Already a member",
        RowOutcome::AlreadyInvited => "Already invited",
        RowOutcome::ExpiredInviteReinvited => "Invited again (expired)",
        RowOutcome::Suspended => "Suspended: left as is",
        RowOutcome::Invalid => "Invalid",
    }
}

const OUTCOMES: [RowOutcome; 6] = [
    RowOutcome::NewInvite,
    RowOutcome::AlreadyMember,
    RowOutcome::AlreadyInvited,
    RowOutcome::ExpiredInviteReinvited,
    RowOutcome::Suspended,
    RowOutcome::Invalid,
];

/// One line per outcome present: "2 new invitations, 1 invalid".
pub fn totals_text(p: &ImportPreview) -> String {
    p.totals
        .iter()
        .map(|(o, n)| format!("{n} × {}", outcome_text(*o)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The text of a picked or dropped file.
async fn text_of(file: web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| "the file could not be read".to_string())?;
    text.as_string()
        .ok_or_else(|| "the file is not text".into())
}

/// Waits `ms` milliseconds (the browser's timer).
async fn sleep(ms: i32) {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            // A refused timer resolves at once: the poll just comes sooner.
            if w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                .is_err()
            {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
}

fn first_file(list: Option<web_sys::FileList>) -> Option<web_sys::File> {
    list.and_then(|l| l.get(0))
}

/// The dialog.
#[component]
pub fn ImportDialog(
    client: Client,
    org: i64,
    /// Runs once an import has finished.
    on_done: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let file = RwSignal::new(None::<(String, String)>);
    let existing = RwSignal::new(ExistingPolicy::Skip);
    let preview = RwSignal::new(None::<ImportPreview>);
    let filter = RwSignal::new(None::<RowOutcome>);
    let skip_invalid = RwSignal::new(true);
    let send_mail = RwSignal::new(true);
    let job = RwSignal::new(None::<ImportJob>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let key = format!("import-{}", js_sys::Date::now());

    let ask_preview = {
        let client = client.clone();
        move || {
            let Some((_, text)) = file.get_untracked() else {
                return;
            };
            let client = client.clone();
            busy.set(true);
            spawn_local(async move {
                match client
                    .preview_import(org, existing.get_untracked(), &text)
                    .await
                {
                    Ok(p) => {
                        error.set(None);
                        preview.set(Some(p));
                    }
                    Err(e) => {
                        preview.set(None);
                        error.set(Some(e.message()));
                    }
                }
                busy.set(false);
            });
        }
    };
    let take = {
        let ask_preview = ask_preview.clone();
        move |f: Option<web_sys::File>| {
            let Some(f) = f else { return };
            let ask_preview = ask_preview.clone();
            spawn_local(async move {
                let name = f.name();
                match text_of(f).await {
                    Ok(text) => {
                        file.set(Some((name, text)));
                        ask_preview();
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let pick = {
        let take = take.clone();
        move |ev: leptos::ev::Event| {
            let input: web_sys::HtmlInputElement = event_target(&ev);
            take(first_file(input.files()));
        }
    };
    let drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        take(first_file(ev.data_transfer().and_then(|d| d.files())));
    };
    let poll = {
        let client = client.clone();
        move |id: i64| {
            let client = client.clone();
            spawn_local(async move {
                loop {
                    sleep(500).await;
                    match client.import_job(org, id).await {
                        Ok(j) => {
                            let running = j.state == JobState::Running;
                            job.set(Some(j));
                            if !running {
                                on_done.run(());
                                break;
                            }
                        }
                        Err(e) => {
                            error.set(Some(e.message()));
                            break;
                        }
                    }
                }
            });
        }
    };
    let commit = {
        let client = client.clone();
        let ask_preview = ask_preview.clone();
        move |_| {
            let (Some((_, text)), Some(p)) = (file.get_untracked(), preview.get_untracked()) else {
                return;
            };
            let q = CommitQuery {
                plan_id: p.plan_id,
                existing: existing.get_untracked(),
                skip_invalid: skip_invalid.get_untracked(),
                send_mail: send_mail.get_untracked(),
            };
            let (client, key, poll, ask_preview) = (
                client.clone(),
                key.clone(),
                poll.clone(),
                ask_preview.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                match client.commit_import(org, &q, &text, &key).await {
                    Ok(j) => {
                        let id = j.id;
                        job.set(Some(j));
                        poll(id);
                    }
                    Err(e) if e.code() == Some("plan_changed") => {
                        error.set(Some("The organization changed since the preview: here is the plan as it is now.".into()));
                        ask_preview();
                    }
                    Err(e) => error.set(Some(e.message())),
                }
                busy.set(false);
            });
        }
    };
    let rows = move || {
        preview.with(|p| {
            p.as_ref().map(|p| {
                p.rows
                    .iter()
                    .filter(|r| filter.get().is_none_or(|f| f == r.outcome))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <Dialog title="Import members from a file" on_close=on_close>
            {move || job.get().map_or_else(|| view! {
                <p><a href=import_template_url(org) download="roster-import.csv">"Download the template"</a>
                    " — one person per row: email, name, role, groups (separated by ;), projects (as project:role), message."</p>
                <div class="drop-zone" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=drop.clone()>
                    <label>"CSV file " <input type="file" name="import_file" accept=".csv,text/csv,text/plain" on:change=pick.clone()/></label>
                    <span class="muted">" or drop it here"</span>
                </div>
                <label>"People already here "
                    <select name="import_existing" on:change={
                        let ask_preview = ask_preview.clone();
                        move |ev| {
                            existing.set(if event_target_value(&ev) == "update_role" { ExistingPolicy::UpdateRole } else { ExistingPolicy::Skip });
                            ask_preview();
                        }
                    }>
                        <option value="skip">"Leave as they are"</option>
                        <option value="update_role">"Give them the file's role"</option>
                    </select>
                </label>
                {move || preview.get().map(|p| view! {
                    <p role="status">{totals_text(&p)}
                        {p.seats_free.map(|free| format!(" — needs {} seats, {free} free", p.seats_needed))}</p>
                    <label>"Show "
                        <select name="import_filter" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            filter.set(OUTCOMES.into_iter().find(|o| format!("{o:?}") == v));
                        }>
                            <option value="">"All rows"</option>
                            {OUTCOMES.into_iter().filter(|o| p.totals.contains_key(o)).map(|o| view! { <option value=format!("{o:?}")>{outcome_text(o)}</option> }).collect_view()}
                        </select>
                    </label>
                }.into_any())}
                {let commit = commit.clone(); move || rows().map(|rows| view! {
                    <div class="table-wrap"><table class="import-preview">
                        <caption class="sr-only">"What each row of the file would do"</caption>
                        <thead><tr><th scope="col">"Line"</th><th scope="col">"Email"</th><th scope="col">"Outcome"</th><th scope="col">"Why"</th></tr></thead>
                        <tbody>{rows.into_iter().map(|r| view! {
                            <tr class:invalid=r.outcome == RowOutcome::Invalid>
                                <td>{r.line}</td><td>{r.email}</td>
                                <td>{outcome_text(r.outcome)}{r.role_change.then_some(" (role changes)")}</td>
                                <td>{format!("{}{}", r.rule.map(|x| format!("{x}: ")).unwrap_or_default(), r.reason.unwrap_or_default())}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table></div>
                    <label><input type="checkbox" name="import_skip_invalid" prop:checked=move || skip_invalid.get()
                        on:change=move |ev| skip_invalid.set(event_target_checked(&ev))/>" Skip invalid rows and import the others"</label>
                    <label><input type="checkbox" name="import_send_mail" prop:checked=move || send_mail.get()
                        on:change=move |ev| send_mail.set(event_target_checked(&ev))/>" Mail the invitations (120 a minute); unticked, hand out links yourself"</label>
                    <button type="button" class="primary" disabled=move || busy.get() on:click=commit.clone()>"Import"</button>
                }.into_any())}
            }.into_any(), |j| view! {
                <p role="status">{match j.state {
                    JobState::Running => format!("Importing: {} of {} rows", j.rows_done, j.rows_total),
                    JobState::Done => format!("Done: {} rows", j.rows_total),
                    JobState::Failed => format!("Nothing was imported: {}", j.error.clone().unwrap_or_default()),
                }}</p>
                <progress max=j.rows_total value=j.rows_done aria-label="Import progress"></progress>
                {(j.state == JobState::Done).then(|| view! {
                    <p><a href=import_report_url(org, j.id) download="import-report.csv">"Download the report (CSV)"</a></p>
                    <div class="table-wrap"><table class="import-preview">
                        <caption class="sr-only">"What each row did"</caption>
                        <thead><tr><th scope="col">"Line"</th><th scope="col">"Email"</th><th scope="col">"Result"</th></tr></thead>
                        <tbody>{j.report.clone().unwrap_or_default().into_iter().map(|r| view! {
                            <tr><td>{r.line}</td><td>{r.email}</td>
                                <td>{if r.applied { outcome_text(r.outcome).to_string() } else { format!("Not changed: {}", r.reason.unwrap_or_else(|| outcome_text(r.outcome).to_string())) }}</td></tr>
                        }).collect_view()}</tbody>
                    </table></div>
                }.into_any())}
            }.into_any())}
            <p class="error" role="alert">{move || error.get()}</p>
        </Dialog>
    }
}
