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
        let answers = crate::db::checkout(pool).and_then(|mut conn| run(&mut conn, &keys));
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn pool() -> Pool {
        crate::db::connect("sqlite://:memory:", 4).expect("an in-memory pool")
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn each_key_gets_its_own_answer_and_waiting_keys_share_batches() {
        let batches = Arc::new(AtomicUsize::new(0));
        let counted = batches.clone();
        let run: Arc<BatchFn<u32, u32>> = Arc::new(move |_conn: &mut DbConn, keys: &[u32]| {
            counted.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(2));
            Ok(keys.iter().map(|k| k * 10).collect())
        });
        let g = Arc::new(Gatherer::start("test-gather", 1, 16, pool(), run));
        let asks: Vec<_> = (0..200u32)
            .map(|k| {
                let g = g.clone();
                tokio::spawn(async move { (k, g.ask(k).await) })
            })
            .collect();
        for a in asks {
            let (k, answer) = a.await.unwrap();
            assert_eq!(answer.unwrap(), k * 10);
        }
        let n = batches.load(Ordering::SeqCst);
        assert!(n < 200, "200 keys waiting together took {n} batches");
        // alone, a key is answered without waiting for company
        assert_eq!(g.ask(7).await.unwrap(), 70);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_failed_batch_answers_every_key_with_the_error() {
        let run: Arc<BatchFn<u32, u32>> = Arc::new(|_conn: &mut DbConn, _keys: &[u32]| Err(ApiError::not_found()));
        let g = Gatherer::start("test-fail", 2, 8, pool(), run);
        let answers = ask_each_in_turn(&g, 20).await;
        assert!(answers.iter().all(|a| a.as_ref().err().map(|e| e.status.as_u16()) == Some(404)));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_batch_with_the_wrong_count_of_answers_is_an_internal_error() {
        let run: Arc<BatchFn<u32, u32>> = Arc::new(|_conn: &mut DbConn, _keys: &[u32]| Ok(Vec::new()));
        let g = Gatherer::start("test-count", 1, 8, pool(), run);
        let answers = ask_each_in_turn(&g, 5).await;
        assert!(answers.iter().all(|a| a.as_ref().err().map(|e| e.status.as_u16()) == Some(500)));
    }

    async fn ask_each_in_turn(g: &Gatherer<u32, u32>, n: u32) -> Vec<ApiResult<u32>> {
        let mut out = Vec::new();
        for k in 0..n {
            out.push(g.ask(k).await);
        }
        out
    }
}
