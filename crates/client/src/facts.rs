//! The one place the page keeps what its decisions depend on: the org as
//! the server last said (name, settings, seats, the viewer's own role,
//! ownership and standing) and a change counter. Every action that changes
//! something calls [`Facts::changed`]; the org is read again and every list
//! that watches [`Facts::version`] reloads, so no control is judged on
//! facts from before the change.

use api::orgs::OrgView;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Client;

/// The org's facts for the signed-in viewer. `Copy`: signals only.
#[derive(Clone, Copy)]
pub struct Facts {
    /// The org as last read; `None` while the first read is under way.
    pub org: RwSignal<Option<Result<OrgView, String>>>,
    /// Bumped after every change made from the page.
    version: RwSignal<u64>,
    /// Which org the facts are for.
    org_id: RwSignal<Option<i64>>,
    /// Bumped per read so a slow answer never overwrites a newer one.
    generation: RwSignal<u64>,
}

impl Facts {
    /// Facts for no org yet.
    pub fn new() -> Self {
        Self {
            org: RwSignal::new(None),
            version: RwSignal::new(0),
            org_id: RwSignal::new(None),
            generation: RwSignal::new(0),
        }
    }

    /// Facts already holding `org` (component tests).
    pub fn with_org(org: OrgView) -> Self {
        let f = Self::new();
        f.org_id.set(Some(org.id));
        f.org.set(Some(Ok(org)));
        f
    }

    /// Switches to org `id` and reads it.
    pub fn load(self, client: Client, id: i64) {
        self.org_id.set(Some(id));
        self.org.set(None);
        self.read(client);
    }

    /// Something changed on the server: read the org again and let every
    /// list reload.
    pub fn changed(self, client: Client) {
        self.version.update(|v| *v += 1);
        self.read(client);
    }

    /// Runs `load` now and again after every change made from the page.
    pub fn reload_on_change(self, load: impl Fn() + 'static) {
        Effect::new(move |_| {
            self.version();
            load();
        });
    }

    /// A list read now and after every change: its value once read, and
    /// the server's refusal if it refused.
    pub fn listing<T, Fut>(
        self,
        load: impl Fn() -> Fut + 'static,
    ) -> (RwSignal<Option<T>>, RwSignal<Option<String>>)
    where
        T: Send + Sync + 'static,
        Fut: std::future::Future<Output = crate::api::ApiResult<T>> + 'static,
    {
        let (list, error) = (RwSignal::new(None), RwSignal::new(None));
        self.reload_on_change(move || {
            let read = load();
            spawn_local(async move {
                match read.await {
                    Ok(v) => list.set(Some(v)),
                    Err(e) => error.set(Some(e.message())),
                }
            });
        });
        (list, error)
    }

    /// Runs a change: on success every list reloads, on refusal `error`
    /// says why.
    pub fn run_change(
        self,
        client: Client,
        error: RwSignal<Option<String>>,
        change: impl std::future::Future<Output = crate::api::ApiResult<()>> + 'static,
    ) {
        spawn_local(async move {
            match change.await {
                Ok(()) => {
                    error.set(None);
                    self.changed(client);
                }
                Err(e) => error.set(Some(e.message())),
            }
        });
    }

    /// A callback that reports a change (`changed`) with `client`.
    pub fn changer(self, client: Client) -> Callback<()> {
        Callback::new(move |()| self.changed(client.clone()))
    }

    /// The change counter; a list that tracks it reloads after a change.
    pub fn version(self) -> u64 {
        self.version.get()
    }

    /// The org as last read successfully (tracked).
    pub fn current(self) -> Option<OrgView> {
        self.org
            .with(|o| o.as_ref().and_then(|r| r.as_ref().ok()).cloned())
    }

    fn read(self, client: Client) {
        let Some(id) = self.org_id.get_untracked() else {
            return;
        };
        self.generation.update(|g| *g += 1);
        let generation = self.generation.get_untracked();
        spawn_local(async move {
            let result = client.org(id).await;
            if self.generation.get_untracked() != generation
                || self.org_id.get_untracked() != Some(id)
            {
                return;
            }
            match result {
                Ok(o) => self.org.set(Some(Ok(o))),
                // The server refused: the viewer lost the org (left,
                // removed, suspended, deleted); the page says so.
                Err(e) if e.status().is_some() => self.org.set(Some(Err(e.message()))),
                // A network blip keeps the facts there were, unless there
                // were none.
                Err(e) => {
                    if self.org.with_untracked(Option::is_none) {
                        self.org.set(Some(Err(e.message())));
                    }
                }
            }
        });
    }
}

impl Default for Facts {
    fn default() -> Self {
        Self::new()
    }
}
