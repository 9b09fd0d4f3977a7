//! Seed 004 (Dataloop): Owner, Admin, Member, Worker.

use crate::support::{NOW, grant, member, outcome, rows};
use crate::tables::{Tables, walk_template};
use permissions::{Action, OrgPermission as O, Seats, decide, templates};

/// The seed's "Organization Role Permissions" table, copied cell for cell
/// (columns Worker | Member | Admin | Owner), with PRODUCT §3's one change
/// marked. Each row is asked as the action it names.
const SEED_TABLE: &str = "
    Create a project | Forbidden | Allowed | Allowed | Allowed |
    List organizations projects | Forbidden | Forbidden | Allowed | Allowed |
    Add ORG members | Forbidden | Allowed | Allowed | Allowed |
    Change members role | Forbidden | Allowed | Allowed | Allowed |
    Delete members | Forbidden | Forbidden | Allowed | Allowed |
    # The table says Owner only; its prose walks an Org Admin through
    # claiming, and PRODUCT §3 follows the prose: Admin is Allowed.
    Claim ownership over projects | Forbidden | Forbidden | Allowed | Allowed |
    Set a project under the organization | Forbidden | Forbidden | Forbidden | Allowed |
    Create a group | Forbidden | Forbidden | Allowed | Allowed |
    Update a group | Forbidden | Forbidden | Allowed | Allowed |
    Delete a group | Forbidden | Forbidden | Allowed | Allowed |
    Create an integration | Forbidden | Forbidden | Allowed | Allowed |
    Update integration | Forbidden | Forbidden | Allowed | Allowed |
    Delete integration | Forbidden | Forbidden | Allowed | Allowed |
    List integrations in project | Forbidden | Allowed | Allowed | Allowed |
