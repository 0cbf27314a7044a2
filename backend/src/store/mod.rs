//! Queries, one module per stage or table family. Every tenant-owned query filters by
//! tenant id.
pub mod audit;
pub mod calendar;
pub mod case;
pub mod chronology_cache;
pub mod clock_rule;
pub mod cspr;
pub mod directory;
pub mod lock;
pub mod outbox;
pub mod overview;
pub mod password_reset;
pub mod purge;
pub mod referral;
pub mod refresh;
pub mod retention;
pub mod settings;
