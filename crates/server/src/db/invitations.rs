//! Invitations: pending people, each with a single-use link.

use sqlx::FromRow;

use super::Tx;

/// An invitation row.
#[derive(Clone, Debug, FromRow)]
pub struct Invitation {
    /// Id.
    pub id: i64,
    /// The org.
    pub org_id: i64,
    /// Email as typed.
    pub email: String,
    /// Role key.
    pub role: String,
    /// Who invited.
    pub invited_by: i64,
    /// Optional message shown in the mail.
    pub message: Option<String>,
    /// When created.
    pub created_at: i64,
    /// When the current link was sent.
    pub sent_at: i64,
    /// When the current link expires.
    pub expires_at: i64,
    /// When accepted.
    pub accepted_at: Option<i64>,
    /// When revoked.
    pub revoked_at: Option<i64>,
    /// When declined.
    pub declined_at: Option<i64>,
    /// 1 when the current link was shown to the inviter (copy-link).
    pub link_shown: i64,
}

const COLUMNS: &str = "id, org_id, email, role, invited_by, message, created_at, sent_at, expires_at, accepted_at, revoked_at, declined_at, link_shown";

/// What is needed to create one.
pub struct NewInvitation<'a> {
    /// The org.
    pub org_id: i64,
    /// Email as typed.
    pub email: &'a str,
    /// Role key.
    pub role: &'a str,
    /// Inviter.
    pub invited_by: i64,
    /// Optional message.
    pub message: Option<&'a str>,
    /// Hash of the link's token.
    pub token_hash: &'a str,
    /// Now.
    pub now: i64,
    /// Expiry.
    pub expires_at: i64,
}

/// Closes expired open invitations for this email so a new one may be made
/// (an expired invitation never blocks a new invite).
pub async fn supersede_expired(
    tx: &mut Tx,
    org_id: i64,
    email: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE invitations SET superseded_at = $1 WHERE org_id = $2 AND email_lower = $3
         AND accepted_at IS NULL AND revoked_at IS NULL AND declined_at IS NULL AND superseded_at IS NULL
         AND expires_at <= $1",
    )
    .bind(now)
    .bind(org_id)
    .bind(email.to_ascii_lowercase())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The open (pending, unexpired) invitation for this email, if any.
pub async fn open_for_email(
    tx: &mut Tx,
    org_id: i64,
    email: &str,
) -> Result<Option<Invitation>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE org_id = $1 AND email_lower = $2
         AND accepted_at IS NULL AND revoked_at IS NULL AND declined_at IS NULL AND superseded_at IS NULL"
    ))
    .bind(org_id)
    .bind(email.to_ascii_lowercase())
    .fetch_optional(&mut **tx)
    .await
}

/// Inserts an invitation.
pub async fn insert(tx: &mut Tx, n: &NewInvitation<'_>) -> Result<i64, sqlx::Error> {
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO invitations (org_id, email, email_lower, role, invited_by, message, token_hash, created_at, sent_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id",
    )
    .bind(n.org_id)
    .bind(n.email)
    .bind(n.email.to_ascii_lowercase())
    .bind(n.role)
    .bind(n.invited_by)
    .bind(n.message)
    .bind(n.token_hash)
    .bind(n.now)
    .bind(n.expires_at)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// The invitation with this id in this org.
pub async fn by_id(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    id: i64,
) -> Result<Option<Invitation>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE org_id = $1 AND id = $2 AND superseded_at IS NULL"
    ))
    .bind(org_id)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await
}

/// The invitation a link's token belongs to.
pub async fn by_token_hash(tx: &mut Tx, hash: &str) -> Result<Option<Invitation>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE token_hash = $1"
    ))
    .bind(hash)
    .fetch_optional(&mut **tx)
    .await
}

/// Open invitations of the org (pending and expired), newest first.
pub async fn list_open(
    conn: &mut sqlx::AnyConnection,
    org_id: i64,
    limit: i64,
) -> Result<Vec<Invitation>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM invitations WHERE org_id = $1
         AND accepted_at IS NULL AND revoked_at IS NULL AND declined_at IS NULL AND superseded_at IS NULL
         ORDER BY created_at DESC, id DESC LIMIT $2"
    ))
    .bind(org_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await
}

