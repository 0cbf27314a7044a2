//! Role-based access with casbin: RBAC with domains, the tenant as domain and the route
//! pattern as object. The policy is made from the route list ([`crate::api::routes`]);
//! one cached enforcer, shared behind a read lock.
use casbin::{CachedApi, CachedEnforcer, CoreApi, DefaultCache, DefaultModel, StringAdapter};
use shared::Role;
use std::sync::RwLock;

pub const MODEL: &str = include_str!("model.conf");

pub struct Authz {
    enforcer: RwLock<CachedEnforcer>,
}

impl Authz {
    pub async fn load() -> Result<Authz, String> {
        let model = DefaultModel::from_str(MODEL).await.map_err(|e| format!("casbin model: {e}"))?;
        let adapter = StringAdapter::new(crate::api::routes::policy());
        let mut enforcer = CachedEnforcer::new(model, adapter).await.map_err(|e| format!("casbin policy: {e}"))?;
        enforcer.set_cache(Box::new(DefaultCache::new(50_000)));
        Ok(Authz { enforcer: RwLock::new(enforcer) })
    }

    /// Whether any of `roles` may `method` the route `pattern` in `tenant`.
    pub fn allows(&self, roles: &[Role], tenant: &str, pattern: &str, method: &str) -> bool {
        let enforcer = self.enforcer.read().unwrap_or_else(|p| p.into_inner());
        roles.iter().any(|role| enforcer.enforce((role.as_str(), tenant, pattern, method)).unwrap_or(false))
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
    }

    /// The enforcer decides for every route and role exactly as the route list says.
    #[tokio::test]
    async fn the_policy_is_the_route_list() {
        let a = Authz::load().await.unwrap();
        for route in crate::api::routes::ROUTES.iter().filter(|r| !r.is_public()) {
            for role in Role::ALL {
                assert_eq!(
                    a.allows(&[role], "any", route.pattern, route.method),
                    route.roles().contains(&role),
                    "{role} on {} {}",
                    route.method,
                    route.pattern
                );
            }
        }
    }
}
