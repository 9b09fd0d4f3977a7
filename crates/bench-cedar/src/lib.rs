//! The default role matrix written as Cedar policies, so a benchmark can
//! ask Cedar and `permissions` the very same question. Only the benchmark
//! builds this crate's heavy dependency; the server and client never do.
#![forbid(unsafe_code)]

use std::str::FromStr;

use cedar_policy::{Authorizer, Context, Decision, Entities, EntityUid, PolicySet, Request};
use permissions::{OrgPermission, Template};

/// The snake_case name Cedar uses for a permission (its serde name).
pub fn action_name(p: OrgPermission) -> String {
    format!("{p:?}")
        .chars()
        .enumerate()
        .flat_map(|(i, c)| {
            let lower = c.to_ascii_lowercase();
            if c.is_ascii_uppercase() && i > 0 {
                vec!['_', lower]
            } else {
                vec![lower]
            }
        })
        .collect()
}

/// One `permit` per (role, permission) of the template, and the `forbid`s
/// of R3 (target ceiling), R4 (protected Owner) and R5 (not oneself) on the
/// actions that have a member as target.
pub fn policies(t: &Template) -> Result<PolicySet, String> {
    let mut text = String::new();
    for role in &t.org_roles {
        for p in role.org.iter() {
            text.push_str(&format!(
                "permit(principal in Role::\"{}\", action == Action::\"{}\", resource);\n",
                role.key,
                action_name(p)
            ));
        }
    }
    text.push_str(
        "forbid(principal, action in [Action::\"change_member_roles\", Action::\"remove_members\"], resource is User)\n\
         when { resource == principal || resource.owner || !principal.perms.containsAll(resource.perms) };\n",
    );
    PolicySet::from_str(&text).map_err(|e| e.to_string())
}

/// Two users: `User::"actor"` with `actor_role`, `User::"target"` with
/// `target_role`, each carrying its permission set for R3.
pub fn entities(t: &Template, actor_role: &str, target_role: &str) -> Result<Entities, String> {
    let user = |id: &str, role: &str| -> Result<serde_json_like::Value, String> {
        let r = t.org_role(role).ok_or_else(|| format!("no role {role}"))?;
        let perms: Vec<String> = r.org.iter().map(action_name).collect();
        Ok(serde_json_like::user(id, role, r.owner, &perms))
    };
    let roles: Vec<serde_json_like::Value> = t
        .org_roles
        .iter()
        .map(|r| serde_json_like::role(&r.key))
        .collect();
    let mut all = vec![user("actor", actor_role)?, user("target", target_role)?];
    all.extend(roles);
    Entities::from_json_str(&serde_json_like::array(&all), None).map_err(|e| e.to_string())
}

/// Builds the request "may `actor` do `action` to `target`?".
pub fn request(action: OrgPermission) -> Result<Request, String> {
    let uid = |s: &str| EntityUid::from_str(s).map_err(|e| e.to_string());
    Request::new(
        uid("User::\"actor\"")?,
        uid(&format!("Action::\"{}\"", action_name(action)))?,
        uid("User::\"target\"")?,
        Context::empty(),
        None,
    )
    .map_err(|e| e.to_string())
}

/// Cedar's answer.
pub fn cedar_allows(policies: &PolicySet, entities: &Entities, request: &Request) -> bool {
    Authorizer::new()
        .is_authorized(request, policies, entities)
        .decision()
        == Decision::Allow
}

/// Just enough JSON writing for Cedar's entity format, without a JSON crate.
mod serde_json_like {
    pub type Value = String;

    pub fn user(id: &str, role: &str, owner: bool, perms: &[String]) -> Value {
        let perms = perms
            .iter()
            .map(|p| format!("\"{p}\""))
            .collect::<Vec<_>>()
            .join(",");
        format!(
            r#"{{"uid":{{"type":"User","id":"{id}"}},"attrs":{{"owner":{owner},"perms":[{perms}]}},"parents":[{{"type":"Role","id":"{role}"}}]}}"#
        )
    }

    pub fn role(key: &str) -> Value {
        format!(r#"{{"uid":{{"type":"Role","id":"{key}"}},"attrs":{{}},"parents":[]}}"#)
    }

    pub fn array(items: &[Value]) -> String {
        format!("[{}]", items.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use permissions::{Action, Actor, UserId, decide};

    /// The benchmark compares like with like: on every (actor, target)
    /// pair of the default template, Cedar and the crate agree on
    /// changing a role and on removing.
    #[test]
    fn cedar_and_permissions_agree_on_the_benchmarked_questions() -> Result<(), String> {
        let t = permissions::templates::default_template();
        let set = policies(&t)?;
        let mut cases = 0;
        for a in &t.org_roles {
            for b in &t.org_roles {
                let ents = entities(&t, &a.key, &b.key)?;
                let actor = Actor::active(UserId(1), a.grant());
                let target = Actor::active(UserId(2), b.grant());
                let lowest = t.org_role("labeler").map(|r| r.grant()).unwrap_or_default();
                for (perm, action) in [
                    (
                        OrgPermission::ChangeMemberRoles,
                        Action::ChangeRole {
                            target,
                            role: lowest,
                        },
                    ),
                    (
                        OrgPermission::RemoveMembers,
                        Action::Remove {
                            target,
                            projects: permissions::Handover::NONE,
                        },
                    ),
                ] {
                    cases += 1;
                    let ours = decide(0, &actor, &action).is_allowed();
                    let theirs = cedar_allows(&set, &ents, &request(perm)?);
                    assert_eq!(ours, theirs, "{} {:?} {}", a.key, perm, b.key);
                }
            }
        }
        assert_eq!(cases, 6 * 6 * 2);
        Ok(())
    }
}
