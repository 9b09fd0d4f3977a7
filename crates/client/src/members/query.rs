//! The members list's query (search, role, status, sort) and its pages.

use api::members::MemberView;
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::Template;

use crate::api::Client;

/// Search, filters and sort of the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Substring of name or email.
    pub q: String,
    /// Role key, or empty for all.
    pub role: String,
    /// `active`, `suspended` or empty for all.
    pub status: String,
    /// `name`, `email` or `joined`.
    pub sort: String,
    /// Descending.
    pub desc: bool,
}

impl ListQuery {
    /// The query string for `GET …/members`.
    pub fn encode(&self, cursor: Option<&str>) -> String {
        let enc = |s: &str| String::from(js_sys::encode_uri_component(s));
        let mut parts = vec!["limit=50".to_string()];
        if !self.q.trim().is_empty() {
            parts.push(format!("q={}", enc(self.q.trim())));
        }
        if !self.role.is_empty() {
            parts.push(format!("role={}", enc(&self.role)));
        }
        if !self.status.is_empty() {
            parts.push(format!("status={}", enc(&self.status)));
        }
        if !self.sort.is_empty() {
            parts.push(format!("sort={}", enc(&self.sort)));
        }
        if self.desc {
            parts.push("dir=desc".into());
        }
        if let Some(c) = cursor {
            parts.push(format!("cursor={}", enc(c)));
        }
        parts.join("&")
    }
}

/// The list's query and the rows loaded so far.
#[derive(Clone, Copy)]
pub struct ListState {
    /// The query.
    pub query: RwSignal<ListQuery>,
    /// Rows of the pages loaded.
    pub rows: RwSignal<Vec<MemberView>>,
    /// Cursor of the next page.
    pub next: RwSignal<Option<String>>,
    /// A load is under way.
    pub loading: RwSignal<bool>,
    /// Bumped per load so a slow answer never overwrites a newer one.
    generation: RwSignal<u64>,
}

impl ListState {
    /// An empty list.
    pub fn new() -> Self {
        Self {
            query: RwSignal::new(ListQuery {
                sort: "name".into(),
                ..Default::default()
            }),
            rows: RwSignal::new(Vec::new()),
            next: RwSignal::new(None),
            loading: RwSignal::new(false),
            generation: RwSignal::new(0),
        }
    }

    /// A list already holding `rows` (component tests).
    pub fn with_rows(rows: Vec<MemberView>) -> Self {
        let s = Self::new();
        s.rows.set(rows);
        s
    }

    /// Loads the first page of `q`.
    pub fn reload(self, client: Client, org: i64, q: ListQuery, error: RwSignal<Option<String>>) {
        self.generation.update(|g| *g += 1);
        let generation = self.generation.get_untracked();
        self.loading.set(true);
        spawn_local(async move {
            let result = client.members(org, &q.encode(None)).await;
            if self.generation.get_untracked() != generation {
                return;
            }
            match result {
                Ok(page) => {
                    self.rows.set(page.members);
                    self.next.set(page.next_cursor);
                }
                Err(e) => error.set(Some(e.message())),
            }
            self.loading.set(false);
        });
    }

    /// Appends the next page.
    pub fn more(self, client: Client, org: i64, error: RwSignal<Option<String>>) {
        let Some(cursor) = self.next.get_untracked() else {
            return;
        };
        let q = self.query.get_untracked();
        let generation = self.generation.get_untracked();
        spawn_local(async move {
            let result = client.members(org, &q.encode(Some(&cursor))).await;
            if self.generation.get_untracked() != generation {
                return;
            }
            match result {
                Ok(page) => {
                    self.rows.update(|r| r.extend(page.members));
                    self.next.set(page.next_cursor);
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    }
}

impl Default for ListState {
    fn default() -> Self {
        Self::new()
    }
}

/// Search as you type (debounced), role and status filters.
#[component]
pub fn Query(state: ListState, template: &'static Template) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let pending = RwSignal::new(0u64);
    let on_input = move |ev| {
        typed.set(event_target_value(&ev));
        pending.update(|p| *p += 1);
        let mine = pending.get_untracked();
        // Wait for a pause in typing before asking the server.
        set_timeout(
            move || {
                if pending.get_untracked() == mine {
                    state.query.update(|q| q.q = typed.get_untracked());
                }
            },
            std::time::Duration::from_millis(250),
        );
    };
    view! {
        <div class="filters" role="search">
            <label class="grow">
                <span class="sr-only">"Search members"</span>
                <input type="search" name="q" placeholder="Search name or email" on:input=on_input prop:value=move || typed.get()/>
            </label>
            <label>
                "Role "
                <select name="role" on:change=move |ev| state.query.update(|q| q.role = event_target_value(&ev))>
                    <option value="">"All"</option>
                    {template.org_roles.iter().map(|r| view! { <option value=r.key.to_string()>{r.name.to_string()}</option> }).collect_view()}
                </select>
            </label>
            <label>
                "Status "
                <select name="status" on:change=move |ev| state.query.update(|q| q.status = event_target_value(&ev))>
                    <option value="">"All"</option>
                    <option value="active">"Active"</option>
                    <option value="suspended">"Suspended"</option>
                </select>
            </label>
        </div>
    }
}
