//! Settings → Domains (R13): the org's auto-join domains, each with its
//! state and how to prove it, and the queue of people who asked to join.
//! Which roles a domain may give is the crate's decision, as on the server.

pub mod claim;
pub mod groups;
pub mod queue;
pub mod row;

use api::domains::DomainView;
use leptos::prelude::*;
use permissions::domains::DomainKind;
use permissions::{Action, Actor, Template, decide};

use self::claim::ClaimForm;
use self::row::DomainRow;
use crate::api::Client;
use crate::facts::Facts;
use crate::now;

/// The roles a domain may give joiners, as the crate says for this viewer
/// (R13 never above Member, R2 never above the viewer).
pub fn offered_roles(t: &'static Template, viewer: &Actor) -> Vec<(String, String)> {
    let ceiling = t.auto_join_ceiling().unwrap_or_default();
    t.org_roles
        .iter()
        .filter(|r| {
            let action = Action::ClaimDomain {
                kind: DomainKind::Private,
                role: r.grant(),
                ceiling,
            };
            decide(now(), viewer, &action).is_allowed()
        })
        .map(|r| (r.key.to_string(), r.name.to_string()))
        .collect()
}

/// The section.
#[component]
pub fn DomainsSection(
    client: Client,
    org: i64,
    facts: Facts,
    viewer: Actor,
    template: &'static Template,
) -> impl IntoView {
    let (list, error) = {
        let client = client.clone();
        facts.listing::<Vec<DomainView>, _>(move || {
            let client = client.clone();
            async move { client.domains(org).await }
        })
    };
    // Groups to put joiners in; a viewer who may not list them gets no
    // picker rather than an error.
    let (groups, _) = {
        let client = client.clone();
        facts.listing::<Vec<api::projects::GroupView>, _>(move || {
            let client = client.clone();
            async move { client.groups(org).await }
        })
    };
    let expanded = RwSignal::new(None);
    let changed = facts.changer(client.clone());
    let roles = offered_roles(template, &viewer);
    view! {
        <section class="card domains" aria-labelledby="domains-heading">
            <h2 id="domains-heading">"Domains"</h2>
            <p class="hint">"People who verify an address at a verified domain can join this organization. Public mail providers, disposable mail and shared suffixes cannot be claimed; a claim admits nobody until it is verified."</p>
            <ClaimForm client=client.clone() org=org roles=roles.clone() on_change=changed/>
            <p class="error" role="alert">{move || error.get()}</p>
            {move || match list.get() {
                None => view! { <p class="loading">"Loading…"</p> }.into_any(),
                Some(l) if l.is_empty() => view! { <p class="empty">"No domains yet."</p> }.into_any(),
                Some(l) => {
                    let client = client.clone();
                    let roles = roles.clone();
                    let groups = groups.get().unwrap_or_default();
                    view! {
                        <ul class="domain-list">
                            {l.into_iter().map(|d| view! {
                                <DomainRow client=client.clone() org=org domain=d roles=roles.clone() groups=groups.clone() expanded=expanded template=template error=error on_change=changed/>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}
