//! Seed 000 (Plainsight): Admin, Project Manager, Labeler, plus the one
//! protected Owner every Roster org has.

use crate::tables::{Tables, walk_template};
use permissions::templates;

const T: Tables = Tables {
    roles: &["owner", "admin", "project_manager", "labeler"],
    lowest: "labeler",
    // "Certain user management features are only available to Admin users":
    // Admins invite, edit roles, resend invitations, delete users, manage
    // API keys, billing and account states. Project Managers invite (as PM
    // or Labeler only) and manage API keys. Labelers only view and label.
    plain: "
        #                               Owner Admin PM Labeler
        view members                   | ✓ | ✓ | ✓ | –
        invite                         | ✓ | ✓ | ✓ | –
        resend/revoke/edit invitations | ✓ | ✓ | – | –
        change member roles            | ✓ | ✓ | – | –
        suspend/reactivate/remove      | ✓ | ✓ | – | –
        manage groups                  | ✓ | ✓ | – | –
        create projects                | ✓ | ✓ | ✓ | –
        list all org projects          | ✓ | ✓ | – | –
        claim project ownership        | ✓ | ✓ | – | –
        set project under org          | ✓ | – | – | –
        manage API keys                | ✓ | ✓ | ✓ | –
        view integrations              | ✓ | ✓ | – | –
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
        #                 Owner Admin PM Labeler self
        owner           | R4 | Y | Y | Y | R5
        admin           | R4 | Y | Y | Y | R5
        project_manager | R1 | R1 | R1 | R1 | R1
        labeler         | R1 | R1 | R1 | R1 | R1
    ",
    set_expiry: "
        owner           | R4 | Y | Y | Y | R5
        admin           | R4 | Y | Y | Y | R5
        project_manager | R1 | R1 | R1 | R1 | R1
        labeler         | R1 | R1 | R1 | R1 | R1
    ",
    suspend: "
        owner           | R4 | Y | Y | Y | R5
        admin           | R4 | Y | Y | Y | R5
        project_manager | R1 | R1 | R1 | R1 | R1
        labeler         | R1 | R1 | R1 | R1 | R1
    ",
    reactivate: "
        owner           | R4 | Y | Y | Y | R5
        admin           | R4 | Y | Y | Y | R5
        project_manager | R1 | R1 | R1 | R1 | R1
        labeler         | R1 | R1 | R1 | R1 | R1
    ",
    // "Deleting a User": an admin action.
    remove: "
        owner           | R4 | Y | Y | Y | R5
        admin           | R4 | Y | Y | Y | R5
        project_manager | R1 | R1 | R1 | R1 | R1
        labeler         | R1 | R1 | R1 | R1 | R1
    ",
    transfer: "
        owner           | Y  | Y  | Y  | Y  | R5
        admin           | R1 | R1 | R1 | R1 | R1
        project_manager | R1 | R1 | R1 | R1 | R1
        labeler         | R1 | R1 | R1 | R1 | R1
    ",
    // "invite users as Project Manager and Labeler roles" — never Admin.
    invite: "
        #                 Owner Admin PM Labeler
        owner           | R4 | Y  | Y | Y
        admin           | R4 | Y  | Y | Y
        project_manager | R4 | R2 | Y | Y
        labeler         | R1 | R1 | R1 | R1
    ",
    // "can later be edited by an admin"
    change_role_to: "
        owner           | R4 | Y  | Y  | Y
        admin           | R4 | Y  | Y  | Y
        project_manager | R1 | R1 | R1 | R1
        labeler         | R1 | R1 | R1 | R1
    ",
    edit_invitation_to: "
        owner           | R4 | Y  | Y  | Y
        admin           | R4 | Y  | Y  | Y
        project_manager | R1 | R1 | R1 | R1
        labeler         | R1 | R1 | R1 | R1
    ",
    // "An admin can resend a user's invite if they have not accepted it yet."
    resend: "
        owner           | Y | Y | R6 | R6 | R6
        admin           | Y | Y | R6 | R6 | R6
        project_manager | R1 | R1 | R1 | R1 | R1
        labeler         | R1 | R1 | R1 | R1 | R1
    ",
    // "You can revoke a user's invite if they have not accepted it yet."
    revoke: "
        owner           | Y | Y | R6 | R6 | R6
        admin           | Y | Y | R6 | R6 | R6
        project_manager | R1 | R1 | R1 | R1 | R1
        labeler         | R1 | R1 | R1 | R1 | R1
    ",
    edit_invitation: "
        owner           | Y | R6 | R6 | R6 | R6
        admin           | Y | R6 | R6 | R6 | R6
        project_manager | R1 | R1 | R1 | R1 | R1
        labeler         | R1 | R1 | R1 | R1 | R1
    ",
    // R17: a key acts with a role its creator could give (R2), never Owner (R4).
    create_key: "
        owner           | R4 | Y | Y | Y
        admin           | R4 | Y | Y | Y
        project_manager | R4 | R2 | Y | Y
        labeler         | R1 | R1 | R1 | R1
    ",
    // Revoke and disable (columns: another's key of that role, then one's own):
    // its owner always may; others need the permission and R3.
    key_revoke: "
        owner           | Y | Y | Y | Y | Y
        admin           | R3 | Y | Y | Y | Y
        project_manager | R3 | R3 | Y | Y | Y
        labeler         | R1 | R1 | R1 | R1 | Y
    ",
    // Rotate and enable hand access out again: the permission and R2, even for the owner.
    key_rotate: "
        owner           | Y | Y | Y | Y | Y
        admin           | R3 | Y | Y | Y | Y
        project_manager | R3 | R3 | Y | Y | Y
        labeler         | R1 | R1 | R1 | R1 | R1
    ",
    // Take over: the permission and R2; one's own key is a state conflict.
    key_take_over: "
        owner           | Y | Y | Y | Y | S
        admin           | R2 | Y | Y | Y | S
        project_manager | R2 | R2 | Y | Y | S
        labeler         | R1 | R1 | R1 | R1 | R1
    ",
    project_roles: &["manager", "reviewer", "labeler", "observer"],
    project_by_role: crate::default_org::T.project_by_role,
    // Plainsight's roles are org-wide: the seed's lists hold on every
    // project. Admin and PM: datasets (create and delete), datasources,
    // label definitions, label, review, lock versions, export, models,
    // run/deploy/test. Labeler: view datasets, label images.
    project_by_org_role: "
        #                       Owner Admin PM Labeler
        view project          | ✓ | ✓ | ✓ | ✓
        label                 | ✓ | ✓ | ✓ | ✓
        review                | ✓ | ✓ | ✓ | –
        edit labels           | ✓ | ✓ | – | –
        views                 | ✓ | ✓ | – | –
        define labels         | ✓ | ✓ | ✓ | –
        datasets              | ✓ | ✓ | ✓ | –
        datasources           | ✓ | ✓ | ✓ | –
        lock versions         | ✓ | ✓ | ✓ | –
        export                | ✓ | ✓ | ✓ | –
        models                | ✓ | ✓ | ✓ | –
        run/deploy models     | ✓ | ✓ | ✓ | –
        pipelines and alerts  | ✓ | ✓ | – | –
        manage tasks          | ✓ | ✓ | – | –
        project members       | ✓ | ✓ | – | –
        delete any artifact   | ✓ | ✓ | ✓ | –
    ",
};

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn plainsight_template_walks_every_cell() {
    let t = templates::by_key("plainsight").expect("plainsight template");
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
