//! "Join Acme": the org whose verified domain the viewer's address is at
//! (R13 suggest and request modes), offered at the top of the page.

use api::domains::Joinable;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Client;

/// The offers, if any.
#[component]
pub fn JoinOffers(client: Client) -> impl IntoView {
    let offers = RwSignal::new(Vec::<Joinable>::new());
    let note = RwSignal::new(None::<Result<String, String>>);
    {
        let client = client.clone();
        spawn_local(async move {
            if let Ok(o) = client.joinable().await {
                offers.set(o);
            }
        });
    }
    let join = move |o: Joinable| {
        let client = client.clone();
        spawn_local(async move {
            match client.join_by_domain(o.org_id).await {
                Ok(out) if out.joined => {
                    // A new org: /me is read again with it active.
                    let _ = client.set_active_org(o.org_id).await;
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }
                Ok(_) => {
                    offers.update(|l| l.retain(|x| x.org_id != o.org_id));
                    note.set(Some(Ok(format!(
                        "Your request is with the admins of {}.",
                        o.org_name
                    ))));
                }
                Err(e) => note.set(Some(Err(e.message()))),
            }
        });
    };
    view! {
        {move || offers.get().into_iter().map(|o| {
            let label = if o.joins_now { format!("Join {}", o.org_name) } else { format!("Ask to join {}", o.org_name) };
            let join = join.clone();
            let offer = o.clone();
            view! {
                <section class="card join-offer" aria-label=format!("Join {}", o.org_name)>
                    <p>"Your address is at " <strong>{o.domain.clone()}</strong> ", which " {o.org_name.clone()} " has verified."</p>
                    <button type="button" class="primary" on:click=move |_| join(offer.clone())>{label}</button>
                </section>
            }
        }).collect_view()}
        {move || note.get().map(|n| match n {
            Ok(m) => view! { <p class="notice" role="status">{m}</p> }.into_any(),
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        })}
    }
}
