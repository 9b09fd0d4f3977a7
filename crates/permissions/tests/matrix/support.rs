//! The harness: parses expectation tables written as text and walks them
//! against `decide`. Tables are data copied from PRODUCT.md and the seeds;
//! nothing here derives an expectation from the code under test.

use permissions::{
    Action, Actor, Decision, Grant, Invitation, InvitationState, MemberStatus, OrgPermission,
    ProjectAccess, ProjectPermission, Rule, Target, Template, UserId, decide,
};

/// A test's clock: every invitation expires at `NOW + 1000` unless expired.
pub const NOW: i64 = 1_800_000_000;

/// What a cell expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Allow,
    Deny(Rule),
    /// A state conflict: denied without a rule.
    Conflict,
}

pub fn parse_cell(cell: &str) -> Expect {
    match cell.trim() {
        "Y" | "✓" | "Allowed" => Expect::Allow,
        "–" | "-" | "Forbidden" | "R1" => Expect::Deny(Rule::R1),
        "S" => Expect::Conflict,
        other => {
            let n: usize = other
                .strip_prefix('R')
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("bad cell {other:?}"));
            let rule = enumset::EnumSet::<Rule>::all()
                .iter()
                .nth(n - 1)
                .unwrap_or_else(|| panic!("no rule R{n}"));
            Expect::Deny(rule)
        }
    }
}

pub fn outcome(d: &Decision) -> Expect {
    match d.denial() {
        None => Expect::Allow,
        Some(denial) => denial.rule().map_or(Expect::Conflict, Expect::Deny),
    }
}

/// Rows of `label | cell | cell …`, blank lines and `#` comments skipped.
pub fn rows(table: &str) -> Vec<(String, Vec<Expect>)> {
    table
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut parts = line.split('|').map(str::trim).filter(|p| !p.is_empty());
            let label = parts.next().unwrap_or_default().to_string();
            (label, parts.map(parse_cell).collect())
        })
        .collect()
}

pub fn grant(t: &Template, key: &str) -> Grant {
    t.org_role(key)
        .unwrap_or_else(|| panic!("template {} has no role {key}", t.key))
        .grant()
}

/// Actor ids are 1..; a target of another role gets id 100+column.
pub fn member(t: &Template, key: &str, id: i64) -> Actor {
    Actor::active(UserId(id), grant(t, key))
}

pub fn invitation(t: &Template, key: &str, state: InvitationState, expired: bool) -> Invitation {
    Invitation {
        state,
        expires_at: if expired { NOW - 1 } else { NOW + 1000 },
        grant: grant(t, key),
    }
}

/// Collects mismatches so one run shows every wrong cell.
#[derive(Default)]
pub struct Walk {
    pub cases: usize,
    pub failures: Vec<String>,
}

impl Walk {
    pub fn check(&mut self, what: String, expected: Expect, actor: &Actor, action: &Action) {
        self.cases += 1;
        let d = decide(NOW, actor, action);
        let got = outcome(&d);
        if got != expected {
            self.failures.push(format!(
                "{what}: expected {expected:?}, got {got:?} ({:?})",
                d.denial()
            ));
        }
        // A denial always carries the sentence the UI and the 403 show.
        if let Some(denial) = d.denial() {
            assert!(!denial.to_string().is_empty());
            assert_eq!(d.rules().len(), usize::from(denial.rule().is_some()));
        }
    }
}

/// A 1-D table: one row per action (label mapped by `action`), one column
/// per actor role.
pub fn walk_plain(
    t: &Template,
    roles: &[&str],
    table: &str,
    action: impl Fn(&str) -> Action,
) -> Walk {
    let mut w = Walk::default();
    for (label, cells) in rows(table) {
        assert_eq!(cells.len(), roles.len(), "row {label}");
        for (role, expected) in roles.iter().zip(cells) {
            let actor = member(t, role, 1);
            w.check(
                format!("{}: {role} / {label}", t.key),
                expected,
                &actor,
                &action(&label),
            );
        }
    }
    w
}

