//! The default template, from PRODUCT §3 (the role matrix) and §4 (rules).

use crate::tables::{Tables, walk_template};
use permissions::templates;

pub(crate) const T: Tables = Tables {
    roles: &["owner", "admin", "manager", "member", "labeler", "viewer"],
    lowest: "labeler",
    // PRODUCT §3's table, one permission per row.
    plain: "
        #                               Owner Admin Manager Member Labeler Viewer
        view members                   | ✓ | ✓ | ✓ | ✓ | – | ✓
        invite                         | ✓ | ✓ | ✓ | – | – | –
        resend/revoke/edit invitations | ✓ | ✓ | ✓ | – | – | –
        change member roles            | ✓ | ✓ | ✓ | – | – | –
        suspend/reactivate/remove      | ✓ | ✓ | – | – | – | –
        manage groups                  | ✓ | ✓ | – | – | – | –
        create projects                | ✓ | ✓ | ✓ | ✓ | – | –
        list all org projects          | ✓ | ✓ | – | – | – | –
        claim project ownership        | ✓ | ✓ | – | – | – | –
        set project under org          | ✓ | – | – | – | – | –
        manage API keys                | ✓ | ✓ | ✓ | – | – | –
        view integrations              | ✓ | ✓ | ✓ | ✓ | – | –
        manage integrations            | ✓ | ✓ | – | – | – | –
        view audit log                 | ✓ | ✓ | – | – | – | –
        query decisions                | ✓ | ✓ | – | – | – | –
        org settings                   | ✓ | ✓ | – | – | – | –
        switch template                | ✓ | R19 | – | – | – | –
        open the organization          | ✓ | ✓ | ✓ | ✓ | ✓ | ✓
        billing                        | ✓ | ✓ | – | – | – | –
        delete org                     | ✓ | – | – | – | – | –
        transfer ownership             | ✓ | – | – | – | – | –
    ",
    // Actor rows × target columns (Owner … Viewer, then self). The Owner
    // is protected (R4), oneself is off limits (R5), a higher role is out
    // of reach (R3).
    change_role: "
        #         Owner Admin Manager Member Labeler Viewer self
        owner   | R4 | Y  | Y | Y | Y | Y | R5
        admin   | R4 | Y  | Y | Y | Y | Y | R5
        manager | R4 | R3 | Y | Y | Y | Y | R5
        member  | R1 | R1 | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1 | R1
    ",
    // R16: set by someone allowed to change that member's role.
    set_expiry: "
        owner   | R4 | Y  | Y | Y | Y | Y | R5
        admin   | R4 | Y  | Y | Y | Y | Y | R5
        manager | R4 | R3 | Y | Y | Y | Y | R5
        member  | R1 | R1 | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1 | R1
    ",
    suspend: "
        owner   | R4 | Y | Y | Y | Y | Y | R5
        admin   | R4 | Y | Y | Y | Y | Y | R5
        manager | R1 | R1 | R1 | R1 | R1 | R1 | R1
        member  | R1 | R1 | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1 | R1
    ",
    reactivate: "
        owner   | R4 | Y | Y | Y | Y | Y | R5
        admin   | R4 | Y | Y | Y | Y | Y | R5
        manager | R1 | R1 | R1 | R1 | R1 | R1 | R1
        member  | R1 | R1 | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1 | R1
    ",
    remove: "
        owner   | R4 | Y | Y | Y | Y | Y | R5
        admin   | R4 | Y | Y | Y | Y | Y | R5
        manager | R1 | R1 | R1 | R1 | R1 | R1 | R1
        member  | R1 | R1 | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1 | R1
    ",
    // Only the Owner transfers, to an active member other than themselves.
    transfer: "
        owner   | Y  | Y  | Y  | Y  | Y  | Y  | R5
        admin   | R1 | R1 | R1 | R1 | R1 | R1 | R1
        manager | R1 | R1 | R1 | R1 | R1 | R1 | R1
        member  | R1 | R1 | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1 | R1
    ",
    // Actor rows × role-to-give columns. A Manager gives Managers, Members,
    // Labelers, Viewers — never Admins (R2); nobody gives Owner (R4).
    invite: "
        #         Owner Admin Manager Member Labeler Viewer
        owner   | R4 | Y  | Y | Y | Y | Y
        admin   | R4 | Y  | Y | Y | Y | Y
        manager | R4 | R2 | Y | Y | Y | Y
        member  | R1 | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1
    ",
    change_role_to: "
        owner   | R4 | Y  | Y | Y | Y | Y
        admin   | R4 | Y  | Y | Y | Y | Y
        manager | R4 | R2 | Y | Y | Y | Y
        member  | R1 | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1
    ",
    edit_invitation_to: "
        owner   | R4 | Y  | Y | Y | Y | Y
        admin   | R4 | Y  | Y | Y | Y | Y
        manager | R4 | R2 | Y | Y | Y | Y
        member  | R1 | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1
    ",
    // Actor rows × invitation state (pending, expired, accepted, revoked,
    // declined). R6: only open invitations; expired ones may be resent.
    resend: "
        owner   | Y | Y | R6 | R6 | R6
        admin   | Y | Y | R6 | R6 | R6
        manager | Y | Y | R6 | R6 | R6
        member  | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1
    ",
    revoke: "
        owner   | Y | Y | R6 | R6 | R6
        admin   | Y | Y | R6 | R6 | R6
        manager | Y | Y | R6 | R6 | R6
        member  | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1
    ",
    // Only a pending invitation's role is edited; an expired one is resent.
    edit_invitation: "
        owner   | Y | R6 | R6 | R6 | R6
        admin   | Y | R6 | R6 | R6 | R6
        manager | Y | R6 | R6 | R6 | R6
        member  | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1
    ",
    // R17: a key acts with a role its creator could give (R2), never Owner (R4).
    create_key: "
        owner   | R4 | Y | Y | Y | Y | Y
        admin   | R4 | Y | Y | Y | Y | Y
        manager | R4 | R2 | Y | Y | Y | Y
        member  | R1 | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1
    ",
    // Revoke and disable (columns: another's key of that role, then one's own):
    // its owner always may; others need the permission and R3.
    key_revoke: "
        owner   | Y | Y | Y | Y | Y | Y | Y
        admin   | R3 | Y | Y | Y | Y | Y | Y
        manager | R3 | R3 | Y | Y | Y | Y | Y
        member  | R1 | R1 | R1 | R1 | R1 | R1 | Y
        labeler | R1 | R1 | R1 | R1 | R1 | R1 | Y
        viewer  | R1 | R1 | R1 | R1 | R1 | R1 | Y
    ",
    // Rotate and enable hand access out again: the permission and R2, even for the owner.
    key_rotate: "
        owner   | Y | Y | Y | Y | Y | Y | Y
        admin   | R3 | Y | Y | Y | Y | Y | Y
        manager | R3 | R3 | Y | Y | Y | Y | Y
        member  | R1 | R1 | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1 | R1
    ",
    // Take over: the permission and R2; one's own key is a state conflict.
    key_take_over: "
        owner   | Y | Y | Y | Y | Y | Y | S
        admin   | R2 | Y | Y | Y | Y | Y | S
        manager | R2 | R2 | Y | Y | Y | Y | S
        member  | R1 | R1 | R1 | R1 | R1 | R1 | R1
        labeler | R1 | R1 | R1 | R1 | R1 | R1 | R1
        viewer  | R1 | R1 | R1 | R1 | R1 | R1 | R1
    ",
    project_roles: &["manager", "reviewer", "labeler", "observer"],
    // Observer = read-only; Labeler = view + label; Reviewer = Labeler +
    // review + edit labels + views; Manager = everything in the project.
    project_by_role: "
        #                       Manager Reviewer Labeler Observer
        view project          | ✓ | ✓ | ✓ | ✓
        label                 | ✓ | ✓ | ✓ | –
        review                | ✓ | ✓ | – | –
        edit labels           | ✓ | ✓ | – | –
        views                 | ✓ | ✓ | – | –
        define labels         | ✓ | – | – | –
        datasets              | ✓ | – | – | –
        datasources           | ✓ | – | – | –
        lock versions         | ✓ | – | – | –
        export                | ✓ | – | – | –
        models                | ✓ | – | – | –
        run/deploy models     | ✓ | – | – | –
        pipelines and alerts  | ✓ | – | – | –
        manage tasks          | ✓ | – | – | –
        project members       | ✓ | – | – | –
        delete any artifact   | ✓ | – | – | –
    ",
    // Org Owner and Admin act as Manager on every project; the others get
    // nothing from their org role alone.
    project_by_org_role: "
        view project          | ✓ | ✓ | – | – | – | –
        label                 | ✓ | ✓ | – | – | – | –
        review                | ✓ | ✓ | – | – | – | –
        edit labels           | ✓ | ✓ | – | – | – | –
        views                 | ✓ | ✓ | – | – | – | –
        define labels         | ✓ | ✓ | – | – | – | –
        datasets              | ✓ | ✓ | – | – | – | –
        datasources           | ✓ | ✓ | – | – | – | –
        lock versions         | ✓ | ✓ | – | – | – | –
        export                | ✓ | ✓ | – | – | – | –
        models                | ✓ | ✓ | – | – | – | –
        run/deploy models     | ✓ | ✓ | – | – | – | –
        pipelines and alerts  | ✓ | ✓ | – | – | – | –
        manage tasks          | ✓ | ✓ | – | – | – | –
        project members       | ✓ | ✓ | – | – | – | –
        delete any artifact   | ✓ | ✓ | – | – | – | –
    ",
};

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn default_template_walks_every_cell() {
    let counts = walk_template(&templates::default_template(), &T);
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
            ("project_by_role", 64),
            ("project_by_org_role", 96),
        ]
    );
}
