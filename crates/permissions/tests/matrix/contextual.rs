//! The states a role table alone misses: a suspended or expired actor, full
//! seats, invitation acceptance, project owners, groups, auto-join,
//! transfer between orgs — and the reasons a decision carries.

use crate::support::{NOW, both, grant, invitation, member};
use permissions::{
    Action, Actor, Denial, Grant, Handover, InvitationState, MemberStatus, OrgPermission as O,
    ProjectAccess, ProjectPermission as P, Rule, Seats, TaskMode, Template, UserId, decide,
    decide_acceptance, decide_transfer_user, rules, templates,
};

fn default() -> Template {
    templates::default_template()
}

fn rule_of(d: &permissions::Decision) -> Option<Rule> {
    d.denial().and_then(Denial::rule)
}

both! {
    /// R9: a suspended member can do nothing but leave, whatever the role.
    fn suspended_actor_is_denied_everything_but_leaving() {
        let t = default();
        let mut cases = 0;
        for role in ["owner", "admin", "manager", "member", "labeler", "viewer"] {
            let actor = member(&t, role, 1).with_status(MemberStatus::Suspended);
            for action in [Action::Org(O::ViewMembers), Action::Invite { role: grant(&t, "viewer"), seats: Seats::default() }] {
                cases += 1;
                assert_eq!(rule_of(&decide(NOW, &actor, &action)), Some(Rule::R9), "{role}");
            }
            if role != "owner" {
                cases += 1;
                assert!(decide(NOW, &actor, &Action::Leave { projects: Handover::NONE }).is_allowed());
            }
        }
        assert_eq!(cases, 17);
    }

    /// R16: from the access expiry on, the member is treated as removed.
    fn expired_access_denies_from_that_moment() {
        let t = default();
        let admin = member(&t, "admin", 1);
        let view = Action::Org(O::ViewMembers);
        assert!(decide(NOW, &admin.expiring_at(NOW + 1), &view).is_allowed());
        let d = decide(NOW, &admin.expiring_at(NOW), &view);
        assert_eq!(d.denial(), Some(Denial::AccessExpired));
        assert_eq!(rule_of(&d), Some(Rule::R16));
        // Ownership never goes to a member whose access has ended.
        let owner = member(&t, "owner", 2);
        let d = decide(NOW, &owner, &Action::TransferOwnership { target: admin.expiring_at(NOW - 5) });
        assert_eq!(d.denial(), Some(Denial::OwnershipToInactive));
        let d = decide(NOW, &owner, &Action::TransferOwnership {
            target: admin.with_status(MemberStatus::Suspended),
        });
        assert_eq!(rule_of(&d), Some(Rule::R4));
    }

    /// R7: invitations, resends of expired invitations, reactivation and
    /// acceptance need a free seat; the error names the limit.
    fn seat_limit_holds_and_names_the_limit() {
        let t = default();
        let admin = member(&t, "admin", 1);
        let full = Seats { used: 10, limit: Some(10) };
        let one_left = Seats { used: 9, limit: Some(10) };
        let viewer = grant(&t, "viewer");
        let d = decide(NOW, &admin, &Action::Invite { role: viewer, seats: full });
        assert_eq!(d.denial(), Some(Denial::SeatLimitReached { limit: 10 }));
        assert!(d.denial().is_some_and(|x| x.to_string().contains("10 seats")));
        assert!(decide(NOW, &admin, &Action::Invite { role: viewer, seats: one_left }).is_allowed());
        assert!(decide(NOW, &admin, &Action::Invite { role: viewer, seats: Seats { used: 10_000, limit: None } }).is_allowed());

        // A pending invitation already holds its seat; an expired one does not.
        let pending = invitation(&t, "viewer", InvitationState::Open, false);
        let expired = invitation(&t, "viewer", InvitationState::Open, true);
        assert!(decide(NOW, &admin, &Action::ResendInvitation { invitation: pending, seats: full }).is_allowed());
        let d = decide(NOW, &admin, &Action::ResendInvitation { invitation: expired, seats: full });
        assert_eq!(rule_of(&d), Some(Rule::R7));

        // Suspended members hold no seat; reactivating needs one.
        let suspended = member(&t, "member", 7).with_status(MemberStatus::Suspended);
        let d = decide(NOW, &admin, &Action::Reactivate { target: suspended, seats: full });
        assert_eq!(rule_of(&d), Some(Rule::R7));
        assert!(decide(NOW, &admin, &Action::Reactivate { target: suspended, seats: one_left }).is_allowed());

        assert_eq!(rule_of(&decide_acceptance(NOW, &pending, true, Some(&admin), &full)), Some(Rule::R7));
        assert!(decide_acceptance(NOW, &pending, true, Some(&admin), &one_left).is_allowed());
    }

    /// R8: single use, expiry, revocation and the invited email, each with
    /// its own message.
    fn acceptance_says_what_is_wrong() {
        let t = default();
        let free = Seats::default();
        let cases = [
            (InvitationState::Open, false, true, None),
            (InvitationState::Open, true, true, Some(Denial::InvitationExpired)),
            (InvitationState::Open, false, false, Some(Denial::WrongInvitee)),
            (InvitationState::Accepted, false, true, Some(Denial::InvitationAccepted)),
            (InvitationState::Revoked, false, true, Some(Denial::InvitationRevoked)),
            (InvitationState::Revoked, true, true, Some(Denial::InvitationRevoked)),
            (InvitationState::Declined, false, true, Some(Denial::InvitationDeclined)),
        ];
        for (state, expired, email_matches, expected) in cases {
            let inv = invitation(&t, "member", state, expired);
            let d = decide_acceptance(NOW, &inv, email_matches, Some(&member(&t, "admin", 1)), &free);
            assert_eq!(d.denial(), expected, "{state:?} expired={expired} email={email_matches}");
        }
        let messages: std::collections::HashSet<String> =
            cases.iter().filter_map(|c| c.3).map(|d| d.to_string()).collect();
        assert_eq!(messages.len(), 5, "each failure reads differently");
    }

    /// R10: owners of projects are suspended, removed or leave only once
    /// their projects have new owners.
    fn project_owners_need_reassignment() {
        let t = default();
        let admin = member(&t, "admin", 1);
        let target = member(&t, "member", 2);
        for action in [
            Action::Suspend { target, projects: Handover::unnamed(2) },
            Action::Remove { target, projects: Handover::unnamed(1) },
        ] {
            let d = decide(NOW, &admin, &action);
            assert_eq!(rule_of(&d), Some(Rule::R10));
        }
        let d = decide(NOW, &admin, &Action::Remove { target, projects: Handover::unnamed(3) });
        assert!(d.denial().is_some_and(|x| x.to_string().contains("3 projects")));
        assert!(decide(NOW, &admin, &Action::Suspend { target, projects: Handover::NONE }).is_allowed());
        let d = decide(NOW, &target, &Action::Leave { projects: Handover::unnamed(1) });
        assert_eq!(rule_of(&d), Some(Rule::R10));
        assert!(decide(NOW, &target, &Action::Leave { projects: Handover::NONE }).is_allowed());
        // The Owner never leaves (R4); nobody removes themselves (R5).
        let owner = member(&t, "owner", 3);
        assert_eq!(decide(NOW, &owner, &Action::Leave { projects: Handover::NONE }).denial(), Some(Denial::OwnerCannotLeave));
        let d = decide(NOW, &admin, &Action::Remove { target: admin, projects: Handover::NONE });
        assert_eq!(rule_of(&d), Some(Rule::R5));
    }

    /// Suspending a suspended member or reactivating an active one is a
    /// conflict, not a permission question.
    fn state_conflicts_have_no_rule() {
        let t = default();
        let admin = member(&t, "admin", 1);
        let active = member(&t, "member", 2);
        let d = decide(NOW, &admin, &Action::Suspend { target: active.with_status(MemberStatus::Suspended), projects: Handover::NONE });
        assert_eq!((d.denial(), d.rules().len()), (Some(Denial::WrongState), 0));
        let d = decide(NOW, &admin, &Action::Reactivate { target: active, seats: Seats::default() });
        assert_eq!(d.denial(), Some(Denial::WrongState));
    }

    /// R12: effective project permissions are the union of org baseline,
    /// ownership, the direct role and every group's role; leaving a group
    /// takes away what it gave.
    fn group_grants_unite_and_vanish() {
        let t = default();
        let labeler = t.project_role("labeler").map(|r| r.permissions).unwrap_or_default();
        let manager = t.project_role("manager").map(|r| r.permissions).unwrap_or_default();
        let reviewer = t.project_role("reviewer").map(|r| r.permissions).unwrap_or_default();
        let actor = member(&t, "labeler", 1);
        let in_group = ProjectAccess { direct: labeler, groups: reviewer, ..Default::default() };
        let left_group = ProjectAccess { direct: labeler, ..Default::default() };
        let review = |access| decide(NOW, &actor, &Action::Project { permission: P::Review, access });
        assert!(review(in_group).is_allowed());
        assert!(review(in_group).rules().contains(Rule::R12));
        assert_eq!(rule_of(&review(left_group)), Some(Rule::R1));
        // The project's owner is its Manager.
        let owned = ProjectAccess { owner: true, ..Default::default() };
        assert!(decide(NOW, &actor, &Action::Project { permission: P::ManageProjectMembers, access: owned }).is_allowed());
        // Granting project roles: only with "manage project members", and
        // only roles within one's own project permissions (R2).
        let as_manager = ProjectAccess { groups: manager, ..Default::default() };
        assert!(decide(NOW, &actor, &Action::GrantProjectRole { role: reviewer, access: as_manager }).is_allowed());
        let d = decide(NOW, &actor, &Action::GrantProjectRole { role: reviewer, access: in_group });
        assert_eq!(rule_of(&d), Some(Rule::R1));
        let partial = ProjectAccess { direct: labeler | P::ManageProjectMembers, ..Default::default() };
        let d = decide(NOW, &actor, &Action::GrantProjectRole { role: manager, access: partial });
        assert_eq!(rule_of(&d), Some(Rule::R2));
    }

    /// R12 / seed 004: groups go on pull tasks only.
    fn groups_only_on_pull_tasks() {
        let t = default();
        let admin = member(&t, "admin", 1);
        let access = ProjectAccess { baseline: admin.grant.projects, ..Default::default() };
        assert!(decide(NOW, &admin, &Action::AssignGroupToTask { mode: TaskMode::Pull, access }).is_allowed());
        let d = decide(NOW, &admin, &Action::AssignGroupToTask { mode: TaskMode::Distribution, access });
        assert_eq!(d.denial(), Some(Denial::GroupOnDistributionTask));
        let viewer = member(&t, "viewer", 2);
        let d = decide(NOW, &viewer, &Action::AssignGroupToTask { mode: TaskMode::Pull, access: ProjectAccess::default() });
        assert_eq!(rule_of(&d), Some(Rule::R1));
    }

    /// R14: remove in org A and invite in org B, with a seat in B.
    fn transfer_user_between_orgs() {
        let t = default();
        let admin_a = member(&t, "admin", 1);
        let manager_b = member(&t, "manager", 1);
        let viewer_b = member(&t, "viewer", 1);
        let target = member(&t, "member", 2);
        let role = grant(&t, "member");
        let free = Seats::default();
        let d = decide_transfer_user(NOW, &admin_a, &target, &Handover::NONE, Some(&manager_b), &role, &free);
        assert!(d.is_allowed());
        assert!(d.rules().contains(Rule::R14));
        let cases: [(Option<&Actor>, Grant, Seats, Actor, Rule); 6] = [
            (None, role, free, target, Rule::R15),
            (Some(&viewer_b), role, free, target, Rule::R1),
            (Some(&manager_b), grant(&t, "admin"), free, target, Rule::R2),
            (Some(&manager_b), role, Seats { used: 3, limit: Some(3) }, target, Rule::R7),
            (Some(&manager_b), role, free, member(&t, "owner", 9), Rule::R4),
            (Some(&manager_b), role, free, admin_a, Rule::R5),
        ];
        for (b, role, seats, target, rule) in cases {
            let d = decide_transfer_user(NOW, &admin_a, &target, &Handover::NONE, b, &role, &seats);
            assert_eq!(rule_of(&d), Some(rule));
        }
        // A Manager in A may not remove, so may not transfer.
        let d = decide_transfer_user(NOW, &member(&t, "manager", 1), &target, &Handover::NONE, Some(&manager_b), &role, &free);
        assert_eq!(d.denial(), Some(Denial::MissingPermission(O::RemoveMembers)));
    }

    /// R15: without a membership the org's things do not exist (a 404).
    fn org_isolation() {
        assert_eq!(rules::r15_member::<()>(None), Err(Denial::NotAMember));
        assert_eq!(Denial::NotAMember.to_string(), "not found");
        assert!(rules::r15_member(Some(3)).is_ok());
    }

    /// An allow says which rules allowed it (Cedar's reasons shape); a
    /// denial names exactly its rule.
    fn decisions_carry_their_rules() {
        let t = default();
        let admin = member(&t, "admin", 1);
        let target = member(&t, "member", 2);
        let d = decide(NOW, &admin, &Action::ChangeRole { target, role: grant(&t, "viewer") });
        let expected: enumset::EnumSet<Rule> =
            [Rule::R9, Rule::R16, Rule::R1, Rule::R5, Rule::R4, Rule::R3, Rule::R2].into_iter().collect();
        assert_eq!(d.rules(), expected);
        let d = decide(NOW, &admin, &Action::ChangeRole { target, role: grant(&t, "owner") });
        assert_eq!(d.rules(), enumset::EnumSet::only(Rule::R4));
        assert_eq!(d.into_result(), Err(Denial::OwnerRoleNotGrantable));
    }

    /// The UI hides what the role can never do and disables the rest.
    fn permanent_versus_contextual_denials() {
        assert!(Denial::MissingPermission(O::InviteMembers).is_permanent());
        for d in [Denial::AboveTargetCeiling, Denial::OwnerProtected, Denial::SelfManagement, Denial::SeatLimitReached { limit: 1 }] {
            assert!(!d.is_permanent(), "{d:?}");
        }
    }

    /// Every template has exactly one Owner role and unique keys; custom
    /// roles are data read by the same code.
    fn templates_are_data() {
        assert_eq!(templates::all().len(), 6);
        for t in templates::all() {
            assert_eq!(t.org_roles.iter().filter(|r| r.owner).count(), 1, "{}", t.key);
            let mut keys: Vec<&str> = t.org_roles.iter().map(|r| r.key.as_ref()).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), t.org_roles.len(), "{}", t.key);
        }
        let json = r#"{"key":"custom","name":"Acme","auto_join_ceiling":"contractor","owner_successor":"lead",
            "org_roles":[
              {"key":"owner","name":"Owner","description":"","org":["view_members","invite_members","change_member_roles","remove_members","transfer_ownership"],"projects":[],"owner":true},
              {"key":"lead","name":"Lead","description":"","org":["view_members","invite_members"],"projects":["view_project","review"],"owner":false},
              {"key":"contractor","name":"Contractor","description":"","org":[],"projects":["view_project"],"owner":false}],
            "project_roles":[]}"#;
        let custom: Template = serde_json_like(json);
        let lead = Actor::active(UserId(1), custom.org_role("lead").map(|r| r.grant()).unwrap_or_default());
        let contractor = custom.org_role("contractor").map(|r| r.grant()).unwrap_or_default();
        let owner = custom.org_role("owner").map(|r| r.grant()).unwrap_or_default();
        assert!(decide(NOW, &lead, &Action::Invite { role: contractor, seats: Seats::default() }).is_allowed());
        assert_eq!(rule_of(&decide(NOW, &lead, &Action::Invite { role: owner, seats: Seats::default() })), Some(Rule::R4));
        assert_eq!(rule_of(&decide(NOW, &lead, &Action::Org(O::RemoveMembers))), Some(Rule::R1));
    }
}

fn serde_json_like(json: &str) -> Template {
    serde_json::from_str(json).expect("valid template json")
}
