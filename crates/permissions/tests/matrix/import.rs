//! Bulk import's plan (PRODUCT §6): each row meets the rules a single
//! change would, a file's own duplicates are both flagged, seats run out
//! row by row in line order (R7), and — over thousands of random files —
//! the plan is a pure function whose invariants always hold.

use std::collections::BTreeMap;

use crate::support::{NOW, both, invitation, member};
use permissions::import::{Existing, Facts, Outcome, Policy, Row, plan};
use permissions::{InvitationState, ProjectAccess, Rule, Seats, templates};

fn row(line: u32, email: &str, role: &str) -> Row {
    Row {
        line,
        email: email.to_string(),
        problem: None,
        role: role.to_string(),
        groups: Vec::new(),
        projects: Vec::new(),
    }
}

fn index(t: &permissions::Template, key: &str) -> usize {
    t.org_roles.iter().position(|r| r.key == key).expect("role")
}

struct World {
    existing: BTreeMap<String, Existing>,
    groups: BTreeMap<String, i64>,
    projects: BTreeMap<String, (i64, ProjectAccess)>,
}

fn world() -> World {
    let t = templates::default_template();
    let mut existing = BTreeMap::new();
    existing.insert(
        "lab@acme.io".into(),
        Existing::Member {
            member: member(&t, "labeler", 10),
            role: index(&t, "labeler"),
        },
    );
    existing.insert(
        "adm@acme.io".into(),
        Existing::Member {
            member: member(&t, "admin", 11),
            role: index(&t, "admin"),
        },
    );
    let mut gone = member(&t, "viewer", 12);
    gone.status = permissions::MemberStatus::Suspended;
    existing.insert(
        "sus@acme.io".into(),
        Existing::Member {
            member: gone,
            role: index(&t, "viewer"),
        },
    );
    existing.insert(
        "inv@acme.io".into(),
        Existing::Invited {
            invitation: invitation(&t, "labeler", InvitationState::Open, false),
            role: index(&t, "labeler"),
        },
    );
    existing.insert(
        "old@acme.io".into(),
        Existing::Invited {
            invitation: invitation(&t, "labeler", InvitationState::Open, true),
            role: index(&t, "labeler"),
        },
    );
    let groups = BTreeMap::from([("night shift".to_string(), 7)]);
    let managed = ProjectAccess {
        owner: true,
        ..ProjectAccess::default()
    };
    let projects = BTreeMap::from([
        ("signs".to_string(), (3, managed)),
        ("faces".to_string(), (4, ProjectAccess::default())),
    ]);
    World {
        existing,
        groups,
        projects,
    }
}

