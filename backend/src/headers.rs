//! Security headers on every answer: a Content-Security-Policy that allows the app and
//! nothing else, HSTS (a setting), a Permissions-Policy, and the older guards.
use crate::config::Exposure;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, Error};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The headers, worked out once at start.
pub struct SecurityHeaders {
    app_csp: HeaderValue,
    docs_csp: HeaderValue,
    hsts: Option<HeaderValue>,
}

const PERMISSIONS: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), \
                           bluetooth=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), \
                           display-capture=(), fullscreen=(self)";

/// The `'sha256-…'` source of each inline `<script>` in the page (the app's only one is its
/// import map, which is data: no inline script runs).
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let after = &rest[open..];
        let Some(tag_end) = after.find('>') else { break };
        let tag = &after[..tag_end];
        let body_and_more = &after[tag_end + 1..];
        let Some(close) = body_and_more.find("</script>") else { break };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&body_and_more.as_bytes()[..close]);
            out.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        rest = &body_and_more[close..];
    }
    out
}

/// The app's policy, given the hashes of its inline script elements.
pub fn app_policy(hashes: &[String]) -> String {
    let mut script = String::from("script-src 'self' 'wasm-unsafe-eval'");
    for h in hashes {
        script.push(' ');
        script.push_str(h);
    }
    format!(
        "default-src 'none'; {script}; style-src 'self'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; \
         object-src 'none'; base-uri 'none'"
    )
}

/// The API docs (Swagger UI) run inline script and styles of their own; they are off unless
/// `CSPR_API_DOCS` is set.
const DOCS_POLICY: &str = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; \
                           img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; \
                           object-src 'none'; base-uri 'none'";

impl SecurityHeaders {
    pub fn new(exposure: &Exposure, site_dir: &Path) -> SecurityHeaders {
        let index = std::fs::read_to_string(site_dir.join("index.html")).unwrap_or_default();
        let value =
            |s: &str| HeaderValue::from_str(s).unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"));
        SecurityHeaders {
            app_csp: value(&app_policy(&inline_script_hashes(&index))),
            docs_csp: value(DOCS_POLICY),
            hsts: exposure.hsts.then(|| HeaderValue::from_static("max-age=31536000; includeSubDomains")),
        }
    }
}

/// Adds the headers to every answer (those a handler set are kept).
pub async fn security_headers(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let headers = req.app_data::<web::Data<SecurityHeaders>>().cloned();
    let docs = req.path().starts_with("/docs/");
    let mut res = next.call(req).await?;
    let h = res.headers_mut();
    let mut set = |name: &'static str, value: HeaderValue| {
        let name = HeaderName::from_static(name);
        if !h.contains_key(&name) {
            h.insert(name, value);
        }
    };
    if let Some(headers) = headers {
        set("content-security-policy", if docs { headers.docs_csp.clone() } else { headers.app_csp.clone() });
        if let Some(hsts) = &headers.hsts {
            set("strict-transport-security", hsts.clone());
        }
    }
    set("permissions-policy", HeaderValue::from_static(PERMISSIONS));
    set("x-content-type-options", HeaderValue::from_static("nosniff"));
    set("referrer-policy", HeaderValue::from_static("no-referrer"));
    set("x-frame-options", HeaderValue::from_static("DENY"));
    set("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html =
            r#"<script type="importmap">{"imports":{}}</script><script type="module" src="/boot.1.js"></script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(br#"{"imports":{}}"#));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
        let policy = app_policy(&hashes);
        for part in ["'wasm-unsafe-eval'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", &hashes[0]]
        {
            assert!(policy.contains(part), "{part}");
        }
        assert!(!policy.contains("unsafe-inline"));
    }
}
