//! The members table in headless Chromium: for a viewer of each role, each
//! row's menu shows exactly the actions the permissions crate allows,
//! hides what the role can never do, and disables the rest with the
//! crate's own sentence.

use api::members::MemberView;
use client::members::actions::{Availability, MemberAction, member_actions, seats, viewer};
use leptos::mount::mount_to;
use leptos::prelude::*;
use permissions::templates;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use crate::support::menu_of;

fn row(user_id: i64, role: &str, owner: bool, status: &str) -> MemberView {
    MemberView {
        user_id,
        name: format!("{role} {user_id}"),
        email: format!("{role}{user_id}@acme.io"),
        role: role.into(),
        status: api::MemberStatus::parse(status).unwrap(),
        owner,
        joined_at: 1_700_000_000,
        access_expires_at: None,
        projects: 0,
        groups: Vec::new(),
        last_sign_in_at: None,
    }
}

/// One row per role of the default template, plus a suspended member.
fn rows() -> Vec<MemberView> {
    let t = templates::default_template();
    let mut v: Vec<MemberView> = t
        .org_roles
        .iter()
        .enumerate()
        .map(|(i, r)| row(i as i64 + 1, &r.key, r.owner, "active"))
        .collect();
    v.push(row(99, "member", false, "suspended"));
    v
}

#[wasm_bindgen_test]
async fn each_viewer_sees_exactly_what_the_crate_allows() {
    let t = templates::by_key("default").unwrap();
    let now = client::now();
    let s = seats(&api::orgs::Seats {
        used: 3,
        limit: Some(10),
    });
    let mut checked = 0;
    for (i, role) in t.org_roles.iter().enumerate() {
        let me = i as i64 + 1;
        let v = viewer(t, me, &role.key, role.owner, false);
        let doc = document();
        let root = doc.create_element("section").unwrap();
        doc.body().unwrap().append_child(&root).unwrap();
        let list = client::members::ListStateForTests::with_rows(rows());
        let viewer_memo = Memo::new(move |_| v);
        let _h = mount_to(root.clone().unchecked_into(), move || {
            view! { <client::members::MembersTableForTests list=list template=t viewer=viewer_memo seats=Signal::derive(move || s) on_pick=Callback::new(|_| ()) on_projects=Callback::new(|_| ())/> }
        });
        leptos::task::tick().await;
        for m in rows() {
            let shown = menu_of(&root, &format!("tr[data-user='{}']", m.user_id));
            let expected: Vec<(String, bool, String)> = member_actions(now, t, &v, &m, s)
                .into_iter()
                .filter_map(|(kind, a)| match a {
                    Availability::Hidden => None,
                    Availability::Enabled => Some((kind.label().to_string(), false, String::new())),
                    Availability::Disabled(r) => Some((kind.label().to_string(), true, r)),
                })
                .collect();
            assert_eq!(shown, expected, "{} viewing {}", role.key, m.name);
            checked += 1;
        }
        root.remove();
    }
    assert_eq!(checked, 6 * 7, "every viewer role × every row");
}

#[wasm_bindgen_test]
async fn a_manager_cannot_see_remove_and_is_told_why_an_admin_is_out_of_reach() {
    let t = templates::by_key("default").unwrap();
    let v = viewer(t, 3, "manager", false, false);
    let doc = document();
    let root = doc.create_element("section").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let list = client::members::ListStateForTests::with_rows(rows());
    let memo = Memo::new(move |_| v);
    let s = seats(&api::orgs::Seats {
        used: 1,
        limit: None,
    });
    let _h = mount_to(root.clone().unchecked_into(), move || {
        view! { <client::members::MembersTableForTests list=list template=t viewer=memo seats=Signal::derive(move || s) on_pick=Callback::new(|_| ()) on_projects=Callback::new(|_| ())/> }
    });
    leptos::task::tick().await;
    let admin = menu_of(&root, "tr[data-user='2']");
    assert!(
        admin.iter().all(|(label, _, _)| label != "Remove"),
        "{admin:?}"
    );
    let out_of_reach = "this member has permissions you do not hold".to_string();
    assert_eq!(
        admin,
        vec![
            ("Change role".to_string(), true, out_of_reach.clone()),
            ("Set access end date".to_string(), true, out_of_reach),
        ]
    );
    let member = menu_of(&root, "tr[data-user='4']");
    assert_eq!(
        member,
        vec![
            ("Change role".to_string(), false, String::new()),
            ("Set access end date".to_string(), false, String::new()),
        ]
    );
    let own = menu_of(&root, "tr[data-user='3']");
    assert_eq!(
        own[0].2,
        "you cannot change your own role or access; ask another admin"
    );
    assert_eq!(MemberAction::Remove.label(), "Remove");
}

#[wasm_bindgen_test]
fn transfer_is_offered_only_where_the_viewer_may_invite() {
    use client::members::actions::{Destination, transfer_availability};
    let t = templates::by_key("default").unwrap();
    let admin_here = viewer(t, 1, "admin", false, false);
    let dest = |role: &str| Destination {
        org_id: 9,
        name: "Beta".into(),
        template: t,
        viewer: viewer(t, 1, role, false, false),
    };
    let member = row(4, "member", false, "active");
    let (a, to) = transfer_availability(client::now(), t, &admin_here, &member, &[dest("manager")]);
    assert_eq!((a, to.len()), (Availability::Enabled, 1));
    // Another Admin is out of reach of nobody here, but the Owner is (R4).
    let (a, _) = transfer_availability(
        client::now(),
        t,
        &admin_here,
        &row(7, "owner", true, "active"),
        &[dest("manager")],
    );
    assert!(
        matches!(a, Availability::Disabled(ref r) if r.contains("Owner")),
        "{a:?}"
    );
    // A Viewer there can never invite: not offered at all.
    let (a, _) = transfer_availability(client::now(), t, &admin_here, &member, &[dest("viewer")]);
    assert_eq!(a, Availability::Hidden);
    // No other org: nothing to offer.
    assert_eq!(
        transfer_availability(client::now(), t, &admin_here, &member, &[]).0,
        Availability::Hidden
    );
}

