//! A row's "⋯" menu: only the actions the viewer may ever take, the blocked
//! ones disabled with the rule's own sentence beside them.

use leptos::prelude::*;

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

/// The menu button and its list. Escape closes it.
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
    view! {
        <div class="action-menu" on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }>
            <button
                type="button"
                class="menu-button"
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                aria-label=format!("Actions for {subject}")
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "⋯"
            </button>
            <ul role="menu" class="menu" hidden=move || !open.get()>
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
                                    disabled=reason.is_some()
                                    title=reason.clone().unwrap_or_default()
                                    on:click=move |_| {
                                        open.set(false);
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
