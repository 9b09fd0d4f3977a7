//! API keys: only secret hashes are stored. Every read carries the owner's
//! membership in the key's org (none once they left), so R17 is decided on
//! one row read fresh.

use sqlx::{AnyConnection, FromRow};

use super::Tx;
use super::members::{MEMBER_COLUMNS, MemberColumns, Membership, SUBJECT_COLUMNS, SubjectColumns};
use super::orgs::Org;

/// A key with its owner's current standing in the key's org.
#[derive(Clone, Debug, FromRow)]
pub struct KeyRow {
    /// Id.
    pub id: i64,
    /// The org.
    pub org_id: i64,
    /// The member it belongs to.
    pub owner_id: i64,
    /// What it is for.
    pub name: String,
    /// Its role key.
    pub role: String,
    /// The dotted names it is narrowed to, as a JSON list.
    pub scope: Option<String>,
    /// `rst_AbCd…wxYz`.
    pub display: String,
    /// Hash of the secret before the last rotation.
    pub previous_hash: Option<String>,
    /// Until when that secret still works.
    pub previous_until: Option<i64>,
    /// `active`, `disabled` or `revoked`.
    pub state: String,
    /// When it stops working.
    pub expires_at: i64,
    /// When it was made.
    pub created_at: i64,
    /// Last use, to the minute.
    pub last_used_at: Option<i64>,
    /// From where.
    pub last_used_addr: Option<String>,
    /// The owner's name: as a member, else as a user.
    pub owner_name: String,
    /// The owner's role in the org, if still a member.
    pub owner_role: Option<String>,
    /// Their standing, if still a member.
    pub owner_status: Option<String>,
    /// Their access expiry (R16).
    pub owner_access_expires_at: Option<i64>,
    /// The org's template key.
    pub template: String,
    /// The org's Owner.
    pub org_owner: i64,
    /// The rest of the org and of the owner's membership, so that a
    /// request made with the key has its context from this one read.
    #[sqlx(flatten)]
    pub home: HomeColumns,
}

/// The org's columns [`KeyRow`] does not name, and the owner's membership.
#[derive(Clone, Debug, FromRow)]
pub struct HomeColumns {
    org_name: String,
    org_seat_limit: Option<i64>,
    org_invite_expiry_days: i64,
    org_state: String,
    #[sqlx(flatten)]
    member: MemberColumns,
}

impl KeyRow {
    /// The key's org and its owner's membership there, as read with it.
    pub fn home(&self) -> (Org, Option<Membership>) {
        let h = &self.home;
        let org = Org {
            id: self.org_id,
            name: h.org_name.clone(),
            owner_id: self.org_owner,
            seat_limit: h.org_seat_limit,
            invite_expiry_days: h.org_invite_expiry_days,
            template: self.template.clone(),
            state: h.org_state.clone(),
        };
        let member = h.member.clone().into_membership(self.org_id, self.owner_id);
        (org, member)
    }
}

/// Every key read: the key, its org, and its owner's membership (`m_*`).
static SELECT: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("SELECT {} {}", *COLUMNS, FROM));

static COLUMNS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "k.id, k.org_id, k.owner_id, k.name, k.role, k.scope, k.display,
        k.previous_hash, k.previous_until, k.state, k.expires_at, k.created_at,
        k.last_used_at, k.last_used_addr,
        COALESCE(m.name, u.name) AS owner_name, m.role AS owner_role,
        m.status AS owner_status, m.access_expires_at AS owner_access_expires_at,
        o.template, o.owner_id AS org_owner,
        o.name AS org_name, o.seat_limit AS org_seat_limit,
        o.invite_expiry_days AS org_invite_expiry_days, o.state AS org_state,
        {MEMBER_COLUMNS}"
    )
});

const FROM: &str = "FROM api_keys k
    JOIN orgs o ON o.id = k.org_id
    JOIN users u ON u.id = k.owner_id
    LEFT JOIN memberships m ON m.org_id = k.org_id AND m.user_id = k.owner_id";

