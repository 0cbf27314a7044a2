//! Reads of case material go into the audit trail (who, what, when; never content),
//! gathered on a thread of their own and written in batches: one transaction per batch
//! instead of one per read, so reading stays as fast as before (`cargo xtask bench`). The
//! same thread seals new events into their partnership's chain (`store::audit`) every
//! second, and forgets old sign-in failures once a minute.
use crate::db::Pool;
use crate::store::audit;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One read.
#[derive(Debug, Clone)]
pub struct Read {
    pub tenant_id: String,
    pub actor_id: String,
    /// e.g. `case.read`.
    pub action: &'static str,
    pub entity_type: &'static str,
    pub entity_id: Option<String>,
    pub request_id: String,
}

/// Reads wait in a buffer that requests append to and the thread empties once a second.
/// (A channel woke the thread for every read: a context switch per read on two cores cost
/// reads by id a quarter of their speed under `cargo xtask bench`.)
pub struct Trail {
    buffer: Arc<Mutex<Vec<Read>>>,
}

/// A batch every second; reads of one record by one person in a batch are one event with a
/// count.
const WAIT: Duration = Duration::from_secs(1);

fn write(pool: &Pool, batch: &[Read]) {
    let events: Vec<audit::Event<'_>> = batch
        .iter()
        .map(|r| audit::Event {
            tenant_id: &r.tenant_id,
            actor_id: Some(&r.actor_id),
            action: r.action,
            entity_type: r.entity_type,
            entity_id: r.entity_id.as_deref(),
            request_id: Some(&r.request_id),
            address: None,
        })
        .collect();
    // Twice, then give up loudly (the database is down): the count, never the content.
    for attempt in 0..2 {
        let done = pool
            .get()
            .map_err(|e| e.to_string())
            .and_then(|mut conn| audit::append_sealed(&mut conn, &events).map_err(|e| e.to_string()));
        match done {
            Ok(()) => return,
            Err(_) if attempt == 0 => std::thread::sleep(Duration::from_millis(200)),
            Err(_) => tracing::error!(events = batch.len(), "could not record reads in the audit trail"),
        }
    }
}

/// Seals what is waiting; a failure is logged (the count of nothing: no content) and tried
/// again next time.
fn seal(pool: &Pool) {
    let sealed = crate::db::checkout(pool)
        .map_err(|e| e.to_string())
        .and_then(|mut c| audit::seal_unsealed(&mut c).map_err(|e| e.to_string()));
    if sealed.is_err() {
        tracing::warn!("could not seal audit events into the chain; will try again");
    }
}

/// Sign-in failures older than the throttling remembers are deleted once a minute.
const PURGE_EVERY: Duration = Duration::from_secs(60);

fn purge(pool: &Pool, limits: &crate::config::Throttle) {
    let done = pool
        .get()
        .map_err(|e| e.to_string())
        .and_then(|mut c| crate::auth::throttle::purge(&mut c, limits).map_err(|e| e.to_string()));
    if done.is_err() {
        tracing::warn!("could not forget old sign-in failures; will try again");
    }
}

impl Trail {
    /// Starts the writer thread; it ends, writing what it holds, when the trail is dropped.
    pub fn start(pool: Pool, limits: crate::config::Throttle) -> Trail {
        let buffer: Arc<Mutex<Vec<Read>>> = Arc::default();
        let theirs = Arc::downgrade(&buffer);
        std::thread::Builder::new()
            .name("audit-reads".into())
            .spawn(move || {
                let mut purged = Instant::now();
                loop {
                    std::thread::sleep(WAIT);
                    let Some(buffer) = theirs.upgrade() else { break };
                    let batch = std::mem::take(&mut *buffer.lock().unwrap_or_else(|p| p.into_inner()));
                    let last = Arc::strong_count(&buffer) == 1;
                    drop(buffer);
                    if !batch.is_empty() {
                        write(&pool, &batch);
                    }
                    seal(&pool);
                    if purged.elapsed() >= PURGE_EVERY {
                        purge(&pool, &limits);
                        purged = Instant::now();
                    }
                    if last {
                        break;
                    }
                }
            })
            .expect("the audit-reads thread starts");
        Trail { buffer }
    }

    /// Records a read (written within about a second).
    pub fn read(&self, read: Read) {
        self.buffer.lock().unwrap_or_else(|p| p.into_inner()).push(read);
    }
}
