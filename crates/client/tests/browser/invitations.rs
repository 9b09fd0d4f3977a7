//! The invitations section and the copy-link fallback in headless
//! Chromium: each viewer sees on each invitation exactly the actions the
//! permissions crate allows; the copy-link dialog warns that the mailed
//! link dies, then shows the new one. HTTP is stood in for by a closure.

use std::sync::{Arc, Mutex};

use api::members::{InvitationLink, InvitationView};
use client::api::{ApiError, Client};
use client::members::actions::{Availability, invitation_actions, seats, viewer};
use client::members::copy_link::{CopyLinkDialog, FetchLink};
use client::members::invitations::Invitations;
use leptos::mount::mount_to;
use leptos::prelude::*;
use permissions::templates;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use crate::support::{button, menu_of, mount_root};

fn invitation(id: i64, role: &str, expires_at: i64) -> InvitationView {
    InvitationView {
        id,
        email: format!("guest{id}@acme.io"),
        role: role.into(),
        status: if expires_at > client::now() {
            api::InvitationStatus::Pending
        } else {
            api::InvitationStatus::Expired
        },
        invited_by: 1,
        sent_at: 1_700_000_000,
        expires_at,
        delivery: if id == 1 {
            api::Delivery::Failed
        } else {
            api::Delivery::Sent
        },
        delivery_error: (id == 1).then(|| "550 5.1.1 no such mailbox".into()),
    }
}

/// A pending invitation per role below Owner, and an expired one.
fn invitations() -> Vec<InvitationView> {
    let later = client::now() + 86_400;
    let mut v: Vec<InvitationView> = ["admin", "manager", "member", "labeler", "viewer"]
        .iter()
        .enumerate()
        .map(|(i, r)| invitation(i as i64 + 1, r, later))
        .collect();
    v.push(invitation(9, "member", client::now() - 60));
    v
}

#[wasm_bindgen_test]
async fn each_viewer_sees_exactly_what_the_crate_allows_on_each_invitation() {
    let t = templates::by_key("default").unwrap();
    let now = client::now();
    let mut checked = 0;
    // With free seats, and with the seat limit reached: an expired
    // invitation takes a seat again when renewed (R7).
    for used in [3, 10] {
        let s = seats(&api::orgs::Seats {
            used,
            limit: Some(10),
        });
        for (i, role) in t.org_roles.iter().enumerate() {
            let v = viewer(t, i as i64 + 100, &role.key, role.owner, false);
            let root = mount_root();
            let items = RwSignal::new(invitations());
            let viewer_memo = Memo::new(move |_| v);
            let _h = mount_to(root.clone().unchecked_into(), move || {
                view! { <Invitations client=Client::new("csrf") org_id=1 template=t viewer=viewer_memo items=items
                seats=Signal::derive(move || s) error=RwSignal::new(None) notice=RwSignal::new(None) on_change=Callback::new(|()| ())/> }
            });
            leptos::task::tick().await;
            for inv in invitations() {
                let expected: Vec<(String, bool, String)> = invitation_actions(now, t, &v, &inv, s)
                    .into_iter()
                    .filter_map(|(kind, a)| match a {
                        Availability::Hidden => None,
                        Availability::Enabled => {
                            Some((kind.label().to_string(), false, String::new()))
                        }
                        Availability::Disabled(r) => Some((kind.label().to_string(), true, r)),
                    })
                    .collect();
                assert_eq!(
                    menu_of(&root, &format!("tr[data-invitation='{}']", inv.id)),
                    expected,
                    "{} on {}",
                    role.key,
                    inv.email
                );
                checked += 1;
            }
            root.remove();
        }
    }
    assert_eq!(
        checked,
        2 * 6 * 6,
        "seat states × viewer roles × invitations"
    );
}

