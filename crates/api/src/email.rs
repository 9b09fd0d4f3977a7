//! What an email address is, one rule for the server (which refuses
//! anything else with a 422) and the page (which marks it as you type).

/// The address in `s` if it is one as Roster takes it everywhere one
/// enters (sign-up, login, invitations, resets): a bare `local@domain` —
/// no display name, no IP literal, a domain with a dot — in printable
/// ASCII (an internationalised domain in its `xn--` form), at most 254
/// characters as sent. Spaces around it are forgiven and trimmed off.
pub fn address(s: &str) -> Option<&str> {
    // The length as sent, like the OpenAPI `maxLength`.
    let sent = s.chars().count();
    let s = s.trim();
    if sent > 254 || !s.bytes().all(|b| b.is_ascii_graphic()) {
        return None;
    }
    let options = email_address::Options::default()
        .without_display_text()
        .without_domain_literal()
        .with_required_tld();
    let parsed = email_address::EmailAddress::parse_with_options(s, options).ok()?;
    // The addr-spec itself, nothing around it.
    (parsed.email() == s).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::address;

    #[test]
    fn addresses_are_bare_ascii_with_a_dotted_domain() {
        assert_eq!(address("  Ada@Example.org "), Some("Ada@Example.org"));
        assert_eq!(
            address("kim@xn--bcher-kva.example"),
            Some("kim@xn--bcher-kva.example")
        );
        for bad in [
            "",
            "ada",
            "ada@localhost",
            "Ada <ada@example.org>",
            "ada@[127.0.0.1]",
            "\u{212A}im@corp.io",
            "a b@example.org",
            "ada@example.org,",
        ] {
            assert_eq!(address(bad), None, "{bad}");
        }
        let long = format!("{}@example.org", "a".repeat(243));
        assert_eq!(address(&long), None, "255 characters");
    }
}
