//! Role-based access with casbin: RBAC with domains, the tenant as domain and the route
//! pattern as object. One cached enforcer, shared behind a read lock.
use casbin::{CachedApi, CachedEnforcer, CoreApi, DefaultCache, DefaultModel, StringAdapter};
use shared::Role;
use std::sync::RwLock;

pub const MODEL: &str = include_str!("model.conf");
pub const POLICY: &str = include_str!("policy.csv");

pub struct Authz {
    enforcer: RwLock<CachedEnforcer>,
}

impl Authz {
    pub async fn load() -> Result<Authz, String> {
        let model = DefaultModel::from_str(MODEL).await.map_err(|e| format!("casbin model: {e}"))?;
        let adapter = StringAdapter::new(POLICY);
        let mut enforcer = CachedEnforcer::new(model, adapter).await.map_err(|e| format!("casbin policy: {e}"))?;
        enforcer.set_cache(Box::new(DefaultCache::new(50_000)));
        Ok(Authz { enforcer: RwLock::new(enforcer) })
    }

    /// Whether any of `roles` may `method` the route `pattern` in `tenant`.
    pub fn allows(&self, roles: &[Role], tenant: &str, pattern: &str, method: &str) -> bool {
        let enforcer = self.enforcer.read().unwrap_or_else(|p| p.into_inner());
        roles.iter().any(|role| enforcer.enforce((role.as_str(), tenant, pattern, method)).unwrap_or(false))
    }

    /// Every (role, route pattern, method) the policy grants, for tests and docs.
    pub fn policy_lines() -> Vec<(String, String, String)> {
        POLICY
            .lines()
            .filter_map(|l| {
                let parts: Vec<&str> = l.split(',').map(str::trim).collect();
                (parts.len() == 5 && parts[0] == "p")
                    .then(|| (parts[1].to_string(), parts[3].to_string(), parts[4].to_string()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn policy_loads_and_decides() {
        let a = Authz::load().await.unwrap();
        assert!(a.allows(&[Role::Referrer], "northvale", "/api/v1/t/{tenant}/referrals", "POST"));
        assert!(!a.allows(&[Role::Scrutineer], "northvale", "/api/v1/t/{tenant}/referrals", "POST"));
        assert!(a.allows(
            &[Role::Scrutineer, Role::StrategicLead],
            "x",
            "/api/v1/t/{tenant}/referrals/{id}/decision",
            "PUT"
        ));
        assert!(!a.allows(&[], "x", "/api/v1/me", "GET"));
        // cached answers stay right
        for _ in 0..3 {
            assert!(!a.allows(&[Role::Referrer], "northvale", "/api/v1/t/{tenant}/referrals/{id}/decision", "PUT"));
        }
        assert!(Authz::policy_lines().len() > 20);
    }
}
