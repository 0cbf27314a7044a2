//! Sends the outbox over SMTP (`lettre`, without TLS: point `CSPR_SMTP_URL` at a local relay
//! or a sink), in a thread of its own with its own small runtime. Each due message is
//! claimed (so that a second sender, or this one after a restart, does not send it twice
//! while it is being sent), sent, and marked sent; a failure is retried after a wait that
//! doubles each time, until [`crate::config::Mail::max_attempts`], or at once given up when
//! the server refuses it for good. Logs hold the message's id, kind and the error's class:
//! never an address, a subject or a body.
use crate::config::Mail;
use crate::db::Pool;
use crate::models::{now, OutboxRow};
use crate::store::outbox;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Messages taken per round.
const BATCH: i64 = 20;
/// How long a claim on a message lasts (the send's own time-out is well within it).
const CLAIM: Duration = Duration::from_secs(5 * 60);
/// Time-out of one SMTP conversation.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Where `CSPR_SMTP_URL` points: `smtp://[user:password@]host[:port]` (port 25 when not given).
#[derive(Clone)]
pub struct SmtpTarget {
    pub host: String,
    pub port: u16,
    credentials: Option<(String, String)>,
}

impl std::fmt::Debug for SmtpTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpTarget").field("host", &self.host).field("port", &self.port).finish_non_exhaustive()
    }
}

impl SmtpTarget {
    /// Reads the URL; the error never repeats it (it may hold a password).
    pub fn parse(url: &str) -> Result<SmtpTarget, String> {
        let u = url::Url::parse(url).map_err(|_| "not a URL: write smtp://host:port".to_string())?;
        if u.scheme() != "smtp" {
            return Err("only smtp:// is supported (the server is built without TLS): point it at a local relay".into());
        }
        if u.query().is_some() {
            return Err("smtp:// takes no options (the server is built without TLS)".into());
        }
        let host = u.host_str().filter(|h| !h.is_empty()).ok_or("the URL names no host")?;
        let host = host.trim_start_matches('[').trim_end_matches(']').to_string();
        let decode = |s: &str| {
            percent_decode(s).ok_or_else(|| "the user or password in the URL is not valid percent-encoding".to_string())
        };
        let credentials = if u.username().is_empty() {
            None
        } else {
            Some((decode(u.username())?, decode(u.password().unwrap_or_default())?))
        };
        Ok(SmtpTarget { host, port: u.port().unwrap_or(25), credentials })
    }

    fn transport(&self) -> AsyncSmtpTransport<Tokio1Executor> {
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(self.host.clone())
            .port(self.port)
            .timeout(Some(SMTP_TIMEOUT));
        if let Some((user, password)) = &self.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        builder.build()
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Why a try failed, as stored and logged: a class, never the server's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The recipient or sender is not an address: never retried.
    Address,
    /// The server refused the message for good (5xx): never retried.
    Permanent,
    /// The server asked to try later (4xx).
    Transient,
    Timeout,
    /// No connection, or it broke.
    Connection,
}

impl Failure {
    pub fn class(self) -> &'static str {
        match self {
            Failure::Address => "address",
            Failure::Permanent => "permanent",
            Failure::Transient => "transient",
            Failure::Timeout => "timeout",
            Failure::Connection => "connection",
        }
    }

    fn retried(self) -> bool {
        !matches!(self, Failure::Address | Failure::Permanent)
    }

    fn of(e: &lettre::transport::smtp::Error) -> Failure {
        if e.is_permanent() {
            Failure::Permanent
        } else if e.is_transient() {
            Failure::Transient
        } else if e.is_timeout() {
            Failure::Timeout
        } else {
            Failure::Connection
        }
    }
}

/// Wakes the sender when a message is queued (see [`crate::state::AppState::mail_queued`]).
pub type Wake = Arc<Notify>;

/// Starts the sender when mail is configured; otherwise says once that messages stay queued.
pub fn start(pool: Pool, config: &Mail, wake: Wake) -> Result<(), String> {
    let Some(url) = &config.smtp_url else {
        tracing::warn!("mail is not configured (CSPR_SMTP_URL is not set): messages stay queued in the outbox");
        return Ok(());
    };
    let target = SmtpTarget::parse(url).map_err(|e| format!("CSPR_SMTP_URL: {e}"))?;
    let from: Mailbox = config.from.parse().map_err(|_| "CSPR_MAIL_FROM is not an e-mail address".to_string())?;
    let config = config.clone();
    std::thread::Builder::new()
        .name("mail-sender".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(r) => r,
                Err(e) => {
                    tracing::error!(error = %e, "the mail sender cannot start");
                    return;
                }
            };
            runtime.block_on(run(pool, config, target, from, wake));
        })
        .map_err(|e| format!("cannot start the mail sender: {e}"))?;
    tracing::info!(host = %target_host(url), "mail sender started");
    Ok(())
}

