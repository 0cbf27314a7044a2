//! Queries, one module per table family. Every tenant-owned query filters by tenant id.
pub mod audit;
pub mod calendar;
pub mod cases;
pub mod clock_page;
pub mod directory;
pub mod referral_batch;
pub mod referrals;
pub mod refresh;
