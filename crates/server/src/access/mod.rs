//! Loads the facts a decision needs, fresh on every request (R9): the org,
//! its template, the caller's current membership and a target's.

use permissions::{
    Action, Actor, ApiKey, Grant, Handover, Heir, KeyState, Member, MemberStatus, Template, UserId,
    decide, templates,
};

use crate::caller::Caller;
use sqlx::AnyConnection;

mod project;

pub use project::{project_access, project_role, projects_access};

use crate::db::members::{self, Membership};
use crate::db::orgs::Org;
use crate::error::{ApiError, ApiResult};

/// The org and the caller's standing in it.
#[derive(Clone, Debug)]
pub struct OrgContext {
    /// The org.
    pub org: Org,
    /// Its role template.
    pub template: &'static Template,
    /// The caller's membership row.
    pub me: Membership,
    /// The caller as decision facts: with a key, the key's permissions
    /// on the owner's standing (R17).
    pub actor: Actor,
    /// The API key acting, if one is.
    pub key: Option<i64>,
    /// The request, for the audit log.
    pub origin: crate::db::audit::Origin,
}

impl OrgContext {
    /// The grant of a role key in this org's template.
    pub fn role(&self, key: &str) -> ApiResult<Grant> {
        role_grant(self.template, key)
    }

    /// A member row as decision facts.
    pub fn facts(&self, m: &Membership) -> Member {
        facts(self.template, &self.org, m)
    }
}

/// The org's template. An unknown key is a broken row, never a reason to
/// fall back to another template's powers: it fails closed.
pub fn template_of(org: &Org) -> ApiResult<&'static Template> {
    templates::by_key(&org.template).ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!(
            "org {} has unknown template {:?}",
            org.id,
            org.template
        ))
    })
}

/// The grant of `key`, or 422 if the template has no such role.
pub fn role_grant(template: &Template, key: &str) -> ApiResult<Grant> {
    template.org_role(key).map(|r| r.grant()).ok_or_else(|| {
        ApiError::invalid(
            "role",
            format!("no role {key:?} in the {} template", template.name),
        )
    })
}

/// A membership as facts. The org's `owner_id` is what makes the Owner.
pub fn facts(template: &Template, org: &Org, m: &Membership) -> Member {
    let status = match crate::db::members::standing(&m.status) {
        api::MemberStatus::Active => MemberStatus::Active,
        api::MemberStatus::Suspended => MemberStatus::Suspended,
    };
    Member::of(
        template,
        UserId(m.user_id),
        &m.role,
        org.owner_id == m.user_id,
        status,
        m.access_expires_at,
    )
}

/// The caller's context in `org_id`, for a caller in standing: no
/// membership, or one whose access has expired (R16), answers 404 exactly
/// like a missing org (R15); a suspended one is refused (R9) — on reads
/// as on changes.
pub async fn load(
    conn: &mut AnyConnection,
    org_id: i64,
    caller: &Caller,
    now: i64,
) -> ApiResult<OrgContext> {
    let ctx = load_member(conn, org_id, caller, now).await?;
    decide(now, &ctx.actor, &Action::OpenOrg).into_result()?;
    Ok(ctx)
}

/// [`load`] without the standing check (R9), for the one thing a
/// suspended member may still do: leave.
pub async fn load_member(
    conn: &mut AnyConnection,
    org_id: i64,
    caller: &Caller,
    now: i64,
) -> ApiResult<OrgContext> {
    // A key lives in one org: every other is not found (R15).
    if caller.key.is_some_and(|k| k.org_id != org_id) {
        return Err(ApiError::NotFound);
    }
    let (org, me) = members::org_and_member(&mut *conn, org_id, caller.id)
        .await?
        .ok_or(ApiError::NotFound)?;
    context(org, me, caller, now)
}

/// The context of `caller` in `org` with their membership `me` as just
/// read: no membership, or an expired one (R16), is not found (R15); a
/// key is held to its owner's standing (R17).
pub fn context(
    org: Org,
    me: Option<Membership>,
    caller: &Caller,
    now: i64,
) -> ApiResult<OrgContext> {
    let me = me.ok_or(ApiError::NotFound)?;
    if me.access_expires_at.is_some_and(|at| now >= at) {
        return Err(ApiError::NotFound);
    }
    let template = template_of(&org)?;
    let mut actor = facts(template, &org, &me);
    if let Some(k) = caller.key {
        // R17 again on the membership read here, inside the request's own
        // transaction when there is one: the key never outlives its cover.
        permissions::keys::r17_owner_covers(now, &k.facts, Some(&actor))?;
        actor = Member::through_key(&actor, &k.facts);
    }
    Ok(OrgContext {
        org,
        template,
        me,
        actor,
        key: caller.key.map(|k| k.id),
        origin: caller.origin.clone(),
    })
}

