//! Random tokens for links and sessions. Only the SHA-256 hash is stored;
//! the plain token exists in the link or cookie alone.

use std::fmt;

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh secret token: 256 random bits, URL-safe.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Generates a token from the OS-seeded CSPRNG.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Self(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The plain token, for a link or cookie.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What the database keeps.
    pub fn hash(&self) -> String {
        hash(&self.0)
    }
}

/// Never print a token by accident.
impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// The stored form of a presented token.
pub fn hash(plain: &str) -> String {
    hex::encode(Sha256::digest(plain.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_redacted() {
        let a = Token::generate();
        let b = Token::generate();
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), 43, "256 bits in base64url");
        assert_eq!(format!("{a:?}"), "Token(<redacted>)");
        assert_eq!(a.hash(), hash(a.expose()));
        assert_ne!(a.hash(), a.expose());
    }
}
