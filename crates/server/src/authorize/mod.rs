//! Roster as the platform's decision point: "may subject S do action A on
//! resource R?" One engine with every route and the page: the facts are
//! loaded fresh (no decision cache, so a demotion shows in the very next
//! answer, R9) and `permissions::decide` answers. Asking about someone
//! else is itself a decision (R18); anything outside the caller's org is
//! `not_found`, whether it exists or not (R15).

use api::ErrorBody;
use api::authzen::{ActionName, Decision, Entity, Evaluation, Why};
use permissions::names::Named;
use permissions::{Action, Denial, decide};
use sqlx::AnyConnection;

mod seen;

pub use seen::Seen;

use crate::access::{self, OrgContext};
use crate::caller::Caller;
use crate::db::projects;
use crate::error::{ApiError, ApiResult};

/// A denial, with the crate's rule, code and sentence.
fn denied(d: Denial) -> Decision {
    let body = ErrorBody::from_denial(d);
    Decision {
        decision: false,
        context: Some(Why {
            rule: body.rule.map(|r| r.to_string()),
            code: Some(body.code),
            reason: Some(body.message),
            rules: None,
        }),
    }
}

/// A refusal no rule of the crate makes (an unknown action or resource
/// type): false, with a code saying what was not understood.
fn unknown(code: &str, reason: String) -> Decision {
    Decision {
        decision: false,
        context: Some(Why {
            code: Some(code.into()),
            reason: Some(reason),
            ..Why::default()
        }),
    }
}

/// The R15 answer: nothing says whether the thing exists.
fn not_found() -> Decision {
    denied(Denial::NotAMember)
}

fn allowed(d: permissions::Decision) -> Decision {
    Decision {
        decision: true,
        context: Some(Why {
            rules: Some(d.rules().iter().map(|r| r.to_string()).collect()),
            ..Why::default()
        }),
    }
}

fn id_of(raw: &str) -> Option<i64> {
    raw.parse().ok().filter(|id| *id > 0)
}

/// Where the resource lives: (org, the project when it is one).
async fn locate(
    conn: &mut AnyConnection,
    seen: &mut Seen,
    kind: &str,
    id: i64,
) -> ApiResult<Option<(i64, Option<i64>)>> {
    Ok(match kind {
        "org" => Some((id, None)),
        "project" => seen.org_of(conn, id).await?.map(|org| (org, Some(id))),
        _ => None,
    })
}

/// One question asked by `caller`, answered on facts read now — or, for
/// the later questions of one request, read for an earlier one (`seen`).
pub async fn evaluate(
    conn: &mut AnyConnection,
    seen: &mut Seen,
    caller: &Caller,
    q: &Evaluation,
    now: i64,
) -> ApiResult<Decision> {
    if q.subject.kind != "user" {
        return Ok(unknown(
            "unknown_subject",
            format!(
                "subjects are users; \"{}\" is not a subject type Roster knows",
                q.subject.kind
            ),
        ));
    }
    let Some(action) = Named::parse(&q.action.name) else {
        return Ok(unknown(
            "unknown_action",
            format!("\"{}\" is not an action Roster knows", q.action.name),
        ));
    };
    if !matches!(q.resource.kind.as_str(), "org" | "project") {
        return Ok(unknown(
            "unknown_resource",
            format!(
                "resources are orgs and projects; not \"{}\"",
                q.resource.kind
            ),
        ));
    }
    let (Some(subject), Some(resource)) = (id_of(&q.subject.id), id_of(&q.resource.id)) else {
        return Ok(not_found());
    };
    let Some((org, project)) = locate(conn, seen, &q.resource.kind, resource).await? else {
        return Ok(not_found());
    };
    // The caller must be in the org (R15), and may ask about someone else
    // only with "query decisions" (R18).
    let Some(asker) = seen.asker(conn, org, caller, now).await? else {
        return Ok(not_found());
    };
    let ask = decide(
        now,
        &asker.actor,
        &Action::AskAbout {
            other: subject != caller.id,
        },
    );
    if let Some(d) = ask.denial() {
        return Ok(denied(d));
    }
    let Some(ctx) = seen.subject(conn, org, subject, now).await? else {
        return Ok(not_found());
    };
    Ok(match (action, project) {
        (Named::Org(_), None) => judged(conn, &ctx, action, None, now).await?,
        (Named::Project(_), Some(id)) => {
            let Some(project) = seen.project(conn, org, id).await? else {
                return Ok(not_found());
            };
            judged(conn, &ctx, action, Some(&project), now).await?
        }
        (Named::Org(_), Some(_)) => unknown(
            "wrong_resource",
            format!(
                "{} is decided on the org, not on a project",
                action.dotted()
            ),
        ),
        (Named::Project(_), None) => unknown(
            "wrong_resource",
            format!(
                "{} is decided on a project, not on the org",
                action.dotted()
            ),
        ),
    })
}

/// `ctx`'s member asked for `action`: on the org, or in `project` with
/// what they hold there. A project action without a project is denied.
async fn judged(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    action: Named,
    project: Option<&projects::Project>,
    now: i64,
) -> ApiResult<Decision> {
    Ok(match (action, project) {
        (Named::Org(p), _) => judge(ctx, &Action::Org(p), now),
        (Named::Project(permission), Some(p)) => {
            let access = access::project_access(conn, ctx, p).await?;
            judge(ctx, &Action::Project { permission, access }, now)
        }
        (Named::Project(_), None) => not_found(),
    })
}

/// The subject's standing first (R9: a suspended member may do nothing),
/// then the action.
fn judge(ctx: &OrgContext, action: &Action, now: i64) -> Decision {
    let open = decide(now, &ctx.actor, &Action::OpenOrg);
    if let Some(d) = open.denial() {
        return denied(d);
    }
    let d = decide(now, &ctx.actor, action);
    match d.denial() {
        Some(denial) => denied(denial),
        None => allowed(d),
    }
}

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
    let Some(user) = id_of(&subject.id).filter(|_| subject.kind == "user") else {
        return Ok(Ok((Vec::new(), None)));
    };
    let mut found = Vec::new();
    for org in crate::db::orgs::for_user(conn, user, now).await? {
        let Ok(asker) = access::load(conn, org.id, caller, now).await else {
            continue;
        };
        if !decide(
            now,
            &asker.actor,
            &Action::AskAbout {
                other: user != caller.id,
            },
        )
        .is_allowed()
        {
            continue;
        }
        let Ok(ctx) = access::load_member(conn, org.id, &Caller::user(user), now).await else {
            continue;
        };
        if !decide(now, &ctx.actor, &Action::OpenOrg).is_allowed() {
            continue;
        }
        for p in projects::all(conn, org.id).await? {
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
    let Some(id) = id_of(&resource.id) else {
        return Ok(Err(not_found()));
    };
    let Some((org, project)) = locate(conn, &mut Seen::default(), &resource.kind, id).await? else {
        return Ok(Err(not_found()));
    };
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
    for user in ids
        .into_iter()
        .filter(|u| *u > after && cutoff.is_none_or(|c| *u <= c))
    {
        let ctx = match access::load_member(conn, org, &Caller::user(user), now).await {
            Ok(ctx) => ctx,
            Err(ApiError::NotFound) => continue,
            Err(e) => return Err(e),
        };
        if judged(conn, &ctx, named, row.as_ref(), now).await?.decision {
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
