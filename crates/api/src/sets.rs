//! The closed sets of the wire: every field or query parameter that takes
//! one of a few words is one of these enums, so the OpenAPI document lists
//! the words and neither side can send another.

use serde::{Deserialize, Serialize};

/// Declares a closed set: its serde names are its words.
macro_rules! closed_set {
    ($(#[$meta:meta])* $name:ident {
        $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        // Every word is its variant in lowercase; a test holds serde to `as_str`.
        #[serde(rename_all = "lowercase")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every word, in order.
            pub const ALL: &[$name] = &[$($name::$variant),+];

            /// The word on the wire and in the database.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// The value named by `word`, if it is one.
            pub fn parse(word: &str) -> Option<Self> {
                match word { $($word => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

closed_set! {
    /// A membership's standing (R9).
    MemberStatus {
        /// Has access.
        Active = "active",
        /// Kept, but no access (R9).
        Suspended = "suspended",
    }
}

closed_set! {
    /// Where an invitation stands.
    InvitationStatus {
        /// Open and not yet expired.
        Pending = "pending",
        /// Open but past its expiry.
        Expired = "expired",
        /// Taken up.
        Accepted = "accepted",
        /// Withdrawn by the org.
        Revoked = "revoked",
        /// Turned down by the invitee.
        Declined = "declined",
    }
}

closed_set! {
    /// Where an invitation's mail stands.
    Delivery {
        /// Waiting in the outbox.
        Queued = "queued",
        /// Handed to the mail server.
        Sent = "sent",
        /// Refused for good.
        Failed = "failed",
    }
}

closed_set! {
    /// How a task hands out work.
    TaskMode {
        /// Assignees take items.
        Pull = "pull",
        /// Items are dealt out.
        Distribution = "distribution",
    }
}

closed_set! {
    /// Whether an assignment counts (its assignee still may work on the project).
    AssignmentStatus {
        /// Counts.
        Active = "active",
        /// Kept, but the assignee lost access.
        Inactive = "inactive",
    }
}

closed_set! {
    /// What the members list is sorted by.
    SortKey {
        /// Display name.
        Name = "name",
        /// E-mail.
        Email = "email",
        /// Join date.
        Joined = "joined",
    }
}

closed_set! {
    /// Sort direction.
    SortDir {
        /// Ascending.
        Asc = "asc",
        /// Descending.
        Desc = "desc",
    }
}

closed_set! {
    /// Where an API key stands (R17), apart from expiry and its owner.
    KeyState {
        /// Usable while its owner holds its permissions.
        Active = "active",
        /// Switched off; can be switched on again.
        Disabled = "disabled",
        /// Ended for good.
        Revoked = "revoked",
    }
}

closed_set! {
    /// Who made an audited change.
    ActorType {
        /// A person, signed in.
        User = "user",
        /// An API key, on its owner's behalf.
        Key = "key",
        /// Roster itself (expiry, auto-join).
        System = "system",
    }
}

closed_set! {
    /// Through what an audited change came.
    AuditSource {
        /// The web page, signed in.
        Ui = "ui",
        /// The API, with a key.
        Api = "api",
        /// A bulk import.
        Import = "import",
        /// Auto-join by a verified domain.
        Autojoin = "autojoin",
        /// Roster itself.
        System = "system",
    }
}

closed_set! {
    /// The health answer.
    HealthStatus {
        /// The server answers.
        Ok = "ok",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_through_serde_and_parse() {
        fn check<T: Serialize + Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            word: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
        ) {
            for s in all {
                let json = serde_json::to_string(s).unwrap_or_default();
                assert_eq!(json, format!("\"{}\"", word(*s)));
                assert_eq!(parse(word(*s)), Some(*s));
            }
        }
        check(MemberStatus::ALL, MemberStatus::as_str, MemberStatus::parse);
        check(
            InvitationStatus::ALL,
            InvitationStatus::as_str,
            InvitationStatus::parse,
        );
        check(Delivery::ALL, Delivery::as_str, Delivery::parse);
        check(TaskMode::ALL, TaskMode::as_str, TaskMode::parse);
        check(
            AssignmentStatus::ALL,
            AssignmentStatus::as_str,
            AssignmentStatus::parse,
        );
        check(SortKey::ALL, SortKey::as_str, SortKey::parse);
        check(SortDir::ALL, SortDir::as_str, SortDir::parse);
        check(HealthStatus::ALL, HealthStatus::as_str, HealthStatus::parse);
        check(KeyState::ALL, KeyState::as_str, KeyState::parse);
        check(ActorType::ALL, ActorType::as_str, ActorType::parse);
        check(AuditSource::ALL, AuditSource::as_str, AuditSource::parse);
        assert_eq!(InvitationStatus::parse("Pending"), None);
        assert!(serde_json::from_str::<SortKey>("\"size\"").is_err());
    }
}
