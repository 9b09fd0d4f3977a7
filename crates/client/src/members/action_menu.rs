//! A row's "⋯" menu: only the actions the viewer may ever take, the blocked
//! ones disabled with the rule's own sentence beside them. It follows
//! WAI-ARIA's menu button pattern: opening moves focus to the first item,
//! arrows move between items, Escape or choosing closes it and gives focus
//! back to ⋯, and a click or focus anywhere else closes it, so only one
//! menu is ever open.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::actions::Availability;

/// One entry of the menu.
#[derive(Clone)]
pub struct MenuItem {
    /// What it says.
    pub label: &'static str,
    /// Hidden, disabled (with why) or enabled.
    pub availability: Availability,
    /// What choosing it does.
    pub on_select: Callback<()>,
}

/// The enabled items of the menu under `root`, in order.
fn items_of(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    root.query_selector_all("[role=menuitem]:not([disabled])")
        .map(|all| {
            (0..all.length())
                .filter_map(|i| all.item(i)?.dyn_into().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// Moves focus `by` items from the focused one (wrapping), or to the first.
fn step(root: &web_sys::Element, by: isize) {
    let items = items_of(root);
    let active = document().active_element();
    let at = items
        .iter()
        .position(|i| active.as_ref() == Some(i.unchecked_ref()));
    let n = items.len().cast_signed();
    if n == 0 {
        return;
    }
    let next = at.map_or(if by < 0 { n - 1 } else { 0 }, |a| {
        (a.cast_signed() + by).rem_euclid(n)
    });
    if let Some(el) = usize::try_from(next).ok().and_then(|i| items.get(i)) {
        let _ = el.focus();
    }
}

/// The menu button and its list.
#[component]
pub fn ActionMenu(
    /// Whose row, for the screen-reader label.
    #[prop(into)]
    subject: String,
    /// The entries; hidden ones are dropped.
    items: Vec<MenuItem>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let items: Vec<MenuItem> = items
        .into_iter()
        .filter(|i| i.availability != Availability::Hidden)
        .collect();
    if items.is_empty() {
        return view! { <span class="no-actions" aria-label=format!("No actions for {subject}")></span> }.into_any();
    }
    let root = NodeRef::<leptos::html::Div>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    let inside = move |target: Option<web_sys::EventTarget>| {
        let node = target.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        root.get_untracked()
            .is_some_and(|r| r.contains(node.as_ref()))
    };
    // A click anywhere else closes it.
    let outside = window_event_listener(ev::pointerdown, move |e| {
        if open.get_untracked() && !inside(e.target()) {
            open.set(false);
        }
    });
    on_cleanup(move || outside.remove());
    let close_to_button = move || {
        open.set(false);
        if let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    let open_at = move |by: isize| {
        open.set(true);
        // The list is shown on the next frame; focus then.
        request_animation_frame(move || {
            if let Some(r) = root.get_untracked() {
                step(&r, by);
            }
        });
    };
    let keydown = move |e: ev::KeyboardEvent| {
        let Some(r) = root.get_untracked() else {
            return;
        };
        match (e.key().as_str(), open.get_untracked()) {
            ("Escape", true) => {
                e.prevent_default();
                e.stop_propagation();
                close_to_button();
            }
            ("ArrowDown", true) => {
                e.prevent_default();
                step(&r, 1);
            }
            ("ArrowUp", true) => {
                e.prevent_default();
                step(&r, -1);
            }
            ("ArrowDown", false) => {
                e.prevent_default();
                open_at(1);
            }
            ("ArrowUp", false) => {
                e.prevent_default();
                open_at(-1);
            }
            ("Home", true) => {
                e.prevent_default();
                if let Some(first) = items_of(&r).first() {
                    let _ = first.focus();
                }
            }
            ("End", true) => {
                e.prevent_default();
                if let Some(last) = items_of(&r).last() {
                    let _ = last.focus();
                }
            }
            _ => {}
        }
    };
    view! {
        <div class="action-menu" node_ref=root on:keydown=keydown
            // Focus moving out (Tab to the next row) closes it.
            on:focusout=move |e: ev::FocusEvent| if !inside(e.related_target()) { open.set(false) }>
            <button
                type="button"
                class="menu-button"
                node_ref=button
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                aria-label=format!("Actions for {subject}")
                on:click=move |e: ev::MouseEvent| {
                    if open.get_untracked() {
                        open.set(false);
                    } else if e.detail() == 0 {
                        // Enter or Space: into the menu, as the pattern asks.
                        open_at(1);
                    } else {
                        open.set(true);
                    }
                }
            >
                "⋯"
            </button>
            <ul role="menu" class="menu" aria-label=format!("Actions for {subject}") hidden=move || !open.get()>
                {items
                    .into_iter()
                    .map(|item| {
                        let reason = match &item.availability {
                            Availability::Disabled(r) => Some(r.clone()),
                            _ => None,
                        };
                        let on_select = item.on_select;
                        view! {
                            <li role="none">
                                <button
                                    type="button"
                                    role="menuitem"
                                    tabindex="-1"
                                    disabled=reason.is_some()
                                    title=reason.clone().unwrap_or_default()
                                    on:click=move |_| {
                                        close_to_button();
                                        on_select.run(());
                                    }
                                >
                                    {item.label}
                                </button>
                                {reason.map(|r| view! { <span class="reason">{r}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
    .into_any()
}
