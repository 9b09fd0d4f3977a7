//! The one error envelope every refusal uses (PRODUCT §9).

use permissions::{Denial, Rule};
use serde::{Deserialize, Serialize};

/// `{code, message, rule?}`: what every 4xx and 5xx answer carries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    /// A stable machine-readable code (`"forbidden"`, `"seat_limit"`).
    pub code: String,
    /// One human sentence; for a denial, the permissions crate's reason.
    pub message: String,
    /// The id of the rule that refused (`"R7"`), when one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "R7"))]
    pub rule: Option<Rule>,
}

impl ErrorBody {
    /// A body for a denial from the permissions crate: the same sentence
    /// the client shows beside a disabled button.
    pub fn from_denial(denial: Denial) -> Self {
        Self {
            code: denial_code(denial).to_string(),
            message: denial.to_string(),
            rule: denial.rule(),
        }
    }
}

/// A stable code per kind of denial.
pub const fn denial_code(denial: Denial) -> &'static str {
    match denial {
        Denial::NotAMember => "not_found",
        Denial::AskAboutOthers => "query_denied",
        Denial::SeatLimitReached { .. } => "seat_limit",
        Denial::InvitationExpired => "invitation_expired",
        Denial::InvitationRevoked => "invitation_revoked",
        Denial::InvitationAccepted => "invitation_used",
        Denial::InvitationDeclined => "invitation_declined",
        Denial::WrongInvitee => "wrong_invitee",
        Denial::OwnsProjects { .. } => "owns_projects",
        Denial::WrongState => "conflict",
        Denial::PublicMailDomain => "public_mail_domain",
        Denial::DisposableDomain => "disposable_domain",
        Denial::PublicSuffixDomain => "public_suffix",
        Denial::IpLiteralDomain => "ip_literal",
        Denial::DomainTaken => "domain_taken",
        Denial::DomainUnproven => "domain_unverified",
        Denial::DomainJoinOff => "join_off",
        Denial::EmailUnverified => "email_unverified",
        Denial::DepartedNeedsInvitation => "departed",
        Denial::KeyRevoked => "key_revoked",
        Denial::KeyDisabled => "key_disabled",
        Denial::KeyExpired => "key_expired",
        Denial::KeyRotatedOut => "key_rotated",
        Denial::KeySuspended => "key_suspended",
        Denial::KeysMayNot => "key_forbidden",
        _ => "forbidden",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn denial_body_carries_rule_and_sentence() {
        let body = ErrorBody::from_denial(Denial::SeatLimitReached { limit: 5 });
        let json = serde_json::to_value(&body).unwrap_or_default();
        assert_eq!(json["code"], "seat_limit");
        assert_eq!(json["rule"], "R7");
        assert!(
            json["message"]
                .as_str()
                .is_some_and(|m| m.contains("5 seats"))
        );
        let conflict =
            serde_json::to_value(ErrorBody::from_denial(Denial::WrongState)).unwrap_or_default();
        assert!(
            conflict.get("rule").is_none(),
            "no rule key when no rule decided"
        );
    }
}
