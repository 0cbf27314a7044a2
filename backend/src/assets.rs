//! The built browser app (`cargo xtask build-frontend`, in `CSPR_SITE_DIR`) and the cache
//! headers of every answer.
//!
//! - Files are sent as built: the build names each asset by its content
//!   (`name.<16 hex digits>.ext`) and writes a brotli (`.br`) and a gzip (`.gz`) copy next to
//!   it. The copy sent is chosen by `Accept-Encoding` (brotli, then gzip, then the file
//!   itself), with `Content-Encoding`, `Vary: Accept-Encoding` and the file's own
//!   `Content-Type` whatever the encoding. Nothing is compressed per request.
//! - Hashed assets may be kept for a year (`public, max-age=31536000, immutable`): a new build
//!   has new names. Everything else, `index.html` above all, is `no-cache` with an `ETag`, so
//!   a browser asks again each time and gets a 304 when nothing changed.
//! - Every page address (no dot in its last segment) answers `index.html`; a missing file
//!   (with a dot) is a 404, never the page in its place.
//! - [`no_store`]: API answers (under `/api`, and `/health`, `/ready`), errors included, are
//!   `Cache-Control: no-store`: they hold personal data about children.
use crate::error::ApiError;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, Error, HttpRequest, HttpResponse, ResponseError};
use std::path::{Path, PathBuf};

/// `Cache-Control` of content-hashed assets.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of `index.html` and of files without a hash in their name.
pub const REVALIDATE: &str = "no-cache";
/// `Cache-Control` of API answers.
pub const NO_STORE: &str = "no-store";
/// Digits of the content hash in a built file's name.
const HASH_LEN: usize = 16;

/// The folder of the built app.
#[derive(Debug, Clone)]
pub struct Site {
    root: PathBuf,
}

impl Site {
    pub fn new(root: impl Into<PathBuf>) -> Site {
        Site { root: root.into() }
    }

    /// Whether the app is built there.
    pub fn is_built(&self) -> bool {
        self.root.join("index.html").is_file()
    }
}

/// A content encoding the server has a copy in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    fn suffix(self) -> Option<&'static str> {
        match self {
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gz"),
            Encoding::Identity => None,
        }
    }

    fn header(self) -> Option<&'static str> {
        match self {
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gzip"),
            Encoding::Identity => None,
        }
    }
}

/// The encodings an `Accept-Encoding` header allows, in the server's order of preference
/// (brotli, gzip, then identity, always allowed). A coding is allowed when named with a
/// weight above 0, or covered by `*` with a weight above 0 and not named.
pub fn acceptable(accept_encoding: Option<&str>) -> Vec<Encoding> {
    let mut named: Vec<(String, bool)> = Vec::new();
    for item in accept_encoding.unwrap_or("").split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        if coding.is_empty() {
            continue;
        }
        let mut weight = 1.0f32;
        for param in parts {
            if let Some((key, value)) = param.split_once('=') {
                if key.trim().eq_ignore_ascii_case("q") {
                    weight = value.trim().parse().unwrap_or(0.0);
                }
            }
        }
        named.push((coding, weight > 0.0));
    }
    let allowed = |coding: &str| match named.iter().find(|(c, _)| c == coding) {
        Some((_, ok)) => *ok,
        None => named.iter().any(|(c, ok)| c == "*" && *ok),
    };
    let mut out = Vec::new();
    if allowed("br") {
        out.push(Encoding::Brotli);
    }
    let gzip = if named.iter().any(|(c, _)| c == "gzip") { allowed("gzip") } else { allowed("x-gzip") };
    if gzip {
        out.push(Encoding::Gzip);
    }
    out.push(Encoding::Identity);
    out
}

