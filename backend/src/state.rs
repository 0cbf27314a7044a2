//! What every handler shares.
use crate::auth::revocation::Revocations;
use crate::auth::throttle::HashingSlots;
use crate::auth::tokens::JwtKeys;
use crate::authz::Authz;
use crate::config::Config;
use crate::db::{DbConn, Pool};
use crate::error::{ApiError, ApiResult};
use actix_web::web;
use actix_web::web::Bytes;
use shared::Role;
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

pub struct AppState {
    pub pool: Pool,
    pub keys: JwtKeys,
    pub authz: Authz,
    /// The bound on password checks at once.
    pub hashing: HashingSlots,
    /// Each person's session epoch, read at most every few seconds.
    pub revocations: Revocations,
    /// Reads of case material, on their way to the audit trail.
    pub trail: crate::trail::Trail,
    pub me_cache: MeCache,
    pub calendars: crate::store::calendar::cache::Calendars,
    /// Agencies' submitted chronologies, decoded once per version of their report.
    pub chronologies: crate::store::chronology_cache::Chronologies,
    /// Referrals by id, gathered into one round trip per batch (PostgreSQL only: SQLite
    /// reads inline, see [`crate::gather`]).
    pub referral_reads: Option<ReferralReads>,
    /// SQLite's single writer (none on PostgreSQL).
    pub writer: Option<crate::writer::Writer>,
    pub config: Config,
    /// Wakes the mail sender (see [`AppState::mail_queued`]).
    pub mail_wake: crate::mail::sender::Wake,
}

pub type ReferralReads = crate::gather::Gatherer<
    crate::store::referral::batch::ReferralKey,
    Option<crate::store::referral::batch::ReferralRead>,
>;

impl AppState {
    /// Says a message was queued (after its transaction), so that the sender goes at once.
    pub fn mail_queued(&self) {
        self.mail_wake.notify_one();
    }

    /// The base of links in messages (`CSPR_PUBLIC_URL`).
    pub fn link_base(&self) -> String {
        self.config.mail.link_base(&self.config.bind)
    }

    /// Runs short database work (a few queries) with a pooled connection, on the worker
    /// itself: handing it to another thread and back cost more than the query (measured
    /// with `cargo xtask bench`). The server runs more workers than cores for this.
    pub async fn db<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
    {
        let mut conn = crate::db::checkout(&self.pool)?;
        f(&mut conn)
    }

    /// Runs a write (a few queries in a transaction). On SQLite it goes to the writer thread,
    /// which commits waiting writes together and answers after the commit
    /// ([`crate::writer`]); on PostgreSQL it runs like [`AppState::db`].
    pub async fn db_write<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
    {
        match &self.writer {
            Some(w) => w.write(f).await,
            None => self.db(f).await,
        }
    }

    /// Runs slow work (password hashing) on the blocking pool, with a pooled connection.
    pub async fn db_offload<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        // The blocking thread is outside the request's task: it takes the partnership along.
        let tenant = crate::db::current_tenant();
        web::block(move || {
            let mut conn = crate::db::checkout_for(&pool, tenant.as_deref())?;
            f(&mut conn)
        })
        .await
        .map_err(ApiError::from)?
    }
}

/// `/me` answers as JSON, kept briefly per person and tenant: it is asked on every page
/// load. The roles come from the token, so an entry serves only the same roles.
pub struct MeCache {
    ttl: Duration,
    map: RwLock<HashMap<String, Vec<MeEntry>>>,
}

struct MeEntry {
    tenant_id: String,
    roles: Vec<Role>,
    at: Instant,
    body: Bytes,
}

impl MeCache {
    pub fn new(ttl: Duration) -> MeCache {
        MeCache { ttl, map: RwLock::new(HashMap::new()) }
    }

    pub fn get(&self, user_id: &str, tenant_id: &str, roles: &[Role]) -> Option<Bytes> {
        let map = self.map.read().unwrap_or_else(|p| p.into_inner());
        map.get(user_id)?
            .iter()
            .find(|e| e.tenant_id == tenant_id && e.roles == roles && e.at.elapsed() < self.ttl)
            .map(|e| e.body.clone())
    }

    pub fn put(&self, user_id: &str, tenant_id: &str, roles: &[Role], body: Bytes) {
        let mut map = self.map.write().unwrap_or_else(|p| p.into_inner());
        if map.len() > 10_000 {
            let ttl = self.ttl;
            map.retain(|_, v| v.iter().any(|e| e.at.elapsed() < ttl));
        }
        let entries = map.entry(user_id.to_string()).or_default();
        entries.retain(|e| e.tenant_id != tenant_id);
        entries.push(MeEntry { tenant_id: tenant_id.to_string(), roles: roles.to_vec(), at: Instant::now(), body });
    }

    /// Forgets a person everywhere (after a sign-out).
    pub fn forget_user(&self, user_id: &str) {
        self.map.write().unwrap_or_else(|p| p.into_inner()).remove(user_id);
    }
}
