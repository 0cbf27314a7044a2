//! `cargo xtask load [--minutes N]`: 200 people across 150 partnerships using a release server
//! on SQLite for five minutes, each at a person's pace (one action, then 0.5–1.5 s to think):
//!
//! - 100 business offices (synthetic partnerships): the dashboard (50%), the case list
//!   (25%), a case (25%);
//! - 60 referrers (synthetic partnerships): a draft saved whole (60%), their referral read
//!   (25%), a new referral made and sent to their manager for sign-off (15%);
//! - 20 agency authors (synthetic partnerships): their information requests (50%), one of
//!   them (50%);
//! - 20 people on the demo's draft overview report (the scrutineer, the lead reviewer), at a
//!   reader's pace (2.5–7.5 s a step): the report read (80%), a reply to its thread (20%).
//!
//! People arrive over the first 10 s; the first 30 s are not timed (arrivals, caches filling)
//! but must have no error either. Each route's p99 must be under 50 ms, no request may fail,
//! and the server's memory must be flat: its RSS at the end within 10% of its RSS after the
//! first minute. Results are printed
//! and written to `target/load/latest.json`.
use crate::{cargo, status};
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PASSWORD: &str = "load-password-2026";
const SECRET: &str = "load-secret-load-secret-load-secret-0123";
const TENANTS: usize = 150;
const CASES: usize = 200;
const P99_LIMIT_MS: f64 = 50.0;
/// People arrive over this time.
const RAMP: Duration = Duration::from_secs(10);
/// Requests in the first half minute (people arriving, caches filling) are not counted.
const WARM_UP: Duration = Duration::from_secs(30);

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Each request: its route, when it was sent, how long it took, whether it succeeded.
type Samples = Arc<Mutex<Vec<(&'static str, Instant, Duration, bool)>>>;

struct Client {
    base: String,
    token: String,
    samples: Samples,
}

impl Client {
    fn call(&self, route: &'static str, method: &str, path: &str, body: Option<&Value>) -> Option<Value> {
        let url = format!("{}{path}", self.base);
        let req = ureq::request(method, &url).set("Authorization", &format!("Bearer {}", self.token));
        let started = Instant::now();
        let answer = match body {
            Some(b) => req.send_json(b.clone()),
            None => req.call(),
        };
        let took = started.elapsed();
        let (ok, value) = match answer {
            Ok(r) => (true, r.into_json::<Value>().ok()),
            Err(_) => (false, None),
        };
        self.samples.lock().unwrap_or_else(|p| p.into_inner()).push((route, started, took, ok));
        value
    }
}

fn sign_in(base: &str, tenant: &str, email: &str) -> Result<String> {
    let v: Value = ureq::post(&format!("{base}/api/v1/auth/login"))
        .send_json(json!({"tenant": tenant, "email": email, "password": PASSWORD}))
        .with_context(|| format!("sign-in as {email}"))?
        .into_json()?;
    Ok(v["access_token"].as_str().context("no access token")?.to_string())
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

/// A small random number generator (xorshift), one per person.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn slug(i: usize) -> String {
    format!("synthetic-{:03}", i + 1)
}

pub fn run(root: &Path, minutes: u64) -> Result<()> {
    status(cargo().current_dir(root).args(["build", "--release", "-p", "backend", "--bin", "cspr"]))?;
    let work = root.join("target/load/work");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let db_url = format!("sqlite://{}", work.join("load.db").display());
    let cspr = root.join("target/release/cspr");
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let base = format!("http://127.0.0.1:{port}");
    let env = |c: &mut Command| {
        c.env("CSPR_DATABASE_URL", &db_url)
            .env("CSPR_DATA_DIR", &work)
            .env("CSPR_JWT_SECRET", SECRET)
            .env("CSPR_DEMO_PASSWORD", PASSWORD)
            .env("CSPR_LOG", "warn");
    };
    eprintln!("==> loading the demo and {TENANTS} synthetic partnerships of {CASES} cases");
    let mut demo = Command::new(&cspr);
    demo.arg("demo");
    env(&mut demo);
    status(&mut demo)?;
    let password_file = work.join("password");
    std::fs::write(&password_file, PASSWORD)?;
    let mut synthetic = Command::new(&cspr);
    synthetic.args(["synthetic", "--tenants", &TENANTS.to_string(), "--cases", &CASES.to_string(), "--password-file"]);
    synthetic.arg(&password_file);
    env(&mut synthetic);
    status(&mut synthetic)?;
    let mut serve = Command::new(&cspr);
    serve
        .arg("serve")
        .env("CSPR_BIND", format!("127.0.0.1:{port}"))
        .env("CSPR_SITE_DIR", work.join("no-site"))
        .env("CSPR_SIGNIN_FREE_FAILURES_PER_ADDRESS", "1000000")
        .stdout(Stdio::null());
    env(&mut serve);
    let server = Server(serve.spawn().context("cannot start the server")?);
    let pid = server.0.id();
    let started = Instant::now();
    while ureq::get(&format!("{base}/ready")).call().is_err() {
        if started.elapsed() > Duration::from_secs(60) {
            bail!("the server did not become ready");
        }
        std::thread::sleep(Duration::from_millis(200));
    }

    eprintln!("==> signing in 200 people");
    let samples: Samples = Arc::default();
    let client = |tenant: &str, email: &str| -> Result<Client> {
        Ok(Client { base: base.clone(), token: sign_in(&base, tenant, email)?, samples: samples.clone() })
    };
    // A complete referral form, as the demo office reads one.
    let demo_office = client("northvale", "office@northvale.example")?;
    let submitted = demo_office
        .call("setup", "GET", "/api/v1/t/northvale/referrals?stage=submitted", None)
        .context("the demo's referrals")?;
    let any = submitted["items"][0]["id"].as_str().context("no submitted demo referral")?.to_string();
    let form = demo_office
        .call("setup", "GET", &format!("/api/v1/t/northvale/referrals/{any}"), None)
        .context("a form")?["form"]
        .clone();
    // The demo's draft overview report and its thread.
    let scrutineer = client("northvale", "scrutineer@independent.example")?;
    let drafts = scrutineer.call("setup", "GET", "/api/v1/me/drafts-for-comment", None).context("drafts")?;
    let draft = drafts
        .as_array()
        .and_then(|d| d.iter().find(|d| d["tenant_slug"] == "northvale"))
        .context("no draft report for comment in the demo")?;
    let report = format!("/api/v1/t/northvale/cases/{}/report", draft["case_id"].as_str().unwrap_or_default());
    let thread = scrutineer.call("setup", "GET", &report, None).context("the report")?["threads"][0]["id"]
        .as_str()
        .context("no thread on the demo report")?
        .to_string();
    samples.lock().unwrap_or_else(|p| p.into_inner()).clear();

    let mut people: Vec<(&'static str, String, Client, Option<String>)> = Vec::new();
    for i in 0..100 {
        let s = slug(i * TENANTS / 100);
        people.push(("office", s.clone(), client(&s, &format!("office@{s}.example"))?, None));
    }
    for i in 0..60 {
        let s = slug(i * TENANTS / 60 + 1);
        let c = client(&s, &format!("referrer@{s}.example"))?;
        let manager = c
            .call("setup", "GET", &format!("/api/v1/t/{s}/sign-off-managers"), None)
            .and_then(|m| m[0]["id"].as_str().map(str::to_string))
            .context("the referrer's manager")?;
        people.push(("referrer", s, c, Some(manager)));
    }
    for i in 0..20 {
        let s = slug(i * TENANTS / 20 + 2);
        people.push(("author", s.clone(), client(&s, &format!("author@{s}.example"))?, None));
    }
    for i in 0..20 {
        let email = if i % 2 == 0 { "scrutineer@independent.example" } else { "reviewer@northvale.example" };
        people.push(("commenter", "northvale".to_string(), client("northvale", email)?, None));
    }
    samples.lock().unwrap_or_else(|p| p.into_inner()).clear();

    let run_for = Duration::from_secs(minutes * 60);
    eprintln!("==> {} people for {minutes} minute(s)", people.len());
    let load_started = Instant::now();
    let mut threads = Vec::new();
    for (n, (kind, slug, c, manager)) in people.into_iter().enumerate() {
        let (form, report, thread) = (form.clone(), report.clone(), thread.clone());
        threads.push(std::thread::spawn(move || {
            let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
            let t = format!("/api/v1/t/{slug}");
            let mut own: Option<String> = None;
            let mut ids: Vec<String> = Vec::new();
            let ids_of = |v: Option<Value>, key: &str| -> Vec<String> {
                let items = v.as_ref().map(|v| if v[key].is_array() { v[key].clone() } else { v.clone() });
                items
                    .and_then(|i| i.as_array().cloned())
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|x| x["id"].as_str().map(str::to_string))
                    .collect()
            };
            // People arrive over the first ten seconds, not all at one instant.
            std::thread::sleep(Duration::from_millis(dice.below(RAMP.as_millis() as u64)));
            while load_started.elapsed() < run_for {
                let roll = dice.below(100);
                match kind {
                    "office" if roll < 50 => {
                        c.call("dashboard", "GET", &format!("{t}/clocks?per_page=20"), None);
                    }
                    "office" if roll < 75 || ids.is_empty() => {
                        ids = ids_of(c.call("case list", "GET", &format!("{t}/cases?per_page=20"), None), "items");
                    }
                    "office" => {
                        let id = &ids[dice.below(ids.len() as u64) as usize];
                        c.call("case", "GET", &format!("{t}/cases/{id}"), None);
                    }
                    "referrer" if own.is_none() => {
                        own = c
                            .call("referral create", "POST", &format!("{t}/referrals"), Some(&form))
                            .and_then(|v| v["id"].as_str().map(str::to_string));
                    }
                    "referrer" if roll < 60 => {
                        let id = own.as_deref().unwrap_or_default();
                        c.call("draft save", "PUT", &format!("{t}/referrals/{id}"), Some(&form));
                    }
                    "referrer" if roll < 85 => {
                        let id = own.as_deref().unwrap_or_default();
                        c.call("referral read", "GET", &format!("{t}/referrals/{id}"), None);
                    }
                    "referrer" => {
                        let made = c
                            .call("referral create", "POST", &format!("{t}/referrals"), Some(&form))
                            .and_then(|v| v["id"].as_str().map(str::to_string));
                        if let (Some(id), Some(m)) = (made, &manager) {
                            let body = json!({ "manager_id": m });
                            c.call(
                                "send for sign-off",
                                "POST",
                                &format!("{t}/referrals/{id}/send-for-sign-off"),
                                Some(&body),
                            );
                        }
                    }
                    "author" if roll < 50 || ids.is_empty() => {
                        ids =
                            ids_of(c.call("requests list", "GET", &format!("{t}/information-requests"), None), "items");
                    }
                    "author" => {
                        let id = &ids[dice.below(ids.len() as u64) as usize];
                        c.call("request", "GET", &format!("{t}/information-requests/{id}"), None);
                    }
                    _ if roll < 80 => {
                        c.call("report read", "GET", &report, None);
                    }
                    _ => {
                        let body = json!({ "text": format!("A reply of the load, {n}.") });
                        c.call("reply", "POST", &format!("{report}/threads/{thread}/replies"), Some(&body));
                    }
                }
                // people reading a draft report take longer over each step
                let think = if kind == "commenter" { 2500 + dice.below(5000) } else { 500 + dice.below(1000) };
                std::thread::sleep(Duration::from_millis(think));
            }
        }));
    }
    let mut rss = Vec::new();
    while load_started.elapsed() < run_for {
        std::thread::sleep(Duration::from_secs(5));
        rss.push((load_started.elapsed().as_secs(), rss_kib(pid)));
    }
    for t in threads {
        let _ = t.join();
    }
    drop(server);
    report_results(root, &samples, load_started + WARM_UP, &rss, minutes)
}

fn report_results(root: &Path, samples: &Samples, from: Instant, rss: &[(u64, u64)], minutes: u64) -> Result<()> {
    let samples = samples.lock().unwrap_or_else(|p| p.into_inner());
    let mut by_route: BTreeMap<&str, (Vec<f64>, u64)> = BTreeMap::new();
    let mut warm_up_errors = 0;
    for (route, sent, took, ok) in samples.iter() {
        if *sent < from {
            warm_up_errors += u64::from(!ok);
            continue;
        }
        let e = by_route.entry(route).or_default();
        e.0.push(took.as_secs_f64() * 1000.0);
        if !ok {
            e.1 += 1;
        }
    }
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    eprintln!("    {:<24} {:>8} {:>8} {:>9} {:>9} {:>9}", "route", "requests", "errors", "p50 ms", "p99 ms", "max ms");
    for (route, (mut ms, errors)) in by_route {
        ms.sort_by(|a, b| a.total_cmp(b));
        let at = |q: f64| ms[((ms.len() as f64 - 1.0) * q).round() as usize];
        let (p50, p99, max) = (at(0.5), at(0.99), at(1.0));
        eprintln!("    {route:<24} {:>8} {errors:>8} {p50:>9.2} {p99:>9.2} {max:>9.2}", ms.len());
        if p99 >= P99_LIMIT_MS {
            failures.push(format!("{route}: p99 {p99:.1} ms"));
        }
        if errors > 0 {
            failures.push(format!("{route}: {errors} errors"));
        }
        rows.push(json!({"route": route, "requests": ms.len(), "errors": errors, "p50_ms": p50, "p99_ms": p99, "max_ms": max}));
    }
    if warm_up_errors > 0 {
        failures.push(format!("{warm_up_errors} errors in the first half minute"));
    }
    let after_first_minute = rss.iter().find(|(s, _)| *s >= 60).map_or(0, |r| r.1);
    let at_end = rss.last().map_or(0, |r| r.1);
    let growth = if after_first_minute > 0 { at_end as f64 / after_first_minute as f64 - 1.0 } else { 0.0 };
    eprintln!(
        "    server RSS: {} KiB after the first minute, {} KiB at the end ({:+.1}%)",
        after_first_minute,
        at_end,
        growth * 100.0
    );
    if minutes >= 2 && growth > 0.10 {
        failures.push(format!("memory grew {:.1}% after the first minute", growth * 100.0));
    }
    let out = root.join("target/load");
    std::fs::create_dir_all(&out)?;
    let report = json!({"minutes": minutes, "people": 200, "partnerships": TENANTS, "routes": rows,
        "rss_kib_after_first_minute": after_first_minute, "rss_kib_at_end": at_end, "rss_samples": rss});
    std::fs::write(out.join("latest.json"), serde_json::to_string_pretty(&report)?)?;
    eprintln!("==> written to {}", out.join("latest.json").display());
    if !failures.is_empty() {
        bail!("the load missed its targets: {}", failures.join("; "));
    }
    Ok(())
}
