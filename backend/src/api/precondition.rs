//! Optimistic concurrency over HTTP: a record's version is its `ETag` (`"7"`), and a save
//! names the version it was based on in `If-Match`; a save based on an older version is 409
//! `edit_conflict` and writes nothing.
use crate::error::{ApiError, ApiResult};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, Responder};
use serde::Serialize;

/// The version an `If-Match` header names (`"7"`, `W/"7"` or `7`); none for `*` or no header;
/// 400 for anything else.
pub fn if_match(req: &HttpRequest) -> ApiResult<Option<i32>> {
    let Some(value) = req.headers().get(header::IF_MATCH) else { return Ok(None) };
    let text = value.to_str().map_err(|_| malformed())?.trim();
    if text == "*" {
        return Ok(None);
    }
    let bare = text.trim_start_matches("W/").trim_matches('"');
    bare.parse::<i32>().map(Some).map_err(|_| malformed())
}

fn malformed() -> ApiError {
    ApiError::malformed("If-Match must be an ETag such as \"7\"")
}

/// The `If-Match` of a request, as an extractor (400 when it is not a version).
pub struct IfMatch(pub Option<i32>);

impl actix_web::FromRequest for IfMatch {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(if_match(req).map(IfMatch))
    }
}

/// 409 `edit_conflict` unless the record is at the version named (when one is).
pub fn check(expected: Option<i32>, current: i32) -> ApiResult<()> {
    match expected {
        Some(v) if v != current => Err(ApiError::edit_conflict()),
        _ => Ok(()),
    }
}

/// A JSON answer with its record's version as the `ETag`.
pub struct Tagged<T> {
    pub version: i32,
    pub body: T,
}

impl<T: Serialize> Responder for Tagged<T> {
    type Body = actix_web::body::BoxBody;

    fn respond_to(self, _req: &HttpRequest) -> HttpResponse {
        match serde_json::to_vec(&self.body) {
            Ok(bytes) => HttpResponse::Ok()
                .content_type(header::ContentType::json())
                .insert_header((header::ETAG, format!("\"{}\"", self.version)))
                .body(bytes),
            Err(_) => actix_web::ResponseError::error_response(&ApiError::internal()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn if_match_reads_strong_weak_and_bare_tags() {
        let read = |v: &str| if_match(&TestRequest::default().insert_header((header::IF_MATCH, v)).to_http_request());
        assert_eq!(read("\"7\"").unwrap(), Some(7));
        assert_eq!(read("W/\"7\"").unwrap(), Some(7));
        assert_eq!(read("7").unwrap(), Some(7));
        assert_eq!(read("*").unwrap(), None);
        assert!(read("\"seven\"").is_err());
        assert_eq!(if_match(&TestRequest::default().to_http_request()).unwrap(), None);
    }

    #[test]
    fn check_refuses_only_another_version() {
        assert!(check(None, 3).is_ok());
        assert!(check(Some(3), 3).is_ok());
        assert!(check(Some(2), 3).is_err());
    }
}