/// A new token and expiry: the old link dies (R6). `shown`: the new link
/// goes to the inviter (copy-link) rather than by mail.
pub async fn renew(
    tx: &mut Tx,
    id: i64,
    token_hash: &str,
    now: i64,
    expires_at: i64,
    shown: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE invitations SET token_hash = $1, sent_at = $2, expires_at = $3, link_shown = $5 WHERE id = $4",
    )
    .bind(token_hash)
    .bind(now)
    .bind(expires_at)
    .bind(id)
    .bind(i64::from(shown))
    .execute(&mut **tx)
    .await?;
    super::outbox::retire_for_invitation(tx, id, now).await
}

/// Sets one of the closing timestamps (`accepted_at`, `revoked_at`,
/// `declined_at`) if the invitation is still open; false if it was not.
pub async fn close(tx: &mut Tx, id: i64, column: Close, now: i64) -> Result<bool, sqlx::Error> {
    let col = match column {
        Close::Accepted => "accepted_at",
        Close::Revoked => "revoked_at",
        Close::Declined => "declined_at",
    };
    let done = sqlx::query(&format!(
        "UPDATE invitations SET {col} = $1 WHERE id = $2
         AND accepted_at IS NULL AND revoked_at IS NULL AND declined_at IS NULL AND superseded_at IS NULL"
    ))
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    super::outbox::retire_for_invitation(tx, id, now).await?;
    Ok(done.rows_affected() == 1)
}

/// How an invitation ends.
#[derive(Clone, Copy, Debug)]
pub enum Close {
    /// The invitee joined.
    Accepted,
    /// Someone allowed revoked it.
    Revoked,
    /// The invitee said no.
    Declined,
}

/// Keeps what an imported row gives besides its role until acceptance.
pub async fn set_grants(
    tx: &mut Tx,
    id: i64,
    grants: &crate::import::grants::Grants,
) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(grants).unwrap_or_default();
    sqlx::query("UPDATE invitations SET grants = $1 WHERE id = $2")
        .bind(json)
        .bind(id)
        .execute(&mut **tx)
        .await
        .map(drop)
}

/// What invitation `id` gives besides its role, if anything.
pub async fn grants_of(
    tx: &mut Tx,
    id: i64,
) -> Result<Option<crate::import::grants::Grants>, sqlx::Error> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT grants FROM invitations WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row
        .and_then(|r| r.0)
        .and_then(|g| serde_json::from_str(&g).ok()))
}

/// Changes the role of an invitation.
pub async fn set_role(tx: &mut Tx, id: i64, role: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE invitations SET role = $1 WHERE id = $2")
        .bind(role)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

impl Invitation {
    /// Where it stands, apart from expiry (which decisions compute from `now`).
    pub fn state(&self) -> permissions::InvitationState {
        use permissions::InvitationState as S;
        match (self.accepted_at, self.revoked_at, self.declined_at) {
            (Some(_), _, _) => S::Accepted,
            (_, Some(_), _) => S::Revoked,
            (_, _, Some(_)) => S::Declined,
            _ => S::Open,
        }
    }

    /// Where it stands at `now`.
    pub fn status(&self, now: i64) -> api::InvitationStatus {
        use api::InvitationStatus as W;
        use permissions::InvitationState as S;
        match self.state() {
            S::Accepted => W::Accepted,
            S::Revoked => W::Revoked,
            S::Declined => W::Declined,
            S::Open if now >= self.expires_at => W::Expired,
            S::Open => W::Pending,
        }
    }

    /// As decision facts, with the grant of its role in `template`.
    pub fn facts(&self, template: &permissions::Template) -> permissions::Invitation {
        permissions::Invitation {
            state: self.state(),
            expires_at: self.expires_at,
            grant: template
                .org_role(&self.role)
                .map(|r| r.grant())
                .unwrap_or_default(),
        }
    }
}
