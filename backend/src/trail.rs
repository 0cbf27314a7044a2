//! Reads of case material go into the audit trail (who, what, when; never content),
//! gathered on a thread of their own and written in batches: one transaction per batch
//! instead of one per read, so reading stays as fast as before (`cargo xtask bench`). The
//! same thread seals new events into their partnership's chain (`store::audit`) every
//! second, and forgets old sign-in failures once a minute.
use crate::db::Pool;
use crate::store::audit;
use crate::writer::Writer;
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

/// Runs `f` through SQLite's writer when there is one (so that the trail's writes queue with
/// the requests' instead of waiting on the database lock), else on a pooled connection.
fn run<T: Send + 'static>(
    pool: &Pool,
    writer: Option<&Writer>,
    f: impl FnOnce(&mut crate::db::DbConn) -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    match writer {
        Some(w) => w
            .write_blocking(move |c| {
                f(c).map_err(|_| {
                    // a database message may quote values: the failure is said, not its text
                    tracing::warn!("an audit trail write failed");
                    crate::error::ApiError::unavailable()
                })
            })
            .map_err(|e| e.to_string()),
        None => crate::db::checkout(pool).map_err(|e| e.to_string()).and_then(|mut c| f(&mut c)),
    }
}

fn write(pool: &Pool, writer: Option<&Writer>, batch: &[Read]) {
    // Twice, then give up loudly (the database is down): the count, never the content.
    for attempt in 0..2 {
        let reads = batch.to_vec();
        let done = run(pool, writer, move |conn| {
            let events: Vec<audit::Event<'_>> = reads
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
            audit::append_sealed(conn, &events).map_err(|e| e.to_string())
        });
        match done {
            Ok(()) => return,
            Err(_) if attempt == 0 => std::thread::sleep(Duration::from_millis(200)),
            Err(_) => tracing::error!(events = batch.len(), "could not record reads in the audit trail"),
        }
    }
}

/// Seals what is waiting, a chunk per transaction; a failure is logged (the count of
/// nothing: no content) and tried again next time.
fn seal(pool: &Pool, writer: Option<&Writer>) {
    loop {
        let sealed = run(pool, writer, |c| audit::seal_some(c, audit::SEAL_CHUNK).map_err(|e| e.to_string()));
        match sealed {
            Ok(n) if (n as i64) < audit::SEAL_CHUNK => return,
            Ok(_) => {}
            Err(_) => {
                tracing::warn!("could not seal audit events into the chain; will try again");
                return;
            }
        }
    }
}

/// Sign-in failures older than the throttling remembers are deleted once a minute.
const PURGE_EVERY: Duration = Duration::from_secs(60);

fn purge(pool: &Pool, writer: Option<&Writer>, limits: &crate::config::Throttle) {
    let limits = limits.clone();
    let done = run(pool, writer, move |c| crate::auth::throttle::purge(c, &limits).map_err(|e| e.to_string()));
    if done.is_err() {
        tracing::warn!("could not forget old sign-in failures; will try again");
    }
}

impl Trail {
    /// Starts the writer thread; it ends, writing what it holds, when the trail is dropped.
    pub fn start(pool: Pool, writer: Option<Writer>, limits: crate::config::Throttle) -> Trail {
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
                        write(&pool, writer.as_ref(), &batch);
                    }
                    seal(&pool, writer.as_ref());
                    if purged.elapsed() >= PURGE_EVERY {
                        purge(&pool, writer.as_ref(), &limits);
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