";

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn dataloop_seed_table_cell_for_cell() {
    let t = templates::by_key("dataloop").expect("dataloop template");
    let worker = || member(t, "worker", 50);
    let cols = ["worker", "member", "admin", "owner"];
    let mut failures = Vec::new();
    let mut cases = 0;
    for (row, cells) in rows(SEED_TABLE) {
        let action = match row.as_str() {
            "Create a project" => Action::Org(O::CreateProjects),
            "List organizations projects" => Action::Org(O::ListAllProjects),
            // Members add members, bounded by R2: a Worker is within reach.
            "Add ORG members" => Action::Invite {
                role: grant(t, "worker"),
                seats: Seats::default(),
            },
            "Change members role" => Action::ChangeRole {
                target: worker(),
                role: grant(t, "worker"),
            },
            "Delete members" => Action::Remove {
                target: worker(),
                projects: permissions::Handover::NONE,
            },
            "Claim ownership over projects" => Action::ClaimProjectOwnership,
            "Set a project under the organization" => Action::Org(O::SetProjectUnderOrg),
            "Create a group" | "Update a group" | "Delete a group" => Action::Org(O::ManageGroups),
            "Create an integration" | "Update integration" | "Delete integration" => {
                Action::Org(O::ManageIntegrations)
            }
            "List integrations in project" => Action::Org(O::ViewIntegrations),
            other => panic!("unknown row {other}"),
        };
        assert_eq!(cells.len(), 4, "{row}");
        for (role, expected) in cols.iter().zip(cells) {
            cases += 1;
            let got = outcome(&decide(NOW, &member(t, role, 1), &action));
            if got != expected {
                failures.push(format!(
                    "{row} / {role}: expected {expected:?}, got {got:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(cases, 14 * 4, "every cell of the seed table");
}

const T: Tables = Tables {
    roles: &["owner", "admin", "member", "worker"],
    lowest: "worker",
    // The prose: Admins delete and rename the org; Members view the
    // members; Workers "cannot view the list of organization members,
    // access any secrets nor open new projects".
    plain: "
        #                               Owner Admin Member Worker
        view members                   | ✓ | ✓ | ✓ | –
        invite                         | ✓ | ✓ | ✓ | –
        resend/revoke/edit invitations | ✓ | ✓ | ✓ | –
        change member roles            | ✓ | ✓ | ✓ | –
        suspend/reactivate/remove      | ✓ | ✓ | – | –
        manage groups                  | ✓ | ✓ | – | –
        create projects                | ✓ | ✓ | ✓ | –
        list all org projects          | ✓ | ✓ | – | –
        claim project ownership        | ✓ | ✓ | – | –
        set project under org          | ✓ | – | – | –
        manage API keys                | ✓ | ✓ | – | –
        view integrations              | ✓ | ✓ | ✓ | –
        manage integrations            | ✓ | ✓ | – | –
        view audit log                 | ✓ | ✓ | – | –
        query decisions                | ✓ | ✓ | – | –
        org settings                   | ✓ | ✓ | – | –
        switch template                | ✓ | R19 | – | –
        open the organization          | ✓ | ✓ | ✓ | ✓
        billing                        | ✓ | – | – | –
        delete org                     | ✓ | ✓ | – | –
        transfer ownership             | ✓ | – | – | –
    ",
    // "Owner - the user who created the organization. This user cannot be
    // removed." A Member re-roles only Members and Workers (PRODUCT §3).
    change_role: "
        #         Owner Admin Member Worker self
        owner   | R4 | Y  | Y | Y | R5
        admin   | R4 | Y  | Y | Y | R5
        member  | R4 | R3 | Y | Y | R5
        worker  | R1 | R1 | R1 | R1 | R1
    ",
    set_expiry: "
        owner   | R4 | Y  | Y | Y | R5
        admin   | R4 | Y  | Y | Y | R5
        member  | R4 | R3 | Y | Y | R5
        worker  | R1 | R1 | R1 | R1 | R1
    ",
    suspend: "
        owner   | R4 | Y | Y | Y | R5
        admin   | R4 | Y | Y | Y | R5
        member  | R1 | R1 | R1 | R1 | R1
        worker  | R1 | R1 | R1 | R1 | R1
    ",
    reactivate: "
        owner   | R4 | Y | Y | Y | R5
        admin   | R4 | Y | Y | Y | R5
        member  | R1 | R1 | R1 | R1 | R1
        worker  | R1 | R1 | R1 | R1 | R1
    ",
    remove: "
        owner   | R4 | Y | Y | Y | R5
        admin   | R4 | Y | Y | Y | R5
        member  | R1 | R1 | R1 | R1 | R1
        worker  | R1 | R1 | R1 | R1 | R1
    ",
    transfer: "
        owner   | Y  | Y  | Y  | Y  | R5
        admin   | R1 | R1 | R1 | R1 | R1
        member  | R1 | R1 | R1 | R1 | R1
        worker  | R1 | R1 | R1 | R1 | R1
    ",
    invite: "
        owner   | R4 | Y  | Y | Y
        admin   | R4 | Y  | Y | Y
        member  | R4 | R2 | Y | Y
        worker  | R1 | R1 | R1 | R1
    ",
    change_role_to: "
        owner   | R4 | Y  | Y | Y
        admin   | R4 | Y  | Y | Y
        member  | R4 | R2 | Y | Y
        worker  | R1 | R1 | R1 | R1
    ",
    edit_invitation_to: "
        owner   | R4 | Y  | Y | Y
        admin   | R4 | Y  | Y | Y
        member  | R4 | R2 | Y | Y
        worker  | R1 | R1 | R1 | R1
    ",
    resend: "
        owner   | Y | Y | R6 | R6 | R6
        admin   | Y | Y | R6 | R6 | R6
        member  | Y | Y | R6 | R6 | R6
        worker  | R1 | R1 | R1 | R1 | R1
    ",
    revoke: "
        owner   | Y | Y | R6 | R6 | R6
        admin   | Y | Y | R6 | R6 | R6
        member  | Y | Y | R6 | R6 | R6
        worker  | R1 | R1 | R1 | R1 | R1
    ",
    edit_invitation: "
        owner   | Y | R6 | R6 | R6 | R6
        admin   | Y | R6 | R6 | R6 | R6
        member  | Y | R6 | R6 | R6 | R6
        worker  | R1 | R1 | R1 | R1 | R1
    ",
    // R17: a key acts with a role its creator could give (R2), never Owner (R4).
    create_key: "
        owner  | R4 | Y | Y | Y
        admin  | R4 | Y | Y | Y
        member | R1 | R1 | R1 | R1
        worker | R1 | R1 | R1 | R1
    ",
    // Revoke and disable (columns: another's key of that role, then one's own):
    // its owner always may; others need the permission and R3.
    key_revoke: "
        owner  | Y | Y | Y | Y | Y
        admin  | R3 | Y | Y | Y | Y
        member | R1 | R1 | R1 | R1 | Y
        worker | R1 | R1 | R1 | R1 | Y
    ",
    // Rotate and enable hand access out again: the permission and R2, even for the owner.
    key_rotate: "
        owner  | Y | Y | Y | Y | Y
        admin  | R3 | Y | Y | Y | Y
        member | R1 | R1 | R1 | R1 | R1
        worker | R1 | R1 | R1 | R1 | R1
    ",
    // Take over: the permission and R2; one's own key is a state conflict.
    key_take_over: "
        owner  | Y | Y | Y | Y | S
        admin  | R2 | Y | Y | Y | S
        member | R1 | R1 | R1 | R1 | R1
        worker | R1 | R1 | R1 | R1 | R1
    ",
    project_roles: &["manager", "reviewer", "labeler", "observer"],
    project_by_role: crate::default_org::T.project_by_role,
    project_by_org_role: "
        view project          | ✓ | ✓ | – | –
        label                 | ✓ | ✓ | – | –
        review                | ✓ | ✓ | – | –
        edit labels           | ✓ | ✓ | – | –
        views                 | ✓ | ✓ | – | –
        define labels         | ✓ | ✓ | – | –
        datasets              | ✓ | ✓ | – | –
        datasources           | ✓ | ✓ | – | –
        lock versions         | ✓ | ✓ | – | –
        export                | ✓ | ✓ | – | –
        models                | ✓ | ✓ | – | –
        run/deploy models     | ✓ | ✓ | – | –
        pipelines and alerts  | ✓ | ✓ | – | –
        manage tasks          | ✓ | ✓ | – | –
        project members       | ✓ | ✓ | – | –
        delete any artifact   | ✓ | ✓ | – | –
    ",
};

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn dataloop_template_walks_every_cell() {
    let t = templates::by_key("dataloop").expect("dataloop template");
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
