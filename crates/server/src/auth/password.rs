//! argon2id password hashing, off the async threads.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// argon2id cost parameters.
#[derive(Clone, Copy, Debug)]
pub struct Cost {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Iterations.
    pub iterations: u32,
}

impl Cost {
    /// OWASP's argon2id recommendation (19 MiB, 2 iterations).
    pub const PRODUCTION: Self = Self {
        memory_kib: 19 * 1024,
        iterations: 2,
    };
    /// The smallest cost, for tests only.
    pub const TEST: Self = Self {
        memory_kib: 64,
        iterations: 1,
    };

    fn hasher(self) -> Result<Argon2<'static>, argon2::Error> {
        Ok(Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(self.memory_kib, self.iterations, 1, None)?,
        ))
    }
}

/// Hashes a password to a PHC string.
pub async fn hash(cost: Cost, password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        let hash = cost.hasher()?.hash_password(password.as_bytes(), &salt)?;
        Ok(hash.to_string())
    })
    .await?
    .map_err(|e: argon2::password_hash::Error| anyhow::anyhow!("hashing failed: {e}"))
}

/// Checks a password against a stored PHC string (its own parameters).
pub async fn verify(password: String, stored: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored).is_ok_and(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}
