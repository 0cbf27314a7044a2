//! Sign-in throttling: failed attempts per account, and all attempts per client address.
//! Kept in memory (per server process); keys are hashed so no e-mail address is held.
use crate::config::Throttle;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Throttler {
    limits: Throttle,
    accounts: Mutex<HashMap<u64, VecDeque<Instant>>>,
    addresses: Mutex<HashMap<String, VecDeque<Instant>>>,
}

fn key_of(account: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    account.to_lowercase().hash(&mut h);
    h.finish()
}

/// Drops entries older than `window`; when `limit` entries remain, the seconds until one expires.
fn blocked(q: &mut VecDeque<Instant>, now: Instant, window: Duration, limit: u32) -> Option<u64> {
    while q.front().is_some_and(|t| now.duration_since(*t) >= window) {
        q.pop_front();
    }
    if q.len() as u64 >= u64::from(limit) {
        let oldest = *q.front()?;
        let wait = window.saturating_sub(now.duration_since(oldest));
        Some(wait.as_secs() + 1)
    } else {
        None
    }
}

impl Throttler {
    pub fn new(limits: Throttle) -> Throttler {
        Throttler { limits, accounts: Mutex::new(HashMap::new()), addresses: Mutex::new(HashMap::new()) }
    }

    /// Counts an attempt from `address`; `Err(retry_after)` when over the limit.
    pub fn attempt(&self, address: &str, account: &str) -> Result<(), u64> {
        let now = Instant::now();
        {
            let mut map = self.addresses.lock().unwrap_or_else(|p| p.into_inner());
            if map.len() > 100_000 {
                map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < Duration::from_secs(60)));
            }
            let q = map.entry(address.to_string()).or_default();
            if let Some(wait) = blocked(q, now, Duration::from_secs(60), self.limits.address_per_minute) {
                return Err(wait);
            }
            q.push_back(now);
        }
        let mut map = self.accounts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(q) = map.get_mut(&key_of(account)) {
            let window = Duration::from_secs(self.limits.account_window_secs);
            if let Some(wait) = blocked(q, now, window, self.limits.account_failures) {
                return Err(wait);
            }
        }
        Ok(())
    }

    pub fn failed(&self, account: &str) {
        let now = Instant::now();
        let mut map = self.accounts.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() > 100_000 {
            let window = Duration::from_secs(self.limits.account_window_secs);
            map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < window));
        }
        map.entry(key_of(account)).or_default().push_back(now);
    }

    pub fn succeeded(&self, account: &str) {
        self.accounts.lock().unwrap_or_else(|p| p.into_inner()).remove(&key_of(account));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_locks_after_failures_and_address_after_attempts() {
        let t = Throttler::new(Throttle { account_failures: 2, account_window_secs: 900, address_per_minute: 5 });
        assert!(t.attempt("1.1.1.1", "a@x").is_ok());
        t.failed("a@x");
        assert!(t.attempt("1.1.1.1", "A@X").is_ok());
        t.failed("A@X");
        let wait = t.attempt("1.1.1.1", "a@x").unwrap_err();
        assert!(wait > 800 && wait <= 901, "{wait}");
        assert!(t.attempt("1.1.1.1", "b@x").is_ok());
        // five attempts counted from this address so far
        assert!(t.attempt("1.1.1.1", "c@x").is_ok());
        assert!(t.attempt("1.1.1.1", "c@x").is_err());
        assert!(t.attempt("2.2.2.2", "c@x").is_ok());
    }
}
