//! Revocation that bites: every request's access token is checked against its person's
//! session epoch (raised by sign-out, disabling, a role change, a password change), read
//! from the database at most every few seconds per person, so that another instance's
//! revocation takes effect within that time too.
use crate::db::Pool;
use crate::store::directory;
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

pub struct Revocations {
    ttl: Duration,
    /// Per person: the epoch (`None`: disabled or gone) and when it was read.
    seen: RwLock<HashMap<String, (Option<i64>, Instant)>>,
}

const MAX_REMEMBERED: usize = 50_000;

impl Revocations {
    pub fn new(ttl: Duration) -> Revocations {
        Revocations { ttl, seen: RwLock::new(HashMap::new()) }
    }

    /// Whether a token of `user_id` carrying `epoch` still stands.
    pub fn allows(&self, pool: &Pool, user_id: &str, epoch: i64) -> Result<bool, crate::error::ApiError> {
        if let Some((current, at)) = self.seen.read().unwrap_or_else(|p| p.into_inner()).get(user_id) {
            // Epochs only rise: a token newer than what is remembered was issued after it
            // (here or on another instance), so the database is read again.
            let newer = current.is_some_and(|c| epoch > c);
            if at.elapsed() < self.ttl && !newer {
                return Ok(*current == Some(epoch));
            }
        }
        let mut conn = crate::db::checkout(pool)?;
        let current = directory::live_epoch(&mut conn, user_id)?;
        self.remember(user_id, current);
        Ok(current == Some(epoch))
    }

    /// Notes what was read.
    fn remember(&self, user_id: &str, epoch: Option<i64>) {
        let mut seen = self.seen.write().unwrap_or_else(|p| p.into_inner());
        if seen.len() >= MAX_REMEMBERED {
            let ttl = self.ttl;
            seen.retain(|_, (_, at)| at.elapsed() < ttl);
        }
        seen.insert(user_id.to_string(), (epoch, Instant::now()));
    }

    /// Forgets what was read of a person (after a change committed elsewhere in this process).
    pub fn forget(&self, user_id: &str) {
        self.seen.write().unwrap_or_else(|p| p.into_inner()).remove(user_id);
    }
}
