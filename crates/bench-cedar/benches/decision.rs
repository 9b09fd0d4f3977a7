//! One permission decision, `permissions::decide` beside Cedar's
//! `is_authorized`, on the same question: may a Manager change the role of
//! a Member (allowed), and of an Admin (denied by R3)?
#![expect(clippy::unwrap_used, reason = "benchmark setup")]

use std::hint::black_box;

use bench_cedar::{cedar_allows, entities, policies, request};
use criterion::{Criterion, criterion_group, criterion_main};
use permissions::{Action, Actor, OrgPermission, UserId, decide, templates};

fn decision(c: &mut Criterion) {
    let t = templates::default_template();
    let manager = Actor::active(UserId(1), t.org_role("manager").unwrap().grant());
    let viewer = t.org_role("viewer").unwrap().grant();
    let set = policies(&t).unwrap();
    let req = request(OrgPermission::ChangeMemberRoles).unwrap();
    let mut group = c.benchmark_group("change_role");
    for target_role in ["member", "admin"] {
        let target = Actor::active(UserId(2), t.org_role(target_role).unwrap().grant());
        let action = Action::ChangeRole {
            target,
            role: viewer,
        };
        let ents = entities(&t, "manager", target_role).unwrap();
        let expected = target_role == "member";
        assert_eq!(decide(0, &manager, &action).is_allowed(), expected);
        assert_eq!(cedar_allows(&set, &ents, &req), expected);
        group.bench_function(format!("permissions/manager->{target_role}"), |b| {
            b.iter(|| decide(black_box(0), black_box(&manager), black_box(&action)))
        });
        group.bench_function(format!("cedar/manager->{target_role}"), |b| {
            b.iter(|| cedar_allows(black_box(&set), black_box(&ents), black_box(&req)))
        });
    }
    group.finish();
}

criterion_group!(benches, decision);
criterion_main!(benches);
