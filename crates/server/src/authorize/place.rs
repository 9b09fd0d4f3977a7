//! The resources a question may name and where each lives: an org, a
//! project, a task (decided on its project), a group (on its org), a
//! member (`"{org}:{user}"`, since a person may be in several orgs) and an
//! invitation. Anything that is not there, or not shaped like an id, is
//! simply not found (R15).

use sqlx::AnyConnection;

use super::Seen;
use super::seen::Answered;
use crate::db::places;

/// The resource types Roster decides on.
pub const KINDS: [&str; 6] = ["org", "project", "task", "group", "member", "invitation"];

/// What in the org a question is about, beyond the org or project.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    /// The org or project itself.
    Whole,
    /// This user as a member of the org.
    Member(i64),
    /// This invitation of the org.
    Invitation(i64),
}

/// Where a resource lives.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    /// Its org.
    pub org: i64,
    /// Its project, for a project or a task.
    pub project: Option<i64>,
    /// The member or invitation it is, if one.
    pub target: Target,
}

/// A positive id, or nothing.
pub(super) fn id_of(raw: &str) -> Option<i64> {
    raw.parse().ok().filter(|id| *id > 0)
}

/// Where resource `kind`/`raw` lives; `None` when it is not there.
pub async fn locate(
    conn: &mut AnyConnection,
    seen: &mut Seen,
    kind: &str,
    raw: &str,
) -> Answered<Option<Place>> {
    let whole = |org, project| Place {
        org,
        project,
        target: Target::Whole,
    };
    if kind == "member" {
        let parsed = raw
            .split_once(':')
            .and_then(|(org, user)| Some((id_of(org)?, id_of(user)?)));
        return Ok(parsed.map(|(org, user)| Place {
            target: Target::Member(user),
            ..whole(org, None)
        }));
    }
    let Some(id) = id_of(raw) else {
        return Ok(None);
    };
    Ok(match kind {
        "org" => Some(whole(id, None)),
        "project" => seen.org_of(conn, id).await?.map(|org| whole(org, Some(id))),
        "task" => places::task_place(seen.read(conn)?, id)
            .await?
            .map(|(org, project)| whole(org, Some(project))),
        "group" => places::group_org(seen.read(conn)?, id)
            .await?
            .map(|org| whole(org, None)),
        "invitation" => places::invitation_org(seen.read(conn)?, id)
            .await?
            .map(|org| Place {
                target: Target::Invitation(id),
                ..whole(org, None)
            }),
        _ => None,
    })
}
