//! Parse, don't validate: user input becomes these types or a 422.

use crate::error::ApiError;

/// A syntactically valid email address, trimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Parses an address (RFC 5322 syntax, at most 254 characters).
    pub fn parse(s: &str) -> Result<Self, ApiError> {
        let s = s.trim();
        if s.len() > 254 || !email_address::EmailAddress::is_valid(s) || !s.contains('.') {
            return Err(ApiError::invalid(
                "email",
                format!("{s:?} is not an email address"),
            ));
        }
        Ok(Self(s.to_string()))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A display or org name: 1–100 characters, no control characters.
pub fn name(field: &'static str, s: &str) -> Result<String, ApiError> {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 100 {
        return Err(ApiError::invalid(field, "must be 1 to 100 characters"));
    }
    if s.chars().any(char::is_control) {
        return Err(ApiError::invalid(
            field,
            "must not contain control characters",
        ));
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
        for bad in ["", "ada", "ada@", "@x.org", "a b@x.org", "ada@localhost"] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_and_passwords_have_bounds() {
        assert!(name("name", " ").is_err());
        assert!(name("name", &"x".repeat(101)).is_err());
        assert!(name("name", "a\u{0}b").is_err());
        assert_eq!(name("name", " Ada ").ok().as_deref(), Some("Ada"));
        assert!(password("short").is_err());
        assert!(password("long enough").is_ok());
    }
}
