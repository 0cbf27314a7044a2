//! Request ids with structured logs, and the authorisation check made once per request.
use crate::api::routes;
use crate::auth::principal::{Principal, RequestId};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue, AUTHORIZATION};
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpMessage, ResponseError};
use tracing::Instrument;

/// A process-unique request id: a random prefix chosen at start and a counter (no system
/// call per request, unlike a random UUID).
fn next_request_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;
    static PREFIX: OnceLock<u64> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let prefix = PREFIX.get_or_init(|| uuid::Uuid::new_v4().as_u64_pair().0);
    format!("{prefix:016x}{:016x}", COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// The route pattern of a request, found once by [`request_id`] for logging and for
/// [`authorise`].
#[derive(Debug, Clone)]
struct RoutePattern(Option<std::borrow::Cow<'static, str>>);

/// The API route `path` belongs to, from [`routes::ROUTES`], without a regular expression;
/// then actix's own `match_pattern` (regular expressions over the whole resource map, which
/// showed in `perf` under `cargo xtask bench`) only for other paths.
fn route_pattern(req: &ServiceRequest) -> Option<std::borrow::Cow<'static, str>> {
    let path = req.path();
    if path.starts_with("/api/") || path == "/health" || path == "/ready" {
        // Under /api/ only the list decides (on the path as sent), never actix's matching
        // of the decoded path: a path that fits no listed route has no pattern, and is 404.
        return routes::find(path).map(|route| std::borrow::Cow::Borrowed(route.pattern));
    }
    req.match_pattern().map(std::borrow::Cow::Owned)
}

/// Gives each request an id (header `X-Request-Id`), and logs method, route pattern,
/// status and time: never the path's values, the query or the body.
pub async fn request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = next_request_id();
    req.extensions_mut().insert(RequestId(id.clone()));
    let pattern = route_pattern(&req);
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %req.method(),
        route = %pattern.as_deref().unwrap_or("-")
    );
    req.extensions_mut().insert(RoutePattern(pattern));
    let started = std::time::Instant::now();
    let mut res = next.call(req).instrument(span.clone()).await?;
    let status = res.status().as_u16();
    span.in_scope(|| {
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if status >= 500 {
            tracing::error!(status, ms, "request failed");
        } else if matches!(status, 401 | 403 | 429) {
            // Refusals are worth seeing: the route and request id, never who or what.
            tracing::warn!(status, ms, "request refused");
        } else {
            tracing::debug!(status, ms, "request");
        }
    });
    if let Ok(v) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(HeaderName::from_static("x-request-id"), v);
    }
    Ok(res)
}

/// Authentication and casbin authorisation for every route but the public ones.
pub async fn authorise(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let tenant = match check(&req) {
        Ok(Some((principal, in_tenant))) => {
            let tenant = in_tenant.then(|| principal.tenant_id.clone());
            req.extensions_mut().insert(principal);
            tenant
        }
        Ok(None) => None,
        Err(e) => {
            let res = e.error_response();
            return Ok(req.into_response(res).map_into_right_body());
        }
    };
    // A partnership's route: its database work sees that partnership's rows only (row-level
    // security on PostgreSQL), whatever a query forgets to filter.
    let res = match tenant {
        Some(t) => crate::db::in_tenant(t, next.call(req)).await?,
        None => next.call(req).await?,
    };
    Ok(res.map_into_left_body())
}

/// The principal of a protected route, and whether the route is a partnership's
/// (/api/v1/t/{tenant}/…); `None` for a route that needs no token.
fn check(req: &ServiceRequest) -> Result<Option<(Principal, bool)>, ApiError> {
    // Under /api/, a path (as sent, not decoded) that fits no route is 404 before anything
    // else: routing and authorisation then always see the same route. (The spec, when the
    // docs are on, is the docs' own.)
    let path = req.path();
    let docs_on = || req.app_data::<web::Data<AppState>>().is_some_and(|s| s.config.exposure.api_docs);
    // The pattern found once per request (see `request_id`).
    let found = req.extensions().get::<RoutePattern>().map(|r| r.0.clone());
    let pattern = found.unwrap_or_else(|| route_pattern(req));
    if path.starts_with("/api/") && pattern.is_none() && !(path == "/api/openapi.json" && docs_on()) {
        return Err(ApiError::not_found());
    }
    if (path == "/docs" || path.starts_with("/docs/")) && !docs_on() {
        return Err(ApiError::not_found());
    }
    let Some(pattern) = pattern else {
        return Ok(None);
    };
    // Not a route of the API, or a method the route does not serve (it answers 405).
    let Some(route) = routes::exact(req.method().as_str(), &pattern) else {
        return Ok(None);
    };
    if route.is_public() {
        return Ok(None);
    }
    let state = req.app_data::<web::Data<AppState>>().ok_or_else(ApiError::internal)?;
    let claims = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|token| state.keys.verify(token.trim()))
        .ok_or_else(ApiError::unauthenticated)?;
    if route.in_tenant() {
        // /api/v1/t/{tenant}/...: segment 4 of the path.
        let tenant = req.path().split('/').nth(4).unwrap_or_default();
        if tenant != claims.tenant {
            return Err(ApiError::not_found());
        }
    }
    // Ended by sign-out, disabling, a role change or a password change?
    if !state.revocations.allows(&state.pool, &claims.sub, claims.sep)? {
        return Err(ApiError::unauthenticated());
    }
    // A session that may only enrol a second factor reaches only the enrolment routes.
    if claims.enrol && !routes::ENROLMENT_ROUTES.contains(&route.pattern) {
        return Err(ApiError::enrol_first());
    }
    if !state.authz.allows(&claims.roles, &claims.tenant, route.pattern, route.method) {
        return Err(ApiError::forbidden());
    }
    let principal = Principal {
        user_id: claims.sub,
        tenant_slug: claims.tenant,
        tenant_id: claims.tid,
        roles: claims.roles,
        enrolling: claims.enrol,
    };
    Ok(Some((principal, route.in_tenant())))
}
