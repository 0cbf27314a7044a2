//! Settings from the environment; each `NAME` may instead be read from the file `NAME_FILE`.
use crate::db::DbUrl;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Sign-in throttling: failures counted per account and client network, and per client
/// network alone; past the free ones each failure makes the next attempt wait twice as long.
#[derive(Debug, Clone)]
pub struct Throttle {
    /// Failures of one account from one network before any wait.
    pub account_free_failures: u32,
    /// Failures from one network (any accounts) before any wait.
    pub address_free_failures: u32,
    /// The first wait; each further failure doubles it.
    pub first_wait_secs: u64,
    /// The longest wait.
    pub max_wait_secs: u64,
    /// The longest wait of a network's own counter (many people may share one network).
    pub max_network_wait_secs: u64,
    /// Failures older than this are forgotten.
    pub forget_after_secs: u64,
    /// Password checks (Argon2, 19 MiB each) running at once; past it, 503.
    pub hashing_at_once: usize,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            account_free_failures: 3,
            address_free_failures: 20,
            first_wait_secs: 1,
            max_wait_secs: 15 * 60,
            max_network_wait_secs: 60,
            forget_after_secs: 60 * 60,
            hashing_at_once: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}

/// How long sessions last.
#[derive(Debug, Clone)]
pub struct Sessions {
    /// A session ends this long after sign-in, whatever happens.
    pub max_secs: u64,
    /// The browser signs the person out after this long without use; a refresh token not
    /// used for this long stops working.
    pub idle_secs: u64,
    /// The browser warns this long before the idle limit.
    pub idle_warning_secs: u64,
    /// How long a person's session epoch is remembered before being read again.
    pub revocation_cache_secs: u64,
}

impl Default for Sessions {
    fn default() -> Self {
        Sessions { max_secs: 12 * 60 * 60, idle_secs: 30 * 60, idle_warning_secs: 2 * 60, revocation_cache_secs: 2 }
    }
}

/// Response headers and what is public.
#[derive(Debug, Clone, Default)]
pub struct Exposure {
    /// Send `Strict-Transport-Security` (default: when the bind address is not loopback).
    pub hsts: bool,
    /// Serve the API docs at `/docs/` and the spec at `/api/openapi.json`.
    pub api_docs: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<crate::net::Network>,
}

/// Mail: the outbox's sender and the links that messages carry.
#[derive(Debug, Clone)]
pub struct Mail {
    /// `smtp://[user:password@]host[:port]`; `None`: messages stay queued.
    pub smtp_url: Option<String>,
    /// The `From` of every message.
    pub from: String,
    /// The app's address as people reach it, the base of links in messages (no trailing `/`);
    /// empty: `http://` and the bind address.
    pub public_url: String,
    /// Tries before a message is given up (state `failed`).
    pub max_attempts: i32,
    /// The wait after the first failed try; doubled after each further one (at most 6 hours).
    pub retry_after: Duration,
    /// How often the sender looks for due messages (it is also woken when one is queued).
    pub poll: Duration,
}

impl Default for Mail {
    fn default() -> Self {
        Mail {
            smtp_url: None,
            from: "CSPR Hub <no-reply@localhost>".into(),
            public_url: String::new(),
            max_attempts: 8,
            retry_after: Duration::from_secs(60),
            poll: Duration::from_secs(5),
        }
    }
}

impl Mail {
    /// The base of links: [`Mail::public_url`], else `http://{bind}`.
    pub fn link_base(&self, bind: &str) -> String {
        if self.public_url.is_empty() {
            format!("http://{bind}")
        } else {
            self.public_url.trim_end_matches('/').to_string()
        }
    }

    /// The wait before try `attempts + 1`, after `attempts` failed tries.
    pub fn backoff(&self, attempts: i32) -> Duration {
        let doublings = attempts.saturating_sub(1).clamp(0, 20) as u32;
        self.retry_after.saturating_mul(1 << doublings).min(Duration::from_secs(6 * 3600))
    }
}

