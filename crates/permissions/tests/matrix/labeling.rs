//! Seed 002 (labeling platform): Admin, Manager, Trusted, Viewer.

use crate::tables::{Tables, walk_template};
use permissions::templates;

const T: Tables = Tables {
    roles: &["owner", "admin", "manager", "trusted", "viewer"],
    lowest: "viewer",
    // "administrators ... manage user roles", "reinvite users", "deactivate
    // users"; every role sees the users list.
    plain: "
        #                               Owner Admin Manager Trusted Viewer
        view members                   | ✓ | ✓ | ✓ | ✓ | ✓
        invite                         | ✓ | ✓ | ✓ | – | –
        resend/revoke/edit invitations | ✓ | ✓ | ✓ | – | –
        change member roles            | ✓ | ✓ | ✓ | – | –
        suspend/reactivate/remove      | ✓ | ✓ | – | – | –
        manage groups                  | ✓ | ✓ | – | – | –
        create projects                | ✓ | ✓ | ✓ | ✓ | –
        list all org projects          | ✓ | ✓ | – | – | –
        claim project ownership        | ✓ | ✓ | – | – | –
        set project under org          | ✓ | – | – | – | –
        manage API keys                | ✓ | ✓ | ✓ | – | –
        view integrations              | ✓ | ✓ | ✓ | ✓ | –
        manage integrations            | ✓ | ✓ | – | – | –
        view audit log                 | ✓ | ✓ | – | – | –
        query decisions                | ✓ | ✓ | – | – | –
        org settings                   | ✓ | ✓ | – | – | –
        switch template                | ✓ | R19 | – | – | –
        open the organization          | ✓ | ✓ | ✓ | ✓ | ✓
        billing                        | ✓ | ✓ | – | – | –
        delete org                     | ✓ | – | – | – | –
        transfer ownership             | ✓ | – | – | – | –
    ",
    change_role: "
        owner   | R4 | Y  | Y | Y | Y | R5
        admin   | R4 | Y  | Y | Y | Y | R5
        manager | R4 | R3 | Y | Y | Y | R5
        trusted | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1
    ",
    set_expiry: "
        owner   | R4 | Y  | Y | Y | Y | R5
        admin   | R4 | Y  | Y | Y | Y | R5
        manager | R4 | R3 | Y | Y | Y | R5
        trusted | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1
    ",
    // "Deactivating Users" is an Admin Settings action.
    suspend: "
        owner   | R4 | Y | Y | Y | Y | R5
        admin   | R4 | Y | Y | Y | Y | R5
        manager | R1 | R1 | R1 | R1 | R1 | R1
        trusted | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1
    ",
    reactivate: "
        owner   | R4 | Y | Y | Y | Y | R5
        admin   | R4 | Y | Y | Y | Y | R5
        manager | R1 | R1 | R1 | R1 | R1 | R1
        trusted | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1
    ",
    remove: "
        owner   | R4 | Y | Y | Y | Y | R5
        admin   | R4 | Y | Y | Y | Y | R5
        manager | R1 | R1 | R1 | R1 | R1 | R1
        trusted | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1
    ",
    transfer: "
        owner   | Y  | Y  | Y  | Y  | Y  | R5
        admin   | R1 | R1 | R1 | R1 | R1 | R1
        manager | R1 | R1 | R1 | R1 | R1 | R1
        trusted | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1
    ",
    invite: "
        owner   | R4 | Y  | Y | Y | Y
        admin   | R4 | Y  | Y | Y | Y
        manager | R4 | R2 | Y | Y | Y
        trusted | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1
    ",
    change_role_to: "
        owner   | R4 | Y  | Y | Y | Y
        admin   | R4 | Y  | Y | Y | Y
        manager | R4 | R2 | Y | Y | Y
        trusted | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1
    ",
    // The seed edits roles of active users only; Roster also edits a
    // pending invitation's role (PRODUCT §3), under R2.
    edit_invitation_to: "
        owner   | R4 | Y  | Y | Y | Y
        admin   | R4 | Y  | Y | Y | Y
        manager | R4 | R2 | Y | Y | Y
        trusted | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1
    ",
    // "reinvite users who have not accepted their invitations"
    resend: "
        owner   | Y | Y | R6 | R6 | R6
        admin   | Y | Y | R6 | R6 | R6
        manager | Y | Y | R6 | R6 | R6
        trusted | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1
    ",
    revoke: "
        owner   | Y | Y | R6 | R6 | R6
        admin   | Y | Y | R6 | R6 | R6
        manager | Y | Y | R6 | R6 | R6
        trusted | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1
    ",
    edit_invitation: "
        owner   | Y | R6 | R6 | R6 | R6
        admin   | Y | R6 | R6 | R6 | R6
        manager | Y | R6 | R6 | R6 | R6
        trusted | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1
    ",
    // R17: a key acts with a role its creator could give (R2), never Owner (R4).
    create_key: "
        owner   | R4 | Y | Y | Y | Y
        admin   | R4 | Y | Y | Y | Y
        manager | R4 | R2 | Y | Y | Y
        trusted | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1
    ",
    // Revoke and disable (columns: another's key of that role, then one's own):
    // its owner always may; others need the permission and R3.
    key_revoke: "
        owner   | Y | Y | Y | Y | Y | Y
        admin   | R3 | Y | Y | Y | Y | Y
        manager | R3 | R3 | Y | Y | Y | Y
        trusted | R1 | R1 | R1 | R1 | R1 | Y
        viewer  | R1 | R1 | R1 | R1 | R1 | Y
    ",
    // Rotate and enable hand access out again: the permission and R2, even for the owner.
    key_rotate: "
        owner   | Y | Y | Y | Y | Y | Y
        admin   | R3 | Y | Y | Y | Y | Y
        manager | R3 | R3 | Y | Y | Y | Y
        trusted | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1
    ",
    // Take over: the permission and R2; one's own key is a state conflict.
    key_take_over: "
        owner   | Y | Y | Y | Y | Y | S
        admin   | R2 | Y | Y | Y | Y | S
        manager | R2 | R2 | Y | Y | Y | S
        trusted | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1
    ",
    project_roles: &["manager", "reviewer", "labeler", "observer"],
    project_by_role: crate::default_org::T.project_by_role,
    project_by_org_role: "
        view project          | ✓ | ✓ | – | – | –
        label                 | ✓ | ✓ | – | – | –
        review                | ✓ | ✓ | – | – | –
        edit labels           | ✓ | ✓ | – | – | –
        views                 | ✓ | ✓ | – | – | –
        define labels         | ✓ | ✓ | – | – | –
        datasets              | ✓ | ✓ | – | – | –
        datasources           | ✓ | ✓ | – | – | –
        lock versions         | ✓ | ✓ | – | – | –
        export                | ✓ | ✓ | – | – | –
        models                | ✓ | ✓ | – | – | –
        run/deploy models     | ✓ | ✓ | – | – | –
        pipelines and alerts  | ✓ | ✓ | – | – | –
        manage tasks          | ✓ | ✓ | – | – | –
        project members       | ✓ | ✓ | – | – | –
        delete any artifact   | ✓ | ✓ | – | – | –
    ",
};

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn labeling_template_walks_every_cell() {
    let t = templates::by_key("labeling").expect("labeling template");
    let counts = walk_template(t, &T);
    assert_eq!(
        counts,
        [
            ("plain", 105),
            ("change_role", 30),
            ("set_expiry", 30),
            ("suspend", 30),
            ("reactivate", 30),
            ("remove", 30),
            ("transfer", 30),
            ("invite", 25),
            ("change_role_to", 25),
            ("edit_invitation_to", 25),
            ("resend", 25),
            ("revoke", 25),
            ("edit_invitation", 25),
            ("create_key", 25),
            ("revoke_key", 30),
            ("disable_key", 30),
            ("rotate_key", 30),
            ("enable_key", 30),
            ("take_over_key", 30),
            ("project_by_role", 64),
            ("project_by_org_role", 80),
        ]
    );
}
