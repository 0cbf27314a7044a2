//! One connection type over PostgreSQL and SQLite, chosen by the URL scheme, and its pool.
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel::sqlite::SqliteConnection;
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

pub const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");
pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");

#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// Runs the same diesel query on the concrete connection inside a [`DbConn`]. Through
/// `MultiConnection` diesel rebuilds and re-prepares the SQL of every query (measured
/// with `cargo xtask bench`); on the concrete connection, prepared statements are reused.
/// Used for the hot read paths; the query is written once.
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConn::Pg($c) => $body,
            $crate::db::DbConn::Sqlite($c) => $body,
        }
    };
}

/// An UPDATE kept prepared, like other statements. Diesel prepares every UPDATE afresh (a
/// changeset may leave columns out, so its SQL may change from one run to the next), which
/// was a tenth of SQLite's writer's time under draft saves (`cargo xtask bench`). An UPDATE
/// whose SQL is always the same (every column named, no `Option` of a change) is safe to
/// keep, under a type of its own: [`kept_update!`] writes one for each place it is used. Run
/// it with [`on_backend!`].
pub struct KeptUpdate<F, V, W, Site> {
    from: F,
    values: V,
    filter: W,
    site: std::marker::PhantomData<Site>,
}

impl<F, V, W, Site> KeptUpdate<F, V, W, Site> {
    /// `UPDATE table SET values WHERE filter`.
    pub fn new<T, C>(table: T, filter: W, values: C) -> Self
    where
        T: diesel::Table + diesel::QuerySource<FromClause = F>,
        C: diesel::AsChangeset<Target = T, Changeset = V>,
        W: diesel::expression::AppearsOnTable<T> + diesel::Expression<SqlType = diesel::sql_types::Bool>,
    {
        KeptUpdate { from: table.from_clause(), values: values.as_changeset(), filter, site: std::marker::PhantomData }
    }
}

impl<F, V, W, Site: 'static> diesel::query_builder::QueryId for KeptUpdate<F, V, W, Site> {
    type QueryId = Site;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl<F, V, W, Site, DB> diesel::query_builder::QueryFragment<DB> for KeptUpdate<F, V, W, Site>
where
    DB: diesel::backend::Backend,
    F: diesel::query_builder::QueryFragment<DB>,
    V: diesel::query_builder::QueryFragment<DB>,
    W: diesel::query_builder::QueryFragment<DB>,
{
    fn walk_ast<'b>(&'b self, mut out: diesel::query_builder::AstPass<'_, 'b, DB>) -> diesel::QueryResult<()> {
        out.push_sql("UPDATE ");
        self.from.walk_ast(out.reborrow())?;
        out.push_sql(" SET ");
        self.values.walk_ast(out.reborrow())?;
        out.push_sql(" WHERE ");
        self.filter.walk_ast(out.reborrow())
    }
}

impl<F, V, W, Site, Conn> diesel::RunQueryDsl<Conn> for KeptUpdate<F, V, W, Site> {}

/// `kept_update!(table, filter, (column.eq(value), ...))`: a [`KeptUpdate`] under a type made
/// here, so one place, one SQL text. Not for a changeset whose SQL changes from one run to the
/// next (`Option`s of changes), nor inside a generic function.
#[macro_export]
macro_rules! kept_update {
    ($table:expr, $filter:expr, $values:expr) => {{
        struct Site;
        $crate::db::KeptUpdate::<_, _, _, Site>::new($table, $filter, $values)
    }};
}

/// Which database a URL names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbUrl {
    Postgres(String),
    /// A file path, or `:memory:`.
    Sqlite(String),
}

impl DbUrl {
    pub fn parse(url: &str) -> Result<DbUrl, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(DbUrl::Postgres(url.to_string()))
        } else if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err("the SQLite URL names no file: use sqlite://PATH".into());
            }
            Ok(DbUrl::Sqlite(path.to_string()))
        } else {
            Err("the database URL must start with sqlite:// or postgres://".into())
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, DbUrl::Postgres(_))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] diesel::ConnectionError),
    #[error("database error: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("{0}")]
    Other(String),
}

