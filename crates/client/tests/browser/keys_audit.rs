//! The API keys and Audit tabs in headless Chromium: the create form offers
//! exactly the roles the crate lets the viewer give a key, each key row
//! shows each action as the crate decides (hidden, disabled with the
//! sentence, or enabled), and the log reads as sentences.

use api::keys::KeyView;
use client::keys::create::CreateKey;
use client::keys::row::KeyRow;
use client::members::actions::viewer;
use leptos::mount::mount_to;
use leptos::prelude::*;
use permissions::{Action, Denial, templates};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

fn root() -> web_sys::Element {
    let doc = document();
    let root = doc.create_element("section").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    root
}

fn texts(root: &web_sys::Element, css: &str) -> Vec<String> {
    let nodes = root.query_selector_all(css).unwrap();
    (0..nodes.length())
        .filter_map(|i| nodes.item(i).and_then(|n| n.text_content()))
        .collect()
}

#[wasm_bindgen_test]
async fn the_create_form_offers_exactly_the_roles_a_key_may_get() {
    let mut cases = 0;
    for t in templates::all() {
        for role in &t.org_roles {
            let v = viewer(t, 1, &role.key, role.owner, false);
            let root = root();
            let _h = mount_to(root.clone().unchecked_into(), move || {
                view! { <CreateKey client=client::api::Client::new("csrf") org=1 viewer=v template=t issued=RwSignal::new(None) on_change=Callback::new(|()| ())/> }
            });
            leptos::task::tick().await;
            let want: Vec<String> = t
                .org_roles
                .iter()
                .filter(|r| {
                    let g = client::members::actions::grant(t, &r.key, r.owner);
                    permissions::decide(client::now(), &v, &Action::CreateKey { role: g })
                        .is_allowed()
                })
                .map(|r| r.name.to_string())
                .collect();
            assert_eq!(
                texts(&root, "select[name=key_role] option"),
                want,
                "{} {}",
                t.key,
                role.key
            );
            assert!(
                !want
                    .iter()
                    .any(|n| t.org_roles.iter().any(|r| r.owner && r.name == *n)),
                "never Owner"
            );
            cases += 1;
            root.remove();
        }
    }
    assert_eq!(cases, 6 + 4 + 4 + 5 + 6 + 4);
}

fn key(owner: i64, role: &str) -> KeyView {
    KeyView {
        id: 9,
        name: "sync".into(),
        role: role.into(),
        permissions: None,
        owner,
        owner_name: "Ada".into(),
        display: "rst_AbCd…wxYz".into(),
        state: api::KeyState::Active,
        suspended: false,
        expires_at: client::now() + 86_400,
        created_at: 0,
        last_used_at: None,
        last_used_addr: None,
    }
}

/// `(label, disabled, reason)` of each action button of the row.
async fn buttons(viewer_role: &str, k: KeyView) -> Vec<(String, bool, String)> {
    let t = templates::by_key("default").unwrap();
    let v = viewer(t, 1, viewer_role, false, false);
    let root = root();
    let _h = mount_to(root.clone().unchecked_into(), move || {
        view! { <table><tbody><KeyRow client=client::api::Client::new("csrf") org=1 viewer=v template=t key=k.clone()
        issued=RwSignal::new(None) error=RwSignal::new(None) on_change=Callback::new(|()| ())/></tbody></table> }
    });
    leptos::task::tick().await;
    let nodes = root.query_selector_all(".key-actions button").unwrap();
    let out = (0..nodes.length())
        .map(|i| {
            let b: web_sys::HtmlButtonElement = nodes.item(i).unwrap().unchecked_into();
            (
                b.text_content().unwrap_or_default(),
                b.disabled(),
                b.title(),
            )
        })
        .collect();
    root.remove();
    out
}

#[wasm_bindgen_test]
async fn key_rows_show_what_the_crate_decides() {
    // A Manager facing an Admin's key: every action shown, disabled, saying why.
    let got = buttons("manager", key(100, "admin")).await;
    let r3 = Denial::AboveTargetCeiling.to_string();
    let r2 = Denial::AboveGrantCeiling.to_string();
    assert_eq!(
        got,
        [
            ("Rotate".into(), true, r3.clone()),
            ("Disable".into(), true, r3.clone()),
            ("Take over".into(), true, r2),
            ("Revoke".into(), true, r3),
        ]
    );
    // A Labeler's own key: taking access away only.
    let got = buttons("labeler", key(1, "labeler")).await;
    assert_eq!(
        got,
        [
            ("Disable".into(), false, String::new()),
            ("Revoke".into(), false, String::new())
        ]
    );
    // An Admin facing a disabled Manager key: enable, not disable.
    let got = buttons(
        "admin",
        KeyView {
            state: api::KeyState::Disabled,
            ..key(100, "manager")
        },
    )
    .await;
    let labels: Vec<&str> = got.iter().map(|(l, _, _)| l.as_str()).collect();
    assert_eq!(labels, ["Rotate", "Enable", "Take over", "Revoke"]);
}

