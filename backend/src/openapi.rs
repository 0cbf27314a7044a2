//! The OpenAPI document, made from the route list ([`crate::api::routes::ROUTES`]): each
//! route's documentation from its handler, and from its access what every route of its kind
//! shares, declared once here: the bearer token with the roles that may call it, the
//! `tenant` path segment, and the 401, 403 and 404 answers.
use crate::api::routes::{Access, Route, ROUTES};
use shared::{ApiErrorBody, Role};
use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, Required, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi, PartialSchema, ToSchema};

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
            Each route's security requirement lists the roles that may call it. Every error answers \
            one JSON shape with a stable `code`.",
        license(name = "AGPL-3.0-or-later")
    ),
    components(schemas(shared::ErrorCode, shared::FieldError, ApiErrorBody)),
    modifiers(&BearerAuth),
    tags(
        (name = "auth", description = "Sign-in, sessions and passwords"),
        (name = "partnership", description = "The partnership's set-up"),
        (name = "people", description = "The partnership's people, as its business office manages them, and its audit trail"),
        (name = "referrals", description = "Referrals for consideration of a review (Appendix 1)"),
        (name = "calendar", description = "The partnership's working-day calendar"),
        (name = "cases", description = "Serious Incident Notifications, Rapid Reviews, decisions and their clocks"),
        (name = "cspr", description = "The local CSPR: commissioning, review group, terms of reference, agency chronologies and key event analyses, the merged chronology, practitioner event, family and parallel processes"),
        (name = "overview", description = "The overview report: versions, comments anchored to the text, the anonymisation check, the sign-off chain, submission to the National Panel, the publication plan and the Word export"),
        (name = "information requests", description = "Additional Information Requests (Appendix 2b), as the agency asked answers them"),
        (name = "mail", description = "The outbox: every message sent, with its state"),
        (name = "retention", description = "How long closed cases are kept, the cases due for deletion, and their deletion as the business office confirms it"),
        (name = "learning", description = "Learning that changes practice: actions followed to the evidence of their impact, 6-step learning briefings, the partnership's themes and the themes across cases over time, the timeliness statistics and the quarterly quality assurance report, and each person's calendar feed"),
        (name = "health", description = "Liveness and readiness"),
    )
)]
struct ApiDoc;

/// The whole document.
pub fn spec() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    let mut schemas = Vec::new();
    for route in ROUTES.iter() {
        let (tags, mut operation) = route.doc();
        if operation.tags.is_none() && !tags.is_empty() {
            operation.tags = Some(tags.into_iter().map(String::from).collect());
        }
        shared_parts(route, &mut operation);
        doc.paths.add_path_operation(route.pattern, vec![http_method(route.method)], operation);
        route.schemas(&mut schemas);
    }
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, schema) in schemas {
        components.schemas.entry(name).or_insert(schema);
    }
    doc
}

/// What a route shares with every route of its access.
fn shared_parts(route: &Route, op: &mut Operation) {
    if route.in_tenant() {
        let params = op.parameters.get_or_insert_with(Vec::new);
        // The handler's path extractor may have named it already, without words.
        params.retain(|p| !matches!(p, RefOr::T(p) if p.name == "tenant" && p.parameter_in == ParameterIn::Path));
        params.insert(0, RefOr::T(tenant_parameter()));
    }
    if route.access != Access::Public {
        let roles: Vec<&str> = route.roles().iter().map(|r| r.as_str()).collect();
        op.security = Some(vec![SecurityRequirement::new("bearer", roles)]);
        answer(op, 401, "No valid access token");
    }
    if matches!(route.access, Access::Roles(roles) if roles.len() < Role::ALL.len()) {
        answer(op, 403, "Roles do not allow");
    }
    if route.in_tenant() {
        answer(op, 404, "Not this token's partnership");
    }
    if op.request_body.is_some() {
        answer(op, 400, "Malformed body");
        answer(op, 413, "Body too large");
        answer(op, 415, "The body is not JSON (Content-Type)");
    }
}

fn tenant_parameter() -> Parameter {
    ParameterBuilder::new()
        .name("tenant")
        .parameter_in(ParameterIn::Path)
        .required(Required::True)
        .description(Some("Partnership slug"))
        .schema(Some(String::schema()))
        .build()
}

/// Adds an error answer of `status` unless the handler documents its own.
fn answer(op: &mut Operation, status: u16, description: &str) {
    let key = status.to_string();
    if op.responses.responses.contains_key(&key) {
        return;
    }
    let response: Response = ResponseBuilder::new()
        .description(description)
        .content("application/json", Content::new(Some(Ref::from_schema_name(ApiErrorBody::name()))))
        .build();
    op.responses.responses.insert(key, response.into());
}

fn http_method(m: &str) -> utoipa::openapi::path::HttpMethod {
    use utoipa::openapi::path::HttpMethod;
    match m {
        "POST" => HttpMethod::Post,
        "PUT" => HttpMethod::Put,
        "DELETE" => HttpMethod::Delete,
        "PATCH" => HttpMethod::Patch,
        _ => HttpMethod::Get,
    }
}

/// The spec as pretty JSON with a trailing newline, as committed in `openapi/openapi.json`.
pub fn spec_json() -> String {
    let mut s = spec().to_pretty_json().unwrap_or_default();
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
    fn the_spec_lists_every_route_with_its_roles() {
        let spec: serde_json::Value = serde_json::from_str(&spec_json()).unwrap();
        let mut in_spec = BTreeSet::new();
        for (path, item) in spec["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                in_spec.insert((method.to_uppercase(), path.clone()));
                let route = crate::api::routes::exact(&method.to_uppercase(), path).unwrap();
                let roles: Vec<&str> = route.roles().iter().map(|r| r.as_str()).collect();
                match route.access {
                    Access::Public => assert!(op.get("security").is_none(), "{path}"),
                    _ => assert_eq!(op["security"][0]["bearer"], serde_json::json!(roles), "{path}"),
                }
                let answers = op["responses"].as_object().unwrap();
                assert!(route.is_public() || answers.contains_key("401"), "{method} {path}");
                assert!(!route.in_tenant() || answers.contains_key("404"), "{method} {path}");
            }
        }
        let served: BTreeSet<(String, String)> =
            ROUTES.iter().map(|r| (r.method.to_string(), r.pattern.to_string())).collect();
        assert_eq!(in_spec, served);
    }
}