/// Every org permission has its row in a template's table: a permission
/// added to the crate cannot go unwalked.
pub fn covers_every_org_permission(t: &Template, table: &str) {
    let walked: Vec<Action> = rows(table)
        .into_iter()
        .map(|(label, _)| org_action(&label))
        .collect();
    for p in enumset::EnumSet::<OrgPermission>::all() {
        let covered = walked.iter().any(|a| match a {
            Action::Org(q) => *q == p,
            Action::ClaimProjectOwnership => p == OrgPermission::ClaimProjectOwnership,
            _ => false,
        });
        assert!(covered, "{}: no row for {p:?}", t.key);
    }
}

/// A 2-D table: one row per actor role, one column per target role plus a
/// last column `self` (the actor acting on themselves).
pub fn walk_targets(
    t: &Template,
    roles: &[&str],
    table: &str,
    name: &str,
    status: MemberStatus,
    action: impl Fn(Target) -> Action,
) -> Walk {
    let mut w = Walk::default();
    let rows = rows(table);
    assert_eq!(rows.len(), roles.len(), "{name}: one row per role");
    for (actor_key, cells) in rows {
        assert_eq!(cells.len(), roles.len() + 1, "{name}: row {actor_key}");
        let actor = member(t, &actor_key, 1);
        for (col, expected) in cells.into_iter().enumerate() {
            let (target, label) = match roles.get(col) {
                Some(key) => (
                    member(t, key, 100 + i64::try_from(col).expect("a small table")),
                    *key,
                ),
                None => (actor, "self"),
            };
            let target = target.with_status(status);
            w.check(
                format!("{}: {actor_key} {name} {label}", t.key),
                expected,
                &actor,
                &action(target),
            );
        }
    }
    w
}

/// A 2-D table: one row per actor role, one column per role to give.
pub fn walk_grants(
    t: &Template,
    roles: &[&str],
    table: &str,
    name: &str,
    action: impl Fn(Grant) -> Action,
) -> Walk {
    let mut w = Walk::default();
    let rows = rows(table);
    assert_eq!(rows.len(), roles.len(), "{name}: one row per role");
    for (actor_key, cells) in rows {
        assert_eq!(cells.len(), roles.len(), "{name}: row {actor_key}");
        let actor = member(t, &actor_key, 1);
        for (key, expected) in roles.iter().zip(cells) {
            w.check(
                format!("{}: {actor_key} {name} {key}", t.key),
                expected,
                &actor,
                &action(grant(t, key)),
            );
        }
    }
    w
}

/// The invitation states a role table alone misses, as columns.
pub const INVITATION_STATES: [(&str, InvitationState, bool); 5] = [
    ("pending", InvitationState::Open, false),
    ("expired", InvitationState::Open, true),
    ("accepted", InvitationState::Accepted, false),
    ("revoked", InvitationState::Revoked, false),
    ("declined", InvitationState::Declined, false),
];

/// A 2-D table: one row per actor role, one column per invitation state.
pub fn walk_invitations(
    t: &Template,
    invited_as: &str,
    table: &str,
    name: &str,
    action: impl Fn(Invitation) -> Action,
) -> Walk {
    let mut w = Walk::default();
    for (actor_key, cells) in rows(table) {
        assert_eq!(
            cells.len(),
            INVITATION_STATES.len(),
            "{name}: row {actor_key}"
        );
        let actor = member(t, &actor_key, 1);
        for ((label, state, expired), expected) in INVITATION_STATES.iter().zip(cells) {
            let inv = invitation(t, invited_as, *state, *expired);
            w.check(
                format!("{}: {actor_key} {name} {label}", t.key),
                expected,
                &actor,
                &action(inv),
            );
        }
    }
    w
}

