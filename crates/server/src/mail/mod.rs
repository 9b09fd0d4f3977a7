//! Mail: what each message says (`messages`) and how the outbox is
//! delivered (`worker`).

pub mod messages;
pub mod worker;

/// The invitation mail, sent or resent by the caller of `ctx`: the one
/// builder both paths use, so they cannot word it differently.
pub fn invitation_mail(
    ctx: &crate::access::OrgContext,
    to: &str,
    role_key: &str,
    message: Option<&str>,
    link: String,
    resent: bool,
    invitation_id: i64,
) -> crate::db::outbox::Mail {
    let role = ctx
        .template
        .org_role(role_key)
        .map(|r| r.name.to_string())
        .unwrap_or_default();
    messages::invitation(messages::InvitationMail {
        to,
        org: &ctx.org.name,
        inviter: &ctx.me.name,
        role: &role,
        message,
        link,
        resent,
        invitation_id,
    })
}
