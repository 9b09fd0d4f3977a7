//! The Roles tab: the live permission table of a role template.

mod permission_table;
mod template_picker;

use leptos::prelude::*;
use permissions::templates;

pub use permission_table::PermissionTable;
pub use template_picker::TemplatePicker;

/// The Roles view: a template picker and that template's permission table,
/// rendered from the `permissions` crate itself.
#[component]
pub fn RolesView(
    /// The template shown first (the org's template).
    #[prop(into, default = "default".to_string())]
    initial: String,
) -> impl IntoView {
    let selected = RwSignal::new(initial);
    let template = Memo::new(move |_| {
        templates::by_key(&selected.get()).unwrap_or_else(|| &templates::all()[0])
    });
    view! {
        <section class="roles" aria-labelledby="roles-heading">
            <h1 id="roles-heading">"Roles"</h1>
            <TemplatePicker selected=selected/>
            {move || view! { <PermissionTable template=template.get()/> }}
        </section>
    }
}
