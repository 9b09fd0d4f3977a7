//! The Groups tab: workforce teams. Create, delete, members in and out;
//! the buttons appear only for those the crate lets manage groups.

mod card;

use api::projects::GroupView;
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Action, Actor, OrgPermission, decide};

use self::card::GroupCard;
use crate::api::Client;
use crate::facts::Facts;
use crate::now;

/// Groups of the org.
#[component]
pub fn GroupsView(client: Client, org: i64, facts: Facts, viewer: Actor) -> impl IntoView {
    let groups = RwSignal::new(Vec::<GroupView>::new());
    let error = RwSignal::new(None::<String>);
    let manage = decide(now(), &viewer, &Action::Org(OrgPermission::ManageGroups)).is_allowed();
    let reload = {
        let client = client.clone();
        move || {
            let client = client.clone();
            spawn_local(async move {
                match client.groups(org).await {
                    Ok(g) => groups.set(g),
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    // Anything changed from the page reloads the groups.
    facts.reload_on_change(reload.clone());
    let changed = facts.changer(client.clone());
    let name = RwSignal::new(String::new());
    let create = {
        let client = client.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let client = client.clone();
            spawn_local(async move {
                match client.create_group(org, &name.get_untracked()).await {
                    Ok(_) => {
                        name.set(String::new());
                        changed.run(());
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    view! {
        <section class="groups" aria-labelledby="groups-heading">
            <h1 id="groups-heading">"Groups"</h1>
            <p class="error" role="alert">{move || error.get()}</p>
            {manage.then(|| view! {
                <form class="inline" on:submit=create>
                    <label>"New group " <input name="group_name" required prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></label>
                    <button type="submit" class="primary">"Create group"</button>
                </form>
            })}
            {move || {
                let client = client.clone();
                groups.get().into_iter().map(|g| view! { <GroupCard client=client.clone() org=org group=g manage=manage on_change=changed error=error/> }).collect_view()
            }}
        </section>
    }
}