#[wasm_bindgen_test]
async fn owner_and_manager_get_a_new_link_a_member_never_sees_one() {
    let t = templates::by_key("default").unwrap();
    let now = client::now();
    let full = seats(&api::orgs::Seats {
        used: 10,
        limit: Some(10),
    });
    let labels = |role: &str, inv: &InvitationView| -> Vec<(String, bool)> {
        let r = t.org_role(role).unwrap();
        invitation_actions(now, t, &viewer(t, 100, role, r.owner, false), inv, full)
            .into_iter()
            .filter(|(_, a)| *a != Availability::Hidden)
            .map(|(k, a)| (k.label().to_string(), a != Availability::Enabled))
            .collect()
    };
    let pending = &invitations()[3];
    let expired = &invitations()[5];
    assert!(labels("owner", pending).contains(&("Copy a new link".into(), false)));
    assert!(
        labels("manager", expired).contains(&("Copy a new link".into(), true)),
        "an expired invitation needs a free seat (R7)"
    );
    assert!(
        labels("member", pending).is_empty(),
        "a Member manages no invitations"
    );
    // The failed delivery is on screen.
    let root = mount_root();
    let v = viewer(t, 100, "owner", true, false);
    let viewer_memo = Memo::new(move |_| v);
    let items = RwSignal::new(invitations());
    let _h = mount_to(root.clone().unchecked_into(), move || {
        view! { <Invitations client=Client::new("csrf") org_id=1 template=t viewer=viewer_memo items=items
        seats=Signal::derive(move || full) error=RwSignal::new(None) notice=RwSignal::new(None) on_change=Callback::new(|()| ())/> }
    });
    leptos::task::tick().await;
    let first = root
        .query_selector("tr[data-invitation='1']")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(first.contains("delivery failed"), "{first}");
    assert!(
        first.contains("550 5.1.1 no such mailbox"),
        "the server's reason: {first}"
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn copy_link_warns_then_shows_the_new_link() {
    let calls = Arc::new(Mutex::new(0));
    let count = calls.clone();
    let fetch: FetchLink = Arc::new(move || {
        *count.lock().unwrap() += 1;
        Box::pin(async {
            Ok(InvitationLink {
                link: "http://127.0.0.1:8080/invite?token=abc".into(),
                expires_at: 1_900_000_000,
            })
        })
    });
    let renewed = RwSignal::new(0);
    let root = mount_root();
    let inv = invitations()[0].clone();
    let _h = mount_to(root.clone().unchecked_into(), move || {
        view! { <CopyLinkDialog invitation=inv.clone() fetch=fetch.clone()
        on_renewed=Callback::new(move |()| renewed.update(|n| *n += 1)) on_close=Callback::new(|()| ())/> }
    });
    leptos::task::tick().await;
    let text = root.text_content().unwrap();
    assert!(
        text.contains("The link mailed before stops working"),
        "{text}"
    );
    assert_eq!(
        *calls.lock().unwrap(),
        0,
        "nothing renewed before the click"
    );
    button(&root, "Make a new link").click();
    leptos::task::tick().await;
    leptos::task::tick().await;
    assert_eq!(*calls.lock().unwrap(), 1);
    assert_eq!(renewed.get_untracked(), 1);
    let input: web_sys::HtmlInputElement = root
        .query_selector("input[readonly]")
        .unwrap()
        .expect("the link is shown")
        .unchecked_into();
    assert_eq!(input.value(), "http://127.0.0.1:8080/invite?token=abc");
    assert!(root.text_content().unwrap().contains("Valid until"));
    root.remove();
}

#[wasm_bindgen_test]
async fn copy_link_refused_says_why() {
    let fetch: FetchLink = Arc::new(|| {
        Box::pin(async {
            Err(ApiError::Refused {
                status: 403,
                body: api::ErrorBody {
                    code: "invitation_revoked".into(),
                    message: "this invitation was revoked".into(),
                    rule: Some(permissions::Rule::R6),
                },
            })
        })
    });
    let root = mount_root();
    let inv = invitations()[0].clone();
    let _h = mount_to(root.clone().unchecked_into(), move || {
        view! { <CopyLinkDialog invitation=inv.clone() fetch=fetch.clone()
        on_renewed=Callback::new(|()| panic!("not renewed")) on_close=Callback::new(|()| ())/> }
    });
    leptos::task::tick().await;
    button(&root, "Make a new link").click();
    leptos::task::tick().await;
    leptos::task::tick().await;
    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(alert, "this invitation was revoked (R6)");
    assert!(root.query_selector("input[readonly]").unwrap().is_none());
    root.remove();
}
