//! Project tasks. `cargo xtask run`, `cargo xtask test [--require-all]`, `cargo xtask openapi`,
//! `cargo xtask bench`, `cargo xtask build-frontend [--release]`, `cargo xtask lighthouse`,
//! `cargo xtask mail-sink [--bind ADDR]`.
mod bench;
mod frontend;
mod fuzz;
mod lighthouse;
mod load;
mod pg;
mod testing;

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

fn usage() -> &'static str {
    "usage: cargo xtask <command>\n\
     \n  run [--release]           build the front end, migrate, load demo data if empty, serve on 127.0.0.1:8080\
     \n  test [--require-all]      every suite: unit, API and browser on SQLite and PostgreSQL, wasm\
     \n  openapi                   rewrite openapi/openapi.json from the code\
     \n  bench [--only sqlite|postgres] [--instances 2]  release build; load-test key routes on SQLite and PostgreSQL\
     \n                            (--instances 2: two servers on one PostgreSQL behind haproxy)\
     \n  build-frontend [--release] build the browser app into target/site/ (release: checks the first load's size)\
     \n  fuzz                      schemathesis over the OpenAPI spec as four roles (needs `pip install schemathesis`)\
     \n  load [--minutes N]        200 people across 150 partnerships on a release server (SQLite), 5 minutes by default\
     \n  lighthouse [--runs N]     Lighthouse 12 (mobile) on the sign-in page of a release server; fails under target\
     \n  mail-sink [--bind ADDR]   a local SMTP sink (default 127.0.0.1:2525) printing each message's recipients and subject"
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(args.iter().any(|a| a == "--release")),
        Some("test") => testing::run_all(&root(), args.iter().any(|a| a == "--require-all")),
        Some("openapi") => openapi(),
        Some("bench") => bench::Only::from_args(&args[1..]).and_then(|only| {
            let instances = match args.iter().position(|a| a == "--instances") {
                Some(i) => args.get(i + 1).and_then(|n| n.parse().ok()).context("--instances takes 1 or 2")?,
                None => 1,
            };
            bench::run(&root(), only, instances)
        }),
        Some("fuzz") => fuzz::schemathesis().map_err(|why| anyhow::anyhow!(why)).and_then(|st| {
            let dir = root().join("target/fuzz");
            std::fs::create_dir_all(&dir)?;
            fuzz::run(&root(), &st, &dir)
        }),
        Some("load") => {
            let minutes = match args.iter().position(|a| a == "--minutes") {
                Some(i) => args.get(i + 1).and_then(|n| n.parse().ok()).context("--minutes takes a number"),
                None => Ok(5),
            };
            minutes.and_then(|m| load::run(&root(), m))
        }
        Some("lighthouse") => lighthouse::run(&root(), &args[1..]),
        Some("mail-sink") => mail_sink(&args[1..]),
        Some("build-frontend") => frontend::build(&root(), args.iter().any(|a| a == "--release")).map(|_| ()),
        _ => {
            eprintln!("{}", usage());
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

/// Runs a command, failing with its name when it fails.
pub fn status(cmd: &mut Command) -> Result<()> {
    let shown = format!("{cmd:?}");
    let st = cmd.status().with_context(|| format!("cannot start {shown}"))?;
    if !st.success() {
        bail!("{shown} failed ({st})");
    }
    Ok(())
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn run(release: bool) -> Result<()> {
    let root = root();
    frontend::build(&root, true)?;
    eprintln!("==> building and starting the server (migrates, loads the demo data into an empty database)...");
    let mut cmd = cargo();
    cmd.current_dir(&root).args(["run", "-p", "backend", "--bin", "cspr"]);
    if release {
        cmd.arg("--release");
    }
    cmd.args(["--", "serve", "--demo-if-empty"]);
    // A developer's server shows the API docs (off unless asked for).
    if std::env::var_os("CSPR_API_DOCS").is_none() {
        cmd.env("CSPR_API_DOCS", "on");
    }
    status(&mut cmd)
}

/// The test suites' SMTP sink, for development: `CSPR_SMTP_URL=smtp://127.0.0.1:2525`.
fn mail_sink(args: &[String]) -> Result<()> {
    status(cargo().current_dir(root()).args(["run", "-q", "-p", "tests", "--bin", "mail-sink", "--"]).args(args))
}

fn openapi() -> Result<()> {
    let root = root();
    let out = cargo()
        .current_dir(&root)
        .args(["run", "-q", "-p", "backend", "--bin", "cspr", "--", "openapi"])
        .output()
        .context("cannot run cspr openapi")?;
    if !out.status.success() {
        bail!("cspr openapi failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let path = root.join("openapi/openapi.json");
    std::fs::write(&path, &out.stdout).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
