//! Memberships: who is in an org, with which role and status.

use sqlx::FromRow;

use super::Tx;
use super::orgs::Org;

/// A membership row, with the member's name and email.
#[derive(Clone, Debug, FromRow)]
pub struct Membership {
    /// Membership id.
    pub id: i64,
    /// The org.
    pub org_id: i64,
    /// The member.
    pub user_id: i64,
    /// Role key within the org's template.
    pub role: String,
    /// `active` or `suspended`.
    pub status: String,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
    /// When they joined, unix seconds.
    pub joined_at: i64,
    /// When access ends (R16).
    pub access_expires_at: Option<i64>,
}

pub(super) const COLUMNS: &str =
    "id, org_id, user_id, role, status, name, email, joined_at, access_expires_at";

/// A stored standing as the wire's word. The schema's CHECK admits only
/// `active` and `suspended`; anything else fails closed, as suspended.
pub fn standing(word: &str) -> api::MemberStatus {
    api::MemberStatus::parse(word).unwrap_or(api::MemberStatus::Suspended)
}

/// Adds a member.
pub async fn insert(
    tx: &mut Tx,
    org_id: i64,
    user_id: i64,
    role: &str,
    name: &str,
    email: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO memberships (org_id, user_id, role, status, name, email, name_lower, email_lower, joined_at)
         VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8)",
    )
    .bind(org_id)
    .bind(user_id)
    .bind(role)
    .bind(name)
    .bind(email)
    .bind(name.to_lowercase())
    .bind(email.to_lowercase())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Members of `org_id` holding one of `roles`, by user id after `after`,
/// at most `limit`: the candidates of a subject search.
pub async fn with_roles_after(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    roles: &[String],
    after: i64,
    limit: i64,
) -> Result<Vec<Membership>, sqlx::Error> {
    if roles.is_empty() {
        return Ok(Vec::new());
    }
    let marks = (0..roles.len())
        .map(|i| format!("${}", i + 4))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {COLUMNS} FROM memberships WHERE org_id = $1 AND user_id > $2 AND role IN ({marks})
         ORDER BY user_id LIMIT $3"
    );
    let mut q = sqlx::query_as(&sql).bind(org_id).bind(after).bind(limit);
    for r in roles {
        q = q.bind(r);
    }
    q.fetch_all(&mut *conn).await
}

/// The membership of `user_id` in `org_id`, however it stands.
pub async fn find(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    user_id: i64,
) -> Result<Option<Membership>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM memberships WHERE org_id = $1 AND user_id = $2"
    ))
    .bind(org_id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await
}

/// The org `org_id` and `user_id`'s membership in it, in one read: every
/// request's context (`access::load_member`) costs one query, not two.
pub async fn org_and_member(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    user_id: i64,
) -> Result<Option<(Org, Option<Membership>)>, sqlx::Error> {
    let row: Option<OrgAndMember> = sqlx::query_as(&format!(
        "SELECT o.id, o.name, o.owner_id, o.seat_limit, o.invite_expiry_days, o.template, o.state,
            {MEMBER_COLUMNS}
         FROM orgs o LEFT JOIN memberships m ON m.org_id = o.id AND m.user_id = $2
         WHERE o.id = $1",
    ))
    .bind(org_id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| (r.org, r.member.into_membership(org_id, user_id))))
}

/// [`org_and_member`]'s row: the org, and the membership's columns, all
/// `NULL` when there is none.
#[derive(FromRow)]
struct OrgAndMember {
    #[sqlx(flatten)]
    org: Org,
    #[sqlx(flatten)]
    member: MemberColumns,
}

/// A membership's columns as `m_*`, all `NULL` from a LEFT JOIN that
/// found none.
#[derive(Clone, Debug, FromRow)]
pub struct MemberColumns {
    m_id: Option<i64>,
    m_role: Option<String>,
    m_status: Option<String>,
    m_name: Option<String>,
    m_email: Option<String>,
    m_joined_at: Option<i64>,
    m_expires_at: Option<i64>,
}

/// The `m_*` columns of a query that joins `memberships m`.
pub const MEMBER_COLUMNS: &str = "m.id AS m_id, m.role AS m_role, m.status AS m_status, \
    m.name AS m_name, m.email AS m_email, m.joined_at AS m_joined_at, \
    m.access_expires_at AS m_expires_at";

