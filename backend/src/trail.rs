//! Reads of case material go into the audit trail (who, what, when; never content),
//! gathered on a thread of their own and written in batches: one transaction per batch
//! instead of one per read, so reading stays as fast as before (`cargo xtask bench`). The
//! same thread seals new events into their partnership's chain (`store::audit`) every
//! second, and forgets old sign-in failures once a minute.
use crate::db::Pool;
use crate::store::audit;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
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

pub struct Trail {
    tx: Sender<Read>,
}

/// At most this many reads a batch, and a batch at most every second: each write commits,
/// and on SQLite every commit makes each other connection drop its page cache (measured
/// with `cargo xtask bench`: a commit every few milliseconds cost reads by id a third of
/// their speed). Reads of one record by one person in a batch are one event with a count.
const BATCH: usize = 20_000;
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
    let sealed =
        pool.get().map_err(|e| e.to_string()).and_then(|mut c| audit::seal_unsealed(&mut c).map_err(|e| e.to_string()));
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
        let (tx, rx) = channel::<Read>();
        std::thread::Builder::new()
            .name("audit-reads".into())
            .spawn(move || {
                let mut open = true;
                let mut purged = Instant::now();
                while open {
                    let mut batch = Vec::new();
                    let until = Instant::now() + WAIT;
                    while batch.len() < BATCH {
                        match rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
                            Ok(r) => batch.push(r),
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => {
                                open = false;
                                break;
                            }
                        }
                    }
                    if !batch.is_empty() {
                        write(&pool, &batch);
                    }
                    seal(&pool);
                    if purged.elapsed() >= PURGE_EVERY {
                        purge(&pool, &limits);
                        purged = Instant::now();
                    }
                }
            })
            .expect("the audit-reads thread starts");
        Trail { tx }
    }

    /// Records a read (written within about a second).
    pub fn read(&self, read: Read) {
        let _ = self.tx.send(read);
    }
}
