//! What every handler shares.
use crate::auth::throttle::Throttler;
use crate::auth::tokens::JwtKeys;
use crate::authz::Authz;
use crate::config::Config;
use crate::db::{DbConn, Pool};
use crate::error::{ApiError, ApiResult};
use actix_web::web;
use shared::auth::MeResponse;
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

pub struct AppState {
    pub pool: Pool,
    pub keys: JwtKeys,
    pub authz: Authz,
    pub throttle: Throttler,
    pub me_cache: MeCache,
    pub config: Config,
}

impl AppState {
    /// Runs database work on the blocking pool with a pooled connection.
    pub async fn db<T, F>(&self, f: F) -> ApiResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConn) -> ApiResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await
        .map_err(ApiError::from)?
    }
}

/// `/me` answers, kept briefly per (user, tenant): it is asked on every page load.
pub struct MeCache {
    ttl: Duration,
    map: RwLock<HashMap<(String, String), (Instant, MeResponse)>>,
}

impl MeCache {
    pub fn new(ttl: Duration) -> MeCache {
        MeCache { ttl, map: RwLock::new(HashMap::new()) }
    }

    pub fn get(&self, user_id: &str, tenant_id: &str) -> Option<MeResponse> {
        let map = self.map.read().unwrap_or_else(|p| p.into_inner());
        let (at, me) = map.get(&(user_id.to_string(), tenant_id.to_string()))?;
        (at.elapsed() < self.ttl).then(|| me.clone())
    }

    pub fn put(&self, user_id: &str, tenant_id: &str, me: MeResponse) {
        let mut map = self.map.write().unwrap_or_else(|p| p.into_inner());
        if map.len() > 10_000 {
            let ttl = self.ttl;
            map.retain(|_, (at, _)| at.elapsed() < ttl);
        }
        map.insert((user_id.to_string(), tenant_id.to_string()), (Instant::now(), me));
    }

    /// Forgets a user everywhere (after a switch, a grant or a sign-out).
    pub fn forget_user(&self, user_id: &str) {
        self.map.write().unwrap_or_else(|p| p.into_inner()).retain(|(u, _), _| u != user_id);
    }
}