/// The `Content-Type` of a built file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Whether a file name carries a content hash (`name.<16 hex digits>.ext`).
pub fn is_hashed(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[1..parts.len() - 1].iter().any(|p| p.len() == HASH_LEN && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The file a request path names inside the site, if it is a plain relative path (no `..`,
/// no hidden names, no backslashes); `/` is `index.html`.
fn file_for(site: &Site, path: &str) -> Option<PathBuf> {
    let relative = path.trim_start_matches('/');
    if relative.is_empty() {
        return Some(site.root.join("index.html"));
    }
    let mut out = site.root.clone();
    for segment in relative.split('/') {
        if segment.is_empty() || segment.starts_with('.') || segment.contains('\\') {
            return None;
        }
        out.push(segment);
    }
    Some(out)
}

/// A strong ETag of a file's bytes and the encoding sent.
fn etag(bytes: &[u8], encoding: Encoding) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    match encoding.suffix() {
        Some(s) => format!("\"{hex}-{s}\""),
        None => format!("\"{hex}\""),
    }
}

fn if_none_match(req: &HttpRequest, tag: &str) -> bool {
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag || t.trim() == "*"))
}

/// Sends `file` (an existing file of the site) in the best encoding the request accepts.
fn send(req: &HttpRequest, file: &Path) -> HttpResponse {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let accepted = acceptable(req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()));
    let (encoding, bytes) = accepted
        .into_iter()
        .find_map(|encoding| {
            let path = match encoding.suffix() {
                Some(suffix) => PathBuf::from(format!("{}.{suffix}", file.display())),
                None => file.to_path_buf(),
            };
            std::fs::read(path).ok().map(|bytes| (encoding, bytes))
        })
        .unwrap_or((Encoding::Identity, Vec::new()));
    let hashed = is_hashed(name);
    let mut res = HttpResponse::Ok();
    res.insert_header((header::CONTENT_TYPE, content_type(file)))
        .insert_header((header::VARY, "Accept-Encoding"))
        .insert_header((header::CACHE_CONTROL, if hashed { IMMUTABLE } else { REVALIDATE }));
    if let Some(coding) = encoding.header() {
        res.insert_header((header::CONTENT_ENCODING, coding));
    }
    if !hashed {
        let tag = etag(&bytes, encoding);
        if if_none_match(req, &tag) {
            return HttpResponse::NotModified()
                .insert_header((header::ETAG, tag))
                .insert_header((header::VARY, "Accept-Encoding"))
                .insert_header((header::CACHE_CONTROL, REVALIDATE))
                .finish();
        }
        res.insert_header((header::ETAG, tag));
    }
    // For HEAD, actix sends the headers of this answer (its length included) without the body.
    res.body(bytes)
}

/// The app's files and pages: every path no API route answered.
pub async fn serve(req: HttpRequest, site: web::Data<Site>) -> HttpResponse {
    let path = req.path();
    if path.starts_with("/api") {
        return ApiError::not_found().error_response();
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return HttpResponse::MethodNotAllowed().insert_header((header::ALLOW, "GET, HEAD")).finish();
    }
    let index = site.root.join("index.html");
    match file_for(&site, path) {
        Some(file) if file.is_file() && !name_is_compressed_copy(&file) => send(&req, &file),
        // A missing file: never the page in its place (a stale asset must not be HTML).
        _ if path.rsplit('/').next().is_some_and(|last| last.contains('.')) => {
            HttpResponse::NotFound().insert_header((header::CACHE_CONTROL, REVALIDATE)).finish()
        }
        // A page address: the app, which reads the address itself.
        _ => send(&req, &index),
    }
}

fn name_is_compressed_copy(file: &Path) -> bool {
    matches!(file.extension().and_then(|e| e.to_str()), Some("br" | "gz"))
}

/// Whether answers to `path` carry `Cache-Control: no-store`.
pub fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/") || path == "/health" || path == "/ready"
}

