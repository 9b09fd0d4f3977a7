//! Named actions asked about one member or invitation (the decision
//! point's `member` and `invitation` resources), on every template: a
//! target never widens what the org permission allows, and the target's
//! own rules (R3–R5, R6, R10) narrow it exactly as the page's buttons do.

use crate::support::{NOW, both, invitation, member};
use permissions::names::Named;
use permissions::{
    Action, Denial, Handover, InvitationState, OrgPermission as O, decide, templates,
};

both! {
    /// Every template × asker × target role × org name × owned projects:
    /// allowed on the member implies allowed on the org; project names are
    /// not decided on members.
    fn a_member_target_only_narrows_the_org_permission() {
        let mut cases = 0;
        for t in templates::all() {
            for asker in &t.org_roles {
                let actor = member(t, &asker.key, 1);
                for role in &t.org_roles {
                    for owned in [0, 2] {
                        let target = member(t, &role.key, 2);
                        for name in Named::all() {
                            let Some(action) = name.on_member(target, Handover::unnamed(owned)) else {
                                assert!(matches!(name, Named::Project(_)));
                                continue;
                            };
                            let Named::Org(p) = name else { panic!("{}", name.dotted()) };
                            cases += 1;
                            if decide(NOW, &actor, &action).is_allowed() {
                                assert!(decide(NOW, &actor, &Action::Org(p)).is_allowed(), "{} {} {} on {}", t.key, asker.key, name.dotted(), role.key);
                            }
                        }
                    }
                }
            }
        }
        assert!(cases > 2_000, "{cases}");
    }

    /// The default template's cases a user notices: a Manager may change
    /// roles but not an Admin's (R3), nobody their own (R5), an owner of
    /// projects is not removed without an heir (R10), ownership goes only
    /// to another member (R5).
    fn a_member_target_brings_its_own_rules() {
        let t = templates::default_template();
        let manager = member(&t, "manager", 1);
        let owner = member(&t, "owner", 1);
        let admin = member(&t, "admin", 2);
        let labeler = member(&t, "labeler", 3);
        let role = |target| Named::Org(O::ChangeMemberRoles).on_member(target, Handover::NONE).expect("org");
        assert!(decide(NOW, &manager, &Action::Org(O::ChangeMemberRoles)).is_allowed());
        assert!(decide(NOW, &manager, &role(labeler)).is_allowed());
        assert_eq!(decide(NOW, &manager, &role(admin)).denial().and_then(Denial::rule), Some(permissions::Rule::R3));
        assert!(decide(NOW, &manager, &role(member(&t, "manager", 1))).denial().is_some(), "R5: not oneself");
        let remove = |target, owned| Named::Org(O::RemoveMembers).on_member(target, Handover::unnamed(owned)).expect("org");
        assert!(decide(NOW, &owner, &remove(labeler, 0)).is_allowed());
        assert_eq!(decide(NOW, &owner, &remove(labeler, 3)).denial().and_then(Denial::rule), Some(permissions::Rule::R10));
        let transfer = |target| Named::Org(O::TransferOwnership).on_member(target, Handover::NONE).expect("org");
        assert!(decide(NOW, &owner, &transfer(admin)).is_allowed());
        assert!(decide(NOW, &owner, &transfer(owner)).denial().is_some());
        // Other names are the org permission, whoever the target is.
        let view = Named::Org(O::ViewMembers).on_member(admin, Handover::NONE);
        assert_eq!(view, Some(Action::Org(O::ViewMembers)));
    }

    /// An invitation: managing it meets R6 (only an open one) and R2 (not
    /// one inviting above the asker).
    fn an_invitation_target_brings_r6_and_r2() {
        let t = templates::default_template();
        let manager = member(&t, "manager", 1);
        let manage = |inv| Named::Org(O::ManageInvitations).on_invitation(inv).expect("org");
        assert!(decide(NOW, &manager, &manage(invitation(&t, "labeler", InvitationState::Open, false))).is_allowed());
        assert_eq!(decide(NOW, &manager, &manage(invitation(&t, "admin", InvitationState::Open, false))).denial().and_then(Denial::rule), Some(permissions::Rule::R2));
        assert_eq!(decide(NOW, &manager, &manage(invitation(&t, "labeler", InvitationState::Revoked, false))).denial().and_then(Denial::rule), Some(permissions::Rule::R6));
        assert_eq!(Named::parse("project.view").and_then(|n| n.on_invitation(invitation(&t, "labeler", InvitationState::Open, false))), None);
    }
}
