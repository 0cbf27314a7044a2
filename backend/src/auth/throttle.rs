//! Sign-in throttling that a stranger cannot turn into a lock-out: failures are counted per
//! account *and* client network, and per client network alone, in the database (so that
//! every instance shares them), never per account alone. Past a few free failures each one
//! makes the next attempt from there wait twice as long. The owner, signing in from
//! elsewhere, is never kept out. Keys are hashes: no e-mail or IP address is stored.
//!
//! Password checks (Argon2, 19 MiB each) are bounded: past [`Throttle::hashing_at_once`]
//! at once, the answer is 503 with `Retry-After`.
use crate::config::Throttle;
use crate::db::DbConn;
use crate::models::now;
use crate::schema::sign_in_failures as f;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use sha2::{Digest, Sha256};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The counters one attempt is checked against.
pub struct Keys {
    /// The account from this network.
    pub account: String,
    /// This network, whatever the account.
    pub network: String,
}

fn digest(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl Keys {
    /// `account` is the normalised e-mail; `network` is [`crate::net::network_key`].
    pub fn new(account: &str, network: &str) -> Keys {
        Keys {
            account: digest(&format!("account\u{1f}{account}\u{1f}{network}")),
            network: digest(&format!("network\u{1f}{network}")),
        }
    }
}

/// The wait after `failures` failures with `free` of them free: 0, then the first wait,
/// doubling, up to the longest.
pub fn wait_after(limits: &Throttle, failures: u32, free: u32) -> u64 {
    if failures < free {
        return 0;
    }
    let doublings = (failures - free).min(40);
    limits.first_wait_secs.saturating_mul(1u64 << doublings).min(limits.max_wait_secs)
}

fn seconds_until(until: NaiveDateTime, at: NaiveDateTime) -> Option<u64> {
    let ms = (until - at).num_milliseconds();
    (ms > 0).then(|| (ms as u64).div_ceil(1000))
}

/// `Err(seconds)` when either counter says to wait.
pub fn check(conn: &mut DbConn, keys: &Keys) -> QueryResult<Result<(), u64>> {
    let at = now();
    let waits: Vec<NaiveDateTime> =
        f::table.filter(f::key.eq_any([&keys.account, &keys.network])).select(f::wait_until).load(conn)?;
    Ok(match waits.into_iter().filter_map(|w| seconds_until(w, at)).max() {
        Some(wait) => Err(wait),
        None => Ok(()),
    })
}

/// Counts one failure against `key`, in one statement (concurrent failures each count, on
/// both databases), then sets the wait it earns. Answers the failures counted.
fn count_failure(
    conn: &mut DbConn,
    key: &str,
    free: u32,
    max_wait: u64,
    limits: &Throttle,
    at: NaiveDateTime,
) -> QueryResult<u32> {
    use diesel::sql_types::{Text, Timestamp};
    let forget = Duration::seconds(i64::try_from(limits.forget_after_secs).unwrap_or(i64::MAX / 2_000));
    diesel::sql_query(
        "INSERT INTO sign_in_failures (key, failures, last_failure_at, wait_until) VALUES ($1, 1, $2, $2) \
         ON CONFLICT (key) DO UPDATE SET \
         failures = CASE WHEN sign_in_failures.last_failure_at < $3 THEN 1 ELSE sign_in_failures.failures + 1 END, \
         last_failure_at = $2",
    )
    .bind::<Text, _>(key)
    .bind::<Timestamp, _>(at)
    .bind::<Timestamp, _>(at - forget)
    .execute(conn)?;
    let n: i32 = f::table.find(key).select(f::failures).first(conn)?;
    let failures = u32::try_from(n).unwrap_or(0);
    let wait = wait_after(limits, failures, free).min(max_wait);
    let wait_until = at + Duration::seconds(i64::try_from(wait).unwrap_or(0));
    diesel::update(f::table.find(key)).set(f::wait_until.eq(wait_until)).execute(conn)?;
    Ok(failures)
}

/// Counts a failed sign-in against both counters, in one transaction.
pub fn failed(conn: &mut DbConn, limits: &Throttle, keys: &Keys) -> QueryResult<()> {
    let at = now();
    crate::db::write_transaction(conn, |conn| {
        count_failure(conn, &keys.account, limits.account_free_failures, limits.max_wait_secs, limits, at)?;
        // A network is slowed, never shut: many people share one (a council's, a hospital's).
        count_failure(conn, &keys.network, limits.address_free_failures, limits.max_network_wait_secs, limits, at)
            .map(drop)
    })
}

/// The counter of a person's wrong second-factor codes: only someone with their password
/// reaches it, so it is the person's alone (whatever the network), and it grows like the
/// others: guessing 6-digit codes from many networks is slowed to nothing.
pub fn second_factor_key(user_id: &str) -> String {
    digest(&format!("second-factor\u{1f}{user_id}"))
}

/// `Err(seconds)` while the person's second factor waits after wrong codes.
pub fn check_second_factor(conn: &mut DbConn, user_id: &str) -> QueryResult<Result<(), u64>> {
    let at = now();
    let wait: Option<NaiveDateTime> =
        f::table.find(second_factor_key(user_id)).select(f::wait_until).first(conn).optional()?;
    Ok(match wait.and_then(|w| seconds_until(w, at)) {
        Some(wait) => Err(wait),
        None => Ok(()),
    })
}

/// Counts a wrong second-factor code.
pub fn second_factor_failed(conn: &mut DbConn, limits: &Throttle, user_id: &str) -> QueryResult<()> {
    let key = second_factor_key(user_id);
    crate::db::write_transaction(conn, |conn| {
        count_failure(conn, &key, limits.account_free_failures, limits.max_wait_secs, limits, now()).map(drop)
    })
}

/// A right second-factor code clears the person's counter.
pub fn second_factor_succeeded(conn: &mut DbConn, user_id: &str) -> QueryResult<()> {
    diesel::delete(f::table.find(second_factor_key(user_id))).execute(conn)?;
    Ok(())
}

/// A good sign-in clears the account's counter from that network (not the network's).
pub fn succeeded(conn: &mut DbConn, keys: &Keys) -> QueryResult<()> {
    diesel::delete(f::table.find(&keys.account)).execute(conn)?;
    Ok(())
}

/// Forgets counters untouched for longer than the limits remember them.
pub fn purge(conn: &mut DbConn, limits: &Throttle) -> QueryResult<usize> {
    let forget = Duration::seconds(i64::try_from(limits.forget_after_secs).unwrap_or(0));
    let cutoff = now() - forget;
    diesel::delete(f::table.filter(f::last_failure_at.lt(cutoff)).filter(f::wait_until.lt(now()))).execute(conn)
}

/// A bound on password checks running at once.
pub struct HashingSlots {
    max: usize,
    running: AtomicUsize,
}

/// One password check's place; freed when dropped.
pub struct Slot<'a>(&'a AtomicUsize);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl HashingSlots {
    pub fn new(max: usize) -> HashingSlots {
        HashingSlots { max: max.max(1), running: AtomicUsize::new(0) }
    }

