//! The invite dialog driven like a user: paste a list, pick a role, send,
//! read the per-email result. HTTP is stood in for by a closure.

use std::sync::{Arc, Mutex};

use api::members::{Invite, InviteOutcome, InviteResult};
use client::members::invite_dialog::{InviteDialog, SendInvite, split_emails};
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn set_and_fire(el: &web_sys::Element, value: &str, event: &str) {
    if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(value);
    } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.set_value(value);
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict(event, &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
fn pasted_lists_split_into_addresses() {
    assert_eq!(
        split_emails("a@x.io, b@x.io;c@x.io\n d@x.io  "),
        ["a@x.io", "b@x.io", "c@x.io", "d@x.io"]
    );
    assert!(split_emails(" ,; ").is_empty());
}

#[wasm_bindgen_test]
async fn sends_the_list_with_the_chosen_role_and_shows_each_result() {
    let sent: Arc<Mutex<Vec<Invite>>> = Arc::default();
    let log = sent.clone();
    let send: SendInvite = Arc::new(move |body: Invite| {
        log.lock().unwrap().push(body.clone());
        Box::pin(async move {
            Ok(body
                .emails
                .iter()
                .map(|e| {
                    let outcome = if e.starts_with("old") {
                        InviteOutcome::AlreadyMember
                    } else {
                        InviteOutcome::Sent
                    };
                    InviteResult {
                        email: e.clone(),
                        outcome,
                        invitation_id: None,
                        message: "already a member of this organization".into(),
                    }
                })
                .collect())
        })
    });
    let doc = document();
    let root = doc.create_element("section").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let roles = vec![
        ("manager".to_string(), "Manager".to_string()),
        ("viewer".to_string(), "Viewer".to_string()),
    ];
    let sent_count = RwSignal::new(0);
    let _h = mount_to(root.clone().unchecked_into(), move || {
        view! { <InviteDialog roles=roles.clone() send=send.clone() on_sent=Callback::new(move |()| sent_count.update(|n| *n += 1)) on_close=Callback::new(|()| ())/> }
    });
    leptos::task::tick().await;
    // Only grantable roles are offered.
    let options = root.query_selector_all("select[name=role] option").unwrap();
    assert_eq!(options.length(), 2);
    let submit: web_sys::HtmlButtonElement = root
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(submit.disabled(), "nothing to send yet");
    set_and_fire(
        &root
            .query_selector("textarea[name=emails]")
            .unwrap()
            .unwrap(),
        "new@acme.io, old@acme.io",
        "input",
    );
    set_and_fire(
        &root.query_selector("select[name=role]").unwrap().unwrap(),
        "manager",
        "change",
    );
    leptos::task::tick().await;
    assert_eq!(submit.text_content().unwrap(), "Send 2 invitations");
    submit.click();
    leptos::task::tick().await;
    leptos::task::tick().await;
    let sent = sent.lock().unwrap();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].emails.clone(), sent[0].role.clone()),
        (
            vec!["new@acme.io".to_string(), "old@acme.io".to_string()],
            "manager".to_string()
        )
    );
    let results = root
        .query_selector("table.invite-results")
        .unwrap()
        .expect("results shown")
        .text_content()
        .unwrap();
    assert!(
        results.contains("new@acme.io") && results.contains("Sent"),
        "{results}"
    );
    assert!(
        results.contains("old@acme.io") && results.contains("Already a member"),
        "{results}"
    );
    assert_eq!(sent_count.get_untracked(), 1);
    // The form starts clean: nothing to send again by accident.
    let emails: web_sys::HtmlTextAreaElement = root
        .query_selector("textarea[name=emails]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(emails.value(), "");
    assert!(submit.disabled(), "the same list cannot go out twice");
}