#[wasm_bindgen_test]
fn the_log_reads_as_sentences() {
    use client::audit::sentence::sentence;
    let t = templates::by_key("default").unwrap();
    let e = api::audit::AuditEvent {
        id: 1,
        actor_id: Some(1),
        actor_name: "Bea".into(),
        actor_type: api::ActorType::User,
        key_id: None,
        source: api::AuditSource::Ui,
        action: "member.role_changed".into(),
        target_type: "member".into(),
        target_id: Some(2),
        target_name: Some("Cy".into()),
        before: Some(serde_json::json!({"role": "labeler"})),
        after: Some(serde_json::json!({"role": "manager"})),
        client_addr: None,
        user_agent: None,
        request_id: None,
        created_at: 0,
    };
    assert_eq!(
        sentence(t, &e),
        "Bea changed Cy's role from Labeler to Manager"
    );
    let by_key = api::audit::AuditEvent {
        key_id: Some(7),
        actor_type: api::ActorType::Key,
        ..e.clone()
    };
    assert!(sentence(t, &by_key).starts_with("Bea (API key #7) changed"));
    let other = api::audit::AuditEvent {
        action: "group.member_added".into(),
        ..e
    };
    assert_eq!(sentence(t, &other), "Bea: group member added — Cy");
}

fn input(root: &web_sys::Element, css: &str) -> web_sys::HtmlInputElement {
    root.query_selector(css)
        .unwrap()
        .expect(css)
        .unchecked_into()
}

fn change(el: &web_sys::Element) {
    el.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

/// Narrowing offers exactly the chosen role's permissions, follows a change
/// of role, and a narrowed key's row says what it is limited to.
#[wasm_bindgen_test]
async fn a_key_can_be_narrowed_to_some_of_its_roles_permissions() {
    let t = templates::by_key("default").unwrap();
    let v = viewer(t, 1, "admin", false, false);
    let root = root();
    let _h = mount_to(root.clone().unchecked_into(), move || {
        view! { <CreateKey client=client::api::Client::new("csrf") org=1 viewer=v template=t issued=RwSignal::new(None) on_change=Callback::new(|()| ())/> }
    });
    leptos::task::tick().await;
    assert!(
        root.query_selector("input[name=key_permission]")
            .unwrap()
            .is_none(),
        "whole role by default"
    );
    let narrow = input(&root, "input[name=key_narrow]");
    narrow.set_checked(true);
    change(&narrow);
    leptos::task::tick().await;
    let offered = |root: &web_sys::Element| {
        let nodes = root
            .query_selector_all("input[name=key_permission]")
            .unwrap();
        (0..nodes.length())
            .map(|i| {
                nodes
                    .item(i)
                    .unwrap()
                    .unchecked_into::<web_sys::HtmlInputElement>()
                    .value()
            })
            .collect::<Vec<_>>()
    };
    for role in ["viewer", "manager"] {
        let select: web_sys::HtmlSelectElement = root
            .query_selector("select[name=key_role]")
            .unwrap()
            .unwrap()
            .unchecked_into();
        select.set_value(role);
        change(&select);
        leptos::task::tick().await;
        let g = client::members::actions::grant(t, role, false);
        let want: Vec<String> = client::keys::scope::choices(&g)
            .into_iter()
            .map(|(n, _)| n.to_string())
            .collect();
        assert!(!want.is_empty());
        assert_eq!(offered(&root), want, "{role}");
        let narrowed = permissions::keys::narrowed(&g, want.iter().map(String::as_str));
        assert_eq!(
            narrowed.map(|n| n.org),
            Ok(g.org),
            "every offered name is the role's own"
        );
    }
    root.remove();
    let k = KeyView {
        permissions: Some(vec!["members.view".into()]),
        ..key(1, "manager")
    };
    let root = self::root();
    let _row = mount_to(root.clone().unchecked_into(), move || {
        view! { <table><tbody><KeyRow client=client::api::Client::new("csrf") org=1 viewer=v template=t key=k.clone()
        issued=RwSignal::new(None) error=RwSignal::new(None) on_change=Callback::new(|()| ())/></tbody></table> }
    });
    leptos::task::tick().await;
    assert!(root.text_content().unwrap().contains("only members.view"));
    root.remove();
}
