//! What a request's questions read once: the asker's context per org, each
//! subject's context, each project. A batch of 100 reads as much as its
//! distinct facts, and — inside the batch's one read transaction — every
//! answer comes from the same snapshot.

use std::collections::HashMap;
use std::sync::Arc;

use sqlx::AnyConnection;

use permissions::{Denial, KeySecret, decide_key_use};

use crate::access::{self, OrgContext};
use crate::caller::{Beside, Caller, KeyCaller};
use crate::db::api_keys::{self, KeyRow};
use crate::db::projects::{self, Project};
use crate::error::ApiError;

/// Who a question is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Who {
    /// A user, as a member of the resource's org.
    User(i64),
    /// An API key of the resource's org, acting as it would (R17).
    Key(i64),
}

/// A subject as the crate sees it, or why it may do nothing at all (a
/// key that no longer works says which R17 denial). Shared: a batch asks
/// about the same subject many times.
pub type Subject = Result<Arc<OrgContext>, Denial>;

/// Why a question went unanswered: an error, or — asked of a sealed
/// [`Seen`] — a fact the read so far does not hold.
#[derive(Debug)]
pub enum Unanswered {
    /// Reading or deciding failed.
    Failed(ApiError),
    /// The answer needs a read a sealed `Seen` may not make.
    Unread,
}

impl From<ApiError> for Unanswered {
    fn from(e: ApiError) -> Self {
        Self::Failed(e)
    }
}

impl From<sqlx::Error> for Unanswered {
    fn from(e: sqlx::Error) -> Self {
        Self::Failed(e.into())
    }
}

impl From<Unanswered> for ApiError {
    fn from(u: Unanswered) -> Self {
        match u {
            Unanswered::Failed(e) => e,
            // Only a sealed `Seen` refuses to read, and its callers handle it.
            Unanswered::Unread => {
                Self::Internal(anyhow::anyhow!("a sealed read was asked for more"))
            }
        }
    }
}

/// What a question's answer may return.
pub type Answered<T> = Result<T, Unanswered>;

/// The facts read so far; `None` records "not there" (R15) too.
#[derive(Default)]
pub struct Seen {
    /// Answer only from what is already here: every read is refused.
    sealed: bool,
    askers: HashMap<i64, Option<Arc<OrgContext>>>,
    subjects: HashMap<(i64, Who), Option<Subject>>,
    keys: HashMap<(i64, i64), Option<KeyRow>>,
    projects: HashMap<(i64, i64), Option<Project>>,
    orgs_of: HashMap<i64, Option<i64>>,
}

impl Seen {
    /// For a request made with a key: the caller's context in the key's
    /// org comes from the row read with the key (R9 holds: it is this
    /// request's read) rather than from one more query. Whether they may
    /// ask is settled as the request comes in, like who they are; what
    /// they ask about is read afterwards (in a batch, from one snapshot).
    pub fn with_asker(caller: &Caller, now: i64) -> Self {
        let mut seen = Self::default();
        let Some((org, _)) = caller.home.as_deref() else {
            return seen;
        };
        match access::load_home(caller, org.id, now) {
            Some(Ok(ctx)) => {
                seen.askers.insert(org.id, Some(Arc::new(ctx)));
            }
            Some(Err(ApiError::NotFound | ApiError::Denied(_))) => {
                seen.askers.insert(org.id, None);
            }
            _ => {}
        }
        seen
    }

    /// For one question asked with a key: [`Self::with_asker`], and as
    /// subjects the owner and the user asked about (`beside`), from that
    /// same read. A batch reads subjects inside its snapshot instead, so
    /// that every answer is of one moment.
    pub fn for_one(caller: &Caller, now: i64, beside: Option<Beside>) -> Self {
        let mut seen = Self::with_asker(caller, now);
        let Some((org, me)) = caller.home.as_deref() else {
            return seen;
        };
        let owner = (caller.id, me.clone());
        let asked = beside.map(|b| (b.user, b.membership));
        for (user, membership) in std::iter::once(owner).chain(asked) {
            // As `Self::subject` would read them: whatever their standing.
            let subject = match access::context(org.clone(), membership, &Caller::user(user), now) {
                Ok(ctx) => Some(Ok(Arc::new(ctx))),
                Err(ApiError::Denied(d)) => Some(Err(d)),
                Err(ApiError::NotFound) => None,
                Err(_) => continue,
            };
            seen.subjects.insert((org.id, Who::User(user)), subject);
        }
        seen
    }

