//! Roster as the platform's decision point: "may subject S do action A on
//! resource R?" One engine with every route and the page: the facts are
//! loaded fresh (no decision cache, so a demotion shows in the very next
//! answer, R9) and `permissions::decide` answers. Asking about someone
//! else is itself a decision (R18); anything outside the caller's org is
//! `not_found`, whether it exists or not (R15).

use api::ErrorBody;
use api::authzen::{Decision, Entity, Evaluation, Why};
use permissions::names::Named;
use permissions::{Action, Denial, decide};
use sqlx::AnyConnection;

mod asked;
mod batch;
mod place;
mod search;
mod seen;

pub use asked::{Asked, Asker};
pub use batch::{Stop, answer_batch};
use place::{Target, id_of};
pub use search::{actions, members_for, projects_for};
use seen::Who;
pub use seen::{Answered, Seen, Unanswered};

use crate::access::{self, OrgContext};
use crate::caller::Caller;
use crate::db::{invitations, projects};
use crate::error::ApiError;

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

/// Who the subject is: a user or an API key; another type is not one
/// Roster knows, and an id that is not one is not found.
fn who(subject: &Entity) -> Result<Option<Who>, Decision> {
    let id = id_of(&subject.id);
    match subject.kind.as_str() {
        "user" => Ok(id.map(Who::User)),
        "api_key" => Ok(id.map(Who::Key)),
        other => Err(unknown(
            "unknown_subject",
            format!(
                "subjects are users and API keys; \"{other}\" is not a subject type Roster knows"
            ),
        )),
    }
}

/// One question asked by `caller`, answered on facts read now — or, for
/// the later questions of one request, read for an earlier one (`seen`).
pub async fn evaluate(
    conn: &mut AnyConnection,
    seen: &mut Seen,
    caller: &Caller,
    q: &Evaluation,
    now: i64,
) -> Answered<Decision> {
    let who = match who(&q.subject) {
        Ok(who) => who,
        Err(why) => return Ok(why),
    };
    let Some(action) = Named::parse(&q.action.name) else {
        return Ok(unknown(
            "unknown_action",
            format!("\"{}\" is not an action Roster knows", q.action.name),
        ));
    };
    if !place::KINDS.contains(&q.resource.kind.as_str()) {
        return Ok(unknown(
            "unknown_resource",
            format!(
                "resources are {}; not \"{}\"",
                place::KINDS.join(", "),
                q.resource.kind
            ),
        ));
    }
    let Some(who) = who else {
        return Ok(not_found());
    };
    let Some(at) = place::locate(conn, seen, &q.resource.kind, &q.resource.id).await? else {
        return Ok(not_found());
    };
    // The caller must be in the org (R15), and may ask about someone else
    // only with "query decisions" (R18); one's own keys are oneself.
    let Some(asker) = seen.asker(conn, at.org, caller, now).await? else {
        return Ok(not_found());
    };
    let other = seen.is_other(conn, at.org, caller, who).await?;
    if let Some(d) = decide(now, &asker.actor, &Action::AskAbout { other }).denial() {
        return Ok(denied(d));
    }
    let ctx = match seen.subject(conn, at.org, who, now).await? {
        None => return Ok(not_found()),
        Some(Err(d)) => return Ok(denied(d)),
        Some(Ok(ctx)) => ctx,
    };
    let wrong = |on: &str| {
        Ok(unknown(
            "wrong_resource",
            format!("{} is not decided on a {on}", action.dotted()),
        ))
    };
    match (action, at.project, at.target) {
        (Named::Project(_), Some(id), _) => {
            let Some(project) = seen.project(conn, at.org, id).await? else {
                return Ok(not_found());
            };
            judged(conn, seen, &ctx, action, Some(&project), now).await
        }
        (Named::Org(_), None, Target::Whole) => judged(conn, seen, &ctx, action, None, now).await,
        (Named::Org(_), None, target) => on_target(conn, seen, &ctx, action, target, now).await,
        (Named::Org(_), Some(_), _) | (Named::Project(_), None, _) => wrong(&q.resource.kind),
    }
}

/// An org action about one member or invitation: what the crate makes of
/// the name on that target (R3–R5, R6, R10), decided like the others.
async fn on_target(
    conn: &mut AnyConnection,
    seen: &Seen,
    ctx: &OrgContext,
    action: Named,
    target: Target,
    now: i64,
) -> Answered<Decision> {
    let asked = match target {
        Target::Whole => None,
        Target::Member(user) => {
            let conn = seen.read(conn)?;
            let (_, facts) = match access::target(conn, ctx, user).await {
                Ok(found) => found,
                Err(ApiError::NotFound) => return Ok(not_found()),
                Err(e) => return Err(e.into()),
            };
            let projects = access::handover(conn, ctx, user, None).await?;
            action.on_member(facts, projects)
        }
        Target::Invitation(id) => match invitations::by_id(seen.read(conn)?, ctx.org.id, id).await?
        {
            None => return Ok(not_found()),
            Some(inv) => action.on_invitation(inv.facts(ctx.template)),
        },
    };
    Ok(asked.map_or_else(not_found, |a| judge(ctx, &a, now)))
}

/// `ctx`'s member asked for `action`: on the org, or in `project` with
/// what they hold there. A project action without a project is denied.
async fn judged(
    conn: &mut AnyConnection,
    seen: &Seen,
    ctx: &OrgContext,
    action: Named,
    project: Option<&projects::Project>,
    now: i64,
) -> Answered<Decision> {
    Ok(match (action, project) {
        (Named::Org(p), _) => judge(ctx, &Action::Org(p), now),
        (Named::Project(permission), Some(p)) => {
            let access = access::project_access(seen.read(conn)?, ctx, p).await?;
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
