//! A commit's work, off the request: the plan recomputed under the org
//! lock (it must still be the previewed one), every row applied in that
//! one transaction, the report written in it too — so a crash at any
//! moment leaves all of the import or none of it.

use api::import::{CommitQuery, ReportRow};
use axum::body::Bytes;
use permissions::OrgPermission;
use permissions::import::{Outcome, Planned};
use serde_json::json;

use super::facts;
use super::file::Line;
use super::grants::Grants;
use crate::access::{self, OrgContext};
use crate::auth::token::Token;
use crate::caller::Caller;
use crate::change::locked;
use crate::db::audit::{self, Event};
use crate::db::invitations::{self, NewInvitation};
use crate::db::{Tx, import_jobs, members, outbox};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;

/// Rows between two progress reports.
const PROGRESS_EVERY: usize = 250;

/// What a job applies.
pub struct Run {
    /// The job.
    pub job: i64,
    /// The org.
    pub org: i64,
    /// Who committed.
    pub caller: Caller,
    /// The file, read.
    pub lines: Vec<Line>,
    /// The file as sent (its digest is part of the plan's name).
    pub bytes: Bytes,
    /// The commit's options.
    pub query: CommitQuery,
}

/// Runs a job to its end and records how it ended.
pub async fn run(state: AppState, r: Run) {
    let outcome = apply(&state, &r).await;
    state.imports.end(r.job);
    if let Err(e) = outcome {
        let why = match &e {
            ApiError::Internal(cause) => {
                tracing::error!(job = r.job, %cause, "import failed");
                "the import failed; nothing of it was written".to_string()
            }
            other => other.to_string(),
        };
        // The import's transaction rolled back; say so on a connection
        // of its own.
        if let Ok(mut c) = state.db.pool.acquire().await {
            let now = state.clock.now();
            if let Err(e) = import_jobs::finish(&mut c, r.job, Err(&why), 0, now).await {
                tracing::error!(job = r.job, %e, "could not record a failed import");
            }
        }
    }
}

