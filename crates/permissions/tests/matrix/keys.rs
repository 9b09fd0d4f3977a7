//! R17 (key ceiling) where it meets the other rules: a key's use against
//! its owner's *current* standing (R9, R16), its own lifecycle, and what a
//! key may never do whatever its role — on every template.

use crate::support::{NOW, both, grant, member};
use permissions::{
    Action, ApiKey, Denial, Grant, Handover, KeyOp, KeySecret, KeyState, Member, MemberStatus,
    OrgPermission as O, Rule, UserId, decide, decide_key_use, templates,
};

fn key(owner: i64, grant: Grant) -> ApiKey {
    ApiKey {
        owner: UserId(owner),
        grant: Grant {
            owner: false,
            ..grant
        },
        state: KeyState::Active,
        expires_at: NOW + 1000,
    }
}

both! {
    /// A key works while its owner stands and holds every permission of
    /// it; demoted below it, suspended, expired or removed, the owner
    /// takes the key down with them (suspended, R17), and the key's own
    /// lifecycle says which word answers: revoked, disabled, expired,
    /// rotated out.
    fn a_key_answers_to_its_owner_now() {
        let mut cases = 0;
        for t in templates::all() {
            for role in t.org_roles.iter().filter(|r| !r.owner) {
                let owner = member(t, &role.key, 1);
                let k = key(1, role.grant());
                let use_ = |k: &ApiKey, secret, owner: Option<&Member>| decide_key_use(NOW, k, secret, owner).denial();
                assert_eq!(use_(&k, KeySecret::Current, Some(&owner)), None, "{} {}", t.key, role.key);
                assert!(decide_key_use(NOW, &k, KeySecret::Current, Some(&owner)).rules().contains(Rule::R17));
                // Every role strictly below this one suspends the key.
                for lower in t.org_roles.iter().filter(|l| !l.owner && l.grant() != role.grant()) {
                    let demoted = member(t, &lower.key, 1);
                    let expect = (!role.grant().is_subset(&lower.grant())).then_some(Denial::KeySuspended);
                    assert_eq!(use_(&k, KeySecret::Current, Some(&demoted)), expect, "{} {} → {}", t.key, role.key, lower.key);
                    cases += 1;
                }
                assert_eq!(use_(&k, KeySecret::Current, Some(&owner.with_status(MemberStatus::Suspended))), Some(Denial::KeySuspended));
                assert_eq!(use_(&k, KeySecret::Current, Some(&owner.expiring_at(NOW))), Some(Denial::KeySuspended));
                assert_eq!(use_(&k, KeySecret::Current, None), Some(Denial::KeySuspended));
                // Its own lifecycle speaks first: nothing to take over there.
                let gone = ApiKey { state: KeyState::Revoked, ..k };
                assert_eq!(use_(&gone, KeySecret::Current, None), Some(Denial::KeyRevoked));
                let off = ApiKey { state: KeyState::Disabled, ..k };
                assert_eq!(use_(&off, KeySecret::Current, Some(&owner)), Some(Denial::KeyDisabled));
                let old = ApiKey { expires_at: NOW, ..k };
                assert_eq!(use_(&old, KeySecret::Current, Some(&owner)), Some(Denial::KeyExpired));
                assert_eq!(use_(&k, KeySecret::Previous { until: NOW + 60 }, Some(&owner)), None);
                assert_eq!(use_(&k, KeySecret::Previous { until: NOW }, Some(&owner)), Some(Denial::KeyRotatedOut));
                for d in [Denial::KeySuspended, Denial::KeyRevoked, Denial::KeyDisabled, Denial::KeyExpired, Denial::KeyRotatedOut] {
                    assert_eq!(d.rule(), Some(Rule::R17));
                    assert!(d.is_key_unusable());
                }
                cases += 10;
            }
        }
        assert!(cases > 100, "{cases}");
    }

    /// A key acts with exactly its permissions — never the Owner's, even
    /// when the Owner made it with every Owner permission — and never
    /// manages keys, ownership, the template or the org's existence, nor
    /// leaves on its owner's behalf (R17), on every template.
    fn a_key_acts_with_its_role_and_never_on_keys_or_ownership() {
        let mut cases = 0;
        for t in templates::all() {
            for role in &t.org_roles {
                let owner = member(t, &role.key, 1);
                let actor = Member::through_key(&owner, &key(1, role.grant()));
                assert!(actor.grant.key && !actor.grant.owner);
                for p in enumset::EnumSet::<O>::all() {
                    let d = decide(NOW, &actor, &Action::Org(p));
                    let never = matches!(p, O::ManageApiKeys | O::DeleteOrg | O::TransferOwnership | O::ClaimProjectOwnership);
                    let expected = if never {
                        Some(Denial::KeysMayNot)
                    } else if role.org.contains(p) {
                        None
                    } else {
                        Some(Denial::MissingPermission(p))
                    };
                    assert_eq!(d.denial(), expected, "{} {} key: {p:?}", t.key, role.key);
                    cases += 1;
                }
                let other = member(t, &t.org_roles.last().expect("a role").key, 7);
                let never = [
                    Action::CreateKey { role: grant(t, &t.org_roles.last().expect("a role").key) },
                    Action::Key { op: KeyOp::Revoke, key: key(1, role.grant()) },
                    Action::Key { op: KeyOp::TakeOver, key: key(9, Grant::default()) },
                    Action::TransferOwnership { target: other },
                    Action::SwitchTemplate,
                    Action::ClaimProjectOwnership,
                    Action::Leave { projects: Handover::NONE },
                ];
                for a in never {
                    let d = decide(NOW, &actor, &a);
                    assert_eq!(d.denial(), Some(Denial::KeysMayNot), "{} {} key: {a:?}", t.key, role.key);
                    assert!(Denial::KeysMayNot.is_permanent());
                    cases += 1;
                }
                // R5 still holds: a key is not a way around "not oneself".
                if role.org.contains(O::ChangeMemberRoles) {
                    let d = decide(NOW, &actor, &Action::ChangeRole { target: owner, role: grant(t, &role.key) });
                    assert_eq!(d.denial().and_then(Denial::rule), Some(Rule::R5), "{} {}", t.key, role.key);
                }
            }
        }
        assert_eq!(cases, templates::all().iter().map(|t| t.org_roles.len() * (enumset::EnumSet::<O>::all().len() + 7)).sum::<usize>());
    }
}

