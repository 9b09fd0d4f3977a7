//! Seed 001 (MLOps platform): Administrator, Creator, Viewer.

use crate::support::{NOW, member};
use crate::tables::{Tables, walk_template};
use permissions::{Action, ProjectAccess, Rule, decide, templates};

const T: Tables = Tables {
    roles: &["owner", "administrator", "creator", "viewer"],
    lowest: "viewer",
    // "Only administrators can invite ... Only administrators can remove";
    // "In the Members view, you can see the status of all other users".
    plain: "
        #                               Owner Administrator Creator Viewer
        view members                   | ✓ | ✓ | ✓ | ✓
        invite                         | ✓ | ✓ | – | –
        resend/revoke/edit invitations | ✓ | ✓ | – | –
        change member roles            | ✓ | ✓ | – | –
        suspend/reactivate/remove      | ✓ | ✓ | – | –
        manage groups                  | ✓ | ✓ | – | –
        create projects                | ✓ | ✓ | ✓ | –
        list all org projects          | ✓ | ✓ | – | –
        claim project ownership        | ✓ | ✓ | – | –
        set project under org          | ✓ | – | – | –
        manage API keys                | ✓ | ✓ | – | –
        view integrations              | ✓ | ✓ | ✓ | ✓
        manage integrations            | ✓ | ✓ | – | –
        view audit log                 | ✓ | ✓ | – | –
        query decisions                | ✓ | ✓ | – | –
        org settings                   | ✓ | ✓ | – | –
        switch template                | ✓ | R19 | – | –
        open the organization          | ✓ | ✓ | ✓ | ✓
        billing                        | ✓ | ✓ | – | –
        delete org                     | ✓ | – | – | –
        transfer ownership             | ✓ | – | – | –
    ",
    change_role: "
        owner         | R4 | Y | Y | Y | R5
        administrator | R4 | Y | Y | Y | R5
        creator       | R1 | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1 | R1
    ",
    set_expiry: "
        owner         | R4 | Y | Y | Y | R5
        administrator | R4 | Y | Y | Y | R5
        creator       | R1 | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1 | R1
    ",
    suspend: "
        owner         | R4 | Y | Y | Y | R5
        administrator | R4 | Y | Y | Y | R5
        creator       | R1 | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1 | R1
    ",
    reactivate: "
        owner         | R4 | Y | Y | Y | R5
        administrator | R4 | Y | Y | Y | R5
        creator       | R1 | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1 | R1
    ",
    remove: "
        owner         | R4 | Y | Y | Y | R5
        administrator | R4 | Y | Y | Y | R5
        creator       | R1 | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1 | R1
    ",
    transfer: "
        owner         | Y  | Y  | Y  | Y  | R5
        administrator | R1 | R1 | R1 | R1 | R1
        creator       | R1 | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1 | R1
    ",
    invite: "
        owner         | R4 | Y | Y | Y
        administrator | R4 | Y | Y | Y
        creator       | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1
    ",
    change_role_to: "
        owner         | R4 | Y | Y | Y
        administrator | R4 | Y | Y | Y
        creator       | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1
    ",
    edit_invitation_to: "
        owner         | R4 | Y | Y | Y
        administrator | R4 | Y | Y | Y
        creator       | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1
    ",
    // "A member invitation can be withdrawn only while it hasn't been accepted."
    resend: "
        owner         | Y | Y | R6 | R6 | R6
        administrator | Y | Y | R6 | R6 | R6
        creator       | R1 | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1 | R1
    ",
    revoke: "
        owner         | Y | Y | R6 | R6 | R6
        administrator | Y | Y | R6 | R6 | R6
        creator       | R1 | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1 | R1
    ",
    edit_invitation: "
        owner         | Y | R6 | R6 | R6 | R6
        administrator | Y | R6 | R6 | R6 | R6
        creator       | R1 | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1 | R1
    ",
    // R17: a key acts with a role its creator could give (R2), never Owner (R4).
    create_key: "
        owner         | R4 | Y | Y | Y
        administrator | R4 | Y | Y | Y
        creator       | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1
    ",
    // Revoke and disable (columns: another's key of that role, then one's own):
    // its owner always may; others need the permission and R3.
    key_revoke: "
        owner         | Y | Y | Y | Y | Y
        administrator | R3 | Y | Y | Y | Y
        creator       | R1 | R1 | R1 | R1 | Y
        viewer        | R1 | R1 | R1 | R1 | Y
    ",
    // Rotate and enable hand access out again: the permission and R2, even for the owner.
    key_rotate: "
        owner         | Y | Y | Y | Y | Y
        administrator | R3 | Y | Y | Y | Y
        creator       | R1 | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1 | R1
    ",
    // Take over: the permission and R2; one's own key is a state conflict.
    key_take_over: "
        owner         | Y | Y | Y | Y | S
        administrator | R2 | Y | Y | Y | S
        creator       | R1 | R1 | R1 | R1 | R1
        viewer        | R1 | R1 | R1 | R1 | R1
    ",
    project_roles: &["manager", "reviewer", "labeler", "observer"],
    project_by_role: crate::default_org::T.project_by_role,
    // Creator: "setting up and running projects across all tasks", but
    // "cannot delete artifacts ... other than his own". Viewer: view-only.
    project_by_org_role: "
        #                       Owner Administrator Creator Viewer
        view project          | ✓ | ✓ | ✓ | ✓
        label                 | ✓ | ✓ | ✓ | –
        review                | ✓ | ✓ | ✓ | –
        edit labels           | ✓ | ✓ | ✓ | –
        views                 | ✓ | ✓ | ✓ | –
        define labels         | ✓ | ✓ | ✓ | –
        datasets              | ✓ | ✓ | ✓ | –
        datasources           | ✓ | ✓ | ✓ | –
        lock versions         | ✓ | ✓ | ✓ | –
        export                | ✓ | ✓ | ✓ | –
        models                | ✓ | ✓ | ✓ | –
        run/deploy models     | ✓ | ✓ | ✓ | –
        pipelines and alerts  | ✓ | ✓ | ✓ | –
        manage tasks          | ✓ | ✓ | ✓ | –
        project members       | ✓ | ✓ | ✓ | –
        delete any artifact   | ✓ | ✓ | – | –
    ",
};

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn mlops_template_walks_every_cell() {
    let t = templates::by_key("mlops").expect("mlops template");
    let counts = walk_template(t, &T);
    assert_eq!(
        counts,
        [
            ("plain", 84),
            ("change_role", 20),
            ("set_expiry", 20),
            ("suspend", 20),
            ("reactivate", 20),
            ("remove", 20),
            ("transfer", 20),
            ("invite", 16),
            ("change_role_to", 16),
            ("edit_invitation_to", 16),
            ("resend", 20),
            ("revoke", 20),
            ("edit_invitation", 20),
            ("create_key", 16),
            ("revoke_key", 20),
            ("disable_key", 20),
            ("rotate_key", 20),
            ("enable_key", 20),
            ("take_over_key", 20),
            ("project_by_role", 64),
            ("project_by_org_role", 64),
        ]
    );
}

/// "A creator cannot delete artifacts (e.g., datasets, models, etc.), other
/// than his own"; the Administrator has "the ability to delete artifacts".
#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn creator_deletes_only_own_artifacts() {
    let t = templates::by_key("mlops").expect("mlops template");
    // (role, created it, expected allowed)
    let cases = [
        ("owner", false, true),
        ("owner", true, true),
        ("administrator", false, true),
        ("administrator", true, true),
        ("creator", false, false),
        ("creator", true, true),
        ("viewer", false, false),
        ("viewer", true, false),
    ];
    for (role, creator, allowed) in cases {
        let actor = member(t, role, 1);
        let access = ProjectAccess {
            baseline: actor.grant.projects,
            ..Default::default()
        };
        let d = decide(NOW, &actor, &Action::DeleteArtifact { creator, access });
        assert_eq!(d.is_allowed(), allowed, "{role} creator={creator}");
        if !allowed {
            assert_eq!(d.denial().and_then(|x| x.rule()), Some(Rule::R1));
        }
    }
    assert_eq!(cases.len(), 8);
}
