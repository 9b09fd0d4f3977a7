//! R13 auto-join by a verified domain: who may claim which domain with
//! which default role, what proves a claim, and what a verified address
//! gets from one. Expectations are written out from PRODUCT R13 and
//! issue 11, never derived from the code.

use crate::support::{NOW, both, grant, member, walk_grants};
use permissions::domains::{
    Claim, DomainKind, JoinMode, Joining, Occasion, Proof, Standing, decide_join,
};
use permissions::{Action, Denial, Rule, Seats, decide, templates};

const ROLES: [&str; 6] = ["owner", "admin", "manager", "member", "labeler", "viewer"];

/// Rows: the claiming admin; columns: the default role, in `ROLES` order.
const CLAIM: &str = "
    owner   | R13 | R13 | R13 | Y  | Y  | Y
    admin   | R13 | R13 | R13 | Y  | Y  | Y
    manager | R1  | R1  | R1  | R1 | R1 | R1
    member  | R1  | R1  | R1  | R1 | R1 | R1
    labeler | R1  | R1  | R1  | R1 | R1 | R1
    viewer  | R1  | R1  | R1  | R1 | R1 | R1
";

const FULL: Seats = Seats {
    used: 3,
    limit: Some(3),
};
const FREE: Seats = Seats {
    used: 2,
    limit: Some(3),
};

/// Claim verified, mode, address verified, standing, seats, occasion → outcome.
type Row = (
    bool,
    JoinMode,
    bool,
    Standing,
    Seats,
    Occasion,
    Result<Joining, Denial>,
);

fn claim(verified: bool, mode: JoinMode) -> Claim {
    Claim {
        verified,
        mode,
        role: grant(&templates::default_template(), "member"),
        ceiling: grant(&templates::default_template(), "member"),
    }
}

