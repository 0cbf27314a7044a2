//! SQLite's writer: one thread, one connection, that commits queued writes in groups.
//!
//! SQLite lets one connection write at a time. With many requests each opening its own write
//! transaction, they queue on the database lock through SQLite's busy handler, which sleeps
//! and polls: under 64 connections that was most of a save's time (`cargo xtask bench`, p99
//! over 200 ms), and with `synchronous = FULL` every commit waits for the disk on its own.
//!
//! Here a request's write is a job sent to the writer thread. The writer takes every job
//! waiting (up to [`MAX_GROUP`]), runs them one after the other inside one transaction, each
//! in a savepoint of its own (a job that fails is rolled back alone), commits once (one sync
//! of the log for the whole group), and only then answers each job: a 2xx is never sent for a
//! write that is not on the disk. Reads stay on the pool (WAL: readers do not wait for it).
//!
//! PostgreSQL has no such limit: there writes run on pooled connections as before.
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use std::sync::mpsc;
use tokio::sync::oneshot;

/// The writer's own settings: savepoint journals in memory (`perf` under `cargo xtask bench`
/// showed their temporary file's writes as a quarter of the writer's time), 8 MB of page
/// cache. (It had 64 MB: under `cargo xtask load` the cache filled for minutes as the writer
/// touched more of the database, and the server's memory grew with it, 19% in 5 minutes;
/// with 8 MB it is full within the first minute and the memory stays flat, +2%.)
///
/// Its checkpoints (copying the log back into the database file) are left to a thread of
/// their own, [`checkpoints`]: run by the writer they were a tenth of its time, every write
/// waiting behind them. The writer still checkpoints itself should the log pass
/// 20,000 pages, 80 MB (the checkpoint thread stopped or fell far behind).
const WRITER_PRAGMAS: &str =
    "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -8192; PRAGMA wal_autocheckpoint = 20000; \
     PRAGMA journal_size_limit = 16777216;";

/// How often the writer copies back what the checkpoint thread has not yet.
const TOP_UP_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// How often the checkpoint thread copies the log back: a PASSIVE checkpoint, which never
/// waits for the writer or makes it wait, and does nothing when there is nothing new.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// The most jobs committed together.
pub const MAX_GROUP: usize = 128;

/// What a job leaves to do once its group's commit is known: answer its request.
type Deliver = Box<dyn FnOnce(Result<(), ApiError>) + Send>;
/// A job: runs on the writer's connection (or, given none, does not run and answers 503);
/// says whether it succeeded (kept) and how to answer.
type Job = Box<dyn FnOnce(Option<&mut DbConn>) -> (bool, Deliver) + Send>;