/// Middleware: `Cache-Control: no-store` on every API answer, errors included.
pub async fn no_store(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let api = is_api(req.path());
    // Handlers' errors (401, 403, 404, 422 ...) are answers by the time they get here.
    let mut res = next.call(req).await?;
    if api {
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_STORE));
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::StatusCode;
    use actix_web::{test as t, App};

    #[test]
    fn accept_encoding_prefers_brotli_then_gzip_then_identity() {
        use Encoding::*;
        assert_eq!(acceptable(Some("gzip, deflate, br, zstd")), vec![Brotli, Gzip, Identity]);
        assert_eq!(acceptable(Some("gzip")), vec![Gzip, Identity]);
        assert_eq!(acceptable(Some("br;q=0, gzip;q=0.5")), vec![Gzip, Identity]);
        assert_eq!(acceptable(Some("*")), vec![Brotli, Gzip, Identity]);
        assert_eq!(acceptable(Some("*;q=0.1, gzip;q=0")), vec![Brotli, Identity]);
        assert_eq!(acceptable(Some("identity")), vec![Identity]);
        assert_eq!(acceptable(Some("BR")), vec![Brotli, Identity]);
        assert_eq!(acceptable(None), vec![Identity]);
        assert_eq!(acceptable(Some("")), vec![Identity]);
    }

    #[test]
    fn hashed_names_and_types() {
        assert!(is_hashed("frontend_bg.0123456789abcdef.wasm"));
        assert!(is_hashed("split_case_pages_1.0123456789abcdef.wasm"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("axe.min.js"));
        assert!(!is_hashed("frontend.0123456789abcdeg.js"), "not hex");
        assert_eq!(content_type(Path::new("a.0123456789abcdef.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("a.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("a.css")), "text/css; charset=utf-8");
        assert!(file_for(&Site::new("/s"), "/../etc/passwd").is_none());
        assert!(file_for(&Site::new("/s"), "/pkg/.hidden").is_none());
        assert_eq!(file_for(&Site::new("/s"), "/"), Some(PathBuf::from("/s/index.html")));
    }

    /// A site folder with an index, a hashed wasm and its compressed copies (not really
    /// compressed: the test reads back which copy was sent).
    fn site() -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("cspr-assets-{}-{:?}", std::process::id(), std::thread::current().id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html>index").unwrap();
        std::fs::write(dir.join("index.html.br"), "index-br").unwrap();
        std::fs::write(dir.join("index.html.gz"), "index-gz").unwrap();
        let wasm = dir.join("pkg/frontend_bg.0123456789abcdef.wasm");
        std::fs::write(&wasm, "wasm").unwrap();
        std::fs::write(dir.join("pkg/frontend_bg.0123456789abcdef.wasm.br"), "wasm-br").unwrap();
        std::fs::write(dir.join("pkg/frontend_bg.0123456789abcdef.wasm.gz"), "wasm-gz").unwrap();
        std::fs::write(dir.join("pkg/frontend.0123456789abcdef.js"), "js").unwrap();
        dir
    }

    macro_rules! app {
        ($dir:expr) => {
            t::init_service(
                App::new()
                    .app_data(web::Data::new(Site::new($dir)))
                    .wrap(actix_web::middleware::from_fn(no_store))
                    .route("/api/v1/thing", web::get().to(|| async { HttpResponse::Ok().body("{}") }))
                    .route("/health", web::get().to(|| async { HttpResponse::Ok().body("ok") }))
                    .route("/api/v1/refused", web::get().to(|| async { Err::<HttpResponse, _>(ApiError::not_found()) }))
                    .default_service(web::to(serve)),
            )
            .await
        };
    }

    fn header<'a, B>(res: &'a ServiceResponse<B>, name: &str) -> Option<&'a str> {
        res.headers().get(name).and_then(|v| v.to_str().ok())
    }

    #[actix_web::test]
    async fn static_files_are_sent_in_the_best_accepted_encoding_with_cache_headers() {
        let dir = site();
        let app = app!(dir.clone());
        let wasm = "/pkg/frontend_bg.0123456789abcdef.wasm";
        for (accept, body, encoding) in [
            (Some("gzip, deflate, br"), "wasm-br", Some("br")),
            (Some("gzip"), "wasm-gz", Some("gzip")),
            (None, "wasm", None),
            (Some("br;q=0, gzip;q=0"), "wasm", None),
        ] {
            let mut req = t::TestRequest::get().uri(wasm);
            if let Some(a) = accept {
                req = req.insert_header((header::ACCEPT_ENCODING, a));
            }
            let res = t::call_service(&app, req.to_request()).await;
            assert_eq!(res.status(), StatusCode::OK, "{accept:?}");
            assert_eq!(header(&res, "content-type"), Some("application/wasm"), "{accept:?}");
            assert_eq!(header(&res, "content-encoding"), encoding, "{accept:?}");
            assert_eq!(header(&res, "vary"), Some("Accept-Encoding"));
            assert_eq!(header(&res, "cache-control"), Some(IMMUTABLE));
            assert_eq!(t::read_body(res).await, body.as_bytes(), "{accept:?}");
        }
        // No compressed copy: the file itself.
        let req = t::TestRequest::get()
            .uri("/pkg/frontend.0123456789abcdef.js")
            .insert_header((header::ACCEPT_ENCODING, "br"))
            .to_request();
        let res = t::call_service(&app, req).await;
        assert_eq!(header(&res, "content-type"), Some("text/javascript; charset=utf-8"));
        assert_eq!(header(&res, "content-encoding"), None);
        assert_eq!(t::read_body(res).await, "js".as_bytes());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[actix_web::test]
    async fn pages_answer_index_html_to_revalidate_and_missing_files_are_404() {
        let dir = site();
        let app = app!(dir.clone());
        let mut tag = String::new();
        for path in ["/", "/cases/2b7d2f3e-0000-4000-8000-000000000000", "/referrals"] {
            let req = t::TestRequest::get().uri(path).insert_header((header::ACCEPT_ENCODING, "gzip, br")).to_request();
            let res = t::call_service(&app, req).await;
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            assert_eq!(header(&res, "content-type"), Some("text/html; charset=utf-8"));
            assert_eq!(header(&res, "cache-control"), Some(REVALIDATE));
            assert_eq!(header(&res, "content-encoding"), Some("br"));
            tag = header(&res, "etag").expect("an ETag").to_string();
            assert_eq!(t::read_body(res).await, "index-br".as_bytes());
        }
        // Revalidation: 304 with no body.
        let req = t::TestRequest::get()
            .uri("/cases")
            .insert_header((header::ACCEPT_ENCODING, "gzip, br"))
            .insert_header((header::IF_NONE_MATCH, tag.as_str()))
            .to_request();
        let res = t::call_service(&app, req).await;
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(header(&res, "cache-control"), Some(REVALIDATE));
        assert!(t::read_body(res).await.is_empty());
        // Another encoding is another representation.
        let req = t::TestRequest::get()
            .uri("/cases")
            .insert_header((header::ACCEPT_ENCODING, "gzip"))
            .insert_header((header::IF_NONE_MATCH, tag.as_str()))
            .to_request();
        let res = t::call_service(&app, req).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(t::read_body(res).await, "index-gz".as_bytes());
        // A stale asset is a 404, not the page.
        for path in ["/pkg/frontend_bg.ffffffffffffffff.wasm", "/app.css", "/../Cargo.toml"] {
            let res = t::call_service(&app, t::TestRequest::get().uri(path).to_request()).await;
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        }
        let res = t::call_service(&app, t::TestRequest::post().uri("/").to_request()).await;
        assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
        let res = t::call_service(&app, t::TestRequest::default().method(Method::HEAD).uri("/").to_request()).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(header(&res, "content-type"), Some("text/html; charset=utf-8"));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[actix_web::test]
    async fn api_answers_are_no_store_errors_included() {
        let dir = site();
        let app = app!(dir.clone());
        for (path, status) in [
            ("/api/v1/thing", StatusCode::OK),
            ("/health", StatusCode::OK),
            ("/api/v1/refused", StatusCode::NOT_FOUND),
            ("/api/v1/nothing-here", StatusCode::NOT_FOUND),
        ] {
            let res = t::call_service(&app, t::TestRequest::get().uri(path).to_request()).await;
            assert_eq!(res.status(), status, "{path}");
            assert_eq!(header(&res, "cache-control"), Some(NO_STORE), "{path}");
        }
        let res = t::call_service(&app, t::TestRequest::get().uri("/").to_request()).await;
        assert_eq!(header(&res, "cache-control"), Some(REVALIDATE));
        let _ = std::fs::remove_dir_all(dir);
    }
}
