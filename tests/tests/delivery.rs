//! How the browser app is delivered: sizes over the wire, caching, lazily loaded chunks and
//! the cache headers of the API. Headless Chromium through ChromeDriver, measured with the
//! browser's Performance API, against a real server.
//!
//! The site is `CSPR_TEST_SITE_DIR` (`cargo xtask test` builds the release app into
//! `target/site-release` for this suite: sizes are those of what people get), else
//! `target/site`.
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;
use tests::chrome::start_browser;
use thirtyfour::prelude::*;

/// What the sign-in page may download, encoded, before the form can be used.
const FIRST_VISIT_LIMIT: u64 = 250 * 1024;
const WAIT: Duration = Duration::from_secs(20);
const POLL: Duration = Duration::from_millis(50);

fn site_dir() -> PathBuf {
    let site = match std::env::var("CSPR_TEST_SITE_DIR") {
        Ok(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => tests::workspace_root().join("target/site"),
    };
    assert!(
        site.join("index.html").is_file(),
        "THE FRONT END IS NOT BUILT ({}): run `cargo xtask test`, which builds it",
        site.display()
    );
    site
}

/// A server of the site above with the demo data, for this test binary.
fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut config = tests::config(tests::lenient());
        config.site_dir = site_dir();
        let server = tests::start(config);
        let mut conn = server.pool.get().expect("connection");
        if backend::demo::is_empty(&mut conn).expect("count tenants") {
            backend::demo::seed(&mut conn, tests::DEMO_PASSWORD).expect("demo data");
        }
        server.base
    })
}

/// Which served files each lazily loaded stage needs (`pkg/chunks.json`, by split name).
fn chunks() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(site_dir().join("pkg/chunks.json")).expect("pkg/chunks.json");
    let map: serde_json::Map<String, Value> = serde_json::from_str(&text).expect("chunks.json");
    map.into_iter()
        .map(|(split, files)| {
            let files = files.as_array().unwrap().iter().map(|f| format!("/{}", f.as_str().unwrap())).collect();
            (split, files)
        })
        .collect()
}

/// Opens a case in `northvale` as its business office; answers its id.
fn open_case(base: &str) -> String {
    let api = tests::Api::new(base);
    let office = api.login_reply("northvale", "office@northvale.example", tests::DEMO_PASSWORD);
    assert_eq!(office.status, 200, "{office:?}");
    let token = office.body["access_token"].as_str().unwrap();
    let today = chrono::Utc::now().date_naive().to_string();
    let r = api.post("/api/v1/t/northvale/cases", token, &tests::notification("Delivery Child", &today));
    assert_eq!(r.status, 201, "{r:?}");
    r.body["id"].as_str().unwrap().to_string()
}

fn stage_files(prefix: &str) -> Vec<String> {
    let all = chunks();
    let (_, files) =
        all.iter().find(|(split, _)| split.starts_with(prefix)).unwrap_or_else(|| panic!("no {prefix} chunk"));
    files.clone()
}

/// One entry of the Performance API.
#[derive(Debug, Clone)]
struct Entry {
    /// The path of the address.
    path: String,
    transfer: u64,
    encoded: u64,
    decoded: u64,
}

/// The navigation and every resource fetched since, in order.
async fn entries(driver: &WebDriver) -> WebDriverResult<Vec<Entry>> {
    let ret = driver
        .execute(
            "return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                .map(e => [new URL(e.name).pathname, e.transferSize, e.encodedBodySize, e.decodedBodySize]);",
            vec![],
        )
        .await?;
    let rows: Vec<(String, f64, f64, f64)> = ret.convert()?;
    Ok(rows
        .into_iter()
        .map(|(path, t, e, d)| Entry { path, transfer: t as u64, encoded: e as u64, decoded: d as u64 })
        .collect())
}

fn is_asset(path: &str) -> bool {
    [".wasm", ".js", ".css"].iter().any(|ext| path.ends_with(ext))
}

/// Waits until the sign-in form can be used: its boxes and its button are there and enabled.
async fn sign_in_form_ready(driver: &WebDriver) -> WebDriverResult<()> {
    driver.query(By::Id("tenant")).and_enabled().wait(WAIT, POLL).first().await?;
    driver.query(By::Id("sign-in")).and_enabled().wait(WAIT, POLL).first().await?;
    Ok(())
}

