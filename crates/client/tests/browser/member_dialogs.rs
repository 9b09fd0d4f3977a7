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

fn person(user_id: i64, name: &str, role: &str) -> MemberView {
    MemberView {
        user_id,
        name: name.into(),
        email: format!("{}@acme.io", name.split(' ').next().unwrap().to_lowercase()),
        role: role.into(),
        status: api::MemberStatus::Active,
        owner: false,
        joined_at: 1_700_000_000,
        access_expires_at: None,
        projects: 0,
        groups: Vec::new(),
        last_sign_in_at: None,
    }
}

fn bubbling() -> web_sys::EventInit {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init
}

/// Waits `ms` milliseconds of the page's clock (the picker pauses before
/// it asks).
async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
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
        groups: Vec::new(),
        last_sign_in_at: None,
    };
    let chosen = Arc::new(Mutex::new(None));
    let got = chosen.clone();
    let root = mount_root();
    let reason = "Pat Owner owns 2 projects; choose who takes them over".to_string();
    let t = templates::by_key("default").unwrap();
    // The server's answer to the search: Pat himself, a Labeler (may not
    // own projects), a Member and a Manager (both may).
    let people = vec![
        person(7, "Pat Owner", "member"),
        person(3, "Ann Labeler", "labeler"),
        person(4, "Ben Member", "member"),
        person(5, "Cy Manager", "manager"),
    ];
    let asked = Arc::new(Mutex::new(Vec::new()));
    let log = asked.clone();
    let find: client::people_picker::FindPeople = Arc::new(move |q: api::members::MemberQuery| {
        log.lock().unwrap().push(q);
        let page = api::members::MemberPage {
            members: people.clone(),
            next_cursor: None,
        };
        Box::pin(async move { Ok(page) })
    });
    let _h = mount_to(root.clone().unchecked_into(), move || {
        let got = got.clone();
        view! { <ReassignDialog member=member.clone() action="Remove" reason=reason.clone() template=t find=find.clone()
        on_submit=Callback::new(move |heir| *got.lock().unwrap() = Some(heir))
        on_close=Callback::new(|()| ())/> }
    });
    leptos::task::tick().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("owns 2 projects"), "{text}");
    let submit: web_sys::HtmlButtonElement = root
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(submit.disabled(), "nobody chosen yet");
    let input: web_sys::HtmlInputElement = root
        .query_selector("input[name=heir]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value("e");
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &bubbling()).unwrap())
        .unwrap();
    sleep(400).await;
    let q = asked
        .lock()
        .unwrap()
        .last()
        .cloned()
        .expect("the server was asked");
    assert_eq!(
        (q.q.as_deref(), q.status),
        (Some("e"), Some(api::MemberStatus::Active))
    );
    let offered: Vec<String> = {
        let all = root.query_selector_all("[role=option]").unwrap();
        (0..all.length())
            .map(|i| all.item(i).unwrap().text_content().unwrap())
            .collect()
    };
    assert_eq!(
        offered,
        ["Ben Member ben@acme.io", "Cy Manager cy@acme.io"],
        "only heirs R10 accepts"
    );
    // From the keyboard: down to Cy, Enter.
    for key in ["ArrowDown", "Enter"] {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_bubbles(true);
        input
            .dispatch_event(
                &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
                    .unwrap(),
            )
            .unwrap();
        leptos::task::tick().await;
    }
    assert_eq!(input.value(), "Cy Manager");
    assert_eq!(submit.text_content().unwrap(), "Hand over and remove");
    assert!(!submit.disabled());
    submit.click();
    leptos::task::tick().await;
    assert_eq!(*chosen.lock().unwrap(), Some(5));
    root.remove();
}
