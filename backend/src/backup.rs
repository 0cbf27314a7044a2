//! `cspr backup` and `cspr restore`: the whole database to one file and back.
//!
//! SQLite: SQLite's online backup API, page by page, while the server runs (each step holds
//! the read lock only briefly; writes in between restart the copy of the pages they touch).
//! The copy is checked with `PRAGMA integrity_check`. Restore copies the file back the same
//! way, into the database the settings name (stop the server first).
//!
//! PostgreSQL: `pg_dump --format=custom`, checked by `pg_restore --list`; restore is
//! `pg_restore --clean --if-exists --single-transaction --no-owner --no-privileges`, then the
//! runtime role is given its rights again. Both run through `CSPR_MIGRATION_DATABASE_URL` when
//! it is set (the owner), otherwise through `CSPR_DATABASE_URL`, with row-level security on
//! and `cspr.tenant_id = '*'` (every partnership), so that an owner that is no superuser can
//! run them.
use crate::db::DbUrl;
use libsqlite3_sys as ffi;
use std::ffi::CString;
use std::path::Path;
use std::process::Command;

/// Pages copied per step of the SQLite backup, between which writers may go on.
const PAGES_PER_STEP: i32 = 256;

/// Copies `from` into `to` (both SQLite files) with the online backup API, telling
/// `progress(copied, total)` after each step.
pub fn sqlite_copy(from: &Path, to: &Path, mut progress: impl FnMut(i32, i32)) -> Result<(), String> {
    let src = SqliteHandle::open(from, ffi::SQLITE_OPEN_READONLY)?;
    let dst = SqliteHandle::open(to, ffi::SQLITE_OPEN_READWRITE | ffi::SQLITE_OPEN_CREATE)?;
    let main = CString::new("main").expect("no NUL");
    // SAFETY: both handles are open and outlive the backup object, which is finished below.
    unsafe {
        let backup = ffi::sqlite3_backup_init(dst.0, main.as_ptr(), src.0, main.as_ptr());
        if backup.is_null() {
            return Err(format!("cannot start the copy: {}", dst.message()));
        }
        loop {
            let rc = ffi::sqlite3_backup_step(backup, PAGES_PER_STEP);
            let total = ffi::sqlite3_backup_pagecount(backup);
            let left = ffi::sqlite3_backup_remaining(backup);
            progress(total - left, total);
            match rc {
                ffi::SQLITE_DONE => break,
                ffi::SQLITE_OK => {}
                ffi::SQLITE_BUSY | ffi::SQLITE_LOCKED => std::thread::sleep(std::time::Duration::from_millis(50)),
                other => {
                    ffi::sqlite3_backup_finish(backup);
                    return Err(format!("the copy failed (SQLite error {other}): {}", dst.message()));
                }
            }
        }
        if ffi::sqlite3_backup_finish(backup) != ffi::SQLITE_OK {
            return Err(format!("the copy did not finish: {}", dst.message()));
        }
    }
    Ok(())
}

/// One raw SQLite connection, closed when dropped.
struct SqliteHandle(*mut ffi::sqlite3);

impl SqliteHandle {
    fn open(path: &Path, flags: i32) -> Result<SqliteHandle, String> {
        let name = CString::new(path.to_string_lossy().as_bytes()).map_err(|_| "the path holds a NUL byte")?;
        let mut db = std::ptr::null_mut();
        // SAFETY: `name` is a valid C string; the handle is closed in Drop even on failure.
        let rc = unsafe { ffi::sqlite3_open_v2(name.as_ptr(), &mut db, flags, std::ptr::null()) };
        let handle = SqliteHandle(db);
        if rc != ffi::SQLITE_OK {
            return Err(format!("cannot open {}: {}", path.display(), handle.message()));
        }
        // SAFETY: an open handle.
        unsafe { ffi::sqlite3_busy_timeout(db, 10_000) };
        Ok(handle)
    }

    fn message(&self) -> String {
        if self.0.is_null() {
            return "out of memory".into();
        }
        // SAFETY: an open handle; SQLite owns the message.
        unsafe { std::ffi::CStr::from_ptr(ffi::sqlite3_errmsg(self.0)).to_string_lossy().into_owned() }
    }
}

impl Drop for SqliteHandle {
    fn drop(&mut self) {
        // SAFETY: closing a handle that sqlite3_open_v2 gave (null is a no-op).
        unsafe { ffi::sqlite3_close(self.0) };
    }
}

