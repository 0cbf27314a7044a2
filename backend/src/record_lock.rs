//! Writes of one record, one at a time, within this server (SQLite: one server per database).
//!
//! On SQLite a move of a referral is worked out on a pooled reader and only written by the
//! writer thread ([`crate::state::AppState::planned_write`]), so that the writer's one core
//! spends its time on writing. Two moves of the same record worked out at once would both be
//! based on the same version, and the second refused by its guard: so each record's moves
//! take its lock first, and wait for each other, as `SELECT … FOR UPDATE` makes them on
//! PostgreSQL.
//!
//! The locks are a fixed set of stripes, a record's chosen by the hash of its key: the
//! memory is the same whatever the number of records; two records on one stripe only wait
//! for each other a little.
use std::hash::BuildHasher;
use tokio::sync::{Mutex, MutexGuard};

const STRIPES: usize = 1024;

pub struct RecordLocks {
    stripes: Vec<Mutex<()>>,
    hasher: std::collections::hash_map::RandomState,
}

impl Default for RecordLocks {
    fn default() -> Self {
        RecordLocks { stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(), hasher: Default::default() }
    }
}

impl RecordLocks {
    /// Waits until no other write of `key` (from this server) is under way; the write holds
    /// the guard until it is committed.
    pub async fn lock(&self, key: &str) -> MutexGuard<'_, ()> {
        self.stripes[self.stripe(key)].lock().await
    }

    fn stripe(&self, key: &str) -> usize {
        (self.hasher.hash_one(key) as usize) % STRIPES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn one_key_waits_and_another_does_not() {
        let locks = RecordLocks::default();
        let held = locks.lock("referral:1").await;
        let same = tokio::time::timeout(std::time::Duration::from_millis(50), locks.lock("referral:1")).await;
        assert!(same.is_err(), "a second write of the same record went ahead");
        // find a key on another stripe (most are)
        let other =
            (0..100).map(|i| format!("referral:other{i}")).find(|k| locks.stripe(k) != locks.stripe("referral:1"));
        let other = tokio::time::timeout(std::time::Duration::from_millis(50), locks.lock(&other.unwrap())).await;
        assert!(other.is_ok(), "another record waited");
        drop(held);
        assert!(tokio::time::timeout(std::time::Duration::from_millis(50), locks.lock("referral:1")).await.is_ok());
    }
}
