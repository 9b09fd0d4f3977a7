//! The members list's query (search, role, status, sort) and its pages.

use api::MemberStatus;
use api::members::{MemberQuery, MemberView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::Template;

use crate::api::Client;

/// Search, filters and sort of the list: the wire type itself, so the
/// client builds no query string by hand.
pub type ListQuery = MemberQuery;

/// Rows per page.
const PAGE: i64 = 50;

/// `q` as the server wants it for one page: blank search dropped.
fn page(q: &ListQuery, cursor: Option<String>) -> ListQuery {
    ListQuery {
        q: q.q
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(Into::into),
        cursor,
        limit: Some(PAGE),
        ..q.clone()
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
            query: RwSignal::new(ListQuery::default()),
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
            let result = client.members(org, &page(&q, None)).await;
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
            let result = client.members(org, &page(&q, Some(cursor))).await;
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
                    state.query.update(|q| q.q = Some(typed.get_untracked()));
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
                <select name="role" on:change=move |ev| state.query.update(|q| q.role = Some(event_target_value(&ev)).filter(|r| !r.is_empty()))>
                    <option value="">"All"</option>
                    {template.org_roles.iter().map(|r| view! { <option value=r.key.to_string()>{r.name.to_string()}</option> }).collect_view()}
                </select>
            </label>
            <label>
                "Status "
                <select name="status" on:change=move |ev| state.query.update(|q| q.status = MemberStatus::parse(&event_target_value(&ev)))>
                    <option value="">"All"</option>
                    <option value="active">"Active"</option>
                    <option value="suspended">"Suspended"</option>
                </select>
            </label>
        </div>
    }
}
