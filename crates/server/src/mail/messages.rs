//! The text of every mail Roster sends. Plain text: names and messages are
//! never interpreted as markup.

use crate::db::outbox::Mail;

/// What an invitation mail says.
pub struct InvitationMail<'a> {
    /// Recipient.
    pub to: &'a str,
    /// The org's name.
    pub org: &'a str,
    /// The inviter's name.
    pub inviter: &'a str,
    /// The role's display name.
    pub role: &'a str,
    /// The inviter's optional message.
    pub message: Option<&'a str>,
    /// The accept link.
    pub link: String,
    /// Whether this is a resend.
    pub resent: bool,
    /// The invitation, for delivery tracking.
    pub invitation_id: i64,
}

/// An invitation, or its resend.
pub fn invitation(m: InvitationMail<'_>) -> Mail {
    let InvitationMail {
        to,
        org,
        inviter,
        role,
        message,
        link,
        resent,
        invitation_id,
    } = m;
    let note = message
        .map(|m| format!("\n{inviter} wrote:\n\n    {}\n", m.replace('\n', "\n    ")))
        .unwrap_or_default();
    Mail {
        kind: if resent {
            "invitation_resent"
        } else {
            "invitation"
        },
        to: to.to_string(),
        subject: format!("{inviter} invited you to {org} on Roster"),
        body: format!(
            "{inviter} invited you to join {org} as {role}.\n{note}\nAccept the invitation:\n\n    {link}\n\n\
             The link works once. If you did not expect this, ignore this mail or decline at the same link.\n"
        ),
        link: Some(link),
        invitation_id: Some(invitation_id),
    }
}

/// Confirm an email address.
pub fn verify_email(to: &str, link: String) -> Mail {
    Mail {
        kind: "verify_email",
        to: to.to_string(),
        subject: "Confirm your email for Roster".into(),
        body: format!(
            "Confirm that this is your address:\n\n    {link}\n\nThe link works once and expires in 2 days.\n"
        ),
        link: Some(link),
        invitation_id: None,
    }
}

/// Set a new password.
pub fn password_reset(to: &str, link: String) -> Mail {
    Mail {
        kind: "password_reset",
        to: to.to_string(),
        subject: "Reset your Roster password".into(),
        body: format!(
            "Someone asked to reset the password of this account. To choose a new one:\n\n    {link}\n\n\
             The link works once and expires in 1 hour. If it was not you, ignore this mail.\n"
        ),
        link: Some(link),
        invitation_id: None,
    }
}

/// Ownership moved to the recipient.
pub fn ownership_transferred(to: &str, org: &str, from: &str) -> Mail {
    Mail {
        kind: "ownership_transfer",
        to: to.to_string(),
        subject: format!("You now own {org} on Roster"),
        body: format!(
            "{from} transferred the ownership of {org} to you. {from} is now an Admin.\n"
        ),
        link: None,
        invitation_id: None,
    }
}

/// Joined an org by a verified domain (R13).
pub fn welcome(to: &str, org: &str, domain: &str, link: String) -> Mail {
    Mail {
        kind: "welcome",
        to: to.to_string(),
        subject: format!("Welcome to {org} on Roster"),
        body: format!(
            "You joined {org} because your verified address is at {domain}, a domain {org} has verified.\n\n    {link}\n\n\
             If this is not what you wanted, leave the organization from its page.\n"
        ),
        link: Some(link),
        invitation_id: None,
    }
}

/// Someone waits in an org's join queue (R13).
pub fn join_request(to: &str, org: &str, who: &str, seats_full: bool, link: String) -> Mail {
    let why = if seats_full {
        " They would have joined, but every seat is taken."
    } else {
        ""
    };
    Mail {
        kind: "join_request",
        to: to.to_string(),
        subject: format!("{who} asks to join {org}"),
        body: format!(
            "{who} verified an address at a domain {org} has verified and asks to join.{why}\n\n\
             Admit or decline them in Settings, Domains:\n\n    {link}\n"
        ),
        link: Some(link),
        invitation_id: None,
    }
}
