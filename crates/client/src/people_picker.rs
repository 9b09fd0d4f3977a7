//! Choosing a person of the org: a combobox that asks the server's members
//! list as you type (so it works at 100,000 members, not only for the
//! first page), operable from the keyboard as WAI-ARIA's combobox pattern
//! asks — arrows move, Enter chooses, Escape closes.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use api::MemberStatus;
use api::members::{MemberPage, MemberQuery, MemberView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiResult, Client};

/// Where the picker looks people up: the members list of an org, or a
/// stand-in in component tests.
pub type FindPeople =
    Arc<dyn Fn(MemberQuery) -> Pin<Box<dyn Future<Output = ApiResult<MemberPage>>>> + Send + Sync>;

/// The org's members list as a picker's source.
pub fn members_of(client: Client, org: i64) -> FindPeople {
    Arc::new(move |q| {
        let client = client.clone();
        Box::pin(async move { client.members(org, &q).await })
    })
}

/// How many matches the list shows.
const MATCHES: usize = 8;
/// How many to ask for: room for those left out by `exclude`/`eligible`.
const ASK: i64 = 24;

/// The picker. `chosen` holds the person picked (or `None`); the caller's
/// own button acts on it.
#[component]
pub fn PeoplePicker(
    /// Where to look people up ([`members_of`]).
    find: FindPeople,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// The input's name (tests and forms find it by this).
    name: &'static str,
    /// Who was picked: (user id, name).
    chosen: RwSignal<Option<(i64, String)>>,
    /// Only members of this standing (`Active` for an heir or an assignee).
    #[prop(optional)]
    status: Option<MemberStatus>,
    /// People who may not be picked (already in the group, the member
    /// being removed).
    #[prop(default = Signal::stored(Vec::new()), into)]
    exclude: Signal<Vec<i64>>,
    /// Who may be picked at all, as the permissions crate decides (an heir
    /// must be able to own projects); everyone when not given.
    #[prop(optional)]
    eligible: Option<Callback<MemberView, bool>>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let matches = RwSignal::new(Vec::<MemberView>::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(0_usize);
    let generation = RwSignal::new(0_u64);
    let list_id = format!("{name}-matches");
    let option_id = move |i: usize| format!("{name}-match-{i}");
    // Ask the server after a short pause in typing; a slow answer to an
    // older term never replaces a newer one.
    let search = move |term: String| {
        generation.update(|g| *g += 1);
        let mine = generation.get_untracked();
        let find = find.clone();
        set_timeout(
            move || {
                if generation.get_untracked() != mine {
                    return;
                }
                spawn_local(async move {
                    let q = MemberQuery {
                        q: Some(term.trim().to_string()).filter(|t| !t.is_empty()),
                        status,
                        limit: Some(ASK),
                        ..MemberQuery::default()
                    };
                    let Ok(page) = find(q).await else { return };
                    if generation.get_untracked() != mine {
                        return;
                    }
                    let out = exclude.with_untracked(|x| {
                        page.members
                            .into_iter()
                            .filter(|m| !x.contains(&m.user_id))
                            .filter(|m| eligible.is_none_or(|e| e.run(m.clone())))
                            .take(MATCHES)
                            .collect()
                    });
                    matches.set(out);
                    active.set(0);
                    open.set(true);
                });
            },
            Duration::from_millis(150),
        );
    };
    let choose = move |m: &MemberView| {
        chosen.set(Some((m.user_id, m.name.clone())));
        text.set(m.name.clone());
        open.set(false);
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = matches.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if n > 0 => {
                ev.prevent_default();
                if open.get_untracked() {
                    active.update(|a| *a = (*a + 1) % n);
                } else {
                    open.set(true);
                }
            }
            "ArrowUp" if n > 0 => {
                ev.prevent_default();
                active.update(|a| *a = (*a + n - 1) % n);
            }
            "Enter" if open.get_untracked() && n > 0 => {
                ev.prevent_default();
                if let Some(m) = matches.with_untracked(|v| v.get(active.get_untracked()).cloned())
                {
                    choose(&m);
                }
            }
            "Escape" if open.get_untracked() => {
                ev.stop_propagation();
                open.set(false);
            }
            _ => {}
        }
    };
    let list_id2 = list_id.clone();
    view! {
        <div class="people-picker">
            <label>{label}" "
                <input name=name type="text" role="combobox" autocomplete="off" placeholder="Search by name or e-mail"
                    aria-autocomplete="list" aria-controls=list_id.clone()
                    aria-expanded=move || open.get().to_string()
                    aria-activedescendant=move || (open.get() && !matches.with(Vec::is_empty)).then(|| option_id(active.get()))
                    prop:value=move || text.get()
                    on:input={ let search = search.clone(); move |ev| {
                        let v = event_target_value(&ev);
                        chosen.set(None);
                        text.set(v.clone());
                        search(v);
                    } }
                    on:focus=move |_| if matches.with_untracked(Vec::is_empty) { search(text.get_untracked()) }
                    on:blur=move |_| open.set(false)
                    on:keydown=keydown/>
            </label>
            <ul id=list_id2 role="listbox" class="picker-list" hidden=move || !open.get()>
                {move || {
                    let list = matches.get();
                    if list.is_empty() {
                        return view! { <li class="muted" role="option" aria-disabled="true">"Nobody matches."</li> }.into_any();
                    }
                    list.into_iter().enumerate().map(|(i, m)| {
                        let m2 = m.clone();
                        view! {
                            <li role="option" id=option_id(i) aria-selected=move || (active.get() == i).to_string()
                                // Before the input's blur closes the list.
                                on:mousedown=move |ev| { ev.prevent_default(); choose(&m2) }>
                                {m.name.clone()}" "<span class="muted">{m.email.clone()}</span>
                            </li>
                        }
                    }).collect_view().into_any()
                }}
            </ul>
        </div>
    }
}
