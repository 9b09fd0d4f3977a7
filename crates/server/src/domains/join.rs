//! Joining an org by a verified domain (R13): the facts `decide_join`
//! needs, read under the org's lock, and what each outcome writes.

use permissions::domains::{Claim, JoinMode, Joining, Occasion, Standing, decide_join};
use permissions::{Denial, Seats};
use serde_json::json;

use crate::access::{self, template_of};
use crate::db::audit::{self, Event, Origin};
use crate::db::domains::{self as claims, ClaimRow};
use crate::db::orgs::{self, Org};
use crate::db::{Tx, lock_org, members, outbox};
use crate::error::ApiResult;
use crate::import::grants::Grants;
use crate::mail::messages;
use crate::state::AppState;

/// Who joins: a user with their name and address.
pub struct Joiner<'a> {
    /// User id.
    pub id: i64,
    /// Name.
    pub name: &'a str,
    /// Address.
    pub email: &'a str,
    /// Whether it is verified.
    pub verified: bool,
}

/// A verified claim with its org, loaded under the org's lock.
pub struct Offer {
    /// The claim.
    pub claim: ClaimRow,
    /// Its org.
    pub org: Org,
    /// The crate's facts about it.
    pub facts: Claim,
}

/// The verified claim on the joiner's domain, if any org holds one. With
/// `lock`, the org is locked in `tx` from here on (a change follows).
pub async fn offer(tx: &mut Tx, email: &str, lock: bool) -> ApiResult<Option<Offer>> {
    let Some(domain) = super::of_email(email) else {
        return Ok(None);
    };
    let Some(claim) = claims::verified(tx, &domain).await? else {
        return Ok(None);
    };
    if lock && !lock_org(tx, claim.org_id).await? {
        return Ok(None);
    }
    let Some(org) = orgs::by_id(tx, claim.org_id).await? else {
        return Ok(None);
    };
    of(claim, org)
}

/// A claim of `org` as the crate sees it; `None` when its role is gone.
pub fn of(claim: ClaimRow, org: Org) -> ApiResult<Option<Offer>> {
    // A role the template no longer has admits nobody as anything.
    let template = template_of(&org)?;
    let Some(role) = template.org_role(&claim.default_role) else {
        return Ok(None);
    };
    let facts = Claim {
        verified: claim.verified_at.is_some(),
        mode: JoinMode::parse(&claim.mode).unwrap_or(JoinMode::Off),
        role: role.grant(),
        ceiling: template.auto_join_ceiling().unwrap_or_default(),
    };
    Ok(Some(Offer { claim, org, facts }))
}

/// Where the joiner stands with the org.
pub async fn standing(tx: &mut Tx, org: i64, user: i64) -> ApiResult<Standing> {
    Ok(if members::find(tx, org, user).await?.is_some() {
        Standing::Member
    } else if claims::request(tx, org, user).await?.is_some() {
        Standing::Requested
    } else if claims::departed(tx, org, user).await? {
        Standing::Departed
    } else {
        Standing::Stranger
    })
}

/// Seat usage now (R7).
pub async fn seats(tx: &mut Tx, org: &Org, now: i64) -> ApiResult<Seats> {
    let used = orgs::seats_used(tx, org.id, now).await?;
    Ok(Seats {
        used: u32::try_from(used.max(0)).unwrap_or(u32::MAX),
        limit: org.seat_limit.map(|l| u32::try_from(l).unwrap_or(u32::MAX)),
    })
}

/// Decides for `who` on `offer` and writes what it says.
pub async fn decide_and_apply(
    state: &AppState,
    tx: &mut Tx,
    offer: &Offer,
    who: &Joiner<'_>,
    occasion: Occasion,
) -> ApiResult<Result<Joining, Denial>> {
    let now = state.clock.now();
    let standing = standing(tx, offer.org.id, who.id).await?;
    let seats = seats(tx, &offer.org, now).await?;
    let outcome = decide_join(&offer.facts, who.verified, standing, &seats, occasion);
    match outcome {
        Ok(Joining::Join) => admit(state, tx, offer, who, None).await?,
        Ok(Joining::Request { seats_full }) => queue(state, tx, offer, who, seats_full).await?,
        Ok(Joining::Suggest) | Err(_) => {}
    }
    Ok(outcome)
}

