//! API key secrets: `rst_`, 30 random base62 characters (178 bits) and a
//! 6-character base62 CRC32 of them — GitHub's token layout. The checksum
//! lets a mistyped or made-up token be refused before any database read,
//! and lets secret scanners match `rst_[0-9A-Za-z]{36}` without false
//! positives. Only the SHA-256 hash is stored.

use std::fmt;

use rand::Rng;
use rand::distr::Alphanumeric;

/// What every key starts with.
pub const PREFIX: &str = "rst_";
const RANDOM_LEN: usize = 30;
const CHECK_LEN: usize = 6;
const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A fresh key secret, shown once.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// A new secret from the OS-seeded CSPRNG.
    pub fn generate() -> Self {
        let random: String = rand::rng()
            .sample_iter(Alphanumeric)
            .take(RANDOM_LEN)
            .map(char::from)
            .collect();
        let check = checksum(&random);
        Self(format!("{PREFIX}{random}{check}"))
    }

    /// The whole secret, for the one response that shows it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What the database keeps.
    pub fn hash(&self) -> String {
        super::token::hash(&self.0)
    }

    /// How lists show it: `rst_AbCd…wxYz`.
    pub fn display(&self) -> String {
        display(&self.0)
    }
}

/// Never print a secret by accident.
impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// The prefix, the first four and the last four characters of the body.
pub fn display(secret: &str) -> String {
    let body = secret.strip_prefix(PREFIX).unwrap_or(secret);
    let head: String = body.chars().take(4).collect();
    let tail: String = body
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{PREFIX}{head}…{tail}")
}

/// Whether `presented` has the shape and checksum of a key: no database
/// read for anything else.
pub fn well_formed(presented: &str) -> bool {
    let Some(body) = presented.strip_prefix(PREFIX) else {
        return false;
    };
    if body.len() != RANDOM_LEN + CHECK_LEN || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let (random, check) = body.split_at(RANDOM_LEN);
    checksum(random) == check
}

/// CRC32 of the random part, in six base62 digits (62^6 > 2^32).
fn checksum(random: &str) -> String {
    let mut n = u64::from(crc32fast::hash(random.as_bytes()));
    let mut digits = [b'0'; CHECK_LEN];
    for d in digits.iter_mut().rev() {
        let i = usize::try_from(n % 62).unwrap_or_default();
        *d = BASE62.get(i).copied().unwrap_or(b'0');
        n /= 62;
    }
    String::from_utf8_lossy(&digits).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_have_the_layout_scanners_match() {
        let a = Secret::generate();
        let b = Secret::generate();
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), 40);
        assert!(well_formed(a.expose()));
        assert!(a.expose().starts_with("rst_"));
        assert_eq!(format!("{a:?}"), "Secret(<redacted>)");
        assert_eq!(a.display().chars().count(), 4 + 4 + 1 + 4);
        assert!(a.display().ends_with(&a.expose()[36..]));
    }

    #[test]
    fn a_typo_or_a_made_up_key_fails_the_checksum() {
        let s = Secret::generate();
        let mut typo = s.expose().to_string().into_bytes();
        // Change one character of the random part to another base62 one.
        typo[10] = if typo[10] == b'a' { b'b' } else { b'a' };
        assert!(!well_formed(&String::from_utf8_lossy(&typo)));
        assert!(!well_formed("rst_000000000000000000000000000000000000"));
        assert!(!well_formed(&s.expose()[..39]));
        assert!(!well_formed(&s.expose().replace("rst_", "rsk_")));
        assert!(!well_formed(""));
    }
}
