//! One group: its members, and for those who manage groups, add someone
//! (searched on the server), remove someone, rename, delete (after a
//! confirmation).

use api::projects::{GroupMember, GroupView};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Client;
use crate::members::dialog::Confirm;
use crate::people_picker::{PeoplePicker, members_of};

#[component]
pub fn GroupCard(
    client: Client,
    org: i64,
    group: GroupView,
    manage: bool,
    on_change: Callback<()>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let members = RwSignal::new(Vec::<GroupMember>::new());
    let id = group.id;
    let load = {
        let client = client.clone();
        move || {
            let client = client.clone();
            spawn_local(async move {
                match client.members_of_group(org, id).await {
                    Ok(m) => members.set(m),
                    Err(e) => error.set(Some(e.message())),
                }
            });
        }
    };
    load();
    // Every change here is a change of the org's facts: the page reads
    // them again (and this card with them).
    let done = move |result: Result<(), crate::api::ApiError>| match result {
        Ok(()) => {
            error.set(None);
            on_change.run(());
        }
        Err(e) => error.set(Some(e.message())),
    };
    let change = {
        let client = client.clone();
        move |user: i64, join: bool| {
            let client = client.clone();
            spawn_local(async move { done(client.group_member(org, id, user, join).await) });
        }
    };
    let confirming = RwSignal::new(false);
    let delete = {
        let client = client.clone();
        Callback::new(move |()| {
            let client = client.clone();
            confirming.set(false);
            spawn_local(async move { done(client.delete_group(org, id).await) });
        })
    };
    let renaming = RwSignal::new(None::<String>);
    let rename = {
        let client = client.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(name) = renaming.get_untracked() else {
                return;
            };
            let client = client.clone();
            spawn_local(async move {
                let result = client.rename_group(org, id, name.trim()).await;
                if result.is_ok() {
                    renaming.set(None);
                }
                done(result);
            });
        }
    };
    let pick = RwSignal::new(None::<(i64, String)>);
    let add = change.clone();
    let find = members_of(client.clone(), org);
    let already =
        Signal::derive(move || members.with(|m| m.iter().map(|x| x.user_id).collect::<Vec<_>>()));
    let (group_name, title) = (group.name.clone(), group.name.clone());
    let confirm_title = format!("Delete the group {}?", group.name);
    view! {
        <article class="card group" aria-label=format!("Group {}", group.name)>
            {move || match renaming.get() {
                Some(text) => view! {
                    <form class="inline" on:submit=rename.clone()>
                        <label>"Group name " <input name="group_rename" required prop:value=text on:input=move |ev| renaming.set(Some(event_target_value(&ev)))/></label>
                        <button type="submit" class="primary">"Save name"</button>
                        <button type="button" on:click=move |_| renaming.set(None)>"Cancel"</button>
                    </form>
                }.into_any(),
                None => view! {
                    <h2>{title.clone()} <span class="muted">{move || match members.get().len() { 1 => " · 1 member".to_string(), n => format!(" · {n} members") }}</span></h2>
                }.into_any(),
            }}
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
            {manage.then(|| {
                let name = group.name.clone();
                view! {
                    <div class="inline">
                        <PeoplePicker find=find label="Add member" name="add_member" chosen=pick exclude=already/>
                        <button type="button" class="add-member" disabled=move || pick.with(Option::is_none)
                            on:click=move |_| if let Some((user, _)) = pick.get_untracked() { pick.set(None); add(user, true) }>"Add"</button>
                        <button type="button" on:click=move |_| renaming.set(Some(name.clone()))>"Rename"</button>
                        <button type="button" class="danger" on:click=move |_| confirming.set(true)>"Delete group"</button>
                    </div>
                }
            })}
            <Show when=move || confirming.get()>
                <Confirm title=confirm_title.clone()
                    message="Its members stay in the organization; the project roles and task assignments the group gave them end."
                    confirm_label="Delete group" on_confirm=delete on_close=Callback::new(move |()| confirming.set(false))/>
            </Show>
        </article>
    }
}
