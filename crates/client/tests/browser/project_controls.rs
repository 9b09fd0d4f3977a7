//! A project card in headless Chromium for every template × org role ×
//! standing in the project (none, each direct project role, a group's
//! role, owner): "Add group" with exactly the grantable project roles and
//! "Create task" appear exactly when the permissions crate allows them;
//! plus spot checks written from PRODUCT §3 and seed 003.

use api::projects::ProjectView;
use client::members::actions::viewer;
use client::projects::card::ProjectCard;
use leptos::mount::mount_to;
use leptos::prelude::*;
use permissions::{
    Action, Actor, ProjectAccess, ProjectPermission, ProjectPermissions, Template, decide,
    templates,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

/// The viewer's standings in a project, named for messages.
fn standings(t: &Template, v: &Actor) -> Vec<(String, ProjectAccess)> {
    let base = ProjectAccess {
        baseline: v.grant.projects,
        ..ProjectAccess::default()
    };
    let mut out = vec![
        ("not on it".to_string(), base),
        (
            "owner".to_string(),
            ProjectAccess {
                owner: true,
                ..base
            },
        ),
    ];
    for r in &t.project_roles {
        out.push((
            format!("direct {}", r.key),
            ProjectAccess {
                direct: r.permissions,
                ..base
            },
        ));
        out.push((
            format!("group {}", r.key),
            ProjectAccess {
                groups: r.permissions,
                ..base
            },
        ));
    }
    out
}

struct Shown {
    add_group_roles: Option<Vec<String>>,
    create_task: bool,
}

async fn mount_card(
    t: &'static Template,
    v: Actor,
    access: ProjectAccess,
) -> (web_sys::Element, Shown) {
    let doc = document();
    let root = doc.create_element("section").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let project = ProjectView {
        id: 1,
        name: "Birds".into(),
        owner_id: if access.owner { v.user.0 } else { 999 },
        owner_name: "Pat Owner".into(),
        access,
    };
    let handle = mount_to(root.clone().unchecked_into(), move || {
        view! { <ProjectCard client=client::api::Client::new("csrf") org=1 project=project.clone() viewer=v template=t
        groups=RwSignal::new(vec![]) claim_ok=false error=RwSignal::new(None) on_change=Callback::new(|()| ())/> }
    });
    leptos::task::tick().await;
    let add_group_roles = root.query_selector("button.add-group").unwrap().map(|_| {
        let opts = root
            .query_selector_all("select[name=project_role] option")
            .unwrap();
        (0..opts.length())
            .map(|i| opts.item(i).unwrap().text_content().unwrap())
            .collect()
    });
    let create_task = root
        .query_selector("input[name=task_name]")
        .unwrap()
        .is_some();
    drop(handle);
    (
        root,
        Shown {
            add_group_roles,
            create_task,
        },
    )
}

#[wasm_bindgen_test]
async fn project_controls_follow_the_crate_for_every_standing() {
    let now = client::now();
    let mut cases = 0;
    for t in templates::all() {
        for role in &t.org_roles {
            let v = viewer(t, 1, &role.key, role.owner, false);
            for (standing, access) in standings(t, &v) {
                let (root, shown) = mount_card(t, v, access).await;
                let manage = decide(
                    now,
                    &v,
                    &Action::Project {
                        permission: ProjectPermission::ManageProjectMembers,
                        access,
                    },
                );
                let grantable: Vec<String> = t
                    .project_roles
                    .iter()
                    .filter(|r| {
                        decide(
                            now,
                            &v,
                            &Action::GrantProjectRole {
                                role: r.permissions,
                                access,
                            },
                        )
                        .is_allowed()
                    })
                    .map(|r| r.name.to_string())
                    .collect();
                let expected_roles = manage.is_allowed().then_some(grantable);
                assert_eq!(
                    shown.add_group_roles, expected_roles,
                    "{} {} {standing}: add group",
                    t.key, role.key
                );
                let tasks = decide(
                    now,
                    &v,
                    &Action::Project {
                        permission: ProjectPermission::ManageTasks,
                        access,
                    },
                );
                assert_eq!(
                    shown.create_task,
                    tasks.is_allowed(),
                    "{} {} {standing}: create task",
                    t.key,
                    role.key
                );
                root.remove();
                cases += 1;
            }
        }
    }
    // Every template × org role × (none, owner, each role direct and by group).
    let expected: usize = templates::all()
        .iter()
        .map(|t| t.org_roles.len() * (2 + 2 * t.project_roles.len()))
        .sum();
    assert_eq!(cases, expected);
}

#[wasm_bindgen_test]
async fn spot_checks_from_the_spec() {
    let t = templates::by_key("default").unwrap();
    let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let perms = |key: &str| -> ProjectPermissions { t.project_role(key).unwrap().permissions };
    // A Labeler who is a project's Manager manages it fully (PRODUCT §3).
    let labeler = viewer(t, 1, "labeler", false, false);
    let access = ProjectAccess {
        baseline: labeler.grant.projects,
        direct: perms("manager"),
        ..Default::default()
    };
    let (root, shown) = mount_card(t, labeler, access).await;
    assert_eq!(
        shown.add_group_roles,
        Some(names(&["Manager", "Reviewer", "Labeler", "Observer"]))
    );
    assert!(shown.create_task);
    root.remove();
    // An Observer is read-only.
    let access = ProjectAccess {
        baseline: labeler.grant.projects,
        direct: perms("observer"),
        ..Default::default()
    };
    let (root, shown) = mount_card(t, labeler, access).await;
    assert_eq!(shown.add_group_roles, None);
    assert!(!shown.create_task);
    root.remove();
    // Org Admins act as Manager on every project, without a project role.
    let admin = viewer(t, 1, "admin", false, false);
    let access = ProjectAccess {
        baseline: admin.grant.projects,
        ..Default::default()
    };
    let (root, shown) = mount_card(t, admin, access).await;
    assert_eq!(
        shown.add_group_roles,
        Some(names(&["Manager", "Reviewer", "Labeler", "Observer"]))
    );
    root.remove();
    // Animl (seed 003): only Project Managers (level 3) add users and
    // manage their project roles; Members and Observers do not.
    let animl = templates::by_key("animl").unwrap();
    let v = viewer(animl, 1, "labeler", false, false);
    for (key, want) in [
        (
            "manager",
            Some(names(&[
                "Project Manager",
                "Project Member",
                "Project Observer",
            ])),
        ),
        ("member", None),
        ("observer", None),
    ] {
        let access = ProjectAccess {
            baseline: v.grant.projects,
            direct: animl.project_role(key).unwrap().permissions,
            ..Default::default()
        };
        let (root, shown) = mount_card(animl, v, access).await;
        assert_eq!(shown.add_group_roles, want, "animl project {key}");
        root.remove();
    }
}
