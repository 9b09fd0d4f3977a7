//! Schemas of the texts the server checks, so the OpenAPI document states
//! its rules exactly (the server's `validate` module is the other half).
//! Only the document uses these; the wire types stay `String`.

use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

/// Declares a string schema with the given length bounds and pattern.
macro_rules! text {
    ($name:ident, $doc:literal, $min:expr, $max:expr, $pattern:expr) => {
        #[doc = $doc]
        pub struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> RefOr<Schema> {
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .description(Some($doc))
                    .min_length($min)
                    .max_length($max)
                    .pattern($pattern)
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}
    };
}

text!(
    DomainText,
    "A mail domain: dotted ASCII labels (`acme.io`), an optional leading `@` and trailing dot; Unicode names are accepted too and stored in their `xn--` form.",
    Some(3),
    Some(255),
    Some(concat!(
        r"^\s*@?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?",
        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+\.?\s*$",
    ))
);

text!(
    EmailText,
    "An e-mail address: an ASCII addr-spec with a dotted domain (spaces around it are ignored).",
    None,
    Some(254),
    Some(concat!(
        r"^\s*[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*",
        r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?",
        r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+\s*$",
    ))
);

text!(
    NameText,
    "A name: 1–100 characters, no control characters, one that prints.",
    Some(1),
    Some(100),
    Some(concat!(
        r"^[^\u0000-\u001f\u007f-\u009f]*",
        r"[^\s\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5",
        r"\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f",
        r"\ufeff\uffa0\ufff0-\ufffb][^\u0000-\u001f\u007f-\u009f]*$",
    ))
);

text!(
    PasswordText,
    "A password: 8–256 characters, no NUL.",
    Some(8),
    Some(256),
    Some(r"^[^\u0000]*$")
);

text!(
    TokenText,
    "A one-time token from a link.",
    Some(1),
    Some(200),
    Some(r"^[^\u0000]*$")
);

text!(
    RoleKey,
    "A role key of the org's template (`admin`, `labeler`, …).",
    Some(1),
    Some(64),
    Some(r"^[a-z][a-z0-9_]*$")
);

text!(
    TemplateKey,
    "A built-in role template.",
    None,
    None,
    Some(r"^(default|labeling|animl|dataloop|mlops|plainsight)$")
);

text!(
    MessageText,
    "An invitation's message: at most 2000 characters, no NUL.",
    None,
    Some(2000),
    Some(r"^[^\u0000]*$")
);
