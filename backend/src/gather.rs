//! Lookups gathered into one database round trip.
//!
//! A request queues its key and awaits the answer, so its worker goes on serving other
//! requests meanwhile. A gatherer thread takes every key that is waiting (up to a
//! limit), asks the database once for all of them and answers each. Alone, a key goes
//! at once (there is no timer); under load, the keys that arrive while one round trip is
//! out share the next. Used for PostgreSQL, where the round trip, not the query, is most
//! of the cost (`cargo xtask bench`); SQLite runs in the process and reads inline.
use crate::db::{DbConn, Pool};
use crate::error::{ApiError, ApiResult};
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, oneshot};

struct Pending<K, V> {
    key: K,
    reply: oneshot::Sender<ApiResult<V>>,
}

/// Answers for a batch of keys, one per key in the same order.
pub type BatchFn<K, V> = dyn Fn(&mut DbConn, &[K]) -> ApiResult<Vec<V>> + Send + Sync;

/// A queue of lookups and the threads that answer them in batches.
pub struct Gatherer<K, V> {
    queue: mpsc::UnboundedSender<Pending<K, V>>,
}

impl<K: Send + 'static, V: Send + 'static> Gatherer<K, V> {
    /// Starts `threads` gatherer threads: while one waits for the database, the next
    /// gathers. A batch holds at most `max_batch` keys.
    pub fn start(name: &str, threads: usize, max_batch: usize, pool: Pool, run: Arc<BatchFn<K, V>>) -> Self {
        let (queue, receiver) = mpsc::unbounded_channel::<Pending<K, V>>();
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..threads.max(1) {
            let receiver = receiver.clone();
            let pool = pool.clone();
            let run = run.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("{name}-{n}"))
                .spawn(move || gather_loop(&receiver, max_batch.max(1), &pool, &*run));
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a gatherer thread");
            }
        }
        Gatherer { queue }
    }

    /// The answer for `key`, from the next batch.
    pub async fn ask(&self, key: K) -> ApiResult<V> {
        let (reply, answer) = oneshot::channel();
        self.queue.send(Pending { key, reply }).map_err(|_| ApiError::unavailable())?;
        answer.await.map_err(|_| ApiError::unavailable())?
    }
}

/// Takes the next batch: waits for one key, then takes what else is already queued.
fn next_batch<K, V>(
    receiver: &Mutex<mpsc::UnboundedReceiver<Pending<K, V>>>,
    max_batch: usize,
) -> Option<Vec<Pending<K, V>>> {
    let mut rx = receiver.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let first = rx.blocking_recv()?;
    let mut batch = Vec::with_capacity(max_batch.min(64));
    batch.push(first);
    while batch.len() < max_batch {
        match rx.try_recv() {
            Ok(p) => batch.push(p),
            Err(_) => break,
        }
    }
    Some(batch)
}

fn gather_loop<K, V>(
    receiver: &Mutex<mpsc::UnboundedReceiver<Pending<K, V>>>,
    max_batch: usize,
    pool: &Pool,
    run: &BatchFn<K, V>,
) {
    // Ends when the queue's sender is dropped (the server stops).
    while let Some(batch) = next_batch(receiver, max_batch) {
        let (keys, replies): (Vec<K>, Vec<oneshot::Sender<ApiResult<V>>>) =
            batch.into_iter().map(|p| (p.key, p.reply)).unzip();
        let answers = pool.get().map_err(ApiError::from).and_then(|mut conn| run(&mut conn, &keys));
        match answers {
            Ok(values) if values.len() == replies.len() => {
                for (reply, value) in replies.into_iter().zip(values) {
                    // A request that stopped waiting (client gone) drops its receiver.
                    let _ = reply.send(Ok(value));
                }
            }
            Ok(values) => {
                tracing::error!(keys = replies.len(), answers = values.len(), "a batch answered the wrong count");
                for reply in replies {
                    let _ = reply.send(Err(ApiError::internal()));
                }
            }
            Err(e) => {
                for reply in replies {
                    let _ = reply.send(Err(e.clone()));
                }
            }
        }
    }
}