/// The menus as the crate decides them for `v` and `s`, row by row.
fn expected_menus(
    t: &'static permissions::Template,
    v: &permissions::Actor,
    s: permissions::Seats,
) -> Vec<Vec<(String, bool, String)>> {
    rows()
        .iter()
        .map(|m| {
            member_actions(client::now(), t, v, m, s)
                .into_iter()
                .filter_map(|(kind, a)| match a {
                    Availability::Hidden => None,
                    Availability::Enabled => Some((kind.label().to_string(), false, String::new())),
                    Availability::Disabled(r) => Some((kind.label().to_string(), true, r)),
                })
                .collect()
        })
        .collect()
}

/// After a change made on the page (the viewer hands over ownership, the
/// last free seat is taken) every row's menu is judged again on the new
/// facts, without a reload. Before, a row kept the menu it was first drawn
/// with: the old Owner still saw "Transfer ownership" (refused, R1) and a
/// second "Reactivate" stayed enabled with no seat left (refused, R7).
#[wasm_bindgen_test]
async fn menus_follow_the_viewer_and_the_seats_after_a_change() {
    let t = templates::by_key("default").unwrap();
    let owner = viewer(t, 1, "owner", true, false);
    let successor = t.owner_successor().unwrap();
    let demoted = viewer(t, 1, &successor.key, false, false);
    let free = seats(&api::orgs::Seats {
        used: 9,
        limit: Some(10),
    });
    let full = seats(&api::orgs::Seats {
        used: 10,
        limit: Some(10),
    });
    let facts = RwSignal::new((owner, free));
    let root = crate::support::mount_root();
    let list = client::members::ListStateForTests::with_rows(rows());
    let viewer_memo = Memo::new(move |_| facts.get().0);
    let _h = mount_to(root.clone().unchecked_into(), move || {
        view! { <client::members::MembersTableForTests list=list template=t viewer=viewer_memo seats=Signal::derive(move || facts.get().1) on_pick=Callback::new(|_| ()) on_projects=Callback::new(|_| ())/> }
    });
    let shown = |root: &web_sys::Element| -> Vec<Vec<(String, bool, String)>> {
        rows()
            .iter()
            .map(|m| menu_of(root, &format!("tr[data-user='{}']", m.user_id)))
            .collect()
    };
    leptos::task::tick().await;
    assert_eq!(
        shown(&root),
        expected_menus(t, &owner, free),
        "as first drawn"
    );
    for (v, s, when) in [
        (owner, full, "the last seat taken"),
        (demoted, full, "ownership handed over"),
        (demoted, free, "a seat freed"),
    ] {
        facts.set((v, s));
        leptos::task::tick().await;
        assert_eq!(shown(&root), expected_menus(t, &v, s), "after {when}");
    }
    root.remove();
}

/// The row's own role picker appears exactly where the crate lets the
/// viewer change that member's role, offers only roles R2 allows, and
/// ticking the header box selects every row shown.
#[wasm_bindgen_test]
async fn role_pickers_in_rows_and_selection_follow_the_crate() {
    let t = templates::by_key("default").unwrap();
    let s = seats(&api::orgs::Seats {
        used: 3,
        limit: None,
    });
    for (i, role) in t.org_roles.iter().enumerate() {
        let v = viewer(t, i as i64 + 1, &role.key, role.owner, false);
        let root = crate::support::mount_root();
        let list = client::members::ListStateForTests::with_rows(rows());
        let selected = RwSignal::new(std::collections::BTreeSet::<i64>::new());
        let picked = RwSignal::new(Vec::<(i64, String)>::new());
        let viewer_memo = Memo::new(move |_| v);
        let _h = mount_to(root.clone().unchecked_into(), move || {
            view! { <client::members::MembersTableForTests list=list template=t viewer=viewer_memo seats=Signal::derive(move || s)
            on_pick=Callback::new(|_| ()) on_projects=Callback::new(|_| ()) selected=selected
            on_role=Callback::new(move |(m, r): (MemberView, String)| picked.update(|p| p.push((m.user_id, r))))/> }
        });
        leptos::task::tick().await;
        for m in rows() {
            let may = member_actions(client::now(), t, &v, &m, s)
                .iter()
                .any(|(k, a)| *k == MemberAction::ChangeRole && *a == Availability::Enabled);
            let picker = root
                .query_selector(&format!(
                    "tr[data-user='{}'] select[name=row_role]",
                    m.user_id
                ))
                .unwrap();
            assert_eq!(picker.is_some(), may, "{} viewing {}", role.key, m.name);
            if let Some(p) = picker {
                let offered = crate::support::options(&p);
                let want: Vec<String> = client::members::actions::grantable_roles(t, &v)
                    .iter()
                    .map(|r| r.name.to_string())
                    .collect();
                assert_eq!(offered, want, "R2 for {}", role.key);
            }
        }
        let all: web_sys::HtmlInputElement = root
            .query_selector("th input[type=checkbox]")
            .unwrap()
            .unwrap()
            .unchecked_into();
        all.click();
        leptos::task::tick().await;
        assert_eq!(
            selected.get_untracked().len(),
            rows().len(),
            "every row shown"
        );
        root.remove();
    }
}