/// At e-mail verification: joins, queues or does nothing, as the claim on
/// the address's domain says.
pub async fn on_verified(state: &AppState, tx: &mut Tx, who: &Joiner<'_>) -> ApiResult<()> {
    if let Some(offer) = offer(tx, who.email, true).await? {
        // A refusal here is no join, not an error of the verification.
        let _ = decide_and_apply(state, tx, &offer, who, Occasion::Verification).await?;
    }
    Ok(())
}

/// Makes `who` a member with the claim's role and groups, audited as
/// auto-join; `admitted_by` is the admin who let them in from the queue.
pub async fn admit(
    state: &AppState,
    tx: &mut Tx,
    offer: &Offer,
    who: &Joiner<'_>,
    admitted_by: Option<(i64, Option<i64>)>,
) -> ApiResult<()> {
    let now = state.clock.now();
    let (org, claim) = (&offer.org, &offer.claim);
    members::insert(
        tx,
        org.id,
        who.id,
        &claim.default_role,
        who.name,
        who.email,
        now,
    )
    .await?;
    Grants {
        groups: claim.groups(),
        projects: Vec::new(),
    }
    .give(tx, org.id, who.id)
    .await?;
    claims::drop_request(tx, org.id, who.id).await?;
    let (actor_id, key_id) = admitted_by.unwrap_or((who.id, None));
    audit::record(
        tx,
        Event {
            org_id: Some(org.id),
            actor_id: Some(actor_id),
            key_id,
            action: "member.joined_by_domain",
            target_type: "member",
            target_id: Some(who.id),
            before: None,
            after: Some(json!({"role": claim.default_role, "domain": claim.domain, "groups": claim.groups()})),
            origin: Some(Origin { source: Some(api::AuditSource::Autojoin), ..Origin::default() }),
        },
        now,
    )
    .await?;
    let link = state.config.link(&format!("/orgs/{}/members", org.id));
    outbox::enqueue(
        tx,
        &messages::welcome(who.email, &org.name, &claim.domain, link),
        now,
    )
    .await?;
    Ok(())
}

/// Puts `who` in the queue and tells the org's admins.
async fn queue(
    state: &AppState,
    tx: &mut Tx,
    offer: &Offer,
    who: &Joiner<'_>,
    seats_full: bool,
) -> ApiResult<()> {
    let now = state.clock.now();
    let org = &offer.org;
    claims::add_request(tx, (org.id, who.id, offer.claim.id), seats_full, now).await?;
    audit::record(
        tx,
        Event {
            org_id: Some(org.id),
            actor_id: Some(who.id),
            key_id: None,
            action: "join_request.created",
            target_type: "user",
            target_id: Some(who.id),
            before: None,
            after: Some(json!({"domain": offer.claim.domain, "seats_full": seats_full})),
            origin: Some(Origin {
                source: Some(api::AuditSource::Autojoin),
                ..Origin::default()
            }),
        },
        now,
    )
    .await?;
    let template = template_of(org)?;
    let link = state.config.link(&format!("/orgs/{}/settings", org.id));
    // Those the crate lets admit them: the very action the queue offers,
    // asked without the seat count (a full org is why they are told).
    let admit = permissions::Action::AdmitJoinRequest {
        role: offer.facts.role,
        ceiling: offer.facts.ceiling,
        seats: Seats::default(),
    };
    for m in members::all(tx, org.id).await? {
        let f = access::facts(template, org, &m);
        if permissions::decide(now, &f, &admit).is_allowed() {
            let mail =
                messages::join_request(&m.email, &org.name, who.name, seats_full, link.clone());
            outbox::enqueue(tx, &mail, now).await?;
        }
    }
    Ok(())
}
