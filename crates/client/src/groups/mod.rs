//! The Groups tab: workforce teams. Create, delete, members in and out;
//! the buttons appear only for those the crate lets manage groups.

use api::projects::{GroupMember, GroupView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Action, Actor, OrgPermission, decide};

use crate::api::Client;
use crate::now;

/// Groups of the org.
#[component]
pub fn GroupsView(client: Client, org: i64, viewer: Actor) -> impl IntoView {
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
    reload();
    let name = RwSignal::new(String::new());
    let create = {
        let client = client.clone();
        let reload = reload.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let (client, reload) = (client.clone(), reload.clone());
            spawn_local(async move {
                match client.create_group(org, &name.get_untracked()).await {
                    Ok(_) => {
                        name.set(String::new());
                        reload();
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
                let reload = reload.clone();
                groups.get().into_iter().map(|g| view! { <GroupCard client=client.clone() org=org group=g manage=manage on_change=Callback::new({ let reload = reload.clone(); move |()| reload() }) error=error/> }).collect_view()
            }}
        </section>
    }
}

#[component]
fn GroupCard(
    client: Client,
    org: i64,
    group: GroupView,
    manage: bool,
    on_change: Callback<()>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let members = RwSignal::new(Vec::<GroupMember>::new());
    let candidates = RwSignal::new(Vec::<(i64, String)>::new());
    let id = group.id;
    let load = {
        let client = client.clone();
        move || {
            let client = client.clone();
            spawn_local(async move {
                if let Ok(m) = client.members_of_group(org, id).await {
                    members.set(m);
                }
                if let Ok(page) = client
                    .members(
                        org,
                        &::api::members::MemberQuery {
                            limit: Some(200),
                            ..Default::default()
                        },
                    )
                    .await
                {
                    candidates.set(
                        page.members
                            .into_iter()
                            .map(|m| (m.user_id, m.name))
                            .collect(),
                    );
                }
            });
        }
    };
    load();
    let change = {
        let client = client.clone();
        let load = load.clone();
        move |user: i64, join: bool| {
            let (client, load) = (client.clone(), load.clone());
            spawn_local(async move {
                match client.group_member(org, id, user, join).await {
                    Ok(()) => {
                        load();
                        on_change.run(());
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    let delete = {
        let client = client.clone();
        move |_| {
            let client = client.clone();
            spawn_local(async move {
                match client.delete_group(org, id).await {
                    Ok(()) => on_change.run(()),
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    let pick = RwSignal::new(String::new());
    let add = change.clone();
    let group_name = group.name.clone();
    view! {
        <article class="card group" aria-label=format!("Group {}", group.name)>
            <h2>{group.name.clone()} <span class="muted">{move || match members.get().len() { 1 => " · 1 member".to_string(), n => format!(" · {n} members") }}</span></h2>
            <ul class="plain">
                {move || {
                    let change = change.clone();
                    members.get().into_iter().map(|m| {
                        let change = change.clone();
                        let group_name = group_name.clone();
                        let user = m.user_id;
                        view! {
                            <li>{m.name.clone()} <span class="muted">{m.email.clone()}</span>
                                {manage.then(|| view! { <button type="button" class="link" aria-label=format!("Remove {} from {}", m.name, group_name) on:click=move |_| change(user, false)>"Remove"</button> })}
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            {manage.then(|| view! {
                <div class="inline">
                    <label>"Add member "
                        <select name="add_member" on:change=move |ev| pick.set(event_target_value(&ev))>
                            <option value="">"Choose…"</option>
                            {move || candidates.get().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="button" class="add-member" on:click=move |_| if let Ok(user) = pick.get_untracked().parse() { add(user, true) }>"Add"</button>
                    <button type="button" class="danger" on:click=delete>"Delete group"</button>
                </div>
            })}
        </article>
    }
}
