//! What the OpenAPI annotations of every router share: the refusal
//! responses and the path parameters, so each is written once.

use std::collections::BTreeMap;

use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder, response::Response};

/// Every refusal: a 4XX (or 503 when the server is busy) with
/// `{code, message, rule?}`.
pub struct Refused;

impl utoipa::IntoResponses for Refused {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let body = || {
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorBody")))
                .build()
        };
        let refused = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content("application/json", body())
                .build()
                .into()
        };
        BTreeMap::from([
            ("4XX".into(), refused("refused: {code, message, rule?}")),
            (
                "503".into(),
                refused("busy: retry after `Retry-After` seconds"),
            ),
        ])
    }
}

/// Declares a path parameter type: one id, at least 1.
macro_rules! path_param {
    ($name:ident, $field:ident, $doc:literal) => {
        #[derive(utoipa::IntoParams)]
        #[into_params(parameter_in = Path)]
        #[expect(dead_code, reason = "read by the OpenAPI derive only")]
        pub struct $name {
            #[doc = $doc]
            #[param(minimum = 1)]
            $field: i64,
        }
    };
}

path_param!(OrgPath, org, "Organization id.");
path_param!(UserPath, user, "A member's user id.");
path_param!(InvitationPath, id, "Invitation id.");
path_param!(GroupPath, group, "Group id.");
path_param!(ProjectPath, project, "Project id.");
path_param!(TaskPath, task, "Task id.");
path_param!(KeyPath, key, "API key id.");