#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Opens the writer's own connection (with the pool's settings) and starts its thread.
    pub fn start(url: &str, synchronous: crate::db::Synchronous) -> Result<Writer, String> {
        let pool = crate::db::connect_with(url, 1, synchronous)?;
        let mut conn = pool.get().map_err(|e| format!("the writer cannot connect: {e}"))?;
        // Each write runs in a savepoint, whose journal SQLite keeps in a temporary file
        // unless told otherwise; and the writer touches the same pages again and again.
        diesel::connection::SimpleConnection::batch_execute(&mut *conn, WRITER_PRAGMAS)
            .map_err(|e| format!("the writer's settings: {e}"))?;
        let (jobs, queue) = mpsc::channel::<Job>();
        // The checkpoint thread stops when the writer does (this sender is dropped).
        let (running, stopped) = mpsc::channel::<()>();
        checkpoints(url, synchronous, stopped)?;
        std::thread::Builder::new()
            .name("sqlite-writer".into())
            .spawn(move || {
                // The pool keeps the connection; the pooled handle lives as long as the thread.
                let _pool = pool;
                let _running = running;
                let mut topped_up = std::time::Instant::now();
                while let Ok(first) = queue.recv() {
                    let mut group = vec![first];
                    while group.len() < MAX_GROUP {
                        match queue.try_recv() {
                            Ok(job) => group.push(job),
                            Err(_) => break,
                        }
                    }
                    run_group(&mut conn, group);
                    if topped_up.elapsed() >= TOP_UP_EVERY {
                        // What the checkpoint thread has not copied yet: little, but with it
                        // all copied the next write starts the log again from its beginning
                        // (chasing the writer, the checkpoint thread alone rarely catches up,
                        // and the log grew to the writer's own limit, 80 MB).
                        let _ = diesel::connection::SimpleConnection::batch_execute(
                            &mut *conn,
                            "PRAGMA wal_checkpoint(PASSIVE);",
                        );
                        topped_up = std::time::Instant::now();
                    }
                }
            })
            .map_err(|e| format!("cannot start the writer thread: {e}"))?;
        Ok(Writer { jobs })
    }

    /// Runs `f` on the writer's connection, inside the group's transaction, and answers once
    /// the group is committed. `f` may open its own transaction (`db::write_transaction`):
    /// inside the group's it is a savepoint.
    pub async fn write<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
    {
        let (job, answer) = job_of(f);
        self.jobs.send(job).map_err(|_| ApiError::unavailable())?;
        // No answer: the job panicked (its reply was dropped) or the writer stopped.
        answer.await.map_err(|_| ApiError::internal())?
    }
}

/// The SQLite connection inside (the writer is made for SQLite only).
impl Writer {
    /// [`Writer::write`] from a thread that is not async (the audit trail's), waiting.
    pub fn write_blocking<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
    {
        let (job, answer) = job_of(f);
        self.jobs.send(job).map_err(|_| ApiError::unavailable())?;
        answer.blocking_recv().map_err(|_| ApiError::internal())?
    }
}

/// Starts the checkpoint thread on a connection of its own: every [`CHECKPOINT_EVERY`] a
/// PASSIVE checkpoint, until `stop` is dropped. A failure is logged (without its text, which
/// may quote values) and tried again next time.
fn checkpoints(url: &str, synchronous: crate::db::Synchronous, stop: mpsc::Receiver<()>) -> Result<(), String> {
    let pool = crate::db::connect_with(url, 1, synchronous)?;
    let mut conn = pool.get().map_err(|e| format!("the checkpoint thread cannot connect: {e}"))?;
    std::thread::Builder::new()
        .name("sqlite-checkpoint".into())
        .spawn(move || {
            let _pool = pool;
            let mut failing = false;
            while let Err(mpsc::RecvTimeoutError::Timeout) = stop.recv_timeout(CHECKPOINT_EVERY) {
                let done =
                    diesel::connection::SimpleConnection::batch_execute(&mut *conn, "PRAGMA wal_checkpoint(PASSIVE);");
                if done.is_err() && !failing {
                    tracing::warn!("a checkpoint of the SQLite log failed; will try again");
                }
                failing = done.is_err();
            }
        })
        .map_err(|e| format!("cannot start the checkpoint thread: {e}"))?;
    Ok(())
}

/// A job running `f`, and where its answer comes.
fn job_of<T, F>(f: F) -> (Job, oneshot::Receiver<ApiResult<T>>)
where
    T: Send + 'static,
    F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
{
    let (reply, answer) = oneshot::channel::<ApiResult<T>>();
    let job: Job = Box::new(move |conn| {
        let result = match conn {
            Some(conn) => f(conn),
            None => Err(ApiError::unavailable()),
        };
        let kept = result.is_ok();
        let deliver: Deliver = Box::new(move |committed| {
            let _ = reply.send(committed.and(result));
        });
        (kept, deliver)
    });
    (job, answer)
}

fn sqlite(conn: &mut DbConn) -> &mut diesel::sqlite::SqliteConnection {
    match conn {
        DbConn::Sqlite(c) => c,
        DbConn::Pg(_) => unreachable!("the writer runs on SQLite only"),
    }
}

