//! What a request's questions read once: the asker's context per org, each
//! subject's context, each project. A batch of 100 reads as much as its
//! distinct facts, and — inside the batch's one read transaction — every
//! answer comes from the same snapshot.

use std::collections::HashMap;

use sqlx::AnyConnection;

use crate::access::{self, OrgContext};
use crate::caller::Caller;
use crate::db::projects::{self, Project};
use crate::error::{ApiError, ApiResult};

/// The facts read so far; `None` records "not there" (R15) too.
#[derive(Default)]
pub struct Seen {
    askers: HashMap<i64, Option<OrgContext>>,
    subjects: HashMap<(i64, i64), Option<OrgContext>>,
    projects: HashMap<(i64, i64), Option<Project>>,
    orgs_of: HashMap<i64, Option<i64>>,
}

impl Seen {
    /// The caller in `org`, in standing; `None` when not a member there.
    pub async fn asker(
        &mut self,
        conn: &mut AnyConnection,
        org: i64,
        caller: &Caller,
        now: i64,
    ) -> ApiResult<Option<OrgContext>> {
        if let Some(v) = self.askers.get(&org) {
            return Ok(v.clone());
        }
        let v = match access::load(conn, org, caller, now).await {
            Ok(ctx) => Some(ctx),
            Err(ApiError::NotFound | ApiError::Denied(_)) => None,
            Err(e) => return Err(e),
        };
        self.askers.insert(org, v.clone());
        Ok(v)
    }

    /// `user` as a member of `org`, whatever their standing.
    pub async fn subject(
        &mut self,
        conn: &mut AnyConnection,
        org: i64,
        user: i64,
        now: i64,
    ) -> ApiResult<Option<OrgContext>> {
        if let Some(v) = self.subjects.get(&(org, user)) {
            return Ok(v.clone());
        }
        let v = match access::load_member(conn, org, &Caller::user(user), now).await {
            Ok(ctx) => Some(ctx),
            Err(ApiError::NotFound) => None,
            Err(e) => return Err(e),
        };
        self.subjects.insert((org, user), v.clone());
        Ok(v)
    }

    /// Project `id` of `org`.
    pub async fn project(
        &mut self,
        conn: &mut AnyConnection,
        org: i64,
        id: i64,
    ) -> ApiResult<Option<Project>> {
        if let Some(v) = self.projects.get(&(org, id)) {
            return Ok(v.clone());
        }
        let v = projects::by_id(conn, org, id).await?;
        self.projects.insert((org, id), v.clone());
        Ok(v)
    }

    /// The org project `id` belongs to.
    pub async fn org_of(&mut self, conn: &mut AnyConnection, id: i64) -> ApiResult<Option<i64>> {
        if let Some(v) = self.orgs_of.get(&id) {
            return Ok(*v);
        }
        let v = projects::org_of(conn, id).await?;
        self.orgs_of.insert(id, v);
        Ok(v)
    }
}