async fn apply(state: &AppState, r: &Run) -> ApiResult<()> {
    let now = state.clock.now();
    let (mut tx, mut ctx) = locked(state, r.org, &r.caller).await?;
    access::may_attempt(&ctx, OrgPermission::InviteMembers, now)?;
    let loaded = facts::load(&mut tx, &ctx, now).await?;
    let plan = facts::planned(&ctx, &loaded, &r.lines, r.query.existing, now);
    let preview = facts::preview(&ctx, &r.bytes, &r.lines, &plan, r.query.existing);
    if preview.plan_id != r.query.plan_id {
        return Err(ApiError::Conflict {
            code: "plan_changed",
            message:
                "the organization changed before the import could start; preview the file again"
                    .into(),
        });
    }
    ctx.origin.source = Some(api::AuditSource::Import);
    let mut pace = Pace::new(&mut tx, &ctx, r.query.send_mail, now).await?;
    let mut report = Vec::with_capacity(r.lines.len());
    for (i, (line, p)) in r.lines.iter().zip(&plan.rows).enumerate() {
        let applied = one(state, &mut tx, (&ctx, &loaded), line, p, &mut pace, now).await?;
        let shown = &preview.rows[i];
        report.push(ReportRow {
            line: shown.line,
            email: shown.email.clone(),
            outcome: shown.outcome,
            applied,
            reason: shown.reason.clone(),
        });
        if (i + 1) % PROGRESS_EVERY == 0 {
            progress(state, r.job, i + 1, now).await?;
        }
    }
    let done = i64::try_from(report.len()).unwrap_or(i64::MAX);
    let json = serde_json::to_string(&report).map_err(|e| ApiError::Internal(e.into()))?;
    import_jobs::finish(&mut tx, r.job, Ok(&json), done, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Rows done so far: in memory for this instance, and on PostgreSQL in
/// the job's row for every other one (SQLite has one writer, and it is
/// the import itself).
async fn progress(state: &AppState, job: i64, done: usize, now: i64) -> ApiResult<()> {
    state.imports.set(job, done);
    if state.db.dialect == crate::db::Dialect::Postgres {
        let mut c = state.db.pool.acquire().await?;
        import_jobs::progress(&mut c, job, i64::try_from(done).unwrap_or(i64::MAX), now).await?;
    }
    Ok(())
}

/// Invitation mail at the org's pace, after any already waiting.
struct Pace {
    send: bool,
    next: i64,
    per_minute: i64,
    sent: i64,
}

impl Pace {
    async fn new(tx: &mut Tx, ctx: &OrgContext, send: bool, now: i64) -> ApiResult<Self> {
        let queued = outbox::last_due_for_org(tx, ctx.org.id).await?;
        Ok(Self {
            send,
            next: queued.map_or(now, |at| at.max(now)),
            per_minute: 120,
            sent: 0,
        })
    }

    /// When the next mail may go.
    fn slot(&mut self) -> i64 {
        let at = self.next + self.sent * 60 / self.per_minute;
        self.sent += 1;
        at
    }
}

/// Applies one row; false when it is refused or changes nothing.
async fn one(
    state: &AppState,
    tx: &mut Tx,
    (ctx, loaded): (&OrgContext, &facts::Loaded),
    line: &Line,
    p: &Planned,
    pace: &mut Pace,
    now: i64,
) -> ApiResult<bool> {
    let role = p
        .role
        .and_then(|i| ctx.template.org_roles.get(i))
        .map(|r| r.key.to_string())
        .unwrap_or_default();
    let grants = Grants::of(ctx, p);
    let event = |action, target_type, target, after| Event {
        after: Some(after),
        ..ctx.event(action, target_type, target)
    };
    match p.outcome {
        Outcome::Invalid | Outcome::Suspended => Ok(false),
        Outcome::NewInvite | Outcome::ExpiredReinvited => {
            let email = line.email.as_str();
            // Only a row the plan found expired has anything to close: a
            // query per new row would scan a table the planner still
            // thinks small (PostgreSQL plans inside one transaction).
            if p.outcome == Outcome::ExpiredReinvited {
                invitations::supersede_expired(tx, ctx.org.id, email, now).await?;
            }
            let token = Token::generate();
            let id = invitations::insert(
                tx,
                &NewInvitation {
                    org_id: ctx.org.id,
                    email,
                    role: &role,
                    invited_by: ctx.me.user_id,
                    message: line.message.as_deref(),
                    token_hash: &token.hash(),
                    now,
                    expires_at: now + ctx.org.invite_expiry_days * 24 * 3600,
                },
            )
            .await?;
            if let Some(g) = &grants {
                invitations::set_grants(tx, id, g).await?;
            }
            if pace.send {
                let link = state
                    .config
                    .link(&format!("/invite?token={}", token.expose()));
                let mail = crate::mail::invitation_mail(
                    ctx,
                    email,
                    &role,
                    line.message.as_deref(),
                    link,
                    false,
                    id,
                );
                outbox::enqueue_at(tx, &mail, now, pace.slot()).await?;
            }
            let after = json!({"email": email, "role": role, "grants": grants});
            audit::record(
                tx,
                event("invitation.created", "invitation", id, after),
                now,
            )
            .await?;
            Ok(true)
        }
        Outcome::AlreadyInvited(change) => {
            let Some(inv) = invitations::open_for_email(tx, ctx.org.id, &line.email).await? else {
                return Ok(false);
            };
            if change {
                invitations::set_role(tx, inv.id, &role).await?;
            }
            if let Some(g) = &grants {
                invitations::set_grants(tx, inv.id, g).await?;
            }
            let after = json!({"role": role, "grants": grants});
            audit::record(
                tx,
                event("invitation.imported", "invitation", inv.id, after),
                now,
            )
            .await?;
            Ok(change || grants.is_some())
        }
        Outcome::AlreadyMember(change) => {
            let Some(user) = loaded.member(&line.row.email) else {
                return Ok(false);
            };
            if change {
                members::set_role(tx, ctx.org.id, user, &role).await?;
            }
            if let Some(g) = &grants {
                g.give(tx, ctx.org.id, user).await?;
            }
            let changed = change || grants.is_some();
            if changed {
                let after = json!({"role": role, "grants": grants});
                audit::record(tx, event("member.imported", "member", user, after), now).await?;
            }
            Ok(changed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pace;

    /// 120 a minute: never more than two mails due in one second, and a
    /// 50,000-row import's mail spread over about seven hours.
    #[test]
    fn mail_goes_at_the_orgs_pace() {
        let mut pace = Pace {
            send: true,
            next: 1_000,
            per_minute: 120,
            sent: 0,
        };
        let slots: Vec<i64> = (0..50_000).map(|_| pace.slot()).collect();
        let mut per_second = std::collections::BTreeMap::<i64, u32>::new();
        for s in &slots {
            *per_second.entry(*s).or_default() += 1;
        }
        assert!(per_second.values().all(|n| *n <= 2));
        assert_eq!(slots.first(), Some(&1_000));
        assert_eq!(slots.last(), Some(&(1_000 + 49_999 * 60 / 120)));
    }
}
