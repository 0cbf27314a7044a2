//! `cargo xtask bench`: a release server on loopback, loaded by wrk, on SQLite and on
//! PostgreSQL. Each route's throughput is given as a ratio to `/health` measured in the
//! same run. Results are printed and written to `target/bench/`.
use crate::{cargo, pg, status};
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CONNECTIONS: u32 = 64;
const THREADS: u32 = 2;
const SECONDS: u32 = 5;
/// Rounds over all routes; each figure is the median of the rounds, so that one noisy
/// stretch (two cores shared by server, database and load generator) does not decide it.
const ROUNDS: usize = 3;
const PASSWORD: &str = "bench-password-2026";
/// The dashboard's data: partnerships × cases, as issue 4 sets it.
const SYNTHETIC_TENANTS: usize = 150;
const SYNTHETIC_CASES: usize = 200;
/// Partnerships whose offices the dashboard load rotates over.
const DASHBOARD_TENANTS: usize = 20;
const SECRET: &str = "bench-secret-bench-secret-bench-secret-01";
/// The merged chronology of issue 12: 500 entries over 8 agencies.
const CHRONOLOGY_ENTRIES: usize = 500;
const CHRONOLOGY_AGENCIES: usize = 8;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn start_server(root: &Path, db_url: &str, data_dir: &Path) -> Result<(Server, String)> {
    start_server_with(root, db_url, data_dir, &[])
}

