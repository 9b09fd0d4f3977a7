//! Organizations and their settings.

use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use crate::text;

/// `POST /orgs`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateOrg {
    /// Name.
    #[cfg_attr(feature = "openapi", schema(value_type = text::NameText))]
    pub name: String,
    /// Role template key (default `"default"`).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<text::TemplateKey>))]
    pub template: Option<String>,
    /// Seat limit; none for unlimited.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 1_000_000_000))]
    pub seat_limit: Option<i64>,
}

/// `PATCH /orgs/{org}`: only the fields given change. `seat_limit: null`
/// removes the limit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateOrg {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<text::NameText>))]
    pub name: Option<String>,
    /// New seat limit (`Some(None)` = unlimited).
    #[serde(
        default,
        with = "double_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>, minimum = 1, maximum = 1_000_000_000))]
    pub seat_limit: Option<Option<i64>>,
    /// Invitation expiry in days, 1–30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 30))]
    pub invite_expiry_days: Option<i64>,
    /// Role template key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<text::TemplateKey>))]
    pub template: Option<String>,
}

/// An org with its settings, seat usage and the caller's role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// The Owner's user id.
    pub owner_id: i64,
    /// Template key.
    pub template: String,
    /// Invitation expiry in days.
    pub invite_expiry_days: i64,
    /// Seats used and the limit.
    pub seats: Seats,
    /// The caller's role key.
    pub my_role: String,
    /// The caller's own standing there (R9): the page offers a suspended
    /// viewer nothing.
    #[serde(default = "active")]
    pub my_status: crate::MemberStatus,
    /// Members of any standing.
    #[serde(default)]
    pub members: i64,
    /// Invitations still open (pending or expired).
    #[serde(default)]
    pub invitations: i64,
}

fn active() -> crate::MemberStatus {
    crate::MemberStatus::Active
}

/// "7 of 10 seats".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Seats {
    /// Active members plus pending unexpired invitations.
    pub used: i64,
    /// The limit; none for unlimited.
    pub limit: Option<i64>,
}

/// `POST /orgs/{org}/transfer-ownership`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TransferOwnership {
    /// The member who becomes Owner.
    #[cfg_attr(feature = "openapi", schema(minimum = 1))]
    pub user_id: i64,
}

/// Distinguishes an absent field from an explicit `null`.
mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Option<i64>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
        Option::<i64>::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::UpdateOrg;

    /// A field left out of a change is absent on the wire. It used to go
    /// out as `null`, which the server reads as "remove the seat limit":
    /// saving only a new name silently dropped the limit.
    #[test]
    fn fields_not_changed_are_not_sent() {
        let only_name = UpdateOrg {
            name: Some("Acme".into()),
            ..UpdateOrg::default()
        };
        let wire = serde_json::to_string(&only_name).unwrap_or_default();
        assert_eq!(wire, r#"{"name":"Acme"}"#);
        let back = serde_json::from_str::<UpdateOrg>(&wire).ok();
        assert_eq!(back, Some(only_name));
    }

    /// Removing the limit is still `null`, and reads back as removal.
    #[test]
    fn removing_the_seat_limit_is_null() {
        let remove = UpdateOrg {
            seat_limit: Some(None),
            ..UpdateOrg::default()
        };
        let wire = serde_json::to_string(&remove).unwrap_or_default();
        assert_eq!(wire, r#"{"seat_limit":null}"#);
        let back = serde_json::from_str::<UpdateOrg>(&wire).ok();
        assert_eq!(back.map(|b| b.seat_limit), Some(Some(None)));
    }
}