    /// Answers only from what was read with the caller: a batch that
    /// needs nothing more is of that one statement's moment.
    pub fn sealed(mut self) -> Self {
        self.sealed = true;
        self
    }

    /// `conn` to read on, unless sealed. Every read a question makes goes
    /// through here, so a sealed answer never mixes moments.
    pub fn read<'c>(&self, conn: &'c mut AnyConnection) -> Answered<&'c mut AnyConnection> {
        if self.sealed {
            return Err(Unanswered::Unread);
        }
        Ok(conn)
    }

    /// The caller in `org`, in standing; `None` when not a member there.
    pub async fn asker(
        &mut self,
        conn: &mut AnyConnection,
        org: i64,
        caller: &Caller,
        now: i64,
    ) -> Answered<Option<Arc<OrgContext>>> {
        if let Some(v) = self.askers.get(&org) {
            return Ok(v.clone());
        }
        let v = match access::load(self.read(conn)?, org, caller, now).await {
            Ok(ctx) => Some(Arc::new(ctx)),
            Err(ApiError::NotFound | ApiError::Denied(_)) => None,
            Err(e) => return Err(e.into()),
        };
        self.askers.insert(org, v.clone());
        Ok(v)
    }

    /// Key `id` of `org`.
    pub async fn key(
        &mut self,
        conn: &mut AnyConnection,
        org: i64,
        id: i64,
    ) -> Answered<Option<KeyRow>> {
        if let Some(v) = self.keys.get(&(org, id)) {
            return Ok(v.clone());
        }
        let v = api_keys::find(self.read(conn)?, org, id).await?;
        self.keys.insert((org, id), v.clone());
        Ok(v)
    }

    /// Whether asking about `who` is asking about someone other than the
    /// caller (R18): one's own keys are oneself; a missing key is not.
    pub async fn is_other(
        &mut self,
        conn: &mut AnyConnection,
        org: i64,
        caller: &Caller,
        who: Who,
    ) -> Answered<bool> {
        Ok(match who {
            Who::User(user) => user != caller.id,
            Who::Key(id) => self
                .key(conn, org, id)
                .await?
                .is_none_or(|k| k.owner_id != caller.id),
        })
    }

    /// `who` in `org`, whatever a user's standing; `None` when not there.
    pub async fn subject(
        &mut self,
        conn: &mut AnyConnection,
        org: i64,
        who: Who,
        now: i64,
    ) -> Answered<Option<Subject>> {
        if let Some(v) = self.subjects.get(&(org, who)) {
            return Ok(v.clone());
        }
        let caller = match who {
            Who::User(user) => Some(Caller::user(user)),
            Who::Key(id) => match self.key(conn, org, id).await? {
                None => None,
                Some(row) => {
                    let (facts, owner) = access::key_facts(&row)?;
                    // Asked about, a key presents its current secret.
                    let usable = decide_key_use(now, &facts, KeySecret::Current, owner.as_ref());
                    if let Some(d) = usable.denial() {
                        self.subjects.insert((org, who), Some(Err(d)));
                        return Ok(Some(Err(d)));
                    }
                    Some(Caller {
                        key: Some(KeyCaller {
                            id,
                            org_id: org,
                            facts,
                        }),
                        ..Caller::user(row.owner_id)
                    })
                }
            },
        };
        let v = match caller {
            None => None,
            Some(c) => match access::load_member(self.read(conn)?, org, &c, now).await {
                Ok(ctx) => Some(Ok(Arc::new(ctx))),
                Err(ApiError::NotFound) => None,
                Err(ApiError::Denied(d)) => Some(Err(d)),
                Err(e) => return Err(e.into()),
            },
        };
        self.subjects.insert((org, who), v.clone());
        Ok(v)
    }

    /// Project `id` of `org`.
    pub async fn project(
        &mut self,
        conn: &mut AnyConnection,
        org: i64,
        id: i64,
    ) -> Answered<Option<Project>> {
        if let Some(v) = self.projects.get(&(org, id)) {
            return Ok(v.clone());
        }
        let v = projects::by_id(self.read(conn)?, org, id).await?;
        self.projects.insert((org, id), v.clone());
        Ok(v)
    }

    /// The org project `id` belongs to.
    pub async fn org_of(&mut self, conn: &mut AnyConnection, id: i64) -> Answered<Option<i64>> {
        if let Some(v) = self.orgs_of.get(&id) {
            return Ok(*v);
        }
        let v = projects::org_of(self.read(conn)?, id).await?;
        self.orgs_of.insert(id, v);
        Ok(v)
    }
}
