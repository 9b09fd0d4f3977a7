//! An audit event as a sentence a person reads: "Bea changed Cy's role
//! from Labeler to Reviewer". Role keys become the template's names.

use api::audit::AuditEvent;
use permissions::Template;

/// Who acted, as the log names them.
fn actor(e: &AuditEvent) -> String {
    let name = if e.actor_name.is_empty() {
        "Roster".to_string()
    } else {
        e.actor_name.clone()
    };
    match e.key_id {
        Some(k) => format!("{name} (API key #{k})"),
        None => name,
    }
}

/// The target, by name where the log has one.
fn target(e: &AuditEvent) -> String {
    match (&e.target_name, e.target_id) {
        (Some(n), _) => n.clone(),
        (None, Some(id)) => format!("{} #{id}", e.target_type.replace('_', " ")),
        (None, None) => e.target_type.replace('_', " "),
    }
}

fn field(v: &Option<serde_json::Value>, key: &str) -> Option<String> {
    v.as_ref()?.get(key).map(|x| match x {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    })
}

fn role_name(t: &Template, key: Option<String>) -> String {
    key.map(|k| t.org_role(&k).map_or(k.clone(), |r| r.name.to_string()))
        .unwrap_or_else(|| "another role".into())
}

/// The sentence for one event.
pub fn sentence(t: &Template, e: &AuditEvent) -> String {
    let (who, what) = (actor(e), target(e));
    let role = |v: &Option<serde_json::Value>| role_name(t, field(v, "role"));
    match e.action.as_str() {
        "member.role_changed" | "member.permissions_changed" => format!(
            "{who} changed {what}'s role from {} to {}",
            role(&e.before),
            role(&e.after)
        ),
        "member.suspended" => format!("{who} suspended {what}"),
        "member.reactivated" => format!("{who} reactivated {what}"),
        "member.removed" => format!("{who} removed {what} from the organization"),
        "member.left" => format!("{who} left the organization"),
        "member.access_expiry_set" => format!("{who} changed when {what}'s access ends"),
        "member.transferred_in" => format!("{who} moved {what} into this organization"),
        "member.transferred_out" => format!("{who} moved {what} to another organization"),
        "invitation.created" => format!(
            "{who} invited {} as {}",
            field(&e.after, "email").unwrap_or(what),
            role(&e.after)
        ),
        "invitation.accepted" => format!(
            "{who} accepted an invitation and joined as {}",
            role(&e.after)
        ),
        "member.joined_by_domain" if e.actor_id == e.target_id => format!(
            "{who} joined by the verified domain {} as {}",
            field(&e.after, "domain").unwrap_or_default(),
            role(&e.after)
        ),
        "member.joined_by_domain" => format!(
            "{who} admitted {what} by the verified domain {} as {}",
            field(&e.after, "domain").unwrap_or_default(),
            role(&e.after)
        ),
        "join_request.created" => format!(
            "{who} asked to join by the verified domain {}",
            field(&e.after, "domain").unwrap_or_default()
        ),
        "join_request.declined" => format!("{who} declined {what}'s request to join"),
        "domain.claimed" => format!(
            "{who} claimed the domain {}",
            field(&e.after, "domain").unwrap_or(what)
        ),
        "domain.verified" => format!(
            "{who} verified the domain {} by {}",
            field(&e.after, "domain").unwrap_or(what),
            field(&e.after, "proof").map_or("proof", |p| if p == "dns" { "DNS" } else { "e-mail" })
        ),
        "domain.updated" => format!("{who} changed what the domain {what} does"),
        "domain.removed" => format!(
            "{who} removed the domain {}",
            field(&e.after, "domain").unwrap_or(what)
        ),
        "org.ownership_transferred" => format!("{who} transferred ownership to {what}"),
        "org.settings_changed" => format!("{who} changed the organization's settings"),
        "api_key.created" => format!(
            "{who} created the API key {} acting as {}",
            field(&e.after, "name").unwrap_or(what),
            role(&e.after)
        ),
        "api_key.rotated" => format!("{who} rotated {what}'s secret"),
        "api_key.revoked" => format!("{who} revoked {what}"),
        "api_key.disabled" => format!("{who} disabled {what}"),
        "api_key.enabled" => format!("{who} enabled {what}"),
        "api_key.taken_over" => format!("{who} took over {what}"),
        "audit.exported" => format!(
            "{who} exported the audit log as {}",
            field(&e.after, "format").unwrap_or_default().to_uppercase()
        ),
        other => {
            // `group.member_added` → "group member added".
            let words = other.replace(['.', '_'], " ");
            format!("{who}: {words} — {what}")
        }
    }
}