fn run_group(conn: &mut DbConn, group: Vec<Job>) {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    if !matches!(conn, DbConn::Sqlite(_))
        || AnsiTransactionManager::begin_transaction_sql(sqlite(conn), "BEGIN IMMEDIATE").is_err()
    {
        crate::db::note_outage();
        tracing::warn!(jobs = group.len(), "the writer could not begin a transaction");
        for job in group {
            // Not run: each is told the database cannot take it now (503).
            let (_, deliver) = job(None);
            deliver(Ok(()));
        }
        return;
    }
    let mut delivers = Vec::with_capacity(group.len());
    for job in group {
        // A savepoint per job: a failed job takes nothing of the others with it.
        if AnsiTransactionManager::begin_transaction(sqlite(conn)).is_err() {
            let (_, deliver) = job(None);
            delivers.push((deliver, Ok(())));
            continue;
        }
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(Some(&mut *conn))));
        match outcome {
            Ok((true, deliver)) => {
                let released = AnsiTransactionManager::commit_transaction(sqlite(conn));
                delivers.push((deliver, released.map_err(ApiError::from)));
            }
            Ok((false, deliver)) => {
                let _ = AnsiTransactionManager::rollback_transaction(sqlite(conn));
                // Its own error is in its result; the commit does not matter to it.
                delivers.push((deliver, Ok(())));
            }
            Err(_) => {
                // Its reply went with it: the request answers 500.
                tracing::error!("a write panicked; rolled back alone");
                let _ = AnsiTransactionManager::rollback_transaction(sqlite(conn));
            }
        }
    }
    let committed = AnsiTransactionManager::commit_transaction(sqlite(conn));
    if committed.is_err() {
        let _ = AnsiTransactionManager::rollback_transaction(sqlite(conn));
        crate::db::note_outage();
        tracing::warn!(jobs = delivers.len(), "the writer's commit failed; every write of the group is refused");
    }
    for (deliver, own) in delivers {
        deliver(match &committed {
            Ok(()) => own,
            Err(_) => Err(ApiError::unavailable()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::RunQueryDsl;

    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }

    fn count(conn: &mut DbConn) -> i64 {
        diesel::sql_query("SELECT count(*) AS n FROM t").get_result::<N>(conn).unwrap().n
    }

    /// Many writes at once: those that succeed are all kept, one that fails takes nothing of
    /// the others with it, and each is answered with its own result.
    #[test]
    fn writes_at_once_are_kept_or_refused_each_on_its_own() {
        let dir = std::env::temp_dir().join(format!("cspr-writer-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}", dir.join("w.db").display());
        let pool = crate::db::connect(&url, 2).unwrap();
        diesel::sql_query("CREATE TABLE t (id INTEGER PRIMARY KEY)").execute(&mut pool.get().unwrap()).unwrap();
        let writer = Writer::start(&url, crate::db::Synchronous::Full).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let answers = rt.block_on(async {
            let writes: Vec<_> = (0..50)
                .map(|i| {
                    let w = writer.clone();
                    tokio::spawn(async move {
                        w.write(move |conn| {
                            crate::db::write_transaction(conn, |conn| {
                                diesel::sql_query(format!("INSERT INTO t (id) VALUES ({i})")).execute(conn)?;
                                if i % 10 == 7 {
                                    // written, then refused: rolled back alone
                                    return Err(ApiError::validation(Vec::new()));
                                }
                                Ok(i)
                            })
                        })
                        .await
                    })
                })
                .collect();
            let mut answers = Vec::new();
            for w in writes {
                answers.push(w.await.unwrap());
            }
            answers
        });
        let kept: Vec<i32> = answers.iter().filter_map(|a| a.as_ref().ok().copied()).collect();
        assert_eq!(kept.len(), 45, "every write but the five refused is answered Ok");
        assert!(answers.iter().enumerate().all(|(i, a)| a.is_ok() == (i % 10 != 7)));
        assert_eq!(count(&mut pool.get().unwrap()), 45, "exactly the answered writes are in the database");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