fn start_server_with(root: &Path, db_url: &str, data_dir: &Path, env: &[(&str, &str)]) -> Result<(Server, String)> {
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let child = Command::new(root.join("target/release/cspr"))
        .args(["serve", "--demo-if-empty"])
        .env("CSPR_BIND", format!("127.0.0.1:{port}"))
        .env("CSPR_DATABASE_URL", db_url)
        .env("CSPR_DATA_DIR", data_dir)
        .env("CSPR_JWT_SECRET", SECRET)
        .env("CSPR_DEMO_PASSWORD", PASSWORD)
        .env("CSPR_LOG", "warn")
        .env("CSPR_SITE_DIR", data_dir.join("no-site"))
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .spawn()
        .context("cannot start target/release/cspr")?;
    let server = Server(child);
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(60) {
        if ureq::get(&format!("{base}/ready")).call().is_ok() {
            return Ok((server, base));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    bail!("the server did not become ready at {base}")
}

fn login(base: &str, email: &str) -> Result<String> {
    let v: Value = ureq::post(&format!("{base}/api/v1/auth/login"))
        .send_json(json!({"tenant": "northvale", "email": email, "password": PASSWORD}))
        .with_context(|| format!("sign-in as {email}"))?
        .into_json()?;
    Ok(v["access_token"].as_str().context("no access token")?.to_string())
}

/// At least 40 submitted referrals, so that a list of 20 is full.
fn seed_referrals(base: &str, referrer: &str, office: &str) -> Result<String> {
    // the form of a complete demo referral, as the office sees it
    let auth = format!("Bearer {office}");
    let list: Value = ureq::get(&format!("{base}/api/v1/t/northvale/referrals?stage=submitted"))
        .set("Authorization", &auth)
        .call()?
        .into_json()?;
    let demo_id = list["items"][0]["id"].as_str().context("no submitted demo referral")?;
    let demo: Value = ureq::get(&format!("{base}/api/v1/t/northvale/referrals/{demo_id}"))
        .set("Authorization", &auth)
        .call()?
        .into_json()?;
    let form = demo["form"].clone();
    let manager_id = demo["manager"]["id"].as_str().context("no manager of the demo referral")?.to_string();
    let manager = login(base, "manager@northvale.example")?;
    let mut last = String::new();
    for _ in 0..40 {
        let v: Value = ureq::post(&format!("{base}/api/v1/t/northvale/referrals"))
            .set("Authorization", &format!("Bearer {referrer}"))
            .send_json(form.clone())
            .context("create a referral")?
            .into_json()?;
        last = v["id"].as_str().context("no id")?.to_string();
        // to the demo manager, who signs it off: it reaches the office
        ureq::post(&format!("{base}/api/v1/t/northvale/referrals/{last}/send-for-sign-off"))
            .set("Authorization", &format!("Bearer {referrer}"))
            .send_json(json!({ "manager_id": manager_id }))
            .context("send a referral for sign-off")?;
        ureq::post(&format!("{base}/api/v1/t/northvale/referrals/{last}/sign-off"))
            .set("Authorization", &format!("Bearer {manager}"))
            .send_json(json!({}))
            .context("sign off a referral")?;
    }
    Ok(last)
}

/// Drafts saved by the "draft save" load.
const DRAFTS: usize = 64;

/// Makes [`DRAFTS`] referral drafts and writes a wrk script that saves one of them at random
/// with each request (the whole form, as the browser's save sends it; no If-Match).
fn draft_script(base: &str, referrer: &str, data_dir: &Path) -> Result<PathBuf> {
    let auth = format!("Bearer {referrer}");
    let mine: Value = ureq::get(&format!("{base}/api/v1/t/northvale/referrals?per_page=1"))
        .set("Authorization", &auth)
        .call()?
        .into_json()?;
    let any = mine["items"][0]["id"].as_str().context("the referrer has no referral")?;
    let one: Value = ureq::get(&format!("{base}/api/v1/t/northvale/referrals/{any}"))
        .set("Authorization", &auth)
        .call()?
        .into_json()?;
    let mut form = one["form"].clone();
    form["background"] = json!("Saved again and again by the benchmark. ".repeat(20));
    let mut ids = Vec::new();
    for _ in 0..DRAFTS {
        let v: Value = ureq::post(&format!("{base}/api/v1/t/northvale/referrals"))
            .set("Authorization", &auth)
            .send_json(form.clone())
            .context("create a draft")?
            .into_json()?;
        ids.push(format!("\"{}\"", v["id"].as_str().context("no id")?));
    }
    let body = serde_json::to_string(&form)?;
    // The requests are made once, in each wrk thread's `init`: made anew for each request,
    // wrk's own work (a 3 KB string a request, in Lua) took a quarter of the two cores.
    let script = format!(
        "local ids = {{{}}}\nlocal body = [==[{body}]==]\nlocal requests = {{}}\ninit = function(args)\n  \
         for i, id in ipairs(ids) do\n    requests[i] = wrk.format(\"PUT\", \"/api/v1/t/northvale/referrals/\" .. id, \
         {{[\"Authorization\"] = \"Bearer {referrer}\", [\"Content-Type\"] = \"application/json\"}}, body)\n  end\nend\n\
         request = function()\n  return requests[math.random(#requests)]\nend\n",
        ids.join(", ")
    );
    let path = data_dir.join("drafts.lua");
    std::fs::write(&path, script)?;
    Ok(path)
}

/// Loads the synthetic partnerships (150 × 200 cases) with `cspr synthetic`, signs in to
/// the offices of some of them, and writes a wrk script that asks each request for one of
/// their dashboards (first page, soonest clocks) at random, and one that asks for their
/// timeliness statistics (the last four quarters, counted in SQL) at random.
fn load_synthetic(root: &Path, base: &str, db_url: &str, data_dir: &Path) -> Result<(PathBuf, PathBuf)> {
    eprintln!("    loading {SYNTHETIC_TENANTS} partnerships x {SYNTHETIC_CASES} cases");
    std::fs::create_dir_all(data_dir)?;
    let password_file = data_dir.join("synthetic-password");
    std::fs::write(&password_file, PASSWORD)?;
    status(
        Command::new(root.join("target/release/cspr"))
            .args(["synthetic", "--tenants", &SYNTHETIC_TENANTS.to_string(), "--cases", &SYNTHETIC_CASES.to_string()])
            .arg("--password-file")
            .arg(&password_file)
            .env("CSPR_DATABASE_URL", db_url)
            .env("CSPR_DATA_DIR", data_dir)
            .env("CSPR_JWT_SECRET", SECRET),
    )?;
    let mut slugs = Vec::new();
    let mut tokens = Vec::new();
    for i in 0..DASHBOARD_TENANTS {
        // spread over the whole range of tenants
        let n = 1 + i * SYNTHETIC_TENANTS / DASHBOARD_TENANTS;
        let slug = format!("synthetic-{n:03}");
        let v: Value = ureq::post(&format!("{base}/api/v1/auth/login"))
            .send_json(json!({"tenant": slug, "email": format!("office@{slug}.example"), "password": PASSWORD}))
            .with_context(|| format!("sign-in to {slug}"))?
            .into_json()?;
        tokens.push(format!("\"{}\"", v["access_token"].as_str().context("no access token")?));
        slugs.push(slug);
    }
    let script = |name: &str, path: &dyn Fn(&str) -> String| -> Result<PathBuf> {
        let paths: Vec<String> = slugs.iter().map(|s| format!("\"{}\"", path(s))).collect();
        let text = format!(
            "local paths = {{{}}}\nlocal tokens = {{{}}}\nlocal requests = {{}}\ninit = function(args)\n  \
             for i, path in ipairs(paths) do\n    \
             requests[i] = wrk.format(\"GET\", path, {{[\"Authorization\"] = \"Bearer \" .. tokens[i]}})\n  end\nend\n\
             request = function()\n  return requests[math.random(#requests)]\nend\n",
            paths.join(", "),
            tokens.join(", ")
        );
        let file = data_dir.join(name);
        std::fs::write(&file, text)?;
        Ok(file)
    };
    Ok((
        script("dashboard.lua", &|slug| format!("/api/v1/t/{slug}/clocks?per_page=20"))?,
        script("statistics.lua", &|slug| format!("/api/v1/t/{slug}/statistics/timeliness?quarters=4"))?,
    ))
}

/// Gives the first synthetic partnership's local CSPR a merged chronology of
/// [`CHRONOLOGY_ENTRIES`] entries from [`CHRONOLOGY_AGENCIES`] agencies (`cspr
/// synthetic-chronology`); answers its URL and a token of the partnership's office.
fn load_chronology(root: &Path, base: &str, db_url: &str, data_dir: &Path) -> Result<(String, String)> {
    let out = Command::new(root.join("target/release/cspr"))
        .args(["synthetic-chronology", "--tenant", "synthetic-001"])
        .args(["--agencies", &CHRONOLOGY_AGENCIES.to_string(), "--entries", &CHRONOLOGY_ENTRIES.to_string()])
        .env("CSPR_DATABASE_URL", db_url)
        .env("CSPR_DATA_DIR", data_dir)
        .env("CSPR_JWT_SECRET", SECRET)
        .output()
        .context("cannot run cspr synthetic-chronology")?;
    if !out.status.success() {
        bail!("cspr synthetic-chronology failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let case = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let v: Value = ureq::post(&format!("{base}/api/v1/auth/login"))
        .send_json(json!({"tenant": "synthetic-001", "email": "office@synthetic-001.example", "password": PASSWORD}))
        .context("sign-in to synthetic-001")?
        .into_json()?;
    let token = v["access_token"].as_str().context("no access token")?.to_string();
    let url = format!("{base}/api/v1/t/synthetic-001/cases/{case}/chronology");
    let merged: Value = ureq::get(&url).set("Authorization", &format!("Bearer {token}")).call()?.into_json()?;
    let n = merged["entries"].as_array().map_or(0, Vec::len);
    if n != CHRONOLOGY_ENTRIES {
        bail!("the merged chronology has {n} entries, not {CHRONOLOGY_ENTRIES}");
    }
    Ok((url, token))
}

/// Writes out what the load left in PostgreSQL's buffers before measuring: otherwise the
/// next timed checkpoint writes it during the rounds, and its I/O showed as p99 stalls of
/// hundreds of milliseconds on this machine (seen in PostgreSQL's log).
fn settle(db_url: &str) {
    use diesel::{Connection, RunQueryDsl};
    if !db_url.starts_with("postgres") {
        return;
    }
    let done = diesel::PgConnection::establish(db_url)
        .map_err(|e| e.to_string())
        .and_then(|mut c| diesel::sql_query("CHECKPOINT").execute(&mut c).map_err(|e| e.to_string()));
    if let Err(e) = done {
        eprintln!("    (no CHECKPOINT before measuring: {e})");
    }
}

/// Milliseconds from a wrk duration such as `812.00us`, `1.23ms` or `1.01s`.
fn millis(s: &str) -> Option<f64> {
    let s = s.trim();
    let (num, factor) = if let Some(n) = s.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = s.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1000.0)
    } else {
        return None;
    };
    num.parse::<f64>().ok().map(|v| v * factor)
}

#[derive(Debug, Clone)]
struct Measure {
    name: &'static str,
    rps: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
}

fn median_of(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Each round's throughput of a route as a ratio to that round's `/health`.
fn round_ratios(route: &[Measure], health: &[Measure]) -> Vec<f64> {
    route.iter().zip(health).map(|(m, h)| m.rps / h.rps).collect()
}

/// The median of each figure over the rounds.
fn median(ms: &[Measure]) -> Measure {
    Measure {
        name: ms[0].name,
        rps: median_of(ms.iter().map(|m| m.rps).collect()),
        p50_ms: median_of(ms.iter().map(|m| m.p50_ms).collect()),
        p99_ms: median_of(ms.iter().map(|m| m.p99_ms).collect()),
        errors: ms.iter().map(|m| m.errors).sum(),
    }
}

fn parse_wrk(name: &'static str, out: &str) -> Result<Measure> {
    let mut m = Measure { name, rps: 0.0, p50_ms: f64::NAN, p99_ms: f64::NAN, errors: 0 };
    for line in out.lines() {
        let l = line.trim();
        if let Some(v) = l.strip_prefix("Requests/sec:") {
            m.rps = v.trim().parse().unwrap_or(0.0);
        } else if let Some(v) = l.strip_prefix("50%") {
            m.p50_ms = millis(v).unwrap_or(f64::NAN);
        } else if let Some(v) = l.strip_prefix("99%") {
            m.p99_ms = millis(v).unwrap_or(f64::NAN);
        } else if let Some(v) = l.strip_prefix("Non-2xx or 3xx responses:") {
            m.errors += v.trim().parse::<u64>().unwrap_or(0);
        } else if l.starts_with("Socket errors:") {
            m.errors += l.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse::<u64>().ok()).sum::<u64>();
        }
    }
    if m.rps <= 0.0 {
        bail!("could not read wrk's output for {name}:\n{out}");
    }
    Ok(m)
}

/// What wrk asks for: one URL with a token, or a Lua script that picks each request.
enum Load<'a> {
    Url(&'a str, Option<&'a str>),
    Script(&'a str, &'a Path),
}

fn wrk(name: &'static str, load: Load<'_>) -> Result<Measure> {
    let mut cmd = Command::new("wrk");
    cmd.args(["-t", &THREADS.to_string(), "-c", &CONNECTIONS.to_string(), "-d", &format!("{SECONDS}s"), "--latency"]);
    match load {
        Load::Url(url, token) => {
            if let Some(t) = token {
                cmd.args(["-H", &format!("Authorization: Bearer {t}")]);
            }
            cmd.arg(url);
        }
        Load::Script(base, script) => {
            cmd.arg("-s").arg(script).arg(base);
        }
    }
    let out = cmd.output().context("cannot run wrk")?;
    if !out.status.success() {
        bail!("wrk failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let m = parse_wrk(name, &String::from_utf8_lossy(&out.stdout))?;
    eprintln!(
        "    {name:<22} {:>10.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms   errors {}",
        m.rps, m.p50_ms, m.p99_ms, m.errors
    );
    Ok(m)
}

fn bench_database(root: &Path, label: &str, db_url: &str, data_dir: &Path) -> Result<Value> {
    eprintln!("==> {label}: starting the release server");
    let (server, base) = start_server(root, db_url, data_dir)?;
    bench_at(root, label, db_url, data_dir, &base, Some(server))
}

/// The load on a server (or a proxy before servers) at `base`; `server`, when given, is
/// stopped before the comparison of SQLite's synchronous settings.
fn bench_at(
    root: &Path,
    label: &str,
    db_url: &str,
    data_dir: &Path,
    base: &str,
    server: Option<Server>,
) -> Result<Value> {
    let base = base.to_string();
    let referrer = login(&base, "referrer@northvale.example")?;
    let office = login(&base, "office@northvale.example")?;
    let id = seed_referrals(&base, &referrer, &office)?;
    let (script, statistics) = load_synthetic(root, &base, db_url, data_dir)?;
    let (chronology, chronology_token) = load_chronology(root, &base, db_url, data_dir)?;
    let drafts = draft_script(&base, &referrer, data_dir)?;
    settle(db_url);
    // warm up
    let _ = wrk("warm-up", Load::Url(&format!("{base}/health"), None))?;
    let urls = [
        format!("{base}/health"),
        format!("{base}/api/v1/me"),
        format!("{base}/api/v1/t/northvale/referrals/{id}"),
        format!("{base}/api/v1/t/northvale/referrals?per_page=20"),
    ];
    let routes: [(&'static str, Load<'_>); 8] = [
        ("/health", Load::Url(&urls[0], None)),
        ("/api/v1/me", Load::Url(&urls[1], Some(&office))),
        ("referral by id", Load::Url(&urls[2], Some(&office))),
        ("list of 20 referrals", Load::Url(&urls[3], Some(&office))),
        ("dashboard 150x200", Load::Script(&base, &script)),
        ("statistics 150x200", Load::Script(&base, &statistics)),
        ("chronology 500x8", Load::Url(&chronology, Some(&chronology_token))),
        ("draft save", Load::Script(&base, &drafts)),
    ];
    let mut rounds: Vec<Vec<Measure>> = vec![Vec::new(); routes.len()];
    for round in 1..=ROUNDS {
        eprintln!("    round {round} of {ROUNDS}");
        for (i, (name, load)) in routes.iter().enumerate() {
            let load = match load {
                Load::Url(u, t) => Load::Url(u, *t),
                Load::Script(b, s) => Load::Script(b, s),
            };
            rounds[i].push(wrk(name, load)?);
        }
    }
    let results: Vec<Measure> = rounds.iter().map(|ms| median(ms)).collect();
    eprintln!("    medians of {ROUNDS} rounds:");
    for m in &results {
        eprintln!("    {:<22} {:>10.0} req/s   p50 {:>7.2} ms   p99 {:>7.2} ms", m.name, m.rps, m.p50_ms, m.p99_ms);
    }
    // Each round measures /health and then the routes back to back, so each ratio is taken
    // within its round (the machine's speed moved by up to a quarter between rounds) and
    // the median of the rounds' ratios is reported, with the lowest and highest.
    let ratios: Vec<Vec<f64>> = rounds.iter().map(|ms| round_ratios(ms, &rounds[0])).collect();
    let rows: Vec<Value> = results
        .iter()
        .zip(&ratios)
        .map(|(m, r)| {
            json!({"route": m.name, "requests_per_second": m.rps, "p50_ms": m.p50_ms, "p99_ms": m.p99_ms,
                   "errors": m.errors, "ratio_to_health": median_of(r.clone()),
                   "ratio_lowest": r.iter().copied().fold(f64::INFINITY, f64::min),
                   "ratio_highest": r.iter().copied().fold(0.0, f64::max)})
        })
        .collect();
    eprintln!(
        "    ratios to /health (median of the rounds' ratios, lowest-highest): {}",
        results
            .iter()
            .zip(&ratios)
            .map(|(m, r)| {
                let lo = r.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = r.iter().copied().fold(0.0, f64::max);
                format!("{} {:.2} ({lo:.2}-{hi:.2})", m.name, median_of(r.clone()))
            })
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut run = json!({"database": label, "connections": CONNECTIONS, "threads": THREADS, "seconds": SECONDS,
               "rounds": ROUNDS, "results": rows});
    if !db_url.starts_with("postgres") {
        drop(server);
        run["synchronous_normal"] = synchronous_cost(root, db_url, data_dir, &drafts, &rounds[0], &rounds[7])?;
    }
    Ok(run)
}

/// The cost of `synchronous = FULL` (the default): the draft saves again on a server started
/// with `CSPR_SQLITE_SYNCHRONOUS=normal` on the same database, each round beside its own
/// `/health`; `full` is the main run's.
fn synchronous_cost(
    root: &Path,
    db_url: &str,
    data_dir: &Path,
    drafts: &Path,
    full_health: &[Measure],
    full_saves: &[Measure],
) -> Result<Value> {
    eprintln!("==> sqlite: draft saves with CSPR_SQLITE_SYNCHRONOUS=normal, for the cost of FULL");
    let (_server, base) = start_server_with(root, db_url, data_dir, &[("CSPR_SQLITE_SYNCHRONOUS", "normal")])?;
    let health_url = format!("{base}/health");
    let mut health = Vec::new();
    let mut saves = Vec::new();
    for round in 1..=ROUNDS {
        eprintln!("    round {round} of {ROUNDS}");
        health.push(wrk("/health", Load::Url(&health_url, None))?);
        saves.push(wrk("draft save (normal)", Load::Script(&base, drafts))?);
    }
    let normal = median_of(round_ratios(&saves, &health));
    let full = median_of(round_ratios(full_saves, full_health));
    let m = median(&saves);
    eprintln!(
        "    draft save to /health: FULL {full:.3}, NORMAL {normal:.3} (FULL keeps {:.0}% of NORMAL's throughput); \
         NORMAL p99 {:.2} ms",
        100.0 * full / normal,
        m.p99_ms
    );
    Ok(json!({"requests_per_second": m.rps, "p50_ms": m.p50_ms, "p99_ms": m.p99_ms, "errors": m.errors,
              "ratio_to_health": normal, "full_ratio_to_health": full, "full_over_normal": full / normal}))
}

/// Two servers on one PostgreSQL database behind haproxy (round robin, loopback): a token
/// from one works on the other, sign-in throttling is shared (failures are counted in the
/// database), then the same load as one server's, through the proxy.
fn bench_two_instances(root: &Path, work: &Path) -> Result<Value> {
    let haproxy = Command::new("haproxy").arg("-v").output();
    if haproxy.is_err() {
        bail!("--instances 2 needs haproxy: apt-get install haproxy");
    }
    pg::available().map_err(|why| anyhow::anyhow!("--instances 2 needs PostgreSQL at {} ({why})", pg::server_url()))?;
    let db = pg::TempDatabase::create("bench2")?;
    let (dir_a, dir_b) = (work.join("instance-a"), work.join("instance-b"));
    std::fs::create_dir_all(&dir_a)?;
    std::fs::create_dir_all(&dir_b)?;
    eprintln!("==> two instances on one PostgreSQL database, behind haproxy");
    let (server_a, a) = start_server(root, &db.url, &dir_a)?;
    let (server_b, b) = start_server(root, &db.url, &dir_b)?;
    let port = free_port()?;
    let port_of = |base: &str| base.rsplit(':').next().unwrap_or_default().to_string();
    let config = format!(
        "global\n  maxconn 8192\ndefaults\n  mode http\n  timeout connect 5s\n  timeout client 60s\n  \
         timeout server 60s\n  option http-keep-alive\nfrontend cspr\n  bind 127.0.0.1:{port}\n  default_backend servers\n\
         backend servers\n  balance roundrobin\n  server a 127.0.0.1:{}\n  server b 127.0.0.1:{}\n",
        port_of(&a),
        port_of(&b)
    );
    let config_path = work.join("haproxy.cfg");
    std::fs::write(&config_path, config)?;
    let proxy = Server(
        Command::new("haproxy")
            .arg("-f")
            .arg(&config_path)
            .arg("-db")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start haproxy")?,
    );
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while ureq::get(&format!("{base}/ready")).call().is_err() {
        if started.elapsed() > Duration::from_secs(20) {
            bail!("haproxy did not answer at {base}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // Signed in on one, used on the other.
    let token = login(&a, "office@northvale.example")?;
    let me = ureq::get(&format!("{b}/api/v1/me")).set("Authorization", &format!("Bearer {token}")).call();
    if !matches!(&me, Ok(r) if r.status() == 200) {
        bail!("a token from instance A was refused by instance B");
    }
    eprintln!("    a token from instance A works on instance B");
    // Failed sign-ins of one account, alternately on each instance: the wait comes as if
    // there were one server (3 free failures, then 429).
    let wrong = |base: &str| {
        let r = ureq::post(&format!("{base}/api/v1/auth/login")).send_json(
            json!({"tenant": "northvale", "email": "lead@northvale.example", "password": "not-the-password-1"}),
        );
        match r {
            Ok(r) => r.status(),
            Err(ureq::Error::Status(code, _)) => code,
            Err(_) => 0,
        }
    };
    let statuses: Vec<u16> = [&a, &b, &a, &b].iter().map(|base| wrong(base)).collect();
    if statuses != [401, 401, 401, 429] {
        bail!("sign-in throttling is not shared between the instances: {statuses:?} (expected 401, 401, 401, 429)");
    }
    eprintln!("    sign-in throttling is shared: {statuses:?}");
    let mut run = bench_at(root, "postgres, 2 instances behind haproxy", &db.url, work, &base, None)?;
    let errors: u64 =
        run["results"].as_array().map_or(0, |rows| rows.iter().filter_map(|r| r["errors"].as_u64()).sum());
    if errors > 0 {
        bail!("{errors} errors under load through the proxy");
    }
    run["instances"] = json!(2);
    run["token_shared"] = json!(true);
    run["throttling_statuses"] = json!(statuses);
    drop(proxy);
    drop(server_a);
    drop(server_b);
    Ok(run)
}

/// Which databases a run measures (`--only sqlite` or `--only postgres`; both by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Only {
    Both,
    Sqlite,
    Postgres,
}

impl Only {
    pub fn from_args(args: &[String]) -> Result<Only> {
        let Some(i) = args.iter().position(|a| a == "--only") else { return Ok(Only::Both) };
        match args.get(i + 1).map(String::as_str) {
            Some("sqlite") => Ok(Only::Sqlite),
            Some("postgres") => Ok(Only::Postgres),
            other => bail!("--only takes sqlite or postgres, not {}", other.unwrap_or("nothing")),
        }
    }
}

pub fn run(root: &Path, only: Only, instances: usize) -> Result<()> {
    if Command::new("wrk").arg("--version").output().is_err() {
        bail!("the benchmark needs wrk: apt-get install wrk");
    }
    eprintln!("==> building the release server");
    status(cargo().current_dir(root).args(["build", "--release", "-p", "backend", "--bin", "cspr"]))?;
    let out_dir = root.join("target/bench");
    let work: PathBuf = out_dir.join("work");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;

    let mut runs = Vec::new();
    if instances == 2 {
        runs.push(bench_two_instances(root, &work)?);
    } else if instances != 1 {
        bail!("--instances takes 1 or 2");
    }
    let sqlite_dir = work.join("sqlite");
    if only != Only::Postgres && instances == 1 {
        runs.push(bench_database(
            root,
            "sqlite",
            &format!("sqlite://{}", sqlite_dir.join("bench.db").display()),
            &sqlite_dir,
        )?);
    }
    if only != Only::Sqlite && instances == 1 {
        match pg::available() {
            Ok(()) => {
                let db = pg::TempDatabase::create("bench")?;
                runs.push(bench_database(root, "postgres", &db.url, &work.join("postgres"))?);
            }
            Err(why) => eprintln!("!!! PostgreSQL benchmark skipped: no server at {} ({why})", pg::server_url()),
        }
    }
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_secs();
    let report =
        json!({"unix_time": stamp, "cores": std::thread::available_parallelism().map_or(0, |n| n.get()), "runs": runs});
    let text = serde_json::to_string_pretty(&report)?;
    std::fs::write(out_dir.join(format!("bench-{stamp}.json")), &text)?;
    std::fs::write(out_dir.join("latest.json"), &text)?;
    println!("{text}");
    eprintln!("==> written to {}", out_dir.join("latest.json").display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_wrk_output() {
        let out = "Running 10s test @ http://127.0.0.1:1/health\n  2 threads and 64 connections\n  Latency Distribution\n     50%  812.00us\n     75%    1.10ms\n     90%    2.00ms\n     99%    5.25ms\n  712345 requests in 10.00s, 90.00MB read\n  Non-2xx or 3xx responses: 3\nRequests/sec:  71234.50\nTransfer/sec:      9.00MB\n";
        let m = parse_wrk("x", out).unwrap();
        assert_eq!(m.rps, 71234.50);
        assert!((m.p50_ms - 0.812).abs() < 1e-9);
        assert_eq!(m.p99_ms, 5.25);
        assert_eq!(m.errors, 3);
        assert!(parse_wrk("x", "garbage").is_err());
        assert_eq!(millis("1.5s"), Some(1500.0));
        let m = |rps, p99| Measure { name: "x", rps, p50_ms: 1.0, p99_ms: p99, errors: 1 };
        let med = median(&[m(3.0, 9.0), m(1.0, 30.0), m(2.0, 10.0)]);
        assert_eq!((med.rps, med.p99_ms, med.errors), (2.0, 10.0, 3));
        let ratios = round_ratios(&[m(50.0, 1.0), m(90.0, 1.0)], &[m(100.0, 1.0), m(100.0, 1.0)]);
        assert_eq!(ratios, vec![0.5, 0.9]);
    }

    #[test]
    fn reads_which_databases_to_measure() {
        let args = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(Only::from_args(&args("")).unwrap(), Only::Both);
        assert_eq!(Only::from_args(&args("--only sqlite")).unwrap(), Only::Sqlite);
        assert_eq!(Only::from_args(&args("--only postgres")).unwrap(), Only::Postgres);
        assert!(Only::from_args(&args("--only mysql")).is_err());
        assert!(Only::from_args(&args("--only")).is_err());
    }
}
