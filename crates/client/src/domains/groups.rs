//! The groups a verified domain puts its joiners in: a checkbox per group
//! of the org, each change saved at once as the claim's new list. Which
//! claim's list is open lives with the section, so that it stays open
//! while the rows reload after each tick.

use api::projects::GroupView;
use leptos::prelude::*;

/// `chosen` with `id` in or out; order kept, each id once.
pub fn toggled(chosen: &[i64], id: i64, on: bool) -> Vec<i64> {
    let mut next: Vec<i64> = chosen.iter().copied().filter(|g| *g != id).collect();
    if on {
        next.push(id);
    }
    next
}

/// The picker; nothing when the org has no groups (or the viewer may not
/// list them).
#[component]
pub fn DefaultGroups(
    id: i64,
    domain: String,
    chosen: Vec<i64>,
    groups: Vec<GroupView>,
    on_set: Callback<Vec<i64>>,
    expanded: RwSignal<Option<i64>>,
) -> impl IntoView {
    (!groups.is_empty()).then(|| {
        let picked = groups.iter().filter(|g| chosen.contains(&g.id)).count();
        view! {
            <details class="default-groups" prop:open=move || expanded.get() == Some(id)>
                <summary on:click=move |ev| {
                    // The signal, not the browser, opens and closes it.
                    ev.prevent_default();
                    expanded.update(|e| *e = if *e == Some(id) { None } else { Some(id) });
                }>{format!("Groups they join ({picked})")}</summary>
                <fieldset>
                    <legend class="sr-only">{format!("Groups people joining by {domain} are put in")}</legend>
                    {groups.into_iter().map(|g| {
                        let chosen = chosen.clone();
                        let on = chosen.contains(&g.id);
                        view! {
                            <label class="check">
                                <input type="checkbox" name="default_groups" value=g.id.to_string() checked=on
                                    on:change=move |ev| on_set.run(toggled(&chosen, g.id, event_target_checked(&ev)))/>
                                {g.name}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            </details>
        }
    })
}