/// The most keys [`by_secrets`] reads in one statement.
pub const MAX_ASKS: usize = 16;

/// Keys read by their secrets, as one statement per secret column: the
/// `n` asked, numbered (`ask`), each with the membership in the key's org
/// of the user it asks about (`s_*`), so that a single question costs
/// one query. `[current, previous][n - 1]`.
static BY_SECRETS: std::sync::LazyLock<[Vec<String>; 2]> = std::sync::LazyLock::new(|| {
    ["secret_hash", "previous_hash"].map(|column| {
        (1..=MAX_ASKS)
            .map(|n| {
                // CAST: the subject is compared with a BIGINT column, and
                // PostgreSQL types a bare VALUES parameter as text.
                let rows: Vec<String> = (0..n)
                    .map(|i| {
                        format!(
                            "(${}, CAST(${} AS BIGINT), CAST({i} AS BIGINT))",
                            2 * i + 1,
                            2 * i + 2
                        )
                    })
                    .collect();
                format!(
                    "WITH q(hash, subject, ask) AS (VALUES {})
    SELECT q.ask, {}, {SUBJECT_COLUMNS} FROM q JOIN api_keys k ON k.{column} = q.hash
    JOIN orgs o ON o.id = k.org_id
    JOIN users u ON u.id = k.owner_id
    LEFT JOIN memberships m ON m.org_id = k.org_id AND m.user_id = k.owner_id
    LEFT JOIN memberships s ON s.org_id = k.org_id AND s.user_id = q.subject",
                    rows.join(", "),
                    *COLUMNS
                )
            })
            .collect()
    })
});

/// A key found by its secret.
#[derive(Debug, FromRow)]
struct Presented {
    /// Which of the secrets asked.
    ask: i64,
    #[sqlx(flatten)]
    row: KeyRow,
    #[sqlx(flatten)]
    subject: SubjectColumns,
}

/// A key found by its secret, as [`by_secrets`] reads it.
#[derive(Debug)]
pub struct Found {
    /// The key with its owner's standing.
    pub row: KeyRow,
    /// Whether the secret was the one before the last rotation.
    pub previous: bool,
    /// The membership in the key's org of the user asked about, if any.
    pub subject: Option<Membership>,
}

/// A new key.
pub struct NewKey<'a> {
    /// The org.
    pub org_id: i64,
    /// Its owner (the creator).
    pub owner_id: i64,
    /// What it is for.
    pub name: &'a str,
    /// Its role key.
    pub role: &'a str,
    /// The dotted names it is narrowed to, as a JSON list.
    pub scope: Option<String>,
    /// Hash of the secret.
    pub secret_hash: &'a str,
    /// How it is shown.
    pub display: &'a str,
    /// When it stops working.
    pub expires_at: i64,
}

/// Stores a key; returns its id.
pub async fn create(tx: &mut Tx, k: NewKey<'_>, now: i64) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO api_keys (org_id, owner_id, name, role, secret_hash, display, expires_at, created_by, created_at, scope)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $2, $8, $9) RETURNING id",
    )
    .bind(k.org_id)
    .bind(k.owner_id)
    .bind(k.name)
    .bind(k.role)
    .bind(k.secret_hash)
    .bind(k.display)
    .bind(k.expires_at)
    .bind(now)
    .bind(k.scope)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// A secret asked about: its hash, and the user whose membership in the
/// key's org to read with it, if any.
#[derive(Clone, Debug)]
pub struct Ask {
    /// The secret's hash.
    pub hash: String,
    /// The user the request asks about.
    pub subject: Option<i64>,
}

/// For each of `asks`, the key whose current or previous secret hashes
/// to it, and the membership of its subject: a statement per
/// [`MAX_ASKS`].
pub async fn by_secrets(
    conn: &mut AnyConnection,
    asks: &[Ask],
) -> Result<Vec<Option<Found>>, sqlx::Error> {
    let mut found = Vec::with_capacity(asks.len());
    for chunk in asks.chunks(MAX_ASKS) {
        found.extend(in_one_statement(conn, chunk).await?);
    }
    Ok(found)
}