/// Project permissions by project role (columns), from a direct grant only.
pub fn walk_project_roles(t: &Template, roles: &[&str], table: &str) -> Walk {
    let mut w = Walk::default();
    let no_org_role = Actor::active(UserId(1), Grant::default());
    for (label, cells) in rows(table) {
        assert_eq!(cells.len(), roles.len(), "row {label}");
        let permission = project_permission(&label);
        for (key, expected) in roles.iter().zip(cells) {
            let role = t
                .project_role(key)
                .unwrap_or_else(|| panic!("no project role {key}"));
            let access = ProjectAccess {
                direct: role.permissions,
                ..ProjectAccess::default()
            };
            w.check(
                format!("{}: project {key} / {label}", t.key),
                expected,
                &no_org_role,
                &Action::Project { permission, access },
            );
        }
    }
    w
}

/// Project permissions by org role (columns) on a project the member is
/// not on: what the org role alone gives everywhere.
pub fn walk_project_baseline(t: &Template, roles: &[&str], table: &str) -> Walk {
    let mut w = Walk::default();
    for (label, cells) in rows(table) {
        assert_eq!(cells.len(), roles.len(), "row {label}");
        let permission = project_permission(&label);
        for (key, expected) in roles.iter().zip(cells) {
            let actor = member(t, key, 1);
            let access = ProjectAccess {
                baseline: actor.grant.projects,
                ..ProjectAccess::default()
            };
            w.check(
                format!("{}: org {key} on any project / {label}", t.key),
                expected,
                &actor,
                &Action::Project { permission, access },
            );
        }
    }
    w
}

/// Row labels of project tables, as PRODUCT §3 names the permissions.
pub fn project_permission(label: &str) -> ProjectPermission {
    use ProjectPermission as P;
    match label {
        "view project" => P::ViewProject,
        "label" => P::Label,
        "review" => P::Review,
        "edit labels" => P::EditLabels,
        "views" => P::ManageViews,
        "define labels" => P::DefineLabels,
        "datasets" => P::ManageDatasets,
        "datasources" => P::ManageDatasources,
        "lock versions" => P::LockVersions,
        "export" => P::Export,
        "models" => P::ManageModels,
        "run/deploy models" => P::RunModels,
        "pipelines and alerts" => P::ConfigurePipelines,
        "manage tasks" => P::ManageTasks,
        "project members" => P::ManageProjectMembers,
        "delete any artifact" => P::DeleteAnyArtifact,
        other => panic!("unknown project permission row {other:?}"),
    }
}

/// Row labels of org tables, as PRODUCT §3 names the permissions.
pub fn org_action(label: &str) -> Action {
    use OrgPermission as O;
    Action::Org(match label {
        "view members" => O::ViewMembers,
        "invite" => O::InviteMembers,
        "resend/revoke/edit invitations" => O::ManageInvitations,
        "change member roles" => O::ChangeMemberRoles,
        "suspend/reactivate/remove" => O::RemoveMembers,
        "manage groups" => O::ManageGroups,
        "create projects" => O::CreateProjects,
        "list all org projects" => O::ListAllProjects,
        "claim project ownership" => return Action::ClaimProjectOwnership,
        "switch template" => return Action::SwitchTemplate,
        "open the organization" => return Action::OpenOrg,
        "set project under org" => O::SetProjectUnderOrg,
        "manage API keys" => O::ManageApiKeys,
        "view integrations" => O::ViewIntegrations,
        "manage integrations" => O::ManageIntegrations,
        "view audit log" => O::ViewAuditLog,
        "query decisions" => O::QueryDecisions,
        "org settings" => O::ManageSettings,
        "billing" => O::ManageBilling,
        "delete org" => O::DeleteOrg,
        "transfer ownership" => O::TransferOwnership,
        other => panic!("unknown org permission row {other:?}"),
    })
}

/// Test functions that run natively (`#[test]`) and in the browser
/// (`wasm_bindgen_test`) alike.
macro_rules! both {
    ($($(#[doc = $d:literal])* fn $name:ident() $body:block)*) => {$(
        $(#[doc = $d])*
        #[cfg_attr(not(target_arch = "wasm32"), test)]
        #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
        fn $name() $body
    )*};
}
pub(crate) use both;