/// Opens connections of the right kind and sets SQLite's pragmas on each.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DbUrl,
    synchronous: Synchronous,
}

/// How SQLite waits for the disk at a commit (`CSPR_SQLITE_SYNCHRONOUS`).
///
/// In WAL mode, `Full` syncs the log at every commit, so a commit that was answered survives
/// a power cut; `Normal` syncs only at checkpoints, so the last commits before a power cut
/// can be lost (a crash of the process alone loses nothing either way). The cost is measured
/// by `cargo xtask bench`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Synchronous {
    #[default]
    Full,
    Normal,
}

impl Synchronous {
    pub fn parse(v: &str) -> Result<Synchronous, String> {
        match v.trim().to_ascii_lowercase().as_str() {
            "full" => Ok(Synchronous::Full),
            "normal" => Ok(Synchronous::Normal),
            other => Err(format!("must be full or normal, not `{other}`")),
        }
    }

    fn pragma(self) -> &'static str {
        match self {
            Synchronous::Full => "PRAGMA synchronous = FULL;",
            Synchronous::Normal => "PRAGMA synchronous = NORMAL;",
        }
    }
}

const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;";

/// Generic plans for every prepared statement. PostgreSQL's default plans a prepared
/// statement afresh on each run while a plan for its parameter values looks cheaper than
/// the generic one, and with a `LIMIT $n` (every page, and diesel's `first()`) it always
/// does: `perf` under `cargo xtask bench` showed the planner as most of PostgreSQL's time.
/// The queries here all lead with the tenant on an index, where one plan fits every value.
///
/// A new connection works across partnerships (`cspr.tenant_id = '*'`, see the migration
/// `row_security`) until [`checkout`] narrows it.
const PG_SESSION: &str = "SET plan_cache_mode = force_generic_plan; SET cspr.tenant_id = '*'";

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = DbError;

    fn connect(&self) -> Result<DbConn, DbError> {
        match &self.url {
            DbUrl::Postgres(url) => {
                let mut c = PgConnection::establish(url)?;
                c.batch_execute(PG_SESSION)?;
                Ok(DbConn::Pg(c))
            }
            DbUrl::Sqlite(path) => {
                let mut c = SqliteConnection::establish(path)?;
                c.batch_execute(SQLITE_PRAGMAS)?;
                c.batch_execute(self.synchronous.pragma())?;
                Ok(DbConn::Sqlite(c))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), DbError> {
        conn.ping()?;
        Ok(())
    }

    /// Diesel knows a connection is broken only when a transaction was left open; a
    /// connection whose server went away (a restart) fails every query after. So for a while
    /// after a request met an outage ([`note_outage`]), each connection handed back is pinged,
    /// and one that fails is dropped and replaced at once.
    fn has_broken(&self, conn: &mut DbConn) -> bool {
        conn.is_broken() || (outage_is_recent() && conn.ping().is_err())
    }
}

/// When a request last met the database gone (milliseconds since the Unix epoch; 0: never).
static LAST_OUTAGE_MS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
/// How long after an outage connections are checked as they are handed back.
const OUTAGE_WATCH: Duration = Duration::from_secs(30);

fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// Called where a query failed because the database went away.
pub fn note_outage() {
    LAST_OUTAGE_MS.store(now_ms(), std::sync::atomic::Ordering::Relaxed);
}

/// While the database is away, a request waits this long for a connection (not the pool's
/// whole timeout), so that the workers, which run queries inline, stay free to answer 503 and
/// `/ready` at once.
const OUTAGE_CHECKOUT: Duration = Duration::from_millis(250);

tokio::task_local! {
    /// The partnership a request under /api/v1/t/{tenant}/ acts in (set by the
    /// authorisation middleware around the rest of the request).
    static TENANT_SCOPE: String;
}

/// Runs `f` (the rest of a request) with its database work confined to `tenant_id`.
pub async fn in_tenant<F: std::future::Future>(tenant_id: String, f: F) -> F::Output {
    TENANT_SCOPE.scope(tenant_id, f).await
}

/// The partnership the current request acts in, if it is a partnership's request.
pub fn current_tenant() -> Option<String> {
    TENANT_SCOPE.try_with(Clone::clone).ok()
}

/// What `cspr.tenant_id` is set to for work that spans partnerships.
pub const ALL_TENANTS: &str = "*";

/// A connection from the pool for a request, its row-level security set (PostgreSQL) to the
/// request's partnership ([`current_tenant`]), or to every partnership outside one: waiting
/// up to the pool's timeout, or only briefly after a recent outage.
pub fn checkout(pool: &Pool) -> Result<PooledConn, crate::error::ApiError> {
    checkout_for(pool, current_tenant().as_deref())
}

/// [`checkout`] for a partnership named here (work moved to another thread takes its
/// request's [`current_tenant`] with it).
pub fn checkout_for(pool: &Pool, tenant_id: Option<&str>) -> Result<PooledConn, crate::error::ApiError> {
    let mut conn = if outage_is_recent() { pool.get_timeout(OUTAGE_CHECKOUT) } else { pool.get() }?;
    set_tenant(&mut conn, tenant_id.unwrap_or(ALL_TENANTS))?;
    Ok(conn)
}

/// Sets `cspr.tenant_id` for the session (PostgreSQL; SQLite has no row-level security).
/// Every checkout sets it, so a connection never keeps an earlier request's partnership.
pub fn set_tenant(conn: &mut DbConn, tenant_id: &str) -> diesel::QueryResult<()> {
    if let DbConn::Pg(pg) = conn {
        diesel::RunQueryDsl::execute(
            diesel::sql_query("SELECT set_config('cspr.tenant_id', $1, false)")
                .bind::<diesel::sql_types::Text, _>(tenant_id),
            pg,
        )?;
    }
    Ok(())
}

fn outage_is_recent() -> bool {
    let last = LAST_OUTAGE_MS.load(std::sync::atomic::Ordering::Relaxed);
    last != 0 && now_ms().saturating_sub(last) < OUTAGE_WATCH.as_millis() as u64
}

/// A new folder only its owner can enter (the data folder holds children's data).
#[cfg(unix)]
pub fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
pub fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Creates the SQLite file, if it is not there, readable and writable by its owner only
/// (SQLite gives its `-wal` and `-shm` files the same permissions).
#[cfg(unix)]
fn create_private_file(path: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    if path.as_os_str() == ":memory:" || path.exists() {
        return Ok(());
    }
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map(drop)
}

#[cfg(not(unix))]
fn create_private_file(_: &std::path::Path) -> std::io::Result<()> {
    Ok(())
}

/// Whether the database answers now, on a connection of its own (not a pooled one, which may
/// be a survivor from before a restart), within `timeout` seconds to connect.
pub fn probe(url: &str, timeout: u64) -> Result<(), String> {
    let mut conn = match DbUrl::parse(url)? {
        DbUrl::Postgres(url) => {
            let sep = if url.contains('?') { '&' } else { '?' };
            let with_timeout = format!("{url}{sep}connect_timeout={}", timeout.max(1));
            DbConn::Pg(PgConnection::establish(&with_timeout).map_err(|e| e.to_string())?)
        }
        DbUrl::Sqlite(path) => DbConn::Sqlite(SqliteConnection::establish(&path).map_err(|e| e.to_string())?),
    };
    conn.ping().map_err(|e| e.to_string())
}

/// Opens a pool (SQLite with `synchronous = FULL`), failing fast with a clear message when
/// the database cannot be reached.
pub fn connect(url: &str, max_size: u32) -> Result<Pool, String> {
    connect_with(url, max_size, Synchronous::Full)
}

/// [`connect`], with SQLite's commits as durable as `synchronous` says.
pub fn connect_with(url: &str, max_size: u32, synchronous: Synchronous) -> Result<Pool, String> {
    let url = DbUrl::parse(url)?;
    if let DbUrl::Sqlite(path) = &url {
        if let Some(dir) = std::path::Path::new(path).parent() {
            if !dir.as_os_str().is_empty() && !dir.exists() {
                create_private_dir(dir).map_err(|e| format!("cannot create the folder for the SQLite file: {e}"))?;
            }
        }
        create_private_file(std::path::Path::new(path)).map_err(|e| format!("cannot create the SQLite file: {e}"))?;
    }
    let manager = Manager { url: url.clone(), synchronous };
    // Try once directly, so that a wrong URL gives its real reason at once.
    manager.connect().map_err(|e| e.to_string())?;
    r2d2::Pool::builder()
        .max_size(max_size)
        // A request waits this long for a connection before 503. r2d2 retries a failed
        // connection with a back-off of up to half of it: 1 s, so that the pool fills again
        // within about a second of the database's return.
        .connection_timeout(Duration::from_secs(2))
        // No round trip before every use: broken connections are dropped on return instead.
        .test_on_check_out(false)
        .build(manager)
        .map_err(|e| format!("cannot open the database pool: {e}"))
}

/// Applies pending migrations of the right dialect.
pub fn migrate(conn: &mut DbConn) -> Result<usize, String> {
    let applied = match conn {
        DbConn::Pg(c) => c.run_pending_migrations(PG_MIGRATIONS).map(|v| v.len()),
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
    };
    applied.map_err(|e| format!("migration failed: {e}"))
}

/// Migrates: through `config.migration_database_url` when it is set (PostgreSQL: the owner
/// migrates, then the runtime role of `config.database_url` is given what the app needs and
/// no more, see [`grant_runtime`]), otherwise through `conn`.
pub fn migrate_for(config: &crate::config::Config, conn: &mut DbConn) -> Result<usize, String> {
    let Some(owner_url) = &config.migration_database_url else { return migrate(conn) };
    let runtime = runtime_role(&config.database_url)?;
    let mut owner = match DbUrl::parse(owner_url)? {
        DbUrl::Postgres(url) => DbConn::Pg(
            diesel::pg::PgConnection::establish(&url)
                .map_err(|e| format!("CSPR_MIGRATION_DATABASE_URL: cannot connect: {e}"))?,
        ),
        DbUrl::Sqlite(_) => return Err("CSPR_MIGRATION_DATABASE_URL is for PostgreSQL only".into()),
    };
    set_tenant(&mut owner, ALL_TENANTS).map_err(|e| format!("CSPR_MIGRATION_DATABASE_URL: {e}"))?;
    let n = migrate(&mut owner)?;
    grant_runtime(&mut owner, &runtime)?;
    Ok(n)
}

/// The role (user) a PostgreSQL URL connects as.
fn runtime_role(database_url: &str) -> Result<String, String> {
    let url = url::Url::parse(database_url).map_err(|e| format!("CSPR_DATABASE_URL: {e}"))?;
    let user = url.username().to_string();
    if user.is_empty() || !user.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(
            "CSPR_DATABASE_URL must name its role (letters, digits and _) when CSPR_MIGRATION_DATABASE_URL is set"
                .into(),
        );
    }
    Ok(user)
}

