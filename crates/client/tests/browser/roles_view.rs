//! The Roles view, mounted in headless Chromium, read as a person would.

use client::roles::RolesView;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn fresh_wrapper() -> web_sys::HtmlElement {
    let document = document();
    let wrapper = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&wrapper).unwrap();
    wrapper.unchecked_into()
}

/// The text of the cell in `table` at the row headed `permission` and the
/// column headed `role`.
fn cell(root: &web_sys::HtmlElement, table: &str, role: &str, permission: &str) -> Option<String> {
    let heads = root
        .query_selector_all(&format!("#{table} thead th"))
        .ok()?;
    let col = (0..heads.length())
        .find(|i| heads.item(*i).and_then(|n| n.text_content()).as_deref() == Some(role))?;
    let rows = root
        .query_selector_all(&format!("#{table} tbody tr"))
        .ok()?;
    (0..rows.length()).find_map(|i| {
        let row: web_sys::Element = rows.item(i)?.unchecked_into();
        let head = row.query_selector("th").ok()??.text_content()?;
        if head != permission {
            return None;
        }
        let cells = row.query_selector_all("th, td").ok()?;
        let cell: web_sys::Element = cells.item(col)?.unchecked_into();
        Some(format!(
            "{} {}",
            cell.text_content()?,
            cell.get_attribute("aria-label")?
        ))
    })
}

fn pick_template(root: &web_sys::HtmlElement, key: &str) {
    let select: web_sys::HtmlSelectElement = root
        .query_selector("select[name=template]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value(key);
    let ev = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    select.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn default_template_shows_the_product_matrix() {
    let root = fresh_wrapper();
    let _handle = mount_to(root.clone(), || view! { <RolesView/> });
    leptos::task::tick().await;
    assert_eq!(
        cell(&root, "org-permissions", "Manager", "Invite members").as_deref(),
        Some("✓ Manager: Invite members allowed")
    );
    assert_eq!(
        cell(&root, "org-permissions", "Admin", "Delete org").as_deref(),
        Some("– Admin: Delete org forbidden")
    );
    assert_eq!(
        cell(&root, "project-permissions", "Observer", "Label").as_deref(),
        Some("– Observer: Label forbidden")
    );
}

#[wasm_bindgen_test]
async fn picking_dataloop_shows_worker_cannot_create_projects() {
    let root = fresh_wrapper();
    let _handle = mount_to(root.clone(), || view! { <RolesView/> });
    leptos::task::tick().await;
    assert_eq!(
        cell(&root, "org-permissions", "Worker", "Create projects"),
        None,
        "no Worker in the default template"
    );
    pick_template(&root, "dataloop");
    leptos::task::tick().await;
    assert_eq!(
        cell(&root, "org-permissions", "Worker", "Create projects").as_deref(),
        Some("– Worker: Create projects forbidden")
    );
    assert_eq!(
        cell(&root, "org-permissions", "Member", "Create projects").as_deref(),
        Some("✓ Member: Create projects allowed")
    );
    assert_eq!(
        cell(&root, "org-permissions", "Admin", "Claim project ownership").as_deref(),
        Some("✓ Admin: Claim project ownership allowed")
    );
}

#[wasm_bindgen_test]
async fn animl_shows_its_three_project_levels() {
    let root = fresh_wrapper();
    let _handle = mount_to(root.clone(), || view! { <RolesView initial="animl"/> });
    leptos::task::tick().await;
    let heads: Vec<String> = {
        let list = root
            .query_selector_all("#project-permissions thead th")
            .unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i)?.text_content())
            .collect()
    };
    assert_eq!(
        heads,
        [
            "Permission",
            "Project Manager",
            "Project Member",
            "Project Observer"
        ]
    );
    assert_eq!(
        cell(
            &root,
            "project-permissions",
            "Project Member",
            "Pipelines & alerts"
        )
        .as_deref(),
        Some("– Project Member: Pipelines & alerts forbidden")
    );
}
