//! What the crate's plan decides over, loaded in one read of the org: its
//! members and open invitations by address, groups and projects by name
//! (with the importer's access to each), and seats. Preview and commit
//! load the same way and call the same `permissions::import::plan`; the
//! plan's digest names it, so a commit can tell whether it still holds.

use std::collections::BTreeMap;

use api::import::{ExistingPolicy, ImportPreview, PreviewRow, RowOutcome};
use permissions::import::{Existing, Facts, Outcome, Plan, Policy, plan};
use permissions::{ProjectAccess, Seats};
use sha2::{Digest, Sha256};

use super::file::Line;
use crate::access::{self, OrgContext};
use crate::db::{groups, invitations, members, projects};
use crate::error::ApiResult;

/// The org as the plan sees it.
pub struct Loaded {
    existing: BTreeMap<String, Existing>,
    groups: BTreeMap<String, i64>,
    projects: BTreeMap<String, (i64, ProjectAccess)>,
    seats: Seats,
}

impl Loaded {
    /// The member with this folded address, by user id.
    pub fn member(&self, email: &str) -> Option<i64> {
        match self.existing.get(email) {
            Some(Existing::Member { member, .. }) => Some(member.user.0),
            _ => None,
        }
    }
}

fn role_index(ctx: &OrgContext, key: &str) -> usize {
    // A role the template lacks matches no row's role: always a change.
    ctx.template
        .org_roles
        .iter()
        .position(|r| r.key == key)
        .unwrap_or(usize::MAX)
}

/// Reads the org's facts inside `tx` (under the org lock for a commit).
pub async fn load(tx: &mut sqlx::AnyConnection, ctx: &OrgContext, now: i64) -> ApiResult<Loaded> {
    let mut existing = BTreeMap::new();
    for inv in invitations::list_open(tx, ctx.org.id, i64::MAX).await? {
        let role = role_index(ctx, &inv.role);
        existing.insert(
            inv.email.to_ascii_lowercase(),
            Existing::Invited {
                invitation: inv.facts(ctx.template),
                role,
            },
        );
    }
    // A member is a member first, whatever invitation is still open.
    for m in members::all(tx, ctx.org.id).await? {
        existing.insert(
            m.email.to_ascii_lowercase(),
            Existing::Member {
                member: ctx.facts(&m),
                role: role_index(ctx, &m.role),
            },
        );
    }
    let groups = groups::list(tx, ctx.org.id)
        .await?
        .into_iter()
        .map(|(id, name, _)| (name.to_lowercase(), id))
        .collect();
    let list = projects::all(tx, ctx.org.id).await?;
    let access = access::projects_access(tx, ctx, &list).await?;
    let projects = list
        .iter()
        .zip(access)
        .map(|(p, a)| (p.name.to_lowercase(), (p.id, a)))
        .collect();
    let seats = crate::change::seats(tx, ctx, now).await?;
    Ok(Loaded {
        existing,
        groups,
        projects,
        seats,
    })
}

/// The crate's plan for `lines` over `loaded`.
pub fn planned(
    ctx: &OrgContext,
    loaded: &Loaded,
    lines: &[Line],
    policy: ExistingPolicy,
    now: i64,
) -> Plan {
    let rows: Vec<_> = lines.iter().map(|l| l.row.clone()).collect();
    plan(
        &rows,
        &Facts {
            now,
            template: ctx.template,
            actor: ctx.actor,
            seats: loaded.seats,
            existing: &loaded.existing,
            groups: &loaded.groups,
            projects: &loaded.projects,
            policy: match policy {
                ExistingPolicy::Skip => Policy::Skip,
                ExistingPolicy::UpdateRole => Policy::UpdateRole,
            },
        },
    )
}

const fn outcome(o: Outcome) -> RowOutcome {
    match o {
        Outcome::NewInvite => RowOutcome::NewInvite,
        Outcome::ExpiredReinvited => RowOutcome::ExpiredInviteReinvited,
        Outcome::AlreadyMember(_) => RowOutcome::AlreadyMember,
        Outcome::AlreadyInvited(_) => RowOutcome::AlreadyInvited,
        Outcome::Suspended => RowOutcome::Suspended,
        Outcome::Invalid => RowOutcome::Invalid,
    }
}

/// The plan as the wire shows it, named by its digest: the file, the
/// policy and every row's outcome, role and reason.
pub fn preview(
    ctx: &OrgContext,
    bytes: &[u8],
    lines: &[Line],
    plan: &Plan,
    policy: ExistingPolicy,
) -> ImportPreview {
    let rows: Vec<PreviewRow> = lines
        .iter()
        .zip(&plan.rows)
        .map(|(line, p)| PreviewRow {
            line: p.line,
            email: line.email.clone(),
            outcome: outcome(p.outcome),
            role: p
                .role
                .and_then(|i| ctx.template.org_roles.get(i))
                .map(|r| r.key.to_string()),
            role_change: matches!(
                p.outcome,
                Outcome::AlreadyMember(true) | Outcome::AlreadyInvited(true)
            ),
            rule: p
                .problem
                .as_ref()
                .and_then(|x| x.rule)
                .map(|r| r.to_string()),
            reason: p.problem.as_ref().map(|x| x.reason.clone()),
        })
        .collect();
    let mut totals = BTreeMap::new();
    for r in &rows {
        *totals.entry(r.outcome).or_default() += 1;
    }
    let mut digest = Sha256::new();
    digest.update(Sha256::digest(bytes));
    digest.update(serde_json::to_vec(&(policy, &rows)).unwrap_or_default());
    ImportPreview {
        plan_id: hex::encode(digest.finalize()),
        existing: policy,
        rows,
        totals,
        seats_needed: plan.seats_needed,
        seats_free: plan.seats_free,
    }
}