    /// A place, or `None` when `max` checks are running.
    pub fn try_take(&self) -> Option<Slot<'_>> {
        let mut n = self.running.load(Ordering::Acquire);
        loop {
            if n >= self.max {
                return None;
            }
            match self.running.compare_exchange_weak(n, n + 1, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => return Some(Slot(&self.running)),
                Err(now) => n = now,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_from_the_first_paid_failure_and_stop_at_the_longest() {
        let t = Throttle { first_wait_secs: 1, max_wait_secs: 60, ..Throttle::default() };
        let waits: Vec<u64> = (0..10).map(|n| wait_after(&t, n, 3)).collect();
        assert_eq!(waits, vec![0, 0, 0, 1, 2, 4, 8, 16, 32, 60]);
        assert_eq!(wait_after(&t, u32::MAX, 3), 60);
    }

    #[test]
    fn keys_hide_the_account_and_differ_by_network() {
        let a = Keys::new("lead@northvale.example", "192.0.2.1");
        let b = Keys::new("lead@northvale.example", "198.51.100.7");
        assert_ne!(a.account, b.account);
        assert_ne!(a.network, b.network);
        assert!(!a.account.contains("lead") && a.account.len() == 64);
        assert_eq!(a.network, Keys::new("someone@else.example", "192.0.2.1").network);
    }

    #[test]
    fn slots_are_bounded_and_freed() {
        let s = HashingSlots::new(2);
        let a = s.try_take().expect("first");
        let _b = s.try_take().expect("second");
        assert!(s.try_take().is_none());
        drop(a);
        assert!(s.try_take().is_some());
    }
}