both! {
    /// R17's "subset of a role": a key narrowed to some of its role's
    /// permissions acts with those alone, and no name outside the role (or
    /// unknown) narrows anything.
    fn a_narrowed_key_acts_with_its_names_alone() {
        use permissions::keys::narrowed;
        let t = templates::default_template();
        let admin = t.org_role("admin").expect("admin").grant();
        let g = narrowed(&admin, ["members.view", "project.label"]).expect("both the Admin's");
        let owner = member(&t, "admin", 1);
        let actor = Member::through_key(&owner, &key(1, g));
        assert!(decide(NOW, &actor, &Action::Org(O::ViewMembers)).is_allowed());
        assert_eq!(decide(NOW, &actor, &Action::Org(O::InviteMembers)).denial(), Some(Denial::MissingPermission(O::InviteMembers)));
        assert_eq!(g.projects.len(), 1);
        let labeler = t.org_role("labeler").expect("labeler").grant();
        assert_eq!(narrowed(&labeler, ["members.view"]), Err("members.view"), "not the Labeler's");
        assert_eq!(narrowed(&admin, ["members.fly"]), Err("members.fly"));
        assert_eq!(narrowed(&admin, []).map(|g| g.org.is_empty() && g.projects.is_empty()), Ok(true));
        // A narrowed key still answers to its owner's cover (R17).
        let viewer = member(&t, "viewer", 1);
        assert_eq!(decide_key_use(NOW, &key(1, g), KeySecret::Current, Some(&viewer)).denial(), Some(Denial::KeySuspended));
    }
}

both! {
    /// Who lists which keys: every key with "manage API keys", one's own
    /// otherwise, nothing while suspended (R9) or as a key (R17); and a key
    /// asks about anyone, its owner too, only with "query decisions" (R18).
    fn key_lists_and_questions_follow_the_role() {
        use permissions::keys::{KeyList, key_list};
        let mut cases = 0;
        for t in templates::all() {
            for role in &t.org_roles {
                let m = member(t, &role.key, 1);
                let want = if role.org.contains(O::ManageApiKeys) { KeyList::All } else { KeyList::Own };
                assert_eq!(key_list(NOW, &m), Ok(want), "{} {}", t.key, role.key);
                assert_eq!(key_list(NOW, &m.with_status(MemberStatus::Suspended)), Err(Denial::ActorSuspended));
                let k = Member::through_key(&m, &key(1, role.grant()));
                assert_eq!(key_list(NOW, &k), Err(Denial::KeysMayNot));
                let about_owner = decide(NOW, &k, &Action::AskAbout { other: false });
                assert_eq!(about_owner.is_allowed(), role.org.contains(O::QueryDecisions), "{} {}", t.key, role.key);
                cases += 1;
            }
        }
        assert_eq!(cases, 6 + 4 + 4 + 5 + 6 + 4);
    }
}
