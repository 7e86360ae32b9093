//! A small pool of store connections. SQLite and the synchronous PostgreSQL client block, so every
//! query runs on tokio's blocking threads; several connections let queries run in parallel (SQLite
//! in WAL mode allows many readers beside one writer).

use crate::error::ApiError;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tightrope_store::{Store, StoreError};

/// The connections. Dropped on a thread of its own when the last owner goes away inside the async
/// runtime (at shutdown): closing a PostgreSQL client blocks, which the runtime's threads must not.
struct Stores(Vec<Mutex<Store>>);

impl Drop for Stores {
    fn drop(&mut self) {
        let stores = std::mem::take(&mut self.0);
        if tokio::runtime::Handle::try_current().is_ok() {
            let _ = std::thread::spawn(move || drop(stores)).join();
        }
    }
}

impl std::ops::Deref for Stores {
    type Target = Vec<Mutex<Store>>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

#[derive(Clone)]
pub struct Pool {
    stores: Arc<Stores>,
    next: Arc<AtomicUsize>,
    /// Where the store is, for messages (PostgreSQL URLs without password).
    pub location: String,
}

impl Pool {
    /// Open `n` connections to `location` (see [`Store::open_location`]). Call outside the async
    /// runtime: the PostgreSQL client runs its own.
    pub fn open(location: Option<&str>, n: u16) -> Result<Pool, StoreError> {
        let first = Store::open_location(location)?;
        let shown = first.path().display().to_string();
        let mut stores = vec![Mutex::new(first)];
        for _ in 1..n.max(1) {
            stores.push(Mutex::new(Store::open_location(location)?));
        }
        Ok(Pool {
            stores: Arc::new(Stores(stores)),
            next: Arc::new(AtomicUsize::new(0)),
            location: shown,
        })
    }

    /// Run `f` on a free connection, on the calling thread (blocking).
    pub fn with_blocking<T>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let n = self.stores.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        // A free connection if there is one, else wait for the next in turn.
        for i in 0..n {
            if let Ok(store) = self.stores[(start + i) % n].try_lock() {
                return f(&store);
            }
        }
        let store = self.stores[start % n]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&store)
    }

    /// Run `f` on a free connection on a blocking thread.
    pub async fn with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let pool = self.clone();
        tokio::task::spawn_blocking(move || pool.with_blocking(f))
            .await
            .map_err(|e| ApiError::Internal(format!("store task failed: {e}")))?
            .map_err(ApiError::from)
    }
}
