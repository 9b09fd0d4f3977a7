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
path_param!(DomainPath, domain, "Domain claim id.");
path_param!(RequesterPath, user, "The user id of the person waiting.");

/// How callers prove who they are, named by each operation's `security`:
/// the page's session cookie (with the CSRF header on every change), or an
/// API key as a Bearer token on org routes (R17).
pub struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::extract::SESSION_COOKIE,
                "Set by `POST /auth/login`; named `__Host-roster_session` when served over HTTPS.",
            ))),
        );
        components.add_security_scheme(
            "csrf",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                crate::extract::CSRF_HEADER,
                "The `csrf_token` returned at login, sent with the session cookie on every change.",
            ))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("rst_ + 36 base62 characters")
                    .description(Some(
                        "An API key of the org in the path; it acts with its role, \
                         never above its owner's (R17).",
                    ))
                    .build(),
            ),
        );
    }
}
