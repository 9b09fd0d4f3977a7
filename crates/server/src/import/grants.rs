//! What an imported row gives besides a role — groups and project roles —
//! kept on the invitation until it is accepted, then given in the same
//! transaction as the membership. A group or project deleted meanwhile
//! is skipped: nothing of another org, nothing that no longer exists.

use permissions::import::Planned;
use serde::{Deserialize, Serialize};

use crate::access::OrgContext;
use crate::db::{Tx, groups, projects};

/// Groups and `(project, project role key)` pairs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grants {
    /// Group ids.
    pub groups: Vec<i64>,
    /// Project ids with a project role key.
    pub projects: Vec<(i64, String)>,
}

impl Grants {
    /// A planned row's; `None` when it has none.
    pub fn of(ctx: &OrgContext, p: &Planned) -> Option<Self> {
        (!p.groups.is_empty() || !p.projects.is_empty()).then(|| Self {
            groups: p.groups.clone(),
            projects: p
                .projects
                .iter()
                .filter_map(|(id, r)| {
                    let key = ctx.template.project_roles.get(*r)?.key.to_string();
                    Some((*id, key))
                })
                .collect(),
        })
    }

    /// Gives them to `user`, a member of `org` now.
    pub async fn give(&self, tx: &mut Tx, org: i64, user: i64) -> Result<(), sqlx::Error> {
        for g in &self.groups {
            if groups::by_id(tx, org, *g).await?.is_some() {
                groups::add_member(tx, *g, user).await?;
            }
        }
        for (p, role) in &self.projects {
            if projects::by_id(tx, org, *p).await?.is_some() {
                projects::set_member(tx, *p, user, role).await?;
            }
        }
        Ok(())
    }
}
