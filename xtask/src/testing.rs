//! `cargo xtask test`: every suite, with a loud word for each one that cannot run.
use crate::{cargo, frontend, pg};
use anyhow::{bail, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

const WASM_BINDGEN_VERSION: &str = "0.2.130";

enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

struct Report {
    rows: Vec<(&'static str, Outcome)>,
}

impl Report {
    fn add(&mut self, name: &'static str, outcome: Outcome) {
        match &outcome {
            Outcome::Passed => eprintln!("==> suite `{name}`: passed"),
            Outcome::Failed(why) => eprintln!("==> suite `{name}`: FAILED: {why}"),
            Outcome::Skipped(why) => {
                eprintln!("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
                eprintln!("!!! SUITE `{name}` DID NOT RUN: {why}");
                eprintln!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
            }
        }
        self.rows.push((name, outcome));
    }
}

fn outcome(r: Result<()>) -> Outcome {
    match r {
        Ok(()) => Outcome::Passed,
        Err(e) => Outcome::Failed(format!("{e:#}")),
    }
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

/// Chromium and ChromeDriver: from the environment, or Debian's paths, or PATH.
pub fn browser() -> Result<(PathBuf, PathBuf), String> {
    let chrome = std::env::var_os("CHROME")
        .map(PathBuf::from)
        .or_else(|| ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|n| which(n)));
    let driver = std::env::var_os("CHROMEDRIVER").map(PathBuf::from).or_else(|| which("chromedriver"));
    match (chrome, driver) {
        (Some(c), Some(d)) => Ok((c, d)),
        _ => Err("chromium and chromedriver are needed: `apt-get install chromium chromium-driver` \
                  (or set CHROME and CHROMEDRIVER)"
            .into()),
    }
}

fn test_env_dir(root: &Path) -> PathBuf {
    let d = root.join("target/test-run");
    let _ = std::fs::remove_dir_all(&d);
    let _ = std::fs::create_dir_all(&d);
    d
}

fn cargo_test(root: &Path, args: &[&str], env: &[(&str, String)]) -> Result<()> {
    let mut cmd = cargo();
    cmd.current_dir(root).arg("test").args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    crate::status(&mut cmd)
}

/// `wasm-bindgen-test-runner` at the workspace's wasm-bindgen version, installed if missing.
fn wasm_test_runner(root: &Path) -> Result<PathBuf> {
    let right_version = |p: &Path| {
        Command::new(p)
            .arg("--version")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).contains(WASM_BINDGEN_VERSION))
            .unwrap_or(false)
    };
    if let Some(on_path) = which("wasm-bindgen-test-runner").filter(|p| right_version(p)) {
        return Ok(on_path);
    }
    let tools = root.join("target/tools");
    let runner = tools.join("bin/wasm-bindgen-test-runner");
    if !right_version(&runner) {
        eprintln!("==> installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} into target/tools (a few minutes, once)...");
        crate::status(
            cargo().args(["install", "wasm-bindgen-cli", "--version", WASM_BINDGEN_VERSION, "--root"]).arg(&tools),
        )?;
    }
    Ok(runner)
}

/// Whether PostgreSQL's initdb and pg_ctl are here (`pg_config --bindir`).
fn pg_server_binaries() -> Result<(), String> {
    let out = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .map_err(|e| format!("pg_config cannot run ({e}): apt-get install postgresql"))?;
    let bin = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if bin.join("initdb").is_file() && bin.join("pg_ctl").is_file() {
        Ok(())
    } else {
        Err(format!("no initdb and pg_ctl in {}: apt-get install postgresql", bin.display()))
    }
}

pub fn run_all(root: &Path, require_all: bool) -> Result<()> {
    let mut report = Report { rows: Vec::new() };
    let dir = test_env_dir(root);

    eprintln!("==> unit tests (shared, backend, xtask)");
    report.add("unit", outcome(cargo_test(root, &["--workspace", "--exclude", "frontend", "--exclude", "tests"], &[])));

    // With the API suite: the server killed with SIGKILL under writes (`crash`), and a backup's
    // round trip (`backup`), each a process of its own on the run's database.
    eprintln!("==> API suite (with crash safety and backup) on SQLite");
    let sqlite_url = format!("sqlite://{}", dir.join("api.db").display());
    report.add(
        "api-sqlite",
        outcome(cargo_test(
            root,
            &["-p", "tests", "--test", "api", "--test", "crash", "--test", "backup"],
            &[("CSPR_TEST_DATABASE_URL", sqlite_url)],
        )),
    );

    eprintln!("==> API suite and schema parity on PostgreSQL");
    match pg::available() {
        Err(why) => report.add(
            "api-postgres",
            Outcome::Skipped(format!(
                "no PostgreSQL server at {} ({why}); start one, or set CSPR_TEST_POSTGRES_URL",
                pg::server_url()
            )),
        ),
        Ok(()) => {
            let r = pg::TempDatabase::create("test").and_then(|db| {
                cargo_test(
                    root,
                    &["-p", "tests", "--test", "api", "--test", "schema_parity", "--test", "crash", "--test", "backup"],
                    &[("CSPR_TEST_DATABASE_URL", db.url.clone())],
                )
            });
            report.add("api-postgres", outcome(r));
        }
    }

    // The whole spec fuzzed as four roles (schemathesis): no 5xx, answers as documented.
    eprintln!("==> schemathesis over the OpenAPI spec");
    match crate::fuzz::schemathesis() {
        Err(why) => report.add("schemathesis", Outcome::Skipped(why)),
        Ok(st) => report.add("schemathesis", outcome(crate::fuzz::run(root, &st, &dir))),
    }

    // PostgreSQL stopped and started under load: a private cluster of its own (initdb), so
    // it needs the server binaries, not only a server to talk to.
    eprintln!("==> PostgreSQL restart under load (a private cluster)");
    match pg_server_binaries() {
        Err(why) => report.add("restart-postgres", Outcome::Skipped(why)),
        Ok(()) => report.add(
            "restart-postgres",
            outcome(cargo_test(root, &["-p", "tests", "--test", "restart", "--", "--nocapture"], &[])),
        ),
    }

    let browser = browser();
    eprintln!("==> front-end tests (wasm32, in headless Chromium)");
    match &browser {
        Err(why) => report.add("frontend-wasm", Outcome::Skipped(why.clone())),
        Ok((_, driver)) => {
            let r = wasm_test_runner(root).and_then(|runner| {
                let mut cmd = cargo();
                cmd.current_dir(root)
                    .args(["test", "-p", "frontend", "--target", frontend::WASM_TARGET])
                    .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner)
                    .env("CHROMEDRIVER", driver)
                    .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
                crate::status(&mut cmd)
            });
            report.add("frontend-wasm", outcome(r));
        }
    }

    // The browser suite runs on both databases: the journeys end to end on SQLite, then on
    // PostgreSQL (a database of its own for the run). One journey at a time: two browsers at
    // once on two cores only slow each other down.
    eprintln!("==> browser suite (headless Chromium) on SQLite");
    let built = match &browser {
        Err(why) => Err(why.clone()),
        Ok(_) => frontend::build(root, false).map(drop).map_err(|e| format!("{e:#}")),
    };
    let browser_run = |url: String| -> Result<()> {
        let (chrome, driver) = browser.as_ref().map_err(|why| anyhow::anyhow!("{why}"))?;
        cargo_test(
            root,
            &["-p", "tests", "--test", "browser", "--", "--test-threads=1"],
            &[
                ("CSPR_TEST_DATABASE_URL", url),
                ("CHROME", chrome.display().to_string()),
                ("CHROMEDRIVER", driver.display().to_string()),
            ],
        )
    };
    match &built {
        Err(why) if browser.is_err() => report.add("browser-sqlite", Outcome::Skipped(why.clone())),
        Err(why) => report.add("browser-sqlite", Outcome::Failed(why.clone())),
        Ok(()) => {
            let url = format!("sqlite://{}", dir.join("browser.db").display());
            report.add("browser-sqlite", outcome(browser_run(url)));
        }
    }
    eprintln!("==> browser suite (headless Chromium) on PostgreSQL");
    match (&built, pg::available()) {
        (Err(why), _) if browser.is_err() => report.add("browser-postgres", Outcome::Skipped(why.clone())),
        (Err(why), _) => report.add("browser-postgres", Outcome::Failed(why.clone())),
        (Ok(()), Err(why)) => report.add(
            "browser-postgres",
            Outcome::Skipped(format!(
                "no PostgreSQL server at {} ({why}); start one, or set CSPR_TEST_POSTGRES_URL",
                pg::server_url()
            )),
        ),
        (Ok(()), Ok(())) => {
            let r = pg::TempDatabase::create("browser").and_then(|db| browser_run(db.url.clone()));
            report.add("browser-postgres", outcome(r));
        }
    }

    // The delivery suite measures what people get: the release build of the app, in a folder
    // of its own (`target/site` keeps the debug build the journeys use).
    eprintln!("==> delivery suite (release front end, headless Chromium) on SQLite and PostgreSQL");
    let release_site = root.join("target/site-release");
    let release_built = match &browser {
        Err(why) => Err(why.clone()),
        Ok(_) => frontend::build_into(root, true, &release_site).map(drop).map_err(|e| format!("{e:#}")),
    };
    let delivery_run = |url: String| -> Result<()> {
        let (chrome, driver) = browser.as_ref().map_err(|why| anyhow::anyhow!("{why}"))?;
        cargo_test(
            root,
            &["-p", "tests", "--test", "delivery", "--", "--test-threads=1"],
            &[
                ("CSPR_TEST_DATABASE_URL", url),
                ("CSPR_TEST_SITE_DIR", release_site.display().to_string()),
                ("CHROME", chrome.display().to_string()),
                ("CHROMEDRIVER", driver.display().to_string()),
            ],
        )
    };
    match &release_built {
        Err(why) if browser.is_err() => report.add("delivery-sqlite", Outcome::Skipped(why.clone())),
        Err(why) => report.add("delivery-sqlite", Outcome::Failed(why.clone())),
        Ok(()) => {
            let url = format!("sqlite://{}", dir.join("delivery.db").display());
            report.add("delivery-sqlite", outcome(delivery_run(url)));
        }
    }
    match (&release_built, pg::available()) {
        (Err(why), _) if browser.is_err() => report.add("delivery-postgres", Outcome::Skipped(why.clone())),
        (Err(why), _) => report.add("delivery-postgres", Outcome::Failed(why.clone())),
        (Ok(()), Err(why)) => report.add(
            "delivery-postgres",
            Outcome::Skipped(format!(
                "no PostgreSQL server at {} ({why}); start one, or set CSPR_TEST_POSTGRES_URL",
                pg::server_url()
            )),
        ),
        (Ok(()), Ok(())) => {
            let r = pg::TempDatabase::create("delivery").and_then(|db| delivery_run(db.url.clone()));
            report.add("delivery-postgres", outcome(r));
        }
    }

    eprintln!("\n==> summary");
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for (name, o) in &report.rows {
        let word = match o {
            Outcome::Passed => {
                passed += 1;
                "passed".to_string()
            }
            Outcome::Failed(_) => {
                failed += 1;
                "FAILED".to_string()
            }
            Outcome::Skipped(why) => {
                skipped += 1;
                format!("DID NOT RUN ({why})")
            }
        };
        eprintln!("    {name:<18} {word}");
    }
    println!("suites: {passed} passed, {failed} failed, {skipped} skipped");
    if failed > 0 {
        bail!("{failed} suite(s) failed");
    }
    if skipped > 0 {
        if require_all {
            bail!("{skipped} suite(s) could not run and --require-all was given");
        }
        eprintln!("warning: {skipped} suite(s) did not run: see above for how to get what they need");
    }
    Ok(())
}
