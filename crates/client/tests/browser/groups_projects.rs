//! The Groups and Projects tabs in headless Chromium: for a viewer of each
//! role of every template, "Create group" and "Create project" appear
//! exactly when the permissions crate allows them. (Their lists load over
//! HTTP, which this runner does not serve; the controls do not wait for it.)

use client::groups::GroupsView;
use client::members::actions::viewer;
use client::projects::ProjectsView;
use leptos::mount::mount_to;
use leptos::prelude::*;
use permissions::{Action, OrgPermission, decide, templates};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn has(root: &web_sys::Element, css: &str) -> bool {
    root.query_selector(css).unwrap().is_some()
}

#[wasm_bindgen_test]
async fn create_controls_follow_the_crate_for_every_role() {
    let mut cases = 0;
    for t in templates::all() {
        for role in &t.org_roles {
            let v = viewer(t, 1, &role.key, role.owner, false);
            let doc = document();
            let root = doc.create_element("section").unwrap();
            doc.body().unwrap().append_child(&root).unwrap();
            let client = client::api::Client::new("csrf");
            let c2 = client.clone();
            let _h = mount_to(root.clone().unchecked_into(), move || {
                view! { <GroupsView client=client.clone() org=1 facts=client::facts::Facts::new() viewer=v/> <ProjectsView client=c2.clone() org=1 facts=client::facts::Facts::new() viewer=v template=t/> }
            });
            leptos::task::tick().await;
            let groups =
                decide(client::now(), &v, &Action::Org(OrgPermission::ManageGroups)).is_allowed();
            let projects = decide(
                client::now(),
                &v,
                &Action::Org(OrgPermission::CreateProjects),
            )
            .is_allowed();
            assert_eq!(
                has(&root, "input[name=group_name]"),
                groups,
                "{} {}: create group",
                t.key,
                role.key
            );
            assert_eq!(
                has(&root, "input[name=project_name]"),
                projects,
                "{} {}: create project",
                t.key,
                role.key
            );
            cases += 1;
            root.remove();
        }
    }
    assert_eq!(cases, 6 + 4 + 4 + 5 + 6 + 4, "every role of every template");
}

#[wasm_bindgen_test]
fn dataloop_workers_cannot_create_projects_but_members_can() {
    let t = templates::by_key("dataloop").unwrap();
    let can = |role: &str| {
        decide(
            client::now(),
            &viewer(t, 1, role, false, false),
            &Action::Org(OrgPermission::CreateProjects),
        )
        .is_allowed()
    };
    assert!(!can("worker"));
    assert!(can("member"));
}
