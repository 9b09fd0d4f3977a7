//! The people who asked to join by their domain, for those who may
//! invite: Admit is an invitation accepted at once (R1, R13, R2, R7); the
//! crate's `AdmitJoinRequest` enables or disables it, with its sentence.

use api::domains::JoinRequestView;
use leptos::prelude::*;
use permissions::{Action, Actor, Seats, Template, decide};

use crate::api::Client;
use crate::facts::Facts;
use crate::members::actions::Availability;
use crate::{format_date, now};

/// The queue.
#[component]
pub fn JoinQueue(
    client: Client,
    org: i64,
    facts: Facts,
    viewer: Actor,
    template: &'static Template,
) -> impl IntoView {
    let (list, error) = {
        let client = client.clone();
        facts.listing::<Vec<JoinRequestView>, _>(move || {
            let client = client.clone();
            async move { client.join_requests(org).await }
        })
    };
    let settle = move |user: i64, admit: bool| {
        let c = client.clone();
        facts.run_change(client.clone(), error, async move {
            c.settle_join_request(org, user, admit).await
        });
    };
    view! {
        <section class="card join-queue" aria-labelledby="queue-heading">
            <h2 id="queue-heading">"Asking to join"</h2>
            <p class="error" role="alert">{move || error.get()}</p>
            {move || match list.get() {
                None => view! { <p class="loading">"Loading…"</p> }.into_any(),
                Some(l) if l.is_empty() => view! { <p class="empty">"Nobody is waiting."</p> }.into_any(),
                Some(l) => {
                    let seats = facts.current().map(|o| Seats {
                        used: u32::try_from(o.seats.used.max(0)).unwrap_or(u32::MAX),
                        limit: o.seats.limit.and_then(|l| u32::try_from(l).ok()),
                    }).unwrap_or_default();
                    let settle = settle.clone();
                    view! {
                        <ul class="queue">
                            {l.into_iter().map(|r| {
                                let role = template.org_role(&r.role).map(|x| x.grant()).unwrap_or_default();
                                let ceiling = template.auto_join_ceiling().unwrap_or_default();
                                let admit = Availability::of(decide(now(), &viewer, &Action::AdmitJoinRequest { role, ceiling, seats }));
                                let reason = match &admit { Availability::Disabled(s) => Some(s.clone()), _ => None };
                                let (a, d) = (settle.clone(), settle.clone());
                                let user = r.user_id;
                                view! {
                                    <li>
                                        <span>{r.name.clone()} " <" {r.email.clone()} "> by " {r.domain.clone()} ", asked " {format_date(r.created_at)}
                                            {r.seats_full.then_some(" (every seat was taken)")}</span>
                                        {(!matches!(admit, Availability::Hidden)).then(|| view! {
                                            <button type="button" class="primary" disabled=reason.is_some() title=reason.clone().unwrap_or_default()
                                                aria-label=format!("Admit {}", r.name) on:click=move |_| a(user, true)>"Admit"</button>
                                            {reason.map(|s| view! { <span class="reason">{s}</span> })}
                                        })}
                                        <button type="button" aria-label=format!("Decline {}", r.name) on:click=move |_| d(user, false)>"Decline"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}
