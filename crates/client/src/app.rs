//! The page shell: header and the current view.

use leptos::prelude::*;

use crate::roles::RolesView;

/// The whole client.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="topbar">
            <span class="brand">"Roster"</span>
            <nav aria-label="Sections">
                <a href="/" aria-current="page">"Roles"</a>
            </nav>
        </header>
        <main>
            <RolesView/>
        </main>
    }
}
