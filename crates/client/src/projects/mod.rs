//! The Projects tab: projects the viewer may see, each a card (`card.rs`)
//! with claim (R11), groups in the project (R12) and tasks (`task_row.rs`).
//! Every control is asked of the permissions crate (`actions.rs`) with the
//! viewer's facts in that project: hidden when the role can never do it,
//! disabled with the crate's sentence when a rule blocks it now.

pub mod actions;
pub mod card;
mod people;
pub mod task_row;

use api::projects::{GroupView, ProjectView};
use leptos::prelude::*;
use leptos::task::spawn_local;
use permissions::{Action, Actor, OrgPermission, Template, decide};

use self::card::ProjectCard;
use crate::api::Client;
use crate::facts::Facts;
use crate::now;

/// Projects of the org the viewer may see.
#[component]
pub fn ProjectsView(
    client: Client,
    org: i64,
    facts: Facts,
    viewer: Actor,
    template: &'static Template,
) -> impl IntoView {
    let projects = RwSignal::new(Vec::<ProjectView>::new());
    let groups = RwSignal::new(Vec::<GroupView>::new());
    let error = RwSignal::new(None::<String>);
    let can = |p: OrgPermission| decide(now(), &viewer, &Action::Org(p)).is_allowed();
    let (create_ok, claim_ok) = (
        can(OrgPermission::CreateProjects),
        decide(now(), &viewer, &Action::ClaimProjectOwnership).is_allowed(),
    );
    let reload = {
        let client = client.clone();
        move || {
            let client = client.clone();
            spawn_local(async move {
                match client.projects(org).await {
                    Ok(p) => projects.set(p),
                    Err(e) => error.set(Some(e.message())),
                }
                if let Ok(g) = client.groups(org).await {
                    groups.set(g);
                }
            });
        }
    };
    // Anything changed from the page reloads the projects.
    facts.reload_on_change(reload.clone());
    let changed = facts.changer(client.clone());
    let name = RwSignal::new(String::new());
    let create = {
        let client = client.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let client = client.clone();
            spawn_local(async move {
                match client.create_project(org, &name.get_untracked()).await {
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
        <section class="projects" aria-labelledby="projects-heading">
            <h1 id="projects-heading">"Projects"</h1>
            <p class="error" role="alert">{move || error.get()}</p>
            {create_ok.then(|| view! {
                <form class="inline" on:submit=create>
                    <label>"New project " <input name="project_name" required prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></label>
                    <button type="submit" class="primary">"Create project"</button>
                </form>
            })}
            {move || {
                let client = client.clone();
                projects.get().into_iter().map(|p| view! {
                    <ProjectCard client=client.clone() org=org project=p viewer=viewer template=template groups=groups claim_ok=claim_ok error=error
                        on_change=changed/>
                }).collect_view()
            }}
        </section>
    }
}
