//! The `schemathesis` suite: the whole OpenAPI spec fuzzed against a real server (SQLite, the
//! demo data) as the business office, a strategic lead, an agency author and the
//! Independent Scrutineer of `northvale`: no 5xx, every status code, content type and body as
//! the spec says. Needs schemathesis (`python3 -m pip install schemathesis`).
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Examples per operation and phase for each person.
const EXAMPLES: &str = "15";
const DEMO_PASSWORD: &str = "demo-password-2026";
/// The office last: its run may take roles away from people, or disable them.
const PEOPLE: [&str; 4] = [
    "author@northvale.example",
    "scrutineer@independent.example",
    "lead@northvale.example",
    "office@northvale.example",
];
/// Signing out (it would end the token under test) and switching partnership are left out.
const LEFT_OUT: &str = "auth/logout|auth/switch";

/// The schemathesis command, if it is installed.
pub fn schemathesis() -> Result<PathBuf, String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join("st"))
        .find(|p| p.is_file())
        .ok_or_else(|| "schemathesis is needed: python3 -m pip install schemathesis".to_string())
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn sign_in(base: &str, email: &str) -> Result<String> {
    let v: Value = ureq::post(&format!("{base}/api/v1/auth/login"))
        .send_json(json!({"tenant": "northvale", "email": email, "password": DEMO_PASSWORD}))
        .with_context(|| format!("sign-in as {email}"))?
        .into_json()?;
    Ok(v["access_token"].as_str().context("no access token")?.to_string())
}

pub fn run(root: &Path, st: &Path, dir: &Path) -> Result<()> {
    crate::status(crate::cargo().current_dir(root).args(["build", "-p", "backend", "--bin", "cspr"]))?;
    let data = dir.join("schemathesis");
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let base = format!("http://127.0.0.1:{port}");
    let _server = Server(
        Command::new(root.join("target/debug/cspr"))
            .args(["serve", "--demo-if-empty"])
            .env("CSPR_BIND", format!("127.0.0.1:{port}"))
            .env("CSPR_DATABASE_URL", format!("sqlite://{}", data.join("fuzz.db").display()))
            .env("CSPR_DATA_DIR", &data)
            .env("CSPR_JWT_SECRET", "fuzz-secret-fuzz-secret-fuzz-secret-0123")
            .env("CSPR_DEMO_PASSWORD", DEMO_PASSWORD)
            .env("CSPR_LOG", "error")
            .env("CSPR_SIGNIN_FREE_FAILURES_PER_ACCOUNT", "1000000")
            .env("CSPR_SIGNIN_FREE_FAILURES_PER_ADDRESS", "1000000")
            .env("CSPR_SITE_DIR", data.join("no-site"))
            .stdout(Stdio::null())
            .spawn()
            .context("cannot start target/debug/cspr")?,
    );
    let started = Instant::now();
    while ureq::get(&format!("{base}/ready")).call().is_err() {
        if started.elapsed() > Duration::from_secs(60) {
            bail!("the server did not become ready at {base}");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    // Every partnership route is asked of `northvale`, the people's partnership.
    let config = data.join("schemathesis.toml");
    std::fs::write(&config, "[parameters]\n\"path.tenant\" = \"northvale\"\n")?;
    let spec = root.join("openapi/openapi.json");
    let mut failed = Vec::new();
    for email in PEOPLE {
        let token = sign_in(&base, email)?;
        eprintln!("==> schemathesis as {email}");
        let status = Command::new(st)
            .arg("--config-file")
            .arg(&config)
            .arg("run")
            .arg(&spec)
            .args(["-u", &base, "-H", &format!("Authorization: Bearer {token}"), "-n", EXAMPLES, "-w", "2"])
            .args([
                "-c",
                "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            ])
            .args(["--exclude-path-regex", LEFT_OUT, "--no-color"])
            .status()
            .context("cannot run schemathesis")?;
        if !status.success() {
            failed.push(email);
        }
    }
    if !failed.is_empty() {
        bail!("schemathesis found failures as {}", failed.join(", "));
    }
    Ok(())
}
