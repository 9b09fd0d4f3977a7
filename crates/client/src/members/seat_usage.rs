//! The seat counter beside the Members heading.

use api::orgs::OrgView;
use leptos::prelude::*;

/// "7 of 10 seats".
#[component]
pub fn SeatUsage(org: Signal<OrgView>) -> impl IntoView {
    view! {
        <span class="seats" aria-label="Seat usage">
            {move || {
                let s = org.get().seats;
                match s.limit {
                    Some(limit) => format!("{} of {limit} seats", s.used),
                    None if s.used == 1 => "1 seat used, no limit".to_string(),
                    None => format!("{} seats used, no limit", s.used),
                }
            }}
        </span>
    }
}
