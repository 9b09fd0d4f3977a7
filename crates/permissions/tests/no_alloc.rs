#![cfg(not(target_arch = "wasm32"))]
#![expect(clippy::unwrap_used, reason = "a failed lookup is a failed test")]
//! A decision allocates nothing: the server makes one per request and the
//! client one per rendered row action.

use permissions::{
    Action, Actor, Invitation, InvitationState, Seats, UserId, decide, decide_acceptance, templates,
};

#[test]
fn decisions_and_their_reasons_do_not_allocate() {
    let t = templates::default_template();
    let grant = |k: &str| t.org_role(k).unwrap().grant();
    let manager = Actor::active(UserId(1), grant("manager"));
    let admin = Actor::active(UserId(2), grant("admin"));
    let member = Actor::active(UserId(3), grant("member"));
    let full = Seats {
        used: 5,
        limit: Some(5),
    };
    let invitation = Invitation {
        state: InvitationState::Open,
        expires_at: 10,
        grant: grant("viewer"),
    };
    let actions = [
        Action::ChangeRole {
            target: member,
            role: grant("viewer"),
        },
        Action::ChangeRole {
            target: admin,
            role: grant("viewer"),
        },
        Action::Invite {
            role: grant("admin"),
            seats: Seats::default(),
        },
        Action::Invite {
            role: grant("viewer"),
            seats: full,
        },
        Action::Remove {
            target: member,
            projects: permissions::Handover::unnamed(2),
        },
    ];
    let mut allowed = 0;
    let info = allocation_counter::measure(|| {
        for action in &actions {
            let d = decide(0, &manager, action);
            allowed += usize::from(d.is_allowed());
            std::hint::black_box(d.rules());
            std::hint::black_box(d.denial().map(|x| x.rule()));
        }
        std::hint::black_box(decide_acceptance(
            0,
            &invitation,
            true,
            Some(&manager),
            &full,
        ));
    });
    assert_eq!(allowed, 1, "only the Member's role change is allowed");
    assert_eq!(info.count_total, 0, "a decision allocated");
}