/// What the runtime role may do: read and write the app's tables, but of the audit trail
/// only read, add, and seal (set `seq` and `hash`, which the trigger allows once): no UPDATE
/// of anything else, no DELETE, no TRUNCATE.
pub fn grant_runtime(owner: &mut DbConn, role: &str) -> Result<(), String> {
    let statements = [
        format!("GRANT USAGE ON SCHEMA public TO \"{role}\""),
        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \"{role}\""),
        format!("REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM \"{role}\""),
        format!("GRANT UPDATE (seq, hash) ON audit_events TO \"{role}\""),
        format!("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON __diesel_schema_migrations FROM \"{role}\""),
    ];
    // The split means nothing if the runtime role is the owner, or owns any table (it could
    // grant itself the rights back or drop the triggers).
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let owned = diesel::sql_query(
        "SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public' \
         AND (tableowner = $1 OR pg_has_role($1, tableowner, 'MEMBER'))",
    )
    .bind::<diesel::sql_types::Text, _>(role);
    let n = diesel::RunQueryDsl::get_result::<Count>(owned, owner)
        .map_err(|e| format!("checking the runtime role: {e}"))?
        .n;
    if n > 0 {
        return Err(format!(
            "the runtime role `{role}` owns {n} table(s) (or is the migration role): give them to the migration role first"
        ));
    }
    // Row-level security binds neither a superuser nor a role with BYPASSRLS.
    let above =
        diesel::sql_query("SELECT count(*) AS n FROM pg_roles WHERE rolname = $1 AND (rolsuper OR rolbypassrls)")
            .bind::<diesel::sql_types::Text, _>(role);
    if diesel::RunQueryDsl::get_result::<Count>(above, owner).map_err(|e| format!("checking the runtime role: {e}"))?.n
        > 0
    {
        return Err(format!(
            "the runtime role `{role}` is a superuser or has BYPASSRLS: row-level security would not bind it"
        ));
    }
    write_transaction(owner, |owner| {
        for sql in &statements {
            diesel::RunQueryDsl::execute(diesel::sql_query(sql), owner)?;
        }
        Ok::<_, diesel::result::Error>(())
    })
    .map_err(|e| format!("granting the runtime role: {e}"))
}

