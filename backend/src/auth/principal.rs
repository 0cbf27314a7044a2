//! Who is calling: set by the authorisation middleware, read by handlers.
use crate::error::ApiError;
use actix_web::{dev::Payload, FromRequest, HttpMessage, HttpRequest};
use shared::Role;
use std::future::{ready, Ready};

#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: String,
    pub tenant_slug: String,
    pub tenant_id: String,
    pub roles: Vec<Role>,
    /// The session may only enrol a second factor.
    pub enrolling: bool,
}

impl FromRequest for Principal {
    type Error = ApiError;
    type Future = Ready<Result<Principal, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(req.extensions().get::<Principal>().cloned().ok_or_else(ApiError::unauthenticated))
    }
}

/// The request id given by the request-id middleware.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

impl FromRequest for RequestId {
    type Error = ApiError;
    type Future = Ready<Result<RequestId, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(req.extensions().get::<RequestId>().cloned().unwrap_or_else(|| RequestId(String::new()))))
    }
}