impl MemberColumns {
    /// The membership of `user_id` in `org_id`, if the join found one.
    pub fn into_membership(self, org_id: i64, user_id: i64) -> Option<Membership> {
        match (
            self.m_id,
            self.m_role,
            self.m_status,
            self.m_name,
            self.m_email,
            self.m_joined_at,
        ) {
            (Some(id), Some(role), Some(status), Some(name), Some(email), Some(joined_at)) => {
                Some(Membership {
                    id,
                    org_id,
                    user_id,
                    role,
                    status,
                    name,
                    email,
                    joined_at,
                    access_expires_at: self.m_expires_at,
                })
            }
            _ => None,
        }
    }
}

/// A second membership in one query, joined as `memberships s` (`s_*`):
/// the subject a key asks about, read with the key.
#[derive(Clone, Debug, FromRow)]
pub struct SubjectColumns {
    s_id: Option<i64>,
    s_role: Option<String>,
    s_status: Option<String>,
    s_name: Option<String>,
    s_email: Option<String>,
    s_joined_at: Option<i64>,
    s_expires_at: Option<i64>,
}

/// The `s_*` columns of a query that joins `memberships s`.
pub const SUBJECT_COLUMNS: &str = "s.id AS s_id, s.role AS s_role, s.status AS s_status, \
    s.name AS s_name, s.email AS s_email, s.joined_at AS s_joined_at, \
    s.access_expires_at AS s_expires_at";

impl From<SubjectColumns> for MemberColumns {
    fn from(s: SubjectColumns) -> Self {
        Self {
            m_id: s.s_id,
            m_role: s.s_role,
            m_status: s.s_status,
            m_name: s.s_name,
            m_email: s.s_email,
            m_joined_at: s.s_joined_at,
            m_expires_at: s.s_expires_at,
        }
    }
}

/// Every membership of `org_id`, however it stands (bulk import's facts).
pub async fn all(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
) -> Result<Vec<Membership>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM memberships WHERE org_id = $1"
    ))
    .bind(org_id)
    .fetch_all(&mut *conn)
    .await
}

/// Sets the role.
pub async fn set_role(
    tx: &mut Tx,
    org_id: i64,
    user_id: i64,
    role: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE memberships SET role = $1 WHERE org_id = $2 AND user_id = $3")
        .bind(role)
        .bind(org_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Sets the status (`active` / `suspended`).
pub async fn set_status(
    tx: &mut Tx,
    org_id: i64,
    user_id: i64,
    status: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE memberships SET status = $1 WHERE org_id = $2 AND user_id = $3")
        .bind(status)
        .bind(org_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Sets or clears the access expiry (R16).
pub async fn set_access_expiry(
    tx: &mut Tx,
    org_id: i64,
    user_id: i64,
    at: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE memberships SET access_expires_at = $1 WHERE org_id = $2 AND user_id = $3")
        .bind(at)
        .bind(org_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Removes a member, and remembers it: their mail domain never brings
/// them back (R13), only an invitation.
pub async fn delete(tx: &mut Tx, org_id: i64, user_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM memberships WHERE org_id = $1 AND user_id = $2")
        .bind(org_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    super::domains::depart(tx, org_id, user_id, now).await
}

/// Counts of members by status, for the seat display.
pub async fn count_active(conn: &mut sqlx::AnyConnection, org_id: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND status = 'active'")
            .bind(org_id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(n)
}

/// Every role key in use in the org: by members, by invitations not
/// yet accepted, revoked, declined or replaced (an expired one may still
/// be resent, so its role must keep existing), and by domain claims.
pub async fn roles_in_use(tx: &mut Tx, org_id: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT role FROM memberships WHERE org_id = $1
         UNION
         SELECT role FROM invitations WHERE org_id = $1 AND accepted_at IS NULL
            AND revoked_at IS NULL AND declined_at IS NULL AND superseded_at IS NULL
         UNION
         SELECT default_role FROM org_domains WHERE org_id = $1
         ORDER BY 1",
    )
    .bind(org_id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The users holding `role` in the org.
pub async fn with_role(tx: &mut Tx, org_id: i64, role: &str) -> Result<Vec<i64>, sqlx::Error> {
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT user_id FROM memberships WHERE org_id = $1 AND role = $2")
            .bind(org_id)
            .bind(role)
            .fetch_all(&mut **tx)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}