both! {
    /// Every role of the default template claims a private domain with
    /// every role as its default: R1 settings, then never above Member.
    fn claiming_a_domain_walks_the_roles() {
        let t = templates::default_template();
        let ceiling = t.auto_join_ceiling().expect("a ceiling");
        let w = walk_grants(&t, &ROLES, CLAIM, "claims a domain giving", |role| {
            Action::ClaimDomain { kind: DomainKind::Private, role, ceiling }
        });
        assert!(w.failures.is_empty(), "{:#?}", w.failures);
        assert_eq!(w.cases, 36);
    }

    /// Whatever the role, a domain anyone can get an address at is refused
    /// with its own reason; and API keys never vouch for a domain.
    fn shared_domains_and_keys_are_refused() {
        let t = templates::default_template();
        let ceiling = t.auto_join_ceiling().expect("a ceiling");
        let admin = member(&t, "owner", 1);
        let role = grant(&t, "member");
        for (kind, denial) in [
            (DomainKind::PublicMail, Denial::PublicMailDomain),
            (DomainKind::Disposable, Denial::DisposableDomain),
            (DomainKind::PublicSuffix, Denial::PublicSuffixDomain),
            (DomainKind::IpLiteral, Denial::IpLiteralDomain),
        ] {
            let d = decide(NOW, &admin, &Action::ClaimDomain { kind, role, ceiling });
            assert_eq!(d.denial(), Some(denial), "{kind:?}");
            assert_eq!(denial.rule(), Some(Rule::R13));
        }
        let mut key = admin;
        key.grant.key = true;
        let d = decide(NOW, &key, &Action::ClaimDomain { kind: DomainKind::Private, role, ceiling });
        assert_eq!(d.denial(), Some(Denial::KeysMayNot));
        let d = decide(NOW, &key, &Action::ProveDomain { proof: Proof { verified_email_at_domain: true, dns_challenge_found: true } });
        assert_eq!(d.denial(), Some(Denial::KeysMayNot));
    }

    /// In every template the ceiling is the template's Member-level role:
    /// the Owner role is never a default role.
    fn every_template_caps_the_default_role() {
        for t in templates::all() {
            let ceiling = t.auto_join_ceiling().expect("a ceiling");
            let owner = t.org_roles.iter().find(|r| r.grant().owner).expect("an owner");
            let ceiling_role = t.org_role(&t.auto_join_ceiling).expect("exists").grant();
            let mut a = member(t, &owner.key, 1);
            a.grant = owner.grant();
            let d = decide(NOW, &a, &Action::ClaimDomain { kind: DomainKind::Private, role: owner.grant(), ceiling });
            assert_eq!(d.denial(), Some(Denial::AutoJoinRoleTooHigh), "{}", t.key);
            let d = decide(NOW, &a, &Action::ClaimDomain { kind: DomainKind::Private, role: ceiling_role, ceiling });
            assert!(d.is_allowed(), "{}", t.key);
        }
    }

    /// A claim is proven by a verified address at it or by DNS, by someone
    /// who manages settings.
    fn proof_takes_an_address_or_dns() {
        let t = templates::default_template();
        let admin = member(&t, "admin", 1);
        let cases = [(false, false, Some(Denial::DomainUnproven)), (true, false, None), (false, true, None), (true, true, None)];
        for (email, dns, expected) in cases {
            let proof = Proof { verified_email_at_domain: email, dns_challenge_found: dns };
            assert_eq!(decide(NOW, &admin, &Action::ProveDomain { proof }).denial(), expected);
            let manager = member(&t, "manager", 2);
            assert_eq!(decide(NOW, &manager, &Action::ProveDomain { proof }).denial().and_then(Denial::rule), Some(Rule::R1));
        }
    }

    /// What a person gets, row by row, as R13 and issue 11 say.
    fn joining_by_domain_follows_the_mode() {
        use JoinMode::*;
        use Occasion::*;
        use Standing::*;
        let rows: [Row; 14] = [
            (true, AutoJoin, true, Stranger, FREE, Verification, Ok(Joining::Join)),
            (true, AutoJoin, true, Stranger, FULL, Verification, Ok(Joining::Request { seats_full: true })),
            (true, Suggest, true, Stranger, FREE, Verification, Ok(Joining::Suggest)),
            (true, Suggest, true, Stranger, FREE, Asked, Ok(Joining::Join)),
            (true, Suggest, true, Stranger, FULL, Asked, Ok(Joining::Request { seats_full: true })),
            (true, Request, true, Stranger, FREE, Verification, Ok(Joining::Suggest)),
            (true, Request, true, Stranger, FREE, Asked, Ok(Joining::Request { seats_full: false })),
            (true, Off, true, Stranger, FREE, Asked, Err(Denial::DomainJoinOff)),
            (false, AutoJoin, true, Stranger, FREE, Verification, Err(Denial::DomainUnproven)),
            (true, AutoJoin, false, Stranger, FREE, Asked, Err(Denial::EmailUnverified)),
            (true, AutoJoin, true, Departed, FREE, Verification, Err(Denial::DepartedNeedsInvitation)),
            (true, AutoJoin, true, Member, FREE, Verification, Err(Denial::WrongState)),
            (true, Request, true, Requested, FREE, Asked, Err(Denial::WrongState)),
            (true, Suggest, true, Departed, FREE, Asked, Err(Denial::DepartedNeedsInvitation)),
        ];
        for (verified, mode, email, standing, seats, occasion, expected) in rows {
            let got = decide_join(&claim(verified, mode), email, standing, &seats, occasion);
            assert_eq!(got, expected, "{verified} {mode:?} {email} {standing:?} {seats:?} {occasion:?}");
        }
    }

    /// A template switch may put a claim's role above Member's: then it
    /// admits nobody, by itself or through the queue.
    fn a_role_above_member_admits_nobody_whatever_came_since() {
        let t = templates::default_template();
        let mut c = claim(true, JoinMode::AutoJoin);
        c.role = grant(&t, "manager");
        let got = decide_join(&c, true, Standing::Stranger, &FREE, Occasion::Verification);
        assert_eq!(got, Err(Denial::AutoJoinRoleTooHigh));
        let owner = member(&t, "owner", 1);
        let admit = |role| Action::AdmitJoinRequest { role, ceiling: grant(&t, "member"), seats: FREE };
        assert_eq!(decide(NOW, &owner, &admit(grant(&t, "manager"))).denial(), Some(Denial::AutoJoinRoleTooHigh));
        assert!(decide(NOW, &owner, &admit(grant(&t, "labeler"))).is_allowed());
        let full = Action::AdmitJoinRequest { role: grant(&t, "labeler"), ceiling: grant(&t, "member"), seats: FULL };
        assert_eq!(decide(NOW, &owner, &full).denial().and_then(Denial::rule), Some(Rule::R7));
        let viewer = member(&t, "viewer", 2);
        assert_eq!(decide(NOW, &viewer, &admit(grant(&t, "labeler"))).denial().and_then(Denial::rule), Some(Rule::R1));
    }

    /// Over every combination: nobody joins without a proven claim, a
    /// verified address, no history with the org and a free seat; a full
    /// org never takes a member; a pending claim does nothing at all.
    fn nobody_joins_outside_the_rule() {
        use JoinMode::*;
        let mut cases = 0;
        for verified in [false, true] {
            for mode in JoinMode::ALL {
                for email in [false, true] {
                    for standing in [Standing::Stranger, Standing::Member, Standing::Departed, Standing::Requested] {
                        for seats in [FREE, FULL, Seats::default()] {
                            for occasion in [Occasion::Verification, Occasion::Asked] {
                                cases += 1;
                                let got = decide_join(&claim(verified, mode), email, standing, &seats, occasion);
                                let may = verified && email && standing == Standing::Stranger && mode != Off;
                                assert_eq!(got.is_ok(), may, "{verified} {mode:?} {email} {standing:?}");
                                if got == Ok(Joining::Join) {
                                    assert!(seats.has_free());
                                    assert!(mode == AutoJoin || (mode == Suggest && occasion == Occasion::Asked));
                                }
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(cases, 2 * 4 * 2 * 4 * 3 * 2);
    }
}