async fn sign_in(driver: &WebDriver, tenant: &str, email: &str) -> WebDriverResult<()> {
    sign_in_form_ready(driver).await?;
    driver.find(By::Id("tenant")).await?.send_keys(tenant).await?;
    driver.find(By::Id("email")).await?.send_keys(email).await?;
    driver.find(By::Id("password")).await?.send_keys(tests::DEMO_PASSWORD).await?;
    driver.find(By::Id("sign-in")).await?.click().await?;
    driver.query(By::Id("sign-out")).wait(WAIT, POLL).first().await?;
    // home, drawn once its chunk has come
    driver.query(By::Id("signed-in-user")).wait(WAIT, POLL).first().await.map(drop)
}

/// Follows a same-site link inside the app (the router takes the click: no reload).
async fn follow(driver: &WebDriver, href: &str) -> WebDriverResult<()> {
    driver
        .execute(
            "const a = document.createElement('a'); a.href = arguments[0]; a.textContent = 'go';
             document.body.appendChild(a); a.click(); a.remove();",
            vec![Value::String(href.to_string())],
        )
        .await
        .map(drop)
}

/// How many times each of `files` was fetched in this document.
fn fetched(entries: &[Entry], files: &[String]) -> Vec<(String, usize)> {
    files.iter().map(|f| (f.clone(), entries.iter().filter(|e| &e.path == f).count())).collect()
}