both! {
    /// One file with every outcome, as a Manager with 3 free seats.
    fn every_row_meets_the_rule_a_single_change_would() {
        let t = templates::default_template();
        let w = world();
        let mut facts = Facts {
            now: NOW,
            template: &t,
            actor: member(&t, "manager", 1),
            seats: Seats { used: 7, limit: Some(10) },
            existing: &w.existing,
            groups: &w.groups,
            projects: &w.projects,
            policy: Policy::UpdateRole,
        };
        let mut with_project = row(12, "pro@acme.io", "labeler");
        with_project.projects = vec![("SIGNS".into(), "Reviewer".into())];
        let mut other_project = row(13, "far@acme.io", "labeler");
        other_project.projects = vec![("faces".into(), "labeler".into())];
        let mut grouped = row(14, "grp@acme.io", "labeler");
        grouped.groups = vec!["Night Shift".into()];
        let rows = vec![
            row(2, "new@acme.io", "Labeler"),
            row(3, "lab@acme.io", "member"),
            row(4, "adm@acme.io", "manager"),
            row(5, "sus@acme.io", "viewer"),
            row(6, "inv@acme.io", "viewer"),
            row(7, "old@acme.io", "labeler"),
            row(8, "boss@acme.io", "admin"),
            row(9, "twin@acme.io", "labeler"),
            row(10, "twin@acme.io", "labeler"),
            Row { problem: Some("\"x@\" is not an email address".into()), ..row(11, "x@", "labeler") },
            with_project,
            other_project,
            grouped,
            row(15, "late@acme.io", "wizard"),
            row(16, "fourth@acme.io", "viewer"),
        ];
        let p = plan(&rows, &facts);
        let said: Vec<(u32, &str, Option<Rule>, String)> = p.rows.iter().map(|r| (r.line, r.outcome.name(), r.problem.as_ref().and_then(|x| x.rule), r.problem.as_ref().map(|x| x.reason.clone()).unwrap_or_default())).collect();
        let outcome = |line: u32| said.iter().find(|s| s.0 == line).expect("line").clone();
        assert_eq!(outcome(2).1, "new_invite");
        assert_eq!(p.rows[1].outcome, Outcome::AlreadyMember(true), "Labeler to Member under update");
        assert_eq!(outcome(4).2, Some(Rule::R3), "an Admin is above a Manager: {:?}", outcome(4));
        assert_eq!(outcome(5).1, "suspended");
        assert_eq!(p.rows[4].outcome, Outcome::AlreadyInvited(true));
        assert_eq!(outcome(7).1, "expired_invite_reinvited");
        assert_eq!(outcome(8).2, Some(Rule::R2), "a Manager invites no Admin");
        assert_eq!(outcome(9).3, "duplicate of line 10");
        assert_eq!(outcome(10).3, "duplicate of line 9");
        assert_eq!(outcome(11).1, "invalid");
        assert!(outcome(11).3.contains("not an email"));
        assert_eq!(outcome(12).1, "new_invite", "reviewer on the project the Manager owns");
        assert_eq!(outcome(13).2, Some(Rule::R1), "no grants on a project without access");
        assert_eq!(outcome(14).2, Some(Rule::R1), "a Manager manages no groups");
        assert_eq!(outcome(15).3, "unknown role \"wizard\"");
        // Seats: new (2), old (7) and pro (12) take the 3 free ones; the
        // fourth seat-taking row (16) is refused by R7.
        assert_eq!(outcome(16).2, Some(Rule::R7), "{:?}", outcome(16));
        assert_eq!((p.seats_needed, p.seats_free), (4, Some(3)));
        let totals = p.totals();
        assert_eq!(totals.values().sum::<usize>(), rows.len());
        assert_eq!(totals.get("new_invite"), Some(&2));
        // Skip leaves members and invitations as they are.
        facts.policy = Policy::Skip;
        let p = plan(&rows, &facts);
        assert_eq!(p.rows[1].outcome, Outcome::AlreadyMember(false));
        assert_eq!(p.rows[4].outcome, Outcome::AlreadyInvited(false));
        // The Owner may.
        facts.policy = Policy::UpdateRole;
        facts.actor = member(&t, "owner", 1);
        let p = plan(&rows, &facts);
        assert_eq!(p.rows[2].outcome, Outcome::AlreadyMember(true), "the Owner demotes an Admin");
    }

    /// Thousands of random files over random facts: the plan is the same
    /// twice, one entry per row in order, refused exactly when it says why,
    /// never more seats taken than are free, and both lines of a
    /// duplicate refused.
    fn random_files_keep_the_plans_invariants() {
        let t = templates::default_template();
        let w = world();
        let emails = ["new@acme.io", "lab@acme.io", "adm@acme.io", "sus@acme.io", "inv@acme.io", "old@acme.io", "a@x.io", "b@x.io", "c@x.io"];
        let roles = ["owner", "Admin", "manager", "member", "LABELER", "viewer", "nope", ""];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % n as u64).expect("small")
        };
        for case in 0..2_000 {
            let actor_role = ["owner", "admin", "manager", "labeler"][next(4)];
            let facts = Facts {
                now: NOW,
                template: &t,
                actor: member(&t, actor_role, 1),
                seats: Seats { used: 5, limit: [None, Some(5), Some(7), Some(9)][next(4)] },
                existing: &w.existing,
                groups: &w.groups,
                projects: &w.projects,
                policy: [Policy::Skip, Policy::UpdateRole][next(2)],
            };
            let rows: Vec<Row> = (0..next(12)).map(|i| {
                let mut r = row(u32::try_from(i).expect("small") + 2, emails[next(emails.len())], roles[next(roles.len())]);
                if next(5) == 0 { r.groups.push(["night shift", "day"][next(2)].into()); }
                if next(5) == 0 { r.projects.push((["signs", "faces", "x"][next(3)].into(), ["reviewer", "labeler", "boss"][next(3)].into())); }
                if next(9) == 0 { r.problem = Some("not an address".into()); }
                r
            }).collect();
            let p = plan(&rows, &facts);
            assert_eq!(p, plan(&rows, &facts), "case {case}: pure");
            assert_eq!(p.rows.iter().map(|r| r.line).collect::<Vec<_>>(), rows.iter().map(|r| r.line).collect::<Vec<_>>());
            for r in &p.rows {
                assert_eq!(r.outcome == Outcome::Invalid, r.problem.is_some(), "case {case} line {}", r.line);
            }
            let taken = p.rows.iter().filter(|r| matches!(r.outcome, Outcome::NewInvite | Outcome::ExpiredReinvited)).count();
            if let Some(free) = p.seats_free {
                assert!(taken <= free as usize, "case {case}: {taken} seats of {free}");
            }
            for (i, a) in rows.iter().enumerate() {
                let twin = rows.iter().enumerate().any(|(j, b)| i != j && a.email == b.email);
                if twin {
                    assert_eq!(p.rows[i].outcome, Outcome::Invalid, "case {case}: duplicate line {}", a.line);
                }
            }
            if actor_role == "labeler" {
                assert!(p.rows.iter().all(|r| r.outcome == Outcome::Invalid), "case {case}: a Labeler imports nothing (R1)");
            }
        }
    }
}
