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

/// At most this many hashes at once: each takes ~19 MiB and a core, so an
/// unbounded number is a way to take the server down.
const SLOTS: usize = 4;
static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(SLOTS);

/// Hashing is saturated; the caller answers 503 with `Retry-After`.
#[derive(Debug, thiserror::Error)]
#[error("password hashing is busy")]
pub struct Busy;

/// A hashing slot, waiting at most a second for one.
async fn slot() -> Result<tokio::sync::SemaphorePermit<'static>, Busy> {
    tokio::time::timeout(std::time::Duration::from_secs(1), HASHING.acquire())
        .await
        .map_err(|_| Busy)?
        .map_err(|_| Busy)
}

/// Hashes a password to a PHC string.
pub async fn hash(cost: Cost, password: String) -> anyhow::Result<String> {
    let _slot = slot().await?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        let hash = cost.hasher()?.hash_password(password.as_bytes(), &salt)?;
        Ok(hash.to_string())
    })
    .await?
    .map_err(|e: argon2::password_hash::Error| anyhow::anyhow!("hashing failed: {e}"))
}

/// A hash of no one's password, verified against when the e-mail is
/// unknown so that a login takes as long either way.
pub async fn decoy(cost: Cost) -> String {
    static DECOY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    DECOY
        .get_or_init(|| async {
            hash(cost, "no one's password".into())
                .await
                .unwrap_or_default()
        })
        .await
        .clone()
}

/// Checks a password against a stored PHC string (its own parameters).
pub async fn verify(password: String, stored: String) -> Result<bool, Busy> {
    let _slot = slot().await?;
    Ok(tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored).is_ok_and(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false))
}
