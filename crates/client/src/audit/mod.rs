//! The Audit tab, for those the crate lets read the log: filters, one
//! readable sentence per change, before/after on demand, more on request,
//! and the exports of exactly the filtered view.

pub mod sentence;

use api::audit::{AuditEvent, AuditQuery};
use api::{ActorType, AuditSource};
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::Template;

use self::sentence::sentence;
use crate::api::{Client, audit_export_url};
use crate::facts::Facts;

const PAGE: i64 = 50;

/// The kinds of change, as action prefixes.
const KINDS: [(&str, &str); 9] = [
    ("", "Every change"),
    ("member.", "Members"),
    ("invitation.", "Invitations"),
    ("group.", "Groups"),
    ("project.", "Projects"),
    ("task.", "Tasks"),
    ("api_key.", "API keys"),
    ("org.", "Organization"),
    ("audit.", "Exports"),
];

/// `YYYY-MM-DD` (an `<input type=date>`) as unix seconds at local midnight.
#[expect(
    clippy::cast_possible_truncation,
    reason = "whole seconds of a JS date"
)]
fn day(value: &str) -> Option<i64> {
    if value.is_empty() {
        return None;
    }
    let ms =
        js_sys::Date::new(&wasm_bindgen::JsValue::from_str(&format!("{value}T00:00"))).get_time();
    (!ms.is_nan()).then(|| (ms / 1000.0) as i64)
}

fn when(at: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64 * 1000.0));
    String::from(d.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}

/// The tab.
#[component]
pub fn AuditView(
    client: Client,
    org: i64,
    facts: Facts,
    template: &'static Template,
) -> impl IntoView {
    let kind = RwSignal::new(String::new());
    let actor_type = RwSignal::new(String::new());
    let source = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let query = move || AuditQuery {
        action: Some(kind.get()).filter(|k| !k.is_empty()),
        actor_type: ActorType::parse(&actor_type.get()),
        source: AuditSource::parse(&source.get()),
        from: day(&from.get()),
        // Through the end of the chosen day.
        to: day(&to.get()).map(|t| t + 86_400),
        limit: Some(PAGE),
        ..AuditQuery::default()
    };
    let events = RwSignal::new(Vec::<AuditEvent>::new());
    let more = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let load = {
        let client = client.clone();
        move |before: Option<i64>| {
            let client = client.clone();
            let q = AuditQuery { before, ..query() };
            spawn_local(async move {
                match client.audit(org, &q).await {
                    Ok(page) => {
                        more.set(i64::try_from(page.len()).unwrap_or(0) == PAGE);
                        if before.is_some() {
                            events.update(|e| e.extend(page));
                        } else {
                            events.set(page);
                        }
                        error.set(None);
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    // Any filter change, and any change made on the page, reads again.
    {
        let load = load.clone();
        Effect::new(move |_| {
            query();
            load(None);
        });
    }
    {
        let load = load.clone();
        facts.reload_on_change(move || load(None));
    }
    let select = |label: &'static str,
                  name: &'static str,
                  value: RwSignal<String>,
                  options: Vec<(&'static str, &'static str)>| {
        view! {
            <label>{label} " "
                <select name=name on:change=move |ev| value.set(event_target_value(&ev))>
                    {options.into_iter().map(|(v, text)| view! { <option value=v selected=move || value.get() == v>{text}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <section class="audit" aria-labelledby="audit-heading">
            <h1 id="audit-heading">"Audit log"</h1>
            <form class="inline audit-filters" on:submit=|ev| ev.prevent_default()>
                {select("What", "kind", kind, KINDS.to_vec())}
                {select("Who", "actor_type", actor_type, vec![("", "Anyone"), ("user", "People"), ("key", "API keys"), ("system", "Roster")])}
                {select("Through", "source", source, vec![("", "Anything"), ("ui", "The page"), ("api", "The API"), ("import", "Imports"), ("autojoin", "Auto-join")])}
                <label>"From " <input type="date" name="from" prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev))/></label>
                <label>"To " <input type="date" name="to" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))/></label>
            </form>
            <p class="exports">
                "Export this view: "
                <a href=move || audit_export_url(org, "csv", &query()) download="audit.csv">"CSV"</a>
                " · "
                <a href=move || audit_export_url(org, "ndjson", &query()) download="audit.ndjson">"NDJSON"</a>
            </p>
            <p class="error" role="alert">{move || error.get()}</p>
            <ol class="audit-list">
                {move || events.get().into_iter().map(|e| {
                    let text = sentence(template, &e);
                    let details = serde_json::to_string_pretty(&serde_json::json!({
                        "before": e.before, "after": e.after, "source": e.source,
                        "request_id": e.request_id, "address": e.client_addr, "user_agent": e.user_agent,
                    })).unwrap_or_default();
                    view! {
                        <li>
                            <span class="sentence">{text}</span>
                            " "
                            <time class="muted">{when(e.created_at)}</time>
                            <details><summary>"Details"</summary><pre>{details}</pre></details>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {move || events.with(Vec::is_empty).then(|| view! { <p class="empty">"Nothing matches these filters."</p> })}
            {move || more.get().then(|| {
                let load = load.clone();
                view! { <button type="button" on:click=move |_| load(events.with(|e| e.last().map(|l| l.id)))>"Show older"</button> }
            })}
        </section>
    }
}