/// The key whose current or previous secret hashes to `ask.hash`, and the
/// membership of its subject.
pub async fn by_secret(conn: &mut AnyConnection, ask: &Ask) -> Result<Option<Found>, sqlx::Error> {
    let found = in_one_statement(conn, std::slice::from_ref(ask)).await?;
    Ok(found.into_iter().next().flatten())
}

async fn in_one_statement(
    conn: &mut AnyConnection,
    asks: &[Ask],
) -> Result<Vec<Option<Found>>, sqlx::Error> {
    let mut found: Vec<Option<Found>> = std::iter::repeat_with(|| None).take(asks.len()).collect();
    // By the current secret on its unique index; only a miss is looked up
    // by the one before the last rotation (an OR would use neither index).
    for (statements, previous) in BY_SECRETS.iter().zip([false, true]) {
        let open: Vec<usize> = (0..asks.len()).filter(|&i| found[i].is_none()).collect();
        let Some(sql) = open.len().checked_sub(1).and_then(|n| statements.get(n)) else {
            break;
        };
        let mut query = sqlx::query_as::<_, Presented>(sql);
        for &i in &open {
            query = query.bind(&asks[i].hash).bind(asks[i].subject.unwrap_or(0));
        }
        for Presented { ask, row, subject } in query.fetch_all(&mut *conn).await? {
            let Some(&i) = usize::try_from(ask).ok().and_then(|a| open.get(a)) else {
                continue;
            };
            let membership = asks[i]
                .subject
                .and_then(|user| MemberColumns::from(subject).into_membership(row.org_id, user));
            found[i] = Some(Found {
                row,
                previous,
                subject: membership,
            });
        }
    }
    Ok(found)
}

/// One key of the org.
pub async fn find(
    conn: &mut AnyConnection,
    org_id: i64,
    id: i64,
) -> Result<Option<KeyRow>, sqlx::Error> {
    sqlx::query_as(&format!("{} WHERE k.org_id = $1 AND k.id = $2", *SELECT))
        .bind(org_id)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// The org key `id` belongs to, if it exists.
pub async fn org_of(conn: &mut AnyConnection, id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT org_id FROM api_keys WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
}

/// The org's keys, newest first; only `owner`'s when given.
pub async fn list(
    conn: &mut AnyConnection,
    org_id: i64,
    owner: Option<i64>,
) -> Result<Vec<KeyRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{} WHERE k.org_id = $1 AND ($2 = 0 OR k.owner_id = $2) ORDER BY k.id DESC",
        *SELECT
    ))
    .bind(org_id)
    .bind(owner.unwrap_or(0))
    .fetch_all(&mut *conn)
    .await
}

/// Sets a key's state.
pub async fn set_state(tx: &mut Tx, id: i64, state: api::KeyState) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE api_keys SET state = $2 WHERE id = $1")
        .bind(id)
        .bind(state.as_str())
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A new secret; the old one keeps working until `previous_until`.
pub async fn rotate(
    tx: &mut Tx,
    id: i64,
    secret_hash: &str,
    display: &str,
    previous_until: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE api_keys SET previous_hash = secret_hash, previous_until = $4,
           secret_hash = $2, display = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(secret_hash)
    .bind(display)
    .bind(previous_until)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Gives the key a new owner.
pub async fn take_over(tx: &mut Tx, id: i64, owner_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE api_keys SET owner_id = $2 WHERE id = $1")
        .bind(id)
        .bind(owner_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records a use, at most once a minute per key: the write is skipped while
/// the stored time is recent, so busy keys cost no write per request.
pub async fn touch(tx: &mut Tx, id: i64, now: i64, addr: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE api_keys SET last_used_at = $2, last_used_addr = $3
         WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $4)",
    )
    .bind(id)
    .bind(now)
    .bind(addr)
    .bind(now - 60)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
