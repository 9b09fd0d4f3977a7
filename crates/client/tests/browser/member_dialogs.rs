//! The member action dialogs driven like a user: the role picker of each
//! viewer role offers exactly the roles PRODUCT §4 R2 lets it give (the
//! expected lists are written here from the spec), and the R10 hand-over
//! dialog says why and submits the chosen new owner.

use std::sync::{Arc, Mutex};

use api::members::MemberView;
use client::members::actions::{grantable_roles, viewer};
use client::members::change_role::ChangeRoleDialog;
use client::members::reassign::ReassignDialog;
use leptos::mount::mount_to;
use leptos::prelude::*;
use permissions::templates;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use crate::support::{mount_root, options};

#[wasm_bindgen_test]
async fn the_role_picker_offers_only_what_each_role_may_give() {
    let t = templates::by_key("default").unwrap();
    // PRODUCT §3/§4: ownership moves only by transfer (R4), and a role is
    // given only by someone holding all of its permissions (R2). Member,
    // Labeler and Viewer never see the picker: they may not change roles
    // at all (R1, walked in members_table.rs).
    let expected: [(&str, &[&str]); 3] = [
        (
            "owner",
            &["Admin", "Manager", "Member", "Labeler", "Viewer"],
        ),
        (
            "admin",
            &["Admin", "Manager", "Member", "Labeler", "Viewer"],
        ),
        ("manager", &["Manager", "Member", "Labeler", "Viewer"]),
    ];
    for (role, want) in expected {
        let r = t.org_role(role).unwrap();
        let v = viewer(t, 1, role, r.owner, false);
        let roles: Vec<(String, String)> = grantable_roles(t, &v)
            .into_iter()
            .map(|r| (r.key.to_string(), r.name.to_string()))
            .collect();
        let root = mount_root();
        let _h = mount_to(root.clone().unchecked_into(), move || {
            view! { <ChangeRoleDialog subject="Bea" current="viewer" roles=roles.clone()
            on_submit=Callback::new(|_| ()) on_close=Callback::new(|()| ())/> }
        });
        leptos::task::tick().await;
        assert_eq!(options(&root), want, "{role}");
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn handing_over_projects_says_why_and_submits_the_chosen_owner() {
    let member = MemberView {
        user_id: 7,
        name: "Pat Owner".into(),
        email: "pat@acme.io".into(),
        role: "member".into(),
        status: api::MemberStatus::Active,
        owner: false,
        joined_at: 1_700_000_000,
        access_expires_at: None,
        projects: 2,
    };
    let chosen = Arc::new(Mutex::new(None));
    let got = chosen.clone();
    let root = mount_root();
    let reason = "Pat Owner owns 2 projects; choose who takes them over".to_string();
    let _h = mount_to(root.clone().unchecked_into(), move || {
        let got = got.clone();
        view! { <ReassignDialog member=member.clone() action="Remove" reason=reason.clone()
        candidates=vec![(3, "Ann".to_string()), (4, "Ben".to_string())]
        on_submit=Callback::new(move |heir| *got.lock().unwrap() = Some(heir))
        on_close=Callback::new(|()| ())/> }
    });
    leptos::task::tick().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("owns 2 projects"), "{text}");
    assert_eq!(options(&root), ["Ann", "Ben"]);
    let select: web_sys::HtmlSelectElement = root
        .query_selector("select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value("4");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    let submit: web_sys::HtmlButtonElement = root
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(submit.text_content().unwrap(), "Hand over and remove");
    submit.click();
    leptos::task::tick().await;
    assert_eq!(*chosen.lock().unwrap(), Some(4));
    root.remove();
}
