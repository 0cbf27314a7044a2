//! The OpenAPI document, generated from the handlers.
use crate::api;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "CSPR Hub API",
        description = "Child Safeguarding Practice Reviews for safeguarding partnerships. Sign in with \
            POST /api/v1/auth/login, then send the access token as `Authorization: Bearer …`. Routes \
            under /api/v1/t/{tenant} belong to one partnership: a token of another partnership gets 404. \
            Every error answers one JSON shape with a stable `code`.",
        license(name = "AGPL-3.0-or-later")
    ),
    paths(
        api::health::health,
        api::health::ready,
        api::auth::login,
        api::auth::refresh,
        api::auth::logout,
        api::auth::switch,
        api::me::me,
        api::agencies::list,
        api::referrals::list,
        api::referrals::create,
        api::referrals::get,
        api::referrals::update,
        api::referrals::submit,
        api::referrals::return_for_completion,
        api::referrals::recommend,
        api::referrals::decide,
        api::calendar::working_days,
        api::calendar::closures,
        api::calendar::set_closures,
        api::cases::list,
        api::cases::create,
        api::cases::get,
        api::cases::notification_sent,
        api::cases::send_requests,
        api::cases::remind,
        api::cases::meeting,
        api::cases::decide,
        api::cases::report_sent,
        api::requests::list,
        api::requests::get,
        api::requests::save,
        api::requests::submit,
        api::clocks::open,
    ),
    components(schemas(shared::ErrorCode, shared::FieldError)),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign-in and sessions"),
        (name = "partnership", description = "The partnership's set-up"),
        (name = "referrals", description = "Referrals for consideration of a review (Appendix 1)"),
        (name = "calendar", description = "The partnership's working-day calendar"),
        (name = "cases", description = "Serious Incident Notifications, Rapid Reviews, decisions and their clocks"),
        (name = "information requests", description = "Additional Information Requests (Appendix 2b), as the agency asked answers them"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
pub struct ApiDoc;

/// The spec as pretty JSON with a trailing newline, as committed in `openapi/openapi.json`.
pub fn spec_json() -> String {
    let mut s = ApiDoc::openapi().to_pretty_json().unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_committed_spec_is_the_generated_one() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == spec_json(),
            "openapi/openapi.json differs from the spec the code generates: run `cargo xtask openapi` and commit it"
        );
    }

    #[test]
    fn the_spec_lists_exactly_the_routes_the_app_serves() {
        let spec: serde_json::Value = serde_json::from_str(&spec_json()).unwrap();
        let mut in_spec = BTreeSet::new();
        for (path, item) in spec["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                    in_spec.insert((method.to_uppercase(), path.clone()));
                }
            }
        }
        let served: BTreeSet<(String, String)> =
            api::ROUTES.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
        assert_eq!(in_spec, served);
    }

    #[test]
    fn every_tenant_route_but_public_ones_has_a_policy() {
        let lines = crate::authz::Authz::policy_lines();
        for (method, pattern) in api::ROUTES {
            let public = !pattern.starts_with("/api/v1/") || crate::middleware::PUBLIC_ROUTES.contains(pattern);
            let granted = lines.iter().any(|(_, p, m)| p == pattern && m == method);
            assert!(public || granted, "{method} {pattern} has no casbin policy line");
            assert!(!(public && granted), "{method} {pattern} is public yet has a policy line");
        }
        for (_, p, m) in &lines {
            assert!(
                api::ROUTES.contains(&(m.as_str(), p.as_str())),
                "policy names a route that does not exist: {m} {p}"
            );
        }
    }
}