/// Whether a transaction is open on `conn` (or its state is unknown, after a failure).
pub fn in_transaction(conn: &mut DbConn) -> bool {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let depth = match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth(),
        DbConn::Pg(c) => AnsiTransactionManager::transaction_manager_status_mut(c).transaction_depth(),
    };
    !matches!(depth, Ok(None))
}

/// A transaction that writes. On SQLite it begins `IMMEDIATE`, taking the write lock at
/// once (waiting up to the busy timeout), so that a read followed by a write cannot fail
/// with "database is locked" when another connection wrote in between.
pub fn write_transaction<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    E: From<diesel::result::Error>,
    F: FnOnce(&mut DbConn) -> Result<T, E>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    if in_transaction(conn) {
        // Already inside one: a savepoint.
        return conn.transaction(f);
    }
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
        DbConn::Pg(c) => AnsiTransactionManager::begin_transaction(c)?,
    }
    let result = f(conn);
    let end = match (&result, conn) {
        (Ok(_), DbConn::Sqlite(c)) => AnsiTransactionManager::commit_transaction(c),
        (Ok(_), DbConn::Pg(c)) => AnsiTransactionManager::commit_transaction(c),
        (Err(_), DbConn::Sqlite(c)) => AnsiTransactionManager::rollback_transaction(c),
        (Err(_), DbConn::Pg(c)) => AnsiTransactionManager::rollback_transaction(c),
    };
    match (result, end) {
        (Ok(v), Ok(())) => Ok(v),
        (Ok(_), Err(e)) => Err(e.into()),
        (Err(e), _) => Err(e),
    }
}

