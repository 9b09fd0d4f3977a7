//! Where two rules meet (issue 10): ownership × access expiry, expiry ×
//! seats, acceptance × the inviter's current standing, transfer × projects,
//! the template switch and the seat limit — on every template.

use crate::support::{NOW, both, grant, invitation, member};
use permissions::{
    Action, Denial, Handover, Heir, InvitationState, MemberStatus, OrgPermission as O, Rule, Seats,
    decide, decide_acceptance, decide_transfer_user, templates,
};

both! {
    /// R4 × R16: ownership goes only to a member without an access end
    /// date, on every template; the old Owner's role is the template's
    /// named successor, which exists and is not the Owner.
    fn ownership_never_goes_to_an_expiring_member() {
        let mut cases = 0;
        for t in templates::all() {
            let owner = member(t, t.owner_role().expect("owner").key.as_ref(), 1);
            let successor = t.owner_successor().expect("successor role");
            assert!(!successor.owner, "{}", t.key);
            for role in t.org_roles.iter().filter(|r| !r.owner) {
                let target = member(t, &role.key, 2);
                cases += 3;
                assert!(decide(NOW, &owner, &Action::TransferOwnership { target }).is_allowed());
                let d = decide(NOW, &owner, &Action::TransferOwnership { target: target.expiring_at(NOW + 5) });
                assert_eq!(d.denial(), Some(Denial::OwnershipToExpiring), "{} {}", t.key, role.key);
                assert_eq!(d.denial().and_then(Denial::rule), Some(Rule::R4));
                let d = decide(NOW, &owner, &Action::TransferOwnership { target: target.expiring_at(NOW - 5) });
                assert_eq!(d.denial(), Some(Denial::OwnershipToInactive));
            }
        }
        assert_eq!(cases, 3 * templates::all().iter().map(|t| t.org_roles.len() - 1).sum::<usize>());
        assert_eq!(templates::by_key("mlops").and_then(|t| t.owner_successor()).map(|r| r.name.as_ref()), Some("Administrator"));
    }

    /// R16 × R7: bringing back a member whose access ended is a
    /// reactivation — it takes "reactivate" (R1) and a free seat (R7);
    /// moving a current member's date needs only "change roles".
    fn reviving_expired_access_is_a_reactivation() {
        let t = templates::default_template();
        let admin = member(&t, "admin", 1);
        let manager = member(&t, "manager", 1);
        let expired = member(&t, "labeler", 2).expiring_at(NOW - 1);
        let current = member(&t, "labeler", 2).expiring_at(NOW + 100);
        let full = Seats { used: 10, limit: Some(10) };
        let free = Seats { used: 9, limit: Some(10) };
        let set = |target, expires_at, seats| Action::SetAccessExpiry { target, expires_at, seats };
        // A Manager moves a current date, even with every seat taken.
        assert!(decide(NOW, &manager, &set(current, Some(NOW + 500), full)).is_allowed());
        assert!(decide(NOW, &manager, &set(current, None, full)).is_allowed());
        // A Manager cannot bring back an expired member at all.
        for at in [None, Some(NOW + 500)] {
            let d = decide(NOW, &manager, &set(expired, at, free));
            assert_eq!(d.denial(), Some(Denial::MissingPermission(O::RemoveMembers)));
        }
        // An Admin can, only with a free seat; a suspended one needs none.
        let d = decide(NOW, &admin, &set(expired, None, full));
        assert_eq!(d.denial(), Some(Denial::SeatLimitReached { limit: 10 }));
        assert!(decide(NOW, &admin, &set(expired, None, free)).is_allowed());
        let suspended = expired.with_status(MemberStatus::Suspended);
        assert!(decide(NOW, &admin, &set(suspended, None, full)).is_allowed());
    }

    /// R2 at acceptance: the inviter's *current* standing decides; removed,
    /// suspended, expired or demoted inviters no longer grant the role.
    fn acceptance_rechecks_the_inviter() {
        let t = templates::default_template();
        let inv = invitation(&t, "manager", InvitationState::Open, false);
        let free = Seats::default();
        let manager = member(&t, "manager", 5);
        assert!(decide_acceptance(NOW, &inv, true, Some(&manager), &free).is_allowed());
        for inviter in [
            None,
            Some(manager.with_status(MemberStatus::Suspended)),
            Some(manager.expiring_at(NOW - 1)),
            Some(member(&t, "member", 5)),
            Some(member(&t, "viewer", 5)),
        ] {
            let d = decide_acceptance(NOW, &inv, true, inviter.as_ref(), &free);
            assert_eq!(d.denial(), Some(Denial::InviterCannotGrant), "{inviter:?}");
            assert_eq!(d.denial().and_then(Denial::rule), Some(Rule::R2));
        }
        // A dead link still says so first.
        let revoked = invitation(&t, "manager", InvitationState::Revoked, false);
        assert_eq!(decide_acceptance(NOW, &revoked, true, None, &free).denial(), Some(Denial::InvitationRevoked));
    }

    /// R10: a named heir must be another active member in standing who may
    /// own projects; nothing is handed over otherwise.
    fn heirs_must_be_able_to_own() {
        let t = templates::default_template();
        let admin = member(&t, "admin", 1);
        let target = member(&t, "member", 2);
        let hand = |heir| Handover { owned: 2, heir };
        let ok = Heir::Member(member(&t, "manager", 3));
        for projects in [hand(ok), Handover::NONE, Handover { owned: 0, heir: Heir::NotAMember }] {
            assert!(decide(NOW, &admin, &Action::Remove { target, projects }).is_allowed());
            assert!(decide(NOW, &admin, &Action::Suspend { target, projects }).is_allowed());
        }
        for heir in [
            Heir::NotAMember,
            Heir::Member(target),
            Heir::Member(member(&t, "manager", 3).with_status(MemberStatus::Suspended)),
            Heir::Member(member(&t, "manager", 3).expiring_at(NOW)),
            Heir::Member(member(&t, "labeler", 3)),
            Heir::Member(member(&t, "viewer", 3)),
        ] {
            let d = decide(NOW, &admin, &Action::Remove { target, projects: hand(heir) });
            assert_eq!(d.denial(), Some(Denial::HeirNotEligible), "{heir:?}");
            assert_eq!(d.denial().and_then(Denial::rule), Some(Rule::R10));
        }
        // Authorization comes first: a Labeler learns nothing about heirs.
        let labeler = member(&t, "labeler", 4);
        let d = decide(NOW, &labeler, &Action::Remove { target, projects: hand(Heir::NotAMember) });
        assert_eq!(d.denial().and_then(Denial::rule), Some(Rule::R1));
    }

    /// R14 × R10: moving a user *with* their projects takes the source
    /// org's Owner; an Admin names a new owner in the source org instead.
    fn projects_leave_the_org_only_with_the_owner() {
        let t = templates::default_template();
        let owner = member(&t, "owner", 1);
        let admin = member(&t, "admin", 1);
        let in_b = member(&t, "admin", 1);
        let target = member(&t, "manager", 2);
        let role = grant(&t, "member");
        let seats = Seats::default();
        let go = |actor, projects| decide_transfer_user(NOW, actor, &target, &projects, Some(&in_b), &role, &seats);
        assert!(go(&owner, Handover::unnamed(3)).is_allowed());
        let d = go(&admin, Handover::unnamed(3));
        assert_eq!(d.denial(), Some(Denial::MoveProjectsOwnerOnly));
        assert_eq!(d.denial().and_then(Denial::rule), Some(Rule::R14));
        assert!(go(&admin, Handover::NONE).is_allowed());
        assert!(go(&admin, Handover { owned: 3, heir: Heir::Member(member(&t, "member", 4)) }).is_allowed());
        let d = go(&admin, Handover { owned: 3, heir: Heir::Member(member(&t, "viewer", 4)) });
        assert_eq!(d.denial(), Some(Denial::HeirNotEligible));
    }

    /// R7 as an invariant: the limit never drops below the seats in use.
    fn seat_limit_never_below_usage() {
        let t = templates::default_template();
        let admin = member(&t, "admin", 1);
        let set = |limit, used| decide(NOW, &admin, &Action::SetSeatLimit { limit, used });
        assert!(set(Some(6), 6).is_allowed());
        assert!(set(None, 600).is_allowed());
        let d = set(Some(3), 6);
        assert_eq!(d.denial(), Some(Denial::SeatLimitBelowUsage { used: 6, limit: 3 }));
        assert!(d.denial().is_some_and(|x| x.to_string().contains("6 seats are in use")));
        let manager = member(&t, "manager", 2);
        let d = decide(NOW, &manager, &Action::SetSeatLimit { limit: Some(10), used: 1 });
        assert_eq!(d.denial().and_then(Denial::rule), Some(Rule::R1));
    }

    /// R9: a suspended or expired member cannot even open the org.
    fn opening_the_org_needs_standing() {
        let t = templates::default_template();
        let m = member(&t, "viewer", 1);
        assert!(decide(NOW, &m, &Action::OpenOrg).is_allowed());
        let d = decide(NOW, &m.with_status(MemberStatus::Suspended), &Action::OpenOrg);
        assert_eq!(d.denial(), Some(Denial::ActorSuspended));
        let d = decide(NOW, &m.expiring_at(NOW), &Action::OpenOrg);
        assert_eq!(d.denial(), Some(Denial::AccessExpired));
    }

    /// R18: anyone may ask the decision point about themselves; about
    /// someone else only the roles holding "query decisions" — the Owner
    /// and each template's administrator — and never while suspended (R9).
    fn only_query_decisions_asks_about_others() {
        let mut cases = 0;
        for t in templates::all() {
            for role in &t.org_roles {
                let actor = member(t, &role.key, 1);
                let may = matches!(role.key.as_ref(), "owner" | "admin" | "administrator");
                let other = decide(NOW, &actor, &Action::AskAbout { other: true });
                assert_eq!(other.is_allowed(), may, "{} {}", t.key, role.key);
                if !may {
                    assert_eq!(other.denial(), Some(Denial::AskAboutOthers));
                    assert_eq!(other.denial().and_then(Denial::rule), Some(Rule::R18));
                }
                assert!(decide(NOW, &actor, &Action::AskAbout { other: false }).is_allowed());
                let suspended = actor.with_status(MemberStatus::Suspended);
                assert_eq!(
                    decide(NOW, &suspended, &Action::AskAbout { other: false }).denial(),
                    Some(Denial::ActorSuspended)
                );
                cases += 3;
            }
        }
        assert_eq!(cases, 3 * (6 + 4 + 4 + 5 + 6 + 4));
    }
}
