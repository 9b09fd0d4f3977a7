//! R19: switching an org's role template. The Owner alone decides it (the
//! crate's `SwitchTemplate`); every role in use — by members and by open
//! invitations — must exist in the new template, and each member whose
//! permissions change is audited. Invitations whose role now exceeds what
//! their sender holds stop granting it at acceptance (R2, `decide_acceptance`).

use permissions::{Action, Template, decide, templates};
use serde_json::json;

use crate::access::OrgContext;
use crate::db::audit::{self, Event};
use crate::db::{Tx, members};
use crate::error::{ApiError, ApiResult};

/// The template `key`, once the caller may switch to it.
pub fn decide_switch(ctx: &OrgContext, key: &str, now: i64) -> ApiResult<&'static Template> {
    decide(now, &ctx.actor, &Action::SwitchTemplate).into_result()?;
    templates::by_key(key)
        .ok_or_else(|| ApiError::invalid("template", format!("no template {key:?}")))
}

/// Refuses a switch that would leave a role in use undefined.
pub async fn check_roles_exist(tx: &mut Tx, ctx: &OrgContext, to: &Template) -> ApiResult<()> {
    let missing: Vec<String> = members::roles_in_use(tx, ctx.org.id)
        .await?
        .into_iter()
        .filter(|r| to.org_role(r).is_none())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    // The request is well formed; the org's present state refuses it.
    Err(ApiError::Conflict {
        code: "roles_in_use",
        message: format!(
            "the {} template has no role {}; change the roles of those members, invitations and domains first",
            to.name,
            missing.join(", ")
        ),
    })
}

/// One audit event per member whose permissions the switch changes.
pub async fn audit_changed_members(
    tx: &mut Tx,
    ctx: &OrgContext,
    to: &Template,
    now: i64,
) -> ApiResult<()> {
    for old in ctx.template.org_roles.iter().filter(|r| !r.owner) {
        let Some(new) = to.org_role(&old.key) else {
            continue;
        };
        if new.grant() == old.grant() {
            continue;
        }
        for user in members::with_role(tx, ctx.org.id, &old.key).await? {
            let event = Event {
                before: Some(
                    json!({"template": ctx.template.key, "role": old.key, "role_name": old.name}),
                ),
                after: Some(json!({"template": to.key, "role": new.key, "role_name": new.name})),
                ..ctx.event("member.permissions_changed", "member", user)
            };
            audit::record(tx, event, now).await?;
        }
    }
    Ok(())
}