#[cfg(test)]
mod kept_tests {
    use diesel::prelude::*;
    use std::sync::{Arc, Mutex};

    diesel::table! { t (id) { id -> Integer, n -> Integer, } }

    /// A kept UPDATE is prepared once and run again with new values (diesel's own is prepared
    /// on every run), and changes what it should.
    #[test]
    fn a_kept_update_is_prepared_once() {
        let mut c = diesel::sqlite::SqliteConnection::establish(":memory:").unwrap();
        diesel::connection::SimpleConnection::batch_execute(
            &mut c,
            "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO t VALUES (1, 0), (2, 0);",
        )
        .unwrap();
        let prepared: Arc<Mutex<Vec<String>>> = Arc::default();
        let mine = prepared.clone();
        c.set_instrumentation(move |e: diesel::connection::InstrumentationEvent<'_>| {
            if let diesel::connection::InstrumentationEvent::CacheQuery { sql, .. } = e {
                mine.lock().unwrap().push(sql.to_string());
            }
        });
        for i in 1..=3 {
            let q = crate::kept_update!(t::table, t::id.eq(1), t::n.eq(i));
            assert_eq!(q.execute(&mut c).unwrap(), 1);
        }
        assert_eq!(prepared.lock().unwrap().len(), 1, "prepared: {:?}", prepared.lock().unwrap());
        let n: Vec<(i32, i32)> = t::table.order(t::id).load(&mut c).unwrap();
        assert_eq!(n, vec![(1, 3), (2, 0)]);
    }
}