/// The database the commands work on: the owner's URL when there is one.
fn target(config: &crate::config::Config) -> Result<DbUrl, String> {
    let url = config.migration_database_url.as_deref().unwrap_or(&config.database_url);
    DbUrl::parse(url)
}

fn progress_line(copied: i32, total: i32) {
    eprint!("\rcopied {copied} of {total} pages");
    if copied >= total {
        eprintln!();
    }
}

fn tool(name: &str) -> Command {
    // Debian's wrappers pick the newest installed version; an explicit one may be given.
    let var = format!("CSPR_{}", name.to_ascii_uppercase());
    let mut cmd = Command::new(std::env::var(var).unwrap_or_else(|_| name.to_string()));
    // Row-level security binds the tables' owner too (FORCE): the dump and the restore work
    // across every partnership, as the server's own housekeeping does.
    cmd.env("PGOPTIONS", format!("-c cspr.tenant_id={}", crate::db::ALL_TENANTS)).arg("--enable-row-security");
    cmd
}

fn run_tool(cmd: &mut Command, name: &str) -> Result<(), String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {name} (is it installed? apt-get install postgresql-client): {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!("{name} failed: {}", err.lines().next().unwrap_or("(no message)")));
    }
    Ok(())
}

/// `cspr backup --to FILE`.
pub fn backup(config: &crate::config::Config, to: &Path) -> Result<(), String> {
    if to.exists() {
        return Err(format!("{} exists already: name a new file", to.display()));
    }
    match target(config)? {
        DbUrl::Sqlite(path) => {
            sqlite_copy(Path::new(&path), to, progress_line)?;
            let pool = crate::db::connect(&format!("sqlite://{}", to.display()), 1)?;
            let mut conn = pool.get().map_err(|e| e.to_string())?;
            integrity(&mut conn)?;
        }
        DbUrl::Postgres(url) => {
            run_tool(
                tool("pg_dump").args(["--format=custom", "--no-password", "--file"]).arg(to).arg(&url),
                "pg_dump",
            )?;
            run_tool(
                tool("pg_restore").arg("--list").arg(to).stdout(std::process::Stdio::null()),
                "pg_restore --list",
            )?;
        }
    }
    restrict(to)?;
    let size = std::fs::metadata(to).map(|m| m.len()).unwrap_or(0);
    eprintln!("backup written: {} ({size} bytes), checked", to.display());
    Ok(())
}

/// `cspr restore --from FILE`: everything in the database is replaced.
pub fn restore(config: &crate::config::Config, from: &Path) -> Result<(), String> {
    if !from.is_file() {
        return Err(format!("{} is not a file", from.display()));
    }
    match target(config)? {
        DbUrl::Sqlite(path) => {
            {
                // The backup must be a whole SQLite database before anything is replaced.
                let pool = crate::db::connect(&format!("sqlite://{}", from.display()), 1)?;
                let mut conn = pool.get().map_err(|e| e.to_string())?;
                integrity(&mut conn)?;
            }
            sqlite_copy(from, Path::new(&path), progress_line)?;
        }
        DbUrl::Postgres(url) => {
            run_tool(
                tool("pg_restore")
                    .args(["--clean", "--if-exists", "--single-transaction", "--no-owner", "--no-privileges"])
                    .args(["--no-password", "--exit-on-error", "--dbname"])
                    .arg(&url)
                    .arg(from),
                "pg_restore",
            )?;
            if config.migration_database_url.is_some() {
                // The tables were made afresh by the owner: give the runtime role its rights again.
                let pool = crate::db::connect(&config.database_url, 1)?;
                let mut conn = pool.get().map_err(|e| e.to_string())?;
                crate::db::migrate_for(config, &mut conn)?;
            }
        }
    }
    eprintln!("restored from {}", from.display());
    Ok(())
}

fn integrity(conn: &mut crate::db::DbConn) -> Result<(), String> {
    #[derive(diesel::QueryableByName)]
    struct Check {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    let rows: Vec<Check> = diesel::RunQueryDsl::load(diesel::sql_query("PRAGMA integrity_check"), conn)
        .map_err(|e| format!("checking the copy: {e}"))?;
    match rows.first() {
        Some(c) if c.integrity_check == "ok" && rows.len() == 1 => Ok(()),
        _ => Err("the copy is damaged (PRAGMA integrity_check)".into()),
    }
}

/// A backup holds children's data: readable by its owner only.
#[cfg(unix)]
fn restrict(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|e| e.to_string())
}

#[cfg(not(unix))]
fn restrict(_: &Path) -> Result<(), String> {
    Ok(())
}
