//! AuthZEN's searches, each answered by asking the one engine question by
//! question: every action of a subject on a resource, the projects a
//! subject may act on, the members who may take an action.

use api::authzen::{ActionName, Decision, Entity, Evaluation};
use permissions::names::Named;
use permissions::{Action, decide};
use sqlx::AnyConnection;

use super::place::{self, Target};
use super::seen::Who;
use super::{Seen, Why, denied, evaluate, judged, not_found, on_target, unknown};
use crate::access;
use crate::caller::Caller;
use crate::db::projects;
use crate::error::{ApiError, ApiResult};

/// Every action `subject` may take on `resource`, by dotted name, and
/// every one they may not with its denial: the same engine, asked once per
/// action of the resource's kind.
pub async fn actions(
    conn: &mut AnyConnection,
    caller: &Caller,
    subject: &Entity,
    resource: &Entity,
    now: i64,
) -> ApiResult<(Vec<String>, Vec<(String, Why)>)> {
    let kind_fits = |n: &Named| match n {
        Named::Org(_) => resource.kind == "org",
        Named::Project(_) => resource.kind == "project",
    };
    let (mut allowed, mut denied) = (Vec::new(), Vec::new());
    let mut seen = Seen::default();
    for name in Named::all().filter(kind_fits) {
        let q = Evaluation {
            subject: subject.clone(),
            action: ActionName {
                name: name.dotted().to_string(),
                properties: None,
            },
            resource: resource.clone(),
            context: None,
        };
        let d = evaluate(conn, &mut seen, caller, &q, now).await?;
        if d.decision {
            allowed.push(name.dotted().to_string());
        } else {
            denied.push((name.dotted().to_string(), d.context.unwrap_or_default()));
        }
    }
    Ok((allowed, denied))
}

/// A page of the projects `subject` may `action` on, across the orgs they
/// share with the caller where the caller may ask about them (R18), in id
/// order after `after`; and the id to continue after, if there are more.
/// An action that is not a project action answers why, in place of a page.
pub async fn projects_for(
    conn: &mut AnyConnection,
    caller: &Caller,
    subject: &Entity,
    action: &ActionName,
    (after, limit): (i64, usize),
    now: i64,
) -> ApiResult<Result<(Vec<i64>, Option<i64>), Decision>> {
    let Some(Named::Project(permission)) = Named::parse(&action.name) else {
        return Ok(Err(unknown(
            "unknown_action",
            format!("\"{}\" is not a project action Roster knows", action.name),
        )));
    };
    let who = match super::who(subject) {
        Ok(Some(who)) => who,
        Ok(None) => return Ok(Ok((Vec::new(), None))),
        Err(why) => return Ok(Err(why)),
    };
    // A user's orgs are where they are members; a key's is the one it
    // belongs to.
    let orgs: Vec<i64> = match who {
        Who::User(user) => crate::db::orgs::for_user(conn, user, now)
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect(),
        Who::Key(id) => crate::db::api_keys::org_of(conn, id)
            .await?
            .into_iter()
            .collect(),
    };
    let mut seen = Seen::default();
    let mut found = Vec::new();
    for org in orgs {
        let Some(asker) = seen.asker(conn, org, caller, now).await? else {
            continue;
        };
        let other = seen.is_other(conn, org, caller, who).await?;
        if !decide(now, &asker.actor, &Action::AskAbout { other }).is_allowed() {
            continue;
        }
        // A key that no longer works (R17), like a member who may not
        // open the org (R9), opens no project.
        let Some(Ok(ctx)) = seen.subject(conn, org, who, now).await? else {
            continue;
        };
        if !decide(now, &ctx.actor, &Action::OpenOrg).is_allowed() {
            continue;
        }
        for p in projects::all(conn, org).await? {
            if p.id <= after {
                continue;
            }
            let access = access::project_access(conn, &ctx, &p).await?;
            if decide(now, &ctx.actor, &Action::Project { permission, access }).is_allowed() {
                found.push(p.id);
            }
        }
    }
    found.sort_unstable();
    let next = (found.len() > limit)
        .then(|| found.get(limit.saturating_sub(1)).copied())
        .flatten();
    found.truncate(limit);
    Ok(Ok((found, next)))
}