fn target_host(url: &str) -> String {
    SmtpTarget::parse(url).map(|t| format!("{}:{}", t.host, t.port)).unwrap_or_default()
}

async fn run(pool: Pool, config: Mail, target: SmtpTarget, from: Mailbox, wake: Wake) {
    let transport = target.transport();
    loop {
        // Until a round finds nothing due.
        loop {
            match round(&pool, &config, &transport, &from).await {
                Ok(0) => break,
                Ok(_) => continue,
                Err(e) => {
                    tracing::error!(error = %e, "the mail sender cannot read the outbox");
                    break;
                }
            }
        }
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(config.poll) => {}
        }
    }
}

/// Sends what is due; answers how many messages it tried.
async fn round(
    pool: &Pool,
    config: &Mail,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
) -> Result<usize, String> {
    let due = {
        let mut conn = crate::db::checkout(pool).map_err(|e| e.to_string())?;
        let claim_until = now() + chrono::Duration::from_std(CLAIM).unwrap_or_default();
        let mut claimed = Vec::new();
        for row in outbox::due(&mut conn, now(), BATCH).map_err(|e| e.to_string())? {
            if outbox::claim(&mut conn, &row, claim_until).map_err(|e| e.to_string())? {
                claimed.push(row);
            }
        }
        claimed
    };
    let tried = due.len();
    for row in due {
        let outcome = send(transport, from, &row).await;
        let mut conn = crate::db::checkout(pool).map_err(|e| e.to_string())?;
        let recorded = match outcome {
            Ok(()) => {
                tracing::info!(id = %row.id, kind = row.kind.as_str(), attempt = row.attempts + 1, "mail sent");
                outbox::sent(&mut conn, &row)
            }
            Err(failure) => {
                let attempts = row.attempts + 1;
                let retry_at = (failure.retried() && attempts < config.max_attempts).then(|| {
                    now() + chrono::Duration::from_std(config.backoff(attempts)).unwrap_or(chrono::Duration::zero())
                });
                if retry_at.is_some() {
                    tracing::warn!(id = %row.id, kind = row.kind.as_str(), attempt = attempts, error = failure.class(), "mail not sent: will retry");
                } else {
                    tracing::error!(id = %row.id, kind = row.kind.as_str(), attempt = attempts, error = failure.class(), "mail not sent: given up");
                }
                outbox::failed(&mut conn, &row, failure.class(), retry_at)
            }
        };
        recorded.map_err(|e| e.to_string())?;
    }
    Ok(tried)
}

async fn send(transport: &AsyncSmtpTransport<Tokio1Executor>, from: &Mailbox, row: &OutboxRow) -> Result<(), Failure> {
    let to: Mailbox = row.recipient.parse().map_err(|_| Failure::Address)?;
    let message = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(row.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(row.body.clone())
        .map_err(|_| Failure::Address)?;
    transport.send(message).await.map(drop).map_err(|e| Failure::of(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_are_read_without_repeating_them() {
        let t = SmtpTarget::parse("smtp://127.0.0.1:2525").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("127.0.0.1", 2525));
        assert!(t.credentials.is_none());
        let t = SmtpTarget::parse("smtp://mailer%40x:p%40ss@relay.example").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("relay.example", 25));
        assert_eq!(t.credentials, Some(("mailer@x".into(), "p@ss".into())));
        assert!(!format!("{t:?}").contains("p@ss"));
        let e = SmtpTarget::parse("smtps://user:secret@relay.example").unwrap_err();
        assert!(!e.contains("secret"), "{e}");
        assert!(SmtpTarget::parse("smtp://relay.example?tls=required").is_err());
        assert!(SmtpTarget::parse("relay.example").is_err());
    }

    #[test]
    fn back_off_doubles_up_to_six_hours() {
        let m = Mail { retry_after: Duration::from_secs(60), ..Mail::default() };
        assert_eq!(m.backoff(1), Duration::from_secs(60));
        assert_eq!(m.backoff(2), Duration::from_secs(120));
        assert_eq!(m.backoff(4), Duration::from_secs(480));
        assert_eq!(m.backoff(30), Duration::from_secs(6 * 3600));
        assert!(!Failure::Permanent.retried() && Failure::Connection.retried());
    }
}
