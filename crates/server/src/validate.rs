//! Parse, don't validate: user input becomes these types or a 422.

use crate::error::ApiError;

/// An email address as Roster takes it everywhere one enters
/// ([`api::email::address`], the rule the page marks by too). Identity compares the
/// ASCII-lowercased address ([`Email::folded`]), so no Unicode folding can
/// turn one address into another (`\u{212A}im@corp` never becomes
/// `kim@corp`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Parses an address (RFC 5322 addr-spec, at most 254 characters).
    pub fn parse(s: &str) -> Result<Self, ApiError> {
        api::email::address(s)
            .map(|a| Self(a.to_string()))
            .ok_or_else(|| {
                ApiError::invalid("email", format!("{:?} is not an email address", s.trim()))
            })
    }

    /// The address as typed (trimmed).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The one folding rule: ASCII lowercase of the whole address.
    pub fn folded(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

/// Characters that print nothing: zero-width spaces and joiners, bidi
/// marks and overrides, the BOM, soft hyphen and the like. A name made of
/// these (and spaces) looks blank.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{FFF0}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// A display or org name: 1–100 characters, no control characters, at
/// least one that is visible.
pub fn name(field: &'static str, s: &str) -> Result<String, ApiError> {
    // Checked before trimming: a tab or newline at either end is refused
    // like one inside, as the OpenAPI pattern says.
    if s.chars().any(char::is_control) {
        return Err(ApiError::invalid(
            field,
            "must not contain control characters",
        ));
    }
    // Counted as sent, like the OpenAPI `maxLength`: padding does not buy
    // room.
    let too_long = s.chars().count() > 100;
    let s = s.trim_matches(is_invisible);
    if s.is_empty() || too_long {
        return Err(ApiError::invalid(field, "must be 1 to 100 characters"));
    }
    Ok(s.to_string())
}

/// A password: 8–256 characters.
pub fn password(s: &str) -> Result<String, ApiError> {
    match s.chars().count() {
        0..8 => Err(ApiError::invalid(
            "password",
            "must be at least 8 characters",
        )),
        257.. => Err(ApiError::invalid(
            "password",
            "must be at most 256 characters",
        )),
        _ => Ok(s.to_string()),
    }
}

/// An optional invitation message: at most 2000 characters.
pub fn message(s: Option<&str>) -> Result<Option<String>, ApiError> {
    match s.map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) if m.chars().count() > 2000 => Err(ApiError::invalid(
            "message",
            "must be at most 2000 characters",
        )),
        other => Ok(other.map(str::to_string)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_parse_or_explain() {
        assert_eq!(
            Email::parse("  Ada@Example.org ").map(|e| e.0).ok(),
            Some("Ada@Example.org".into())
        );
        for bad in [
            "",
            "ada",
            "ada@",
            "@x.org",
            "a b@x.org",
            "ada@localhost",
            "ceo@victim.com <me@evil.com>",
            "Ada <ada@x.org>",
            "<ada@x.org>",
            "ada@[127.0.0.1]",
            "\u{212A}im@corp.io",
            "ada\u{0}@x.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_and_passwords_have_bounds() {
        assert!(name("name", " ").is_err());
        assert!(name("name", &"x".repeat(101)).is_err());
        // Padding counts: the OpenAPI document says at most 100 as sent.
        assert!(name("name", &format!("\u{a0}{}", "x".repeat(100))).is_err());
        assert!(
            name("name", "\tAda").is_err(),
            "a control character at the edge"
        );
        assert!(name("name", "a\u{0}b").is_err());
        for blank in [
            "\u{200b}\u{200b}",
            "\u{202e}\u{202c}",
            "\u{feff}",
            " \u{2060} ",
        ] {
            assert!(name("name", blank).is_err(), "{blank:?}");
        }
        assert_eq!(
            Email::parse("Kim@Corp.io")
                .map(|e| e.folded())
                .ok()
                .as_deref(),
            Some("kim@corp.io")
        );
        assert_eq!(name("name", " Ada ").ok().as_deref(), Some("Ada"));
        assert!(password("short").is_err());
        assert!(password("long enough").is_ok());
    }
}