/// A page of the members who may `action` on `resource` (R18: asking
/// about others needs "query decisions"), by user id after `after`. The
/// candidates are the members whose role gives the permission org-wide
/// and, for a project, its owner and everyone on it directly or through a
/// group; each is then decided like a single question. A refusal answers
/// why, in place of a page.
pub async fn members_for(
    conn: &mut AnyConnection,
    caller: &Caller,
    action: &ActionName,
    resource: &Entity,
    (after, limit): (i64, usize),
    now: i64,
) -> ApiResult<Result<(Vec<i64>, Option<i64>), Decision>> {
    let Some(named) = Named::parse(&action.name) else {
        return Ok(Err(unknown(
            "unknown_action",
            format!("\"{}\" is not an action Roster knows", action.name),
        )));
    };
    let Some(at) = place::locate(conn, &mut Seen::default(), &resource.kind, &resource.id).await?
    else {
        return Ok(Err(not_found()));
    };
    let (org, project) = (at.org, at.project);
    if matches!(
        (named, project),
        (Named::Org(_), Some(_)) | (Named::Project(_), None)
    ) {
        return Ok(Err(unknown(
            "wrong_resource",
            format!("{} is not decided on a {}", named.dotted(), resource.kind),
        )));
    }
    let asker = match access::load(conn, org, caller, now).await {
        Ok(ctx) => ctx,
        Err(ApiError::NotFound | ApiError::Denied(_)) => return Ok(Err(not_found())),
        Err(e) => return Err(e),
    };
    if let Some(d) = decide(now, &asker.actor, &Action::AskAbout { other: true }).denial() {
        return Ok(Err(denied(d)));
    }
    let roles: Vec<String> = asker
        .template
        .org_roles
        .iter()
        .filter(|r| match named {
            Named::Org(p) => r.grant().org.contains(p),
            Named::Project(p) => r.owner || r.grant().projects.contains(p),
        })
        .map(|r| r.key.to_string())
        .collect();
    let fetch = i64::try_from(limit).unwrap_or(i64::MAX).saturating_add(1);
    let by_role = crate::db::members::with_roles_after(conn, org, &roles, after, fetch).await?;
    // Past the last role candidate read, others may come: stop there.
    let cutoff = (by_role.len() > limit)
        .then(|| by_role.last().map(|m| m.user_id))
        .flatten();
    let mut ids: std::collections::BTreeSet<i64> = by_role.iter().map(|m| m.user_id).collect();
    let row = match project {
        Some(pid) => projects::by_id(conn, org, pid).await?,
        None => None,
    };
    if let Some(p) = &row {
        ids.insert(p.owner_id);
        for (user, ..) in projects::people(conn, p.id).await? {
            ids.insert(user);
        }
    }
    let mut found = Vec::new();
    let reads = Seen::default();
    for user in ids
        .into_iter()
        .filter(|u| *u > after && cutoff.is_none_or(|c| *u <= c))
    {
        let ctx = match access::load_member(conn, org, &Caller::user(user), now).await {
            Ok(ctx) => ctx,
            Err(ApiError::NotFound) => continue,
            Err(e) => return Err(e),
        };
        let d = match at.target {
            Target::Whole => judged(conn, &reads, &ctx, named, row.as_ref(), now).await?,
            target => on_target(conn, &reads, &ctx, named, target, now).await?,
        };
        if d.decision {
            found.push(user);
            if found.len() > limit {
                break;
            }
        }
    }
    let next = if found.len() > limit {
        found.truncate(limit);
        found.last().copied()
    } else {
        cutoff
    };
    Ok(Ok((found, next)))
}
