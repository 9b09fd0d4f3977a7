//! API keys as decision facts, and R17 (key ceiling): a key acts with a
//! role or a subset of one, never above what its owner holds *now*, and
//! never manages keys, passwords, ownership or the org's existence.

use crate::action::Action;
use crate::decision::{Decision, Denial, Rule};
use crate::facts::{Grant, Member, MemberStatus, UserId};
use crate::names::Named;
use crate::permission::OrgPermission;

/// Where a key stands, apart from its expiry and its owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyState {
    /// Usable.
    Active,
    /// Switched off by someone allowed to; can be switched on again.
    Disabled,
    /// Gone for good.
    Revoked,
}

/// Which of a key's secrets a request presented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeySecret {
    /// The current one.
    Current,
    /// The one before the last rotation, accepted until `until`.
    Previous {
        /// End of the grace period, unix seconds.
        until: i64,
    },
}

/// An API key, as loaded for this request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiKey {
    /// The member who owns it.
    pub owner: UserId,
    /// What it acts with: a role's permissions or a subset of them.
    pub grant: Grant,
    /// Active, disabled or revoked.
    pub state: KeyState,
    /// When it stops working, unix seconds.
    pub expires_at: i64,
}

/// What one may do to an existing key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyOp {
    /// New secret (R2 against the key's role, as at creation).
    Rotate,
    /// Switch it off for now.
    Disable,
    /// Switch it on again (R2, as at creation).
    Enable,
    /// End it for good.
    Revoke,
    /// Become its owner: how a suspended key comes back (R2).
    TakeOver,
}

impl Member {
    /// The actor a key request acts as: the key's permissions, the owner's
    /// standing and identity (so R5 keeps a key off its own owner), never
    /// the Owner role. [`decide_key_use`] must have allowed it first.
    pub const fn through_key(owner: &Member, key: &ApiKey) -> Self {
        Self {
            user: owner.user,
            grant: Grant {
                org: key.grant.org,
                projects: key.grant.projects,
                owner: false,
                key: true,
            },
            status: owner.status,
            access_expires_at: owner.access_expires_at,
        }
    }
}

/// R17 on every request made with a key: the presented secret still works,
/// the key is active and unexpired, and its owner — `None` once removed —
/// is in standing and still holds every permission of the key. A key that
/// fails the last part is *suspended* until someone takes it over.
pub fn decide_key_use(
    now: i64,
    key: &ApiKey,
    secret: KeySecret,
    owner: Option<&Member>,
) -> Decision {
    let outcome = key_usable(now, key, secret).and_then(|()| r17_owner_covers(now, key, owner));
    match outcome {
        Ok(()) => Decision::allow(Rule::R17 | Rule::R9),
        Err(d) => Decision::deny(d),
    }
}

fn key_usable(now: i64, key: &ApiKey, secret: KeySecret) -> Result<(), Denial> {
    match key.state {
        KeyState::Revoked => return Err(Denial::KeyRevoked),
        KeyState::Disabled => return Err(Denial::KeyDisabled),
        KeyState::Active => {}
    }
    if now >= key.expires_at {
        return Err(Denial::KeyExpired);
    }
    match secret {
        KeySecret::Previous { until } if now >= until => Err(Denial::KeyRotatedOut),
        _ => Ok(()),
    }
}

/// R17 Key ceiling, as it stands now: the owner is a member in standing
/// whose permissions cover the key's.
pub fn r17_owner_covers(now: i64, key: &ApiKey, owner: Option<&Member>) -> Result<(), Denial> {
    let Some(owner) = owner else {
        return Err(Denial::KeySuspended);
    };
    let standing =
        owner.status == MemberStatus::Active && owner.access_expires_at.is_none_or(|at| now < at);
    if standing && key.grant.is_subset(&owner.grant) {
        Ok(())
    } else {
        Err(Denial::KeySuspended)
    }
}

/// R17: what a key may never do, whatever its role: manage keys (its own
/// or others'), ownership (of the org or a project), the template or the
/// org's existence, or leave on its owner's behalf.
pub fn r17_key_may(action: &Action) -> Result<(), Denial> {
    use OrgPermission as P;
    let forbidden = match action {
        Action::Org(p) => matches!(
            p,
            P::ManageApiKeys | P::DeleteOrg | P::TransferOwnership | P::ClaimProjectOwnership
        ),
        // Keys never vouch for a domain: that is who the org is.
        Action::CreateKey { .. }
        | Action::ClaimDomain { .. }
        | Action::ProveDomain { .. }
        | Action::Key { .. }
        | Action::TransferOwnership { .. }
        | Action::SwitchTemplate
        | Action::ClaimProjectOwnership
        | Action::Leave { .. } => true,
        _ => false,
    };
    if forbidden {
        Err(Denial::KeysMayNot)
    } else {
        Ok(())
    }
}

/// Which keys a viewer's list holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyList {
    /// Every key of the org ("manage API keys").
    All,
    /// Only the keys the viewer owns (anyone in standing).
    Own,
}

/// Which keys `actor` may list: all with "manage API keys", else their
/// own; a key lists none (R17), and standing is needed (R9, R16).
pub fn key_list(now: i64, actor: &Member) -> Result<KeyList, Denial> {
    use crate::decide;
    match decide(now, actor, &Action::Org(OrgPermission::ManageApiKeys)).denial() {
        None => Ok(KeyList::All),
        Some(Denial::MissingPermission(_)) => Ok(KeyList::Own),
        Some(other) => Err(other),
    }
}

/// A key's grant narrowed to `names`, dotted permission names
/// (`members.view`, `project.label`): the key acts with only those of its
/// role's permissions (R17: "a role or a subset of one"). `Err` names the
/// first name Roster does not know or the role does not hold.
pub fn narrowed<'a>(
    role: &Grant,
    names: impl IntoIterator<Item = &'a str>,
) -> Result<Grant, &'a str> {
    let mut g = Grant::default();
    for name in names {
        match Named::parse(name) {
            Some(Named::Org(p)) if role.org.contains(p) => g.org |= p,
            Some(Named::Project(p)) if role.projects.contains(p) => g.projects |= p,
            _ => return Err(name),
        }
    }
    Ok(g)
}

/// R17 for the key's role at creation, enabling and rotation, and for
/// whoever takes it over: R2's ceiling, and never the Owner role.
pub fn r17_key_role(actor: &Grant, key: &Grant) -> Result<(), Denial> {
    crate::rules::r2_grant_ceiling(actor, key)
}
