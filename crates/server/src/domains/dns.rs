//! The DNS half of a claim's proof: the TXT records at
//! `_roster-challenge.<domain>`, behind a trait the tests fake.

use std::time::Duration;

use futures::future::BoxFuture;
use hickory_resolver::TokioResolver;
use hickory_resolver::proto::rr::RData;

/// A lookup never holds a request longer than this.
const DEADLINE: Duration = Duration::from_secs(5);

/// Reads TXT records.
pub trait TxtLookup: Send + Sync + std::fmt::Debug {
    /// The TXT strings at `name`; none when it has none or DNS fails.
    fn txt(&self, name: String) -> BoxFuture<'_, Vec<String>>;
}

/// The system's resolver (`/etc/resolv.conf`), built on first use.
#[derive(Debug, Default)]
pub struct SystemDns {
    resolver: tokio::sync::OnceCell<Option<TokioResolver>>,
}

impl SystemDns {
    async fn resolver(&self) -> Option<TokioResolver> {
        self.resolver
            .get_or_init(|| async {
                TokioResolver::builder_tokio()
                    .and_then(|b| b.build())
                    .map_err(|e| tracing::warn!("no DNS resolver: {e}"))
                    .ok()
            })
            .await
            .clone()
    }
}

impl TxtLookup for SystemDns {
    fn txt(&self, name: String) -> BoxFuture<'_, Vec<String>> {
        Box::pin(async move {
            let Some(r) = self.resolver().await else {
                return Vec::new();
            };
            match tokio::time::timeout(DEADLINE, r.txt_lookup(name)).await {
                Ok(Ok(found)) => found
                    .answers()
                    .iter()
                    .filter_map(|rec| match &rec.data {
                        RData::TXT(txt) => Some(txt.to_string()),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        })
    }
}

/// Records set by hand: the tests' DNS.
#[derive(Debug, Default)]
pub struct FakeDns(std::sync::Mutex<std::collections::HashMap<String, Vec<String>>>);

impl FakeDns {
    /// Publishes `value` at `name`.
    pub fn publish(&self, name: &str, value: &str) {
        if let Ok(mut m) = self.0.lock() {
            m.entry(name.to_string())
                .or_default()
                .push(value.to_string());
        }
    }
}

impl TxtLookup for FakeDns {
    fn txt(&self, name: String) -> BoxFuture<'_, Vec<String>> {
        let found = self
            .0
            .lock()
            .map(|m| m.get(&name).cloned().unwrap_or_default())
            .unwrap_or_default();
        Box::pin(async move { found })
    }
}
