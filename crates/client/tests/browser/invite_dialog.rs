//! The invite dialog driven like a user: type or paste addresses (chips,
//! each checked as it is made), pick a role, send, read the per-email
//! result. HTTP is stood in for by a closure.

use std::sync::{Arc, Mutex};

use api::members::{Invite, InviteOutcome, InviteResult};
use client::members::email_chips::{Chips, split_emails};
use client::members::invite_dialog::{InviteDialog, SendInvite};
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn fire(el: &web_sys::Element, event: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict(event, &init).unwrap())
        .unwrap();
}

fn set_and_fire(el: &web_sys::Element, value: &str, event: &str) {
    if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(value);
    } else if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.set_value(value);
    }
    fire(el, event);
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
fn a_separator_ends_a_chip_and_what_is_typed_stays() {
    let mut c = Chips::default();
    assert_eq!(c.take_input("ada@x.io, Grace@x.io\nnope;gra"), "gra");
    assert_eq!(c.all(), ["ada@x.io", "Grace@x.io", "nope"]);
    assert_eq!(c.invalid(), 1, "nope is not an address");
    // The same address twice, in another case, is one chip.
    assert_eq!(c.take_input("ADA@x.io "), "");
    assert_eq!(c.all().len(), 3);
    c.remove("nope");
    assert_eq!((c.all().len(), c.invalid()), (2, 0));
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

#[wasm_bindgen_test]
async fn an_address_that_is_not_one_is_marked_and_holds_the_send() {
    let sent: Arc<Mutex<Vec<Invite>>> = Arc::default();
    let log = sent.clone();
    let send: SendInvite = Arc::new(move |body: Invite| {
        log.lock().unwrap().push(body);
        Box::pin(async { Ok(Vec::new()) })
    });
    let doc = document();
    let root = doc.create_element("section").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let roles = vec![("viewer".to_string(), "Viewer".to_string())];
    let _h = mount_to(root.clone().unchecked_into(), move || {
        view! { <InviteDialog roles=roles.clone() send=send.clone() on_sent=Callback::new(|()| ()) on_close=Callback::new(|()| ())/> }
    });
    leptos::task::tick().await;
    let field = root
        .query_selector("textarea[name=emails]")
        .unwrap()
        .unwrap();
    let submit: web_sys::HtmlButtonElement = root
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    // Pasted with a typo; the field leaves: every address is a chip.
    set_and_fire(&field, "ada@acme.io\nbob@acme", "input");
    fire(&field, "blur");
    leptos::task::tick().await;
    let chips = root.query_selector_all("li.chip").unwrap();
    assert_eq!(chips.length(), 2);
    let bad = root
        .query_selector("li.chip.invalid")
        .unwrap()
        .expect("marked");
    assert!(bad.text_content().unwrap().contains("bob@acme"));
    assert!(bad.text_content().unwrap().contains("not an email address"));
    let hint = root.query_selector("#email-chips-hint").unwrap().unwrap();
    assert_eq!(
        hint.text_content().unwrap(),
        "1 is not an email address: fix or remove it"
    );
    assert!(submit.disabled(), "nothing goes out with a typo in it");
    // Removed by its ×: the rest can go.
    let remove: web_sys::HtmlElement = root
        .query_selector("button[aria-label='Remove bob@acme']")
        .unwrap()
        .expect("a remove button named for the address")
        .unchecked_into();
    remove.click();
    leptos::task::tick().await;
    assert!(!submit.disabled());
    assert_eq!(submit.text_content().unwrap(), "Send invitation");
    submit.click();
    leptos::task::tick().await;
    assert_eq!(sent.lock().unwrap()[0].emails, ["ada@acme.io"]);
}