#[derive(Clone)]
pub struct Config {
    pub bind: String,
    pub data_dir: PathBuf,
    pub database_url: String,
    /// PostgreSQL only: the owner's connection, used to migrate; the app then runs as the
    /// role of `database_url`, which gets no UPDATE or DELETE on the audit trail.
    pub migration_database_url: Option<String>,
    pub jwt_secret: Vec<u8>,
    pub site_dir: PathBuf,
    pub throttle: Throttle,
    pub sessions: Sessions,
    pub exposure: Exposure,
    pub pool_size: u32,
    pub workers: usize,
    pub mail: Mail,
    /// SQLite only: `CSPR_SQLITE_SYNCHRONOUS`, `full` (the default) or `normal`.
    pub sqlite_synchronous: crate::db::Synchronous,
    /// `CSPR_ACTION_REMINDERS`: the hourly reminders of actions due or overdue (`on`, the
    /// default, or `off`: the test suites, which run a round through its route).
    pub action_reminders: bool,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("bind", &self.bind)
            .field("data_dir", &self.data_dir)
            .field("database", &if self.database_url.starts_with("postgres") { "postgres" } else { "sqlite" })
            .field("site_dir", &self.site_dir)
            .finish_non_exhaustive()
    }
}

/// Workers run short queries inline (see `AppState::db`), so more workers than cores keep
/// the cores busy while one waits: with PostgreSQL on the network (4 per core measured best),
/// with SQLite on the disk or a lock (2 per core). Measured with `cargo xtask bench`.
fn default_workers(database_url: &str) -> usize {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    if database_url.starts_with("postgres") {
        cores * 4
    } else {
        cores * 2
    }
}

/// Reads `NAME`, or the contents of the file named by `NAME_FILE` (trailing newline dropped).
pub fn setting(name: &str) -> Result<Option<String>, String> {
    if let Ok(v) = std::env::var(name) {
        if !v.is_empty() {
            return Ok(Some(v));
        }
    }
    let file_var = format!("{name}_FILE");
    match std::env::var(&file_var) {
        Ok(path) if !path.is_empty() => std::fs::read_to_string(&path)
            .map(|s| Some(s.trim_end_matches(['\n', '\r']).to_string()))
            .map_err(|e| format!("{file_var}: cannot read {path}: {e}")),
        _ => Ok(None),
    }
}

fn number<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match setting(name)? {
        Some(v) => v.trim().parse().map_err(|_| format!("{name} must be a number, not `{v}`")),
        None => Ok(default),
    }
}

fn flag(name: &str, default: bool) -> Result<bool, String> {
    match setting(name)?.as_deref().map(str::trim) {
        None => Ok(default),
        Some("1" | "true" | "on" | "yes") => Ok(true),
        Some("0" | "false" | "off" | "no") => Ok(false),
        Some(v) => Err(format!("{name} must be on or off, not `{v}`")),
    }
}