async fn wait_heading(driver: &WebDriver, text: &str) -> WebDriverResult<()> {
    driver
        .query(By::Css("h1"))
        .with_text(thirtyfour::stringmatch::StringMatch::new(text).partial())
        .wait(WAIT, POLL)
        .first()
        .await
        .map(drop)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_visit_is_small_and_a_second_visit_downloads_no_asset_again() -> WebDriverResult<()> {
    let base = base().to_string();
    let (_guard, driver) = start_browser().await;
    let result = async {
        driver.goto(&format!("{base}/")).await?;
        sign_in_form_ready(&driver).await?;
        let first = entries(&driver).await?;
        let total: u64 = first.iter().map(|e| e.transfer).sum();
        let encoded: u64 = first.iter().map(|e| e.encoded).sum();
        let decoded: u64 = first.iter().map(|e| e.decoded).sum();
        eprintln!("first visit, until the sign-in form can be used:");
        for e in &first {
            eprintln!(
                "    {:<60} {:>8} B over the wire, {:>8} B encoded, {:>8} B decoded",
                e.path, e.transfer, e.encoded, e.decoded
            );
        }
        eprintln!("    total {total} B over the wire ({encoded} B encoded bodies, {decoded} B decoded)");
        assert!(first.iter().any(|e| e.path.ends_with(".wasm")), "the first chunk was fetched: {first:?}");
        assert!(total > 0 && total <= FIRST_VISIT_LIMIT, "{total} B over the wire, over {FIRST_VISIT_LIMIT} B");
        for e in first.iter().filter(|e| e.path.ends_with(".wasm") || e.path.ends_with(".css")) {
            assert!(e.encoded < e.decoded, "{} went compressed: {e:?}", e.path);
        }
        let lazy: Vec<String> = chunks().into_iter().flat_map(|(_, f)| f).collect();
        assert!(fetched(&first, &lazy).iter().all(|(_, n)| *n == 0), "no stage chunk before it is needed: {first:?}");

        // A second visit: a fresh navigation to the site in the same browser.
        driver.goto(&format!("{base}/")).await?;
        sign_in_form_ready(&driver).await?;
        let second = entries(&driver).await?;
        let assets: Vec<&Entry> = second.iter().filter(|e| is_asset(&e.path)).collect();
        assert!(assets.len() >= 3, "the glue, the loader, the wasm and the CSS are used: {second:?}");
        for e in &assets {
            eprintln!("second visit: {:<60} {:>8} B over the wire", e.path, e.transfer);
            assert_eq!(e.transfer, 0, "{} was downloaded again: {e:?}", e.path);
        }
        Ok::<_, WebDriverError>(())
    }
    .await;
    driver.quit().await?;
    result
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_stage_s_chunk_is_fetched_when_first_needed_and_only_once() -> WebDriverResult<()> {
    let base = base().to_string();
    let case_id = {
        let base = base.clone();
        tokio::task::spawn_blocking(move || open_case(&base)).await.expect("open a case")
    };
    // Home's chunk comes at sign-in, with what it shares with the stages' chunks.
    let home_files = stage_files("home_page");
    let case_files = stage_files("case_pages");
    let referral_files = stage_files("referral_pages");
    let review_files = stage_files("review_pages");
    let overview_files = stage_files("overview_pages");
    let (_guard, driver) = start_browser().await;
    let result = async {
        // A deep link: the address of a case, loaded afresh. Sessions live in memory, so the
        // sign-in page (first chunk) answers it; signing in leads home.
        driver.goto(&format!("{base}/cases/{case_id}")).await?;
        sign_in(&driver, "northvale", "office@northvale.example").await?;
        let now = entries(&driver).await?;
        let stage_only: Vec<String> =
            case_files.iter().chain(referral_files.iter()).filter(|f| !home_files.contains(f)).cloned().collect();
        assert!(!stage_only.is_empty(), "each stage has a chunk of its own");
        assert!(
            fetched(&now, &stage_only).iter().all(|(_, n)| *n == 0),
            "signed in at home: no stage chunk yet: {now:?}"
        );
        for (file, n) in fetched(&now, &home_files) {
            assert_eq!(n, 1, "{file}: home's chunk, fetched once at sign-in: {now:?}");
        }

        // In the app: the case's page loads the cases' chunk, once.
        follow(&driver, &format!("/cases/{case_id}")).await?;
        wait_heading(&driver, "Case ").await?;
        let now = entries(&driver).await?;
        for (file, n) in fetched(&now, &case_files) {
            assert_eq!(n, 1, "{file} fetched once for the case's page: {now:?}");
        }
        let only_referral: Vec<String> =
            referral_files.iter().filter(|f| !case_files.contains(f) && !home_files.contains(f)).cloned().collect();
        assert!(fetched(&now, &only_referral).iter().all(|(_, n)| *n == 0), "no referral chunk for a case: {now:?}");
        let only_review: Vec<String> =
            review_files.iter().filter(|f| !case_files.contains(f) && !home_files.contains(f)).cloned().collect();
        assert!(!only_review.is_empty(), "the local CSPR's pages are a chunk of their own");
        assert!(fetched(&now, &only_review).iter().all(|(_, n)| *n == 0), "no review chunk for a case: {now:?}");

        // More pages of the stage, and back: nothing fetched again.
        follow(&driver, "/").await?;
        follow(&driver, "/cases").await?;
        wait_heading(&driver, "Cases").await?;
        follow(&driver, &format!("/cases/{case_id}")).await?;
        wait_heading(&driver, "Case ").await?;
        let now = entries(&driver).await?;
        for (file, n) in fetched(&now, &case_files) {
            assert_eq!(n, 1, "{file} still fetched once: {now:?}");
        }

        // The local CSPR's pages: their own chunk, when the review's page is opened.
        follow(&driver, &format!("/cases/{case_id}/review")).await?;
        wait_heading(&driver, "Local child safeguarding practice review").await?;
        let now = entries(&driver).await?;
        for (file, n) in fetched(&now, &review_files) {
            assert_eq!(n, 1, "{file} fetched once for the review's page: {now:?}");
        }
        let only_overview: Vec<String> = overview_files
            .iter()
            .filter(|f| !review_files.contains(f) && !home_files.contains(f) && !case_files.contains(f))
            .cloned()
            .collect();
        assert!(!only_overview.is_empty(), "the overview report's pages are a chunk of their own");
        assert!(
            fetched(&now, &only_overview).iter().all(|(_, n)| *n == 0),
            "no overview chunk for the review: {now:?}"
        );

        // The overview report's pages: their own chunk, when the report's page is opened.
        follow(&driver, &format!("/cases/{case_id}/review/report")).await?;
        wait_heading(&driver, "Overview report").await?;
        let now = entries(&driver).await?;
        for (file, n) in fetched(&now, &overview_files) {
            assert_eq!(n, 1, "{file} fetched once for the report's page: {now:?}");
        }

        // The referral's stage: its own chunk, when a referral's page is opened.
        follow(&driver, &format!("/referrals/{}", uuid::Uuid::new_v4())).await?;
        wait_heading(&driver, "Referral for consideration").await?;
        let now = entries(&driver).await?;
        for (file, n) in fetched(&now, &referral_files) {
            assert_eq!(n, 1, "{file} fetched once for a referral's page: {now:?}");
        }
        Ok::<_, WebDriverError>(())
    }
    .await;
    driver.quit().await?;
    result
}

#[test]
fn api_answers_are_not_stored_and_assets_are_cached_by_name() {
    let base = base();
    let http = reqwest::blocking::Client::builder().build().unwrap();
    let header = |res: &reqwest::blocking::Response, name: &str| {
        res.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
    };
    // The API, including its refusals and errors.
    for (path, status) in [
        ("/health", 200),
        ("/ready", 200),
        ("/api/v1/me", 401),
        ("/api/v1/t/northvale/cases/not-a-case", 401),
        ("/api/v1/no-such-route", 404),
    ] {
        let res = http.get(format!("{base}{path}")).send().unwrap();
        assert_eq!(res.status().as_u16(), status, "{path}");
        assert_eq!(header(&res, "cache-control").as_deref(), Some("no-store"), "{path}");
        assert_eq!(header(&res, "x-content-type-options").as_deref(), Some("nosniff"), "{path}");
    }
    let token = tests::Api::new(base).login_reply("northvale", "office@northvale.example", tests::DEMO_PASSWORD);
    assert_eq!(token.status, 200);
    assert_eq!(token.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    let token = token.body["access_token"].as_str().unwrap().to_string();
    let res = http.get(format!("{base}/api/v1/me")).bearer_auth(&token).send().unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(header(&res, "cache-control").as_deref(), Some("no-store"));
    // Another partnership's address: refused.
    let res = http.get(format!("{base}/api/v1/t/southmere/cases")).bearer_auth(&token).send().unwrap();
    assert!(res.status().is_client_error(), "{}", res.status());
    assert_eq!(header(&res, "cache-control").as_deref(), Some("no-store"));
    let res = http
        .post(format!("{base}/api/v1/t/northvale/cases"))
        .bearer_auth(&token)
        .json(&serde_json::json!({}))
        .send()
        .unwrap();
    assert!(res.status().is_client_error(), "an empty notification is refused");
    assert_eq!(header(&res, "cache-control").as_deref(), Some("no-store"));

    // The page and the assets it names.
    let res = http.get(format!("{base}/cases")).header("accept-encoding", "br, gzip").send().unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(header(&res, "cache-control").as_deref(), Some("no-cache"));
    assert_eq!(header(&res, "content-encoding").as_deref(), Some("br"));
    assert!(header(&res, "etag").is_some());
    let index = std::fs::read_to_string(site_dir().join("index.html")).unwrap();
    let named: Vec<&str> = index
        .split(['"', '\''])
        .filter(|s| s.starts_with('/') && (s.ends_with(".js") || s.ends_with(".css") || s.ends_with(".wasm")))
        .collect();
    assert!(named.len() >= 4, "index.html names the glue, the loader, the wasm and the CSS: {named:?}");
    for path in named {
        for (accept, encoding) in [("gzip, deflate, br", Some("br")), ("gzip", Some("gzip")), ("identity", None)] {
            let res = http.get(format!("{base}{path}")).header("accept-encoding", accept).send().unwrap();
            assert_eq!(res.status().as_u16(), 200, "{path}");
            assert_eq!(header(&res, "content-encoding").as_deref(), encoding, "{path} {accept}");
            assert_eq!(header(&res, "vary").as_deref(), Some("Accept-Encoding"), "{path}");
            assert_eq!(header(&res, "cache-control").as_deref(), Some("public, max-age=31536000, immutable"), "{path}");
            let want = if path.ends_with(".wasm") {
                "application/wasm"
            } else if path.ends_with(".css") {
                "text/css; charset=utf-8"
            } else {
                "text/javascript; charset=utf-8"
            };
            assert_eq!(header(&res, "content-type").as_deref(), Some(want), "{path}");
        }
    }
}
