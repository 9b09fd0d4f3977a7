//! Seed 003 (Animl): the default org roles with three project levels.

use crate::tables::{Tables, walk_template};
use permissions::templates;

const T: Tables = Tables {
    project_roles: &["manager", "member", "observer"],
    // Level 3 Manager: cameras (datasources), inference pipelines and
    // alerts, all images, labels, views, users and their roles, uploads.
    // Level 2 Member: "review and edit image Labels and can create Views";
    // not pipelines, deployments or cameras. Level 1 Observer: read-only.
    // "Only Project Managers (level 3) can add/remove users".
    project_by_role: "
        #                       Manager Member Observer
        view project          | ✓ | ✓ | ✓
        label                 | ✓ | – | –
        review                | ✓ | ✓ | –
        edit labels           | ✓ | ✓ | –
        views                 | ✓ | ✓ | –
        define labels         | ✓ | – | –
        datasets              | ✓ | – | –
        datasources           | ✓ | – | –
        lock versions         | ✓ | – | –
        export                | ✓ | – | –
        models                | ✓ | – | –
        run/deploy models     | ✓ | – | –
        pipelines and alerts  | ✓ | – | –
        manage tasks          | ✓ | – | –
        project members       | ✓ | – | –
        delete any artifact   | ✓ | – | –
    ",
    ..crate::default_org::T
};

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn animl_template_walks_every_cell() {
    let t = templates::by_key("animl").expect("animl template");
    let counts = walk_template(t, &T);
    assert_eq!(
        counts,
        [
            ("plain", 126),
            ("change_role", 42),
            ("set_expiry", 42),
            ("suspend", 42),
            ("reactivate", 42),
            ("remove", 42),
            ("transfer", 42),
            ("invite", 36),
            ("change_role_to", 36),
            ("edit_invitation_to", 36),
            ("resend", 30),
            ("revoke", 30),
            ("edit_invitation", 30),
            ("create_key", 36),
            ("revoke_key", 42),
            ("disable_key", 42),
            ("rotate_key", 42),
            ("enable_key", 42),
            ("take_over_key", 42),
            ("project_by_role", 48),
            ("project_by_org_role", 96),
        ]
    );
}