/// Whether `bind` (host:port) listens on loopback only.
pub fn is_loopback(bind: &str) -> bool {
    let host = bind.rsplit_once(':').map_or(bind, |(h, _)| h).trim_matches(['[', ']']);
    host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

impl Config {
    /// Everything from the environment; the JWT secret is resolved by [`Config::resolve_secret`].
    pub fn from_env() -> Result<Config, String> {
        let data_dir = PathBuf::from(setting("CSPR_DATA_DIR")?.unwrap_or_else(|| "./data".into()));
        let database_url =
            setting("CSPR_DATABASE_URL")?.unwrap_or_else(|| format!("sqlite://{}", data_dir.join("cspr.db").display()));
        DbUrl::parse(&database_url).map_err(|e| format!("CSPR_DATABASE_URL: {e}"))?;
        let pool_default = default_workers(&database_url) as u32 + 8;
        let defaults = Throttle::default();
        let sessions = Sessions::default();
        let bind = setting("CSPR_BIND")?.unwrap_or_else(|| "127.0.0.1:8080".into());
        let trusted_proxies = match setting("CSPR_TRUSTED_PROXIES")? {
            Some(list) => crate::net::Network::parse_list(&list).map_err(|e| format!("CSPR_TRUSTED_PROXIES: {e}"))?,
            None => Vec::new(),
        };
        let mut config = Config {
            exposure: Exposure {
                hsts: flag("CSPR_HSTS", !is_loopback(&bind))?,
                api_docs: flag("CSPR_API_DOCS", false)?,
                trusted_proxies,
            },
            sessions: Sessions {
                max_secs: number("CSPR_SESSION_MAX_SECS", sessions.max_secs)?,
                idle_secs: number("CSPR_SESSION_IDLE_SECS", sessions.idle_secs)?,
                idle_warning_secs: number("CSPR_SESSION_IDLE_WARNING_SECS", sessions.idle_warning_secs)?,
                revocation_cache_secs: number("CSPR_REVOCATION_CACHE_SECS", sessions.revocation_cache_secs)?,
            },
            migration_database_url: setting("CSPR_MIGRATION_DATABASE_URL")?,
            bind,
            data_dir,
            database_url,
            jwt_secret: Vec::new(),
            site_dir: PathBuf::from(setting("CSPR_SITE_DIR")?.unwrap_or_else(|| "target/site".into())),
            throttle: Throttle {
                account_free_failures: number("CSPR_SIGNIN_FREE_FAILURES_PER_ACCOUNT", defaults.account_free_failures)?,
                address_free_failures: number("CSPR_SIGNIN_FREE_FAILURES_PER_ADDRESS", defaults.address_free_failures)?,
                first_wait_secs: number("CSPR_SIGNIN_FIRST_WAIT_SECS", defaults.first_wait_secs)?,
                max_wait_secs: number("CSPR_SIGNIN_MAX_WAIT_SECS", defaults.max_wait_secs)?,
                max_network_wait_secs: number("CSPR_SIGNIN_MAX_NETWORK_WAIT_SECS", defaults.max_network_wait_secs)?,
                forget_after_secs: number("CSPR_SIGNIN_FORGET_AFTER_SECS", defaults.forget_after_secs)?,
                hashing_at_once: number("CSPR_PASSWORD_CHECKS_AT_ONCE", defaults.hashing_at_once)?.max(1),
            },
            pool_size: number("CSPR_POOL_SIZE", pool_default)?,
            workers: number("CSPR_WORKERS", pool_default as usize - 8)?,
            mail: mail_from_env()?,
            sqlite_synchronous: match setting("CSPR_SQLITE_SYNCHRONOUS")? {
                Some(v) => crate::db::Synchronous::parse(&v).map_err(|e| format!("CSPR_SQLITE_SYNCHRONOUS {e}"))?,
                None => Default::default(),
            },
            action_reminders: match setting("CSPR_ACTION_REMINDERS")?.as_deref() {
                None | Some("on") => true,
                Some("off") => false,
                Some(_) => return Err("CSPR_ACTION_REMINDERS must be on or off".into()),
            },
        };
        config.jwt_secret = config.resolve_secret(setting("CSPR_JWT_SECRET")?)?;
        Ok(config)
    }

    /// The secret given, or with SQLite one generated once into the data folder.
    pub fn resolve_secret(&self, given: Option<String>) -> Result<Vec<u8>, String> {
        if let Some(s) = given {
            if s.len() < 32 {
                return Err("CSPR_JWT_SECRET must be at least 32 characters".into());
            }
            return Ok(s.into_bytes());
        }
        if self.database_url.starts_with("postgres") {
            return Err("CSPR_JWT_SECRET (or CSPR_JWT_SECRET_FILE) must be set when the database is PostgreSQL".into());
        }
        load_or_create_secret(&self.data_dir.join("jwt-secret"))
    }
}

fn mail_from_env() -> Result<Mail, String> {
    let defaults = Mail::default();
    let smtp_url = setting("CSPR_SMTP_URL")?;
    if let Some(url) = &smtp_url {
        crate::mail::sender::SmtpTarget::parse(url).map_err(|e| format!("CSPR_SMTP_URL: {e}"))?;
    }
    let from = setting("CSPR_MAIL_FROM")?.unwrap_or(defaults.from);
    from.parse::<lettre::message::Mailbox>().map_err(|_| "CSPR_MAIL_FROM is not an e-mail address".to_string())?;
    let public_url = setting("CSPR_PUBLIC_URL")?.unwrap_or_default();
    if !(public_url.is_empty() || public_url.starts_with("https://") || public_url.starts_with("http://")) {
        return Err("CSPR_PUBLIC_URL must start with https:// (or http://)".into());
    }
    let max_attempts: i32 = number("CSPR_MAIL_MAX_ATTEMPTS", defaults.max_attempts)?;
    if max_attempts < 1 {
        return Err("CSPR_MAIL_MAX_ATTEMPTS must be at least 1".into());
    }
    Ok(Mail {
        smtp_url,
        from,
        public_url,
        max_attempts,
        retry_after: Duration::from_secs(number("CSPR_MAIL_RETRY_SECS", defaults.retry_after.as_secs())?),
        poll: defaults.poll,
    })
}

fn load_or_create_secret(path: &Path) -> Result<Vec<u8>, String> {
    if let Ok(s) = std::fs::read_to_string(path) {
        let s = s.trim();
        if s.len() >= 32 {
            return Ok(s.as_bytes().to_vec());
        }
        return Err(format!("{} holds a secret shorter than 32 characters", path.display()));
    }
    if let Some(dir) = path.parent() {
        if !dir.exists() {
            crate::db::create_private_dir(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
    }
    let secret = crate::auth::tokens::random_token();
    write_private(path, &secret).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    tracing::info!(path = %path.display(), "generated a new JWT secret");
    Ok(secret.into_bytes())
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    f.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}