/// [`load`] on the org and membership read with the caller's key, without
/// another query: for a read that wants no more than one moment's facts.
/// `None` when the caller came without a key, or asks about another org.
pub fn load_home(caller: &Caller, org_id: i64, now: i64) -> Option<ApiResult<OrgContext>> {
    let (org, me) = caller.home.as_deref().filter(|(o, _)| o.id == org_id)?;
    Some(
        context(org.clone(), me.clone(), caller, now).and_then(|ctx| {
            decide(now, &ctx.actor, &Action::OpenOrg).into_result()?;
            Ok(ctx)
        }),
    )
}

/// A key row as decision facts: the key (its role's permissions in the
/// org's template, never the Owner's) and its owner as a member now, or
/// `None` once they left the org.
pub fn key_facts(row: &crate::db::api_keys::KeyRow) -> ApiResult<(ApiKey, Option<Member>)> {
    let template = templates::by_key(&row.template).ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!(
            "org {} has unknown template {:?}",
            row.org_id,
            row.template
        ))
    })?;
    let role = template
        .org_role(&row.role)
        .map(|r| Grant {
            owner: false,
            ..r.grant()
        })
        .unwrap_or_default();
    let grant = match row
        .scope
        .as_deref()
        .map(serde_json::from_str::<Vec<String>>)
    {
        None => role,
        Some(Ok(names)) => permissions::keys::narrowed(&role, names.iter().map(String::as_str))
            // A name the role no longer holds (a template switch) grants
            // nothing rather than something else: fail closed.
            .unwrap_or_default(),
        Some(Err(_)) => Grant::default(),
    };
    let state = match api::KeyState::parse(&row.state) {
        Some(api::KeyState::Active) => KeyState::Active,
        Some(api::KeyState::Disabled) => KeyState::Disabled,
        // Anything unknown fails closed.
        Some(api::KeyState::Revoked) | None => KeyState::Revoked,
    };
    let key = ApiKey {
        owner: UserId(row.owner_id),
        grant,
        state,
        expires_at: row.expires_at,
    };
    let owner = row.owner_role.as_deref().map(|role| {
        let status = match row.owner_status.as_deref() {
            Some("active") => MemberStatus::Active,
            _ => MemberStatus::Suspended,
        };
        Member::of(
            template,
            UserId(row.owner_id),
            role,
            row.org_owner == row.owner_id,
            status,
            row.owner_access_expires_at,
        )
    });
    Ok((key, owner))
}

/// Another member of the same org, or 404.
pub async fn target(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    user_id: i64,
) -> ApiResult<(Membership, Member)> {
    let m = members::find(&mut *conn, ctx.org.id, user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let f = ctx.facts(&m);
    Ok((m, f))
}

/// The projects `user_id` owns and the heir `to` named to take them over
/// (R10), as facts for the crate: nothing is written before it decides.
pub async fn handover(
    conn: &mut AnyConnection,
    ctx: &OrgContext,
    user_id: i64,
    to: Option<i64>,
) -> ApiResult<Handover> {
    let owned = crate::db::projects::owned_by(&mut *conn, ctx.org.id, user_id)
        .await?
        .len();
    let heir = match to {
        None => Heir::Unnamed,
        Some(to) => match members::find(&mut *conn, ctx.org.id, to).await? {
            Some(m) => Heir::Member(ctx.facts(&m)),
            None => Heir::NotAMember,
        },
    };
    Ok(Handover {
        owned: u32::try_from(owned).unwrap_or(u32::MAX),
        heir,
    })
}

impl OrgContext {
    /// An audit event by the caller in this org; set `before`/`after` with
    /// struct update syntax.
    pub fn event<'a>(
        &self,
        action: &'a str,
        target_type: &'a str,
        target_id: i64,
    ) -> crate::db::audit::Event<'a> {
        crate::db::audit::Event {
            org_id: Some(self.org.id),
            actor_id: Some(self.me.user_id),
            key_id: self.key,
            origin: Some(self.origin.clone()),
            action,
            target_type,
            target_id: Some(target_id),
            before: None,
            after: None,
        }
    }
}

/// Creating an organization or inviting needs an address someone has shown
/// they read: an unverified account may do neither.
pub async fn require_verified(conn: &mut AnyConnection, user_id: i64) -> ApiResult<()> {
    match crate::db::users::by_id(&mut *conn, user_id).await? {
        Some(u) if u.email_verified != 0 => Ok(()),
        Some(_) => Err(ApiError::Unverified),
        None => Err(ApiError::Unauthenticated),
    }
}

/// Authorization before the target is looked up: without the permission
/// at all, nobody learns whether an id is a member (R1 before R15).
pub fn may_attempt(
    ctx: &OrgContext,
    needed: permissions::OrgPermission,
    now: i64,
) -> ApiResult<()> {
    decide(now, &ctx.actor, &Action::Org(needed)).into_result()?;
    Ok(())
}
