//! Settings → Domains in headless Chromium: the claim form offers exactly
//! the roles PRODUCT R13 allows the viewer to give joiners (never above
//! Member, never above the viewer's own), a pending claim shows how to
//! prove it and a verified one does not, and joins read as sentences.

use api::domains::{DomainView, JoinMode};
use client::domains::claim::ClaimForm;
use client::domains::row::DomainRow;
use client::members::actions::viewer;
use leptos::mount::mount_to;
use leptos::prelude::*;
use permissions::templates;
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

/// Which roles each default-template role may give joiners, written out.
const OFFERED: [(&str, &[&str]); 6] = [
    ("owner", &["Member", "Labeler", "Viewer"]),
    ("admin", &["Member", "Labeler", "Viewer"]),
    ("manager", &[]),
    ("member", &[]),
    ("labeler", &[]),
    ("viewer", &[]),
];

#[wasm_bindgen_test]
async fn the_claim_form_offers_only_roles_within_member() {
    let t = templates::by_key("default").unwrap();
    for (who, want) in OFFERED {
        let r = t.org_role(who).unwrap();
        let v = viewer(t, 1, who, r.owner, false);
        let roles = client::domains::offered_roles(t, &v);
        let root = root();
        let _h = mount_to(root.clone().unchecked_into(), move || {
            view! { <ClaimForm client=client::api::Client::new("csrf") org=1 roles=roles.clone() on_change=Callback::new(|()| ())/> }
        });
        leptos::task::tick().await;
        assert_eq!(
            texts(&root, "select[name=default_role] option"),
            want,
            "{who}"
        );
        root.remove();
    }
    // In every template the form never offers the Owner role.
    for t in templates::all() {
        let owner = t.org_roles.iter().find(|r| r.owner).unwrap();
        let v = viewer(t, 1, &owner.key, true, false);
        let offered = client::domains::offered_roles(t, &v);
        assert!(!offered.is_empty(), "{}", t.key);
        assert!(!offered.iter().any(|(k, _)| *k == owner.key), "{}", t.key);
    }
}

fn claim(verified: bool) -> DomainView {
    DomainView {
        id: 3,
        domain: "acme.io".into(),
        verified,
        proof: verified.then(|| "email".into()),
        mode: JoinMode::Suggest,
        default_role: "manager".into(),
        default_groups: vec![],
        dns_name: "_roster-challenge.acme.io".into(),
        dns_value: "roster-verification=abc".into(),
        created_at: 0,
        verified_at: None,
    }
}

#[wasm_bindgen_test]
async fn a_pending_claim_says_how_to_prove_it() {
    let t = templates::by_key("default").unwrap();
    for verified in [false, true] {
        let root = root();
        let roles = vec![("member".to_string(), "Member".to_string())];
        let _h = mount_to(root.clone().unchecked_into(), move || {
            view! { <DomainRow client=client::api::Client::new("csrf") org=1 domain=claim(verified) roles=roles.clone() groups=vec![] expanded=RwSignal::new(None) template=t error=RwSignal::new(None) on_change=Callback::new(|()| ())/> }
        });
        leptos::task::tick().await;
        let proof = texts(&root, ".proof code");
        if verified {
            assert!(proof.is_empty());
            assert_eq!(texts(&root, ".badge"), ["verified"]);
        } else {
            assert_eq!(
                proof,
                ["_roster-challenge.acme.io", "roster-verification=abc"]
            );
            assert_eq!(texts(&root, ".badge"), ["pending"]);
        }
        // An org without groups gets no group picker.
        assert!(texts(&root, ".default-groups").is_empty());
        // A role no longer offered (a template switch) still shows, unpickable.
        assert_eq!(
            texts(&root, "select[name=default_role] option"),
            ["Manager", "Member"]
        );
        assert_eq!(
            texts(&root, "select[name=default_role] option[disabled]"),
            ["Manager"]
        );
        root.remove();
    }
}

fn group(id: i64, name: &str) -> api::projects::GroupView {
    api::projects::GroupView {
        id,
        name: name.into(),
        members: 0,
    }
}

#[wasm_bindgen_test]
async fn a_claim_shows_the_groups_it_puts_joiners_in() {
    let t = templates::by_key("default").unwrap();
    let root = root();
    let mut d = claim(true);
    d.default_groups = vec![2];
    let groups = vec![
        group(1, "Annotators"),
        group(2, "Reviewers"),
        group(3, "QA"),
    ];
    let open = RwSignal::new(None);
    let _h = mount_to(root.clone().unchecked_into(), move || {
        view! { <DomainRow client=client::api::Client::new("csrf") org=1 domain=d.clone() roles=vec![] groups=groups.clone() expanded=open template=t error=RwSignal::new(None) on_change=Callback::new(|()| ())/> }
    });
    leptos::task::tick().await;
    assert_eq!(
        texts(&root, ".default-groups summary"),
        ["Groups they join (1)"]
    );
    assert_eq!(
        texts(&root, ".default-groups label"),
        ["Annotators", "Reviewers", "QA"]
    );
    let boxes = root
        .query_selector_all("input[name=default_groups]")
        .unwrap();
    let checked: Vec<bool> = (0..boxes.length())
        .map(|i| {
            boxes
                .item(i)
                .unwrap()
                .unchecked_into::<web_sys::HtmlInputElement>()
                .checked()
        })
        .collect();
    assert_eq!(checked, [false, true, false]);
    // Opening is kept outside the row: a reloaded row stays open.
    let details = || {
        root.query_selector(".default-groups")
            .unwrap()
            .unwrap()
            .has_attribute("open")
    };
    assert!(!details());
    root.query_selector(".default-groups summary")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    leptos::task::tick().await;
    assert_eq!(open.get_untracked(), Some(3));
    assert!(details());
    root.remove();
    // What a tick or an untick saves: the list with that group in or out.
    use client::domains::groups::toggled;
    assert_eq!(toggled(&[2], 3, true), [2, 3]);
    assert_eq!(toggled(&[2, 3], 2, false), [3]);
    assert_eq!(toggled(&[2], 2, true), [2]);
}

#[wasm_bindgen_test]
fn joins_by_domain_read_as_sentences() {
    use client::audit::sentence::sentence;
    let t = templates::by_key("default").unwrap();
    let e = api::audit::AuditEvent {
        id: 1,
        actor_id: Some(5),
        actor_name: "Nia".into(),
        actor_type: api::ActorType::User,
        key_id: None,
        source: api::AuditSource::Autojoin,
        action: "member.joined_by_domain".into(),
        target_type: "member".into(),
        target_id: Some(5),
        target_name: Some("Nia".into()),
        before: None,
        after: Some(serde_json::json!({"role": "labeler", "domain": "acme.io"})),
        client_addr: None,
        user_agent: None,
        request_id: None,
        created_at: 0,
    };
    assert_eq!(
        sentence(t, &e),
        "Nia joined by the verified domain acme.io as Labeler"
    );
    let admitted = api::audit::AuditEvent {
        actor_id: Some(1),
        actor_name: "Olive".into(),
        ..e
    };
    assert_eq!(
        sentence(t, &admitted),
        "Olive admitted Nia by the verified domain acme.io as Labeler"
    );
}
