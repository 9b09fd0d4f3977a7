//! The plan itself: each row's names resolved, then the rules a single
//! change would meet, then R7 over the whole file in line order.

use std::collections::BTreeMap;

use super::{Existing, Facts, Outcome, Plan, Planned, Policy, Problem, Row, invalid};
use crate::action::Action;
use crate::decide::decide;
use crate::facts::{Grant, MemberStatus, Seats};
use crate::permission::OrgPermission;
use crate::role::Template;

fn find(mut names: impl Iterator<Item = (usize, (String, String))>, wanted: &str) -> Option<usize> {
    let w = wanted.trim();
    names
        .find(|(_, (key, name))| key.eq_ignore_ascii_case(w) || name.eq_ignore_ascii_case(w))
        .map(|(i, _)| i)
}

/// Every line that names the same address as another: (line, the other line).
fn duplicates(rows: &[Row]) -> BTreeMap<u32, u32> {
    let mut first: BTreeMap<&str, u32> = BTreeMap::new();
    let mut dup = BTreeMap::new();
    for r in rows {
        let email = r.email.as_str();
        if email.is_empty() {
            continue;
        }
        match first.get(email) {
            Some(&earlier) => {
                dup.insert(r.line, earlier);
                dup.entry(earlier).or_insert(r.line);
            }
            None => {
                first.insert(email, r.line);
            }
        }
    }
    dup
}

/// The plan for `rows` over `facts`: pure, so the same file over the same
/// org always plans the same.
pub fn plan(rows: &[Row], facts: &Facts<'_>) -> Plan {
    let dup = duplicates(rows);
    let mut taken = 0u32;
    let mut needed = 0u32;
    let mut out: Vec<Planned> = rows
        .iter()
        .map(|row| {
            let mut p = Planned {
                line: row.line,
                outcome: Outcome::Invalid,
                role: None,
                groups: Vec::new(),
                projects: Vec::new(),
                problem: None,
            };
            match resolve(row, facts, &dup, &mut p).and_then(|()| judge(row, facts, &p)) {
                Ok(outcome) => p.outcome = outcome,
                Err(problem) => p.problem = Some(problem),
            }
            p
        })
        .collect();
    // R7 seat by seat, in line order, as single invites one after another.
    for p in out.iter_mut().filter(|p| takes_seat(p.outcome)) {
        needed += 1;
        let seats = Seats {
            used: facts.seats.used.saturating_add(taken),
            ..facts.seats
        };
        let role = p
            .role
            .map(|i| grant_of(facts.template, i))
            .unwrap_or_default();
        match decide(facts.now, &facts.actor, &Action::Invite { role, seats }).denial() {
            Some(d) => {
                p.outcome = Outcome::Invalid;
                p.problem = Some(d.into());
            }
            None => taken += 1,
        }
    }
    Plan {
        rows: out,
        seats_needed: needed,
        seats_free: facts
            .seats
            .limit
            .map(|l| l.saturating_sub(facts.seats.used)),
    }
}

const fn takes_seat(o: Outcome) -> bool {
    matches!(o, Outcome::NewInvite | Outcome::ExpiredReinvited)
}

fn grant_of(t: &Template, role: usize) -> Grant {
    t.org_roles.get(role).map(|r| r.grant()).unwrap_or_default()
}

/// The row's names as ids: its address, role, groups and projects.
fn resolve(
    row: &Row,
    facts: &Facts<'_>,
    dup: &BTreeMap<u32, u32>,
    p: &mut Planned,
) -> Result<(), Problem> {
    if let Some(other) = dup.get(&row.line) {
        return Err(invalid(format!("duplicate of line {other}")));
    }
    if let Some(why) = &row.problem {
        return Err(invalid(why.clone()));
    }
    let t = facts.template;
    let roles = || {
        t.org_roles
            .iter()
            .map(|r| (r.key.to_string(), r.name.to_string()))
            .enumerate()
    };
    let role = find(roles(), &row.role)
        .ok_or_else(|| invalid(format!("unknown role \"{}\"", row.role.trim())))?;
    p.role = Some(role);
    for g in &row.groups {
        let id = facts
            .groups
            .get(&g.trim().to_lowercase())
            .ok_or_else(|| invalid(format!("unknown group \"{}\"", g.trim())))?;
        p.groups.push(*id);
    }
    for (project, prole) in &row.projects {
        let (id, _) = facts
            .projects
            .get(&project.trim().to_lowercase())
            .ok_or_else(|| invalid(format!("unknown project \"{}\"", project.trim())))?;
        let proles = || {
            t.project_roles
                .iter()
                .map(|r| (r.key.to_string(), r.name.to_string()))
                .enumerate()
        };
        let r = find(proles(), prole)
            .ok_or_else(|| invalid(format!("unknown project role \"{}\"", prole.trim())))?;
        p.projects.push((*id, r));
    }
    Ok(())
}

/// The rules a single change would meet, row by row (R7 comes after, over
/// the whole file).
fn judge(row: &Row, facts: &Facts<'_>, p: &Planned) -> Result<Outcome, Problem> {
    let (t, now, actor) = (facts.template, facts.now, &facts.actor);
    let role_index = p.role.unwrap_or_default();
    let role = grant_of(t, role_index);
    let unlimited = Seats::default();
    decide(
        now,
        actor,
        &Action::Invite {
            role,
            seats: unlimited,
        },
    )
    .into_result()
    .map_err(Problem::from)?;
    if !p.groups.is_empty() {
        decide(now, actor, &Action::Org(OrgPermission::ManageGroups))
            .into_result()
            .map_err(Problem::from)?;
    }
    for (id, prole) in &p.projects {
        let access = facts
            .projects
            .values()
            .find(|(pid, _)| pid == id)
            .map(|(_, a)| *a)
            .unwrap_or_default();
        let role = t
            .project_roles
            .get(*prole)
            .map(|r| r.permissions)
            .unwrap_or_default();
        decide(now, actor, &Action::GrantProjectRole { role, access })
            .into_result()
            .map_err(Problem::from)?;
    }
    let email = row.email.as_str();
    let update = facts.policy == Policy::UpdateRole;
    Ok(match facts.existing.get(email) {
        None => Outcome::NewInvite,
        Some(Existing::Member { member, .. })
            if member.status == MemberStatus::Suspended
                || member.access_expires_at.is_some_and(|at| now >= at) =>
        {
            Outcome::Suspended
        }
        Some(Existing::Member { member, role: held }) => {
            let change = update && *held != role_index;
            if change {
                decide(
                    now,
                    actor,
                    &Action::ChangeRole {
                        target: *member,
                        role,
                    },
                )
                .into_result()
                .map_err(Problem::from)?;
            }
            Outcome::AlreadyMember(change)
        }
        Some(Existing::Invited { invitation, .. }) if invitation.is_expired(now) => {
            Outcome::ExpiredReinvited
        }
        Some(Existing::Invited {
            invitation,
            role: held,
        }) => {
            let change = update && *held != role_index;
            if change {
                decide(
                    now,
                    actor,
                    &Action::EditInvitationRole {
                        invitation: *invitation,
                        role,
                    },
                )
                .into_result()
                .map_err(Problem::from)?;
            }
            Outcome::AlreadyInvited(change)
        }
    })
}
