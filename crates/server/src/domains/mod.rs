//! Auto-join by a verified domain (R13), the server's half: reading a
//! domain as people type it, what the vendored lists say it is, DNS
//! proof, and joining people when their address is verified. The crate's
//! `permissions::domains` decides; this loads its facts.

pub mod dns;
pub mod join;

use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::LazyLock;

use permissions::domains::DomainKind;

use crate::error::ApiError;

/// Where the TXT record that proves a claim lives.
pub const CHALLENGE_LABEL: &str = "_roster-challenge";

static PUBLIC_MAIL: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| list(include_str!("../../data/public_mail_domains.txt")));
static DISPOSABLE: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| list(include_str!("../../data/disposable_domains.txt")));

fn list(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// A domain as typed (`Acme.IO.`, `@acme.io`, `bücher.de`), normalised:
/// lowercase ASCII with `xn--` labels, no trailing dot. An IP literal is
/// returned as it is, for [`kind`] to refuse with its own reason.
pub fn normalise(typed: &str) -> Result<String, ApiError> {
    let bad = |why: &str| ApiError::invalid("domain", why.to_string());
    let s = typed.trim().trim_start_matches('@');
    let s = s.strip_suffix('.').unwrap_or(s);
    let bare = s.trim_start_matches('[').trim_end_matches(']');
    if bare.parse::<IpAddr>().is_ok() {
        return Ok(bare.to_string());
    }
    if s.is_empty() {
        return Err(bad("enter a domain such as acme.io"));
    }
    let ascii = idna::domain_to_ascii(s).map_err(|_| bad("not a valid domain name"))?;
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if ascii.len() > 253 || !ascii.split('.').all(label_ok) {
        return Err(bad("not a valid domain name"));
    }
    if !ascii.contains('.') {
        return Err(bad("a domain has at least two labels, such as acme.io"));
    }
    Ok(ascii)
}

/// What a normalised domain is, by the vendored lists and the public
/// suffix list.
pub fn kind(domain: &str) -> DomainKind {
    if domain.parse::<IpAddr>().is_ok() {
        DomainKind::IpLiteral
    } else if PUBLIC_MAIL.contains(domain) {
        DomainKind::PublicMail
    } else if DISPOSABLE.contains(domain) {
        DomainKind::Disposable
    } else if psl::suffix_str(domain).is_none_or(|s| s == domain) {
        DomainKind::PublicSuffix
    } else {
        DomainKind::Private
    }
}

/// The domain of an address, as [`normalise`] writes it.
pub fn of_email(email: &str) -> Option<String> {
    let (_, domain) = email.rsplit_once('@')?;
    normalise(domain).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_what_people_type() {
        for (typed, want) in [
            ("Acme.IO.", "acme.io"),
            ("@acme.io", "acme.io"),
            ("  acme.io ", "acme.io"),
            ("bücher.de", "xn--bcher-kva.de"),
            ("[10.0.0.1]", "10.0.0.1"),
        ] {
            assert_eq!(normalise(typed).ok().as_deref(), Some(want), "{typed}");
        }
        for bad in ["", "acme", "acme..io", "-acme.io", "acme_io.com", "a b.io"] {
            assert!(normalise(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_lists_and_the_suffixes_say_what_a_domain_is() {
        assert_eq!(kind("acme.io"), DomainKind::Private);
        assert_eq!(kind("gmail.com"), DomainKind::PublicMail);
        assert_eq!(kind("mailinator.com"), DomainKind::PublicMail);
        assert_eq!(kind("co.uk"), DomainKind::PublicSuffix);
        assert_eq!(kind("github.io"), DomainKind::PublicSuffix);
        assert_eq!(kind("acme.co.uk"), DomainKind::Private);
        assert_eq!(kind("192.168.1.1"), DomainKind::IpLiteral);
        assert_eq!(kind("::1"), DomainKind::IpLiteral);
        assert!(PUBLIC_MAIL.len() + DISPOSABLE.len() > 10_000);
        let disposable = DISPOSABLE.iter().next().copied().unwrap_or_default();
        assert_eq!(kind(disposable), DomainKind::Disposable);
    }
}
