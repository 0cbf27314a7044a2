//! `cargo xtask lighthouse [--runs N]`: Lighthouse 12 (npm, installed into
//! `target/tools/lighthouse` when missing) with its default mobile settings (simulated slow 4G,
//! a mid-range phone) on the sign-in page, served by the release server with the release app
//! over a fresh SQLite demo database on a free loopback port. Prints each run's performance,
//! LCP, accessibility, best practices and total bytes, and the spread; fails when the median run
//! misses a target (performance 0.95, LCP 2.5 s, accessibility 1.0, best practices 1.0).
//! Reports are kept in `target/lighthouse/run-N.json`.
use crate::{cargo, frontend, status};
use anyhow::{bail, Context, Result};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const LIGHTHOUSE: &str = "lighthouse@12";
pub const MIN_PERFORMANCE: f64 = 0.95;
pub const MAX_LCP_MS: f64 = 2500.0;
pub const MIN_ACCESSIBILITY: f64 = 1.0;
pub const MIN_BEST_PRACTICES: f64 = 1.0;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One run's figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub performance: f64,
    pub lcp_ms: f64,
    pub accessibility: f64,
    pub best_practices: f64,
    pub total_bytes: f64,
}

impl Scores {
    /// Reads a Lighthouse JSON report.
    pub fn from_report(report: &Value) -> Result<Scores> {
        let score = |category: &str| {
            report["categories"][category]["score"].as_f64().with_context(|| format!("no {category} score"))
        };
        let audit = |id: &str| report["audits"][id]["numericValue"].as_f64().with_context(|| format!("no {id}"));
        Ok(Scores {
            performance: score("performance")?,
            lcp_ms: audit("largest-contentful-paint")?,
            accessibility: score("accessibility")?,
            best_practices: score("best-practices")?,
            total_bytes: audit("total-byte-weight")?,
        })
    }

    /// The targets this run misses.
    pub fn misses(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.performance < MIN_PERFORMANCE {
            out.push(format!("performance {:.2} < {MIN_PERFORMANCE}", self.performance));
        }
        if self.lcp_ms > MAX_LCP_MS {
            out.push(format!("LCP {:.0} ms > {MAX_LCP_MS} ms", self.lcp_ms));
        }
        if self.accessibility < MIN_ACCESSIBILITY {
            out.push(format!("accessibility {:.2} < {MIN_ACCESSIBILITY}", self.accessibility));
        }
        if self.best_practices < MIN_BEST_PRACTICES {
            out.push(format!("best practices {:.2} < {MIN_BEST_PRACTICES}", self.best_practices));
        }
        out
    }

    fn line(&self) -> String {
        format!(
            "performance {:.2}, LCP {:.0} ms, accessibility {:.2}, best practices {:.2}, {:.1} KB in total",
            self.performance,
            self.lcp_ms,
            self.accessibility,
            self.best_practices,
            self.total_bytes / 1024.0
        )
    }
}

/// The audits that cost: every scored audit under 0.9, with its display value.
fn costly_audits(report: &Value) -> Vec<String> {
    let Some(audits) = report["audits"].as_object() else { return Vec::new() };
    let mut out: Vec<String> = audits
        .iter()
        .filter(|(_, a)| a["score"].as_f64().is_some_and(|s| s < 0.9) && a["scoreDisplayMode"] != "informative")
        .map(|(id, a)| format!("{id} ({}): {}", a["score"], a["displayValue"].as_str().unwrap_or("")))
        .collect();
    out.sort();
    out
}

/// The median of each figure (each on its own).
pub fn median(runs: &[Scores]) -> Scores {
    let mid = |f: fn(&Scores) -> f64| {
        let mut v: Vec<f64> = runs.iter().map(f).collect();
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    Scores {
        performance: mid(|s| s.performance),
        lcp_ms: mid(|s| s.lcp_ms),
        accessibility: mid(|s| s.accessibility),
        best_practices: mid(|s| s.best_practices),
        total_bytes: mid(|s| s.total_bytes),
    }
}

fn lighthouse_bin(root: &Path) -> Result<PathBuf> {
    let tools = root.join("target/tools/lighthouse");
    let bin = tools.join("node_modules/.bin/lighthouse");
    if !bin.is_file() {
        eprintln!("==> installing npm {LIGHTHOUSE} into {} (once)...", tools.display());
        std::fs::create_dir_all(&tools)?;
        status(Command::new("npm").current_dir(&tools).args([
            "install",
            "--no-audit",
            "--no-fund",
            "--no-save",
            "--prefix",
            ".",
            LIGHTHOUSE,
        ]))
        .context("npm install lighthouse (needs Node.js 20 or newer and npm)")?;
    }
    Ok(bin)
}

fn chromium() -> Result<PathBuf> {
    if let Some(c) = std::env::var_os("CHROME_PATH").or_else(|| std::env::var_os("CHROME")) {
        return Ok(PathBuf::from(c));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .context("Lighthouse needs Chromium: apt-get install chromium (or set CHROME_PATH)")
}

fn start_server(root: &Path, site: &Path, data_dir: &Path) -> Result<(Server, String)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let base = format!("http://127.0.0.1:{port}");
    let child = Command::new(root.join("target/release/cspr"))
        .args(["serve", "--demo-if-empty"])
        .env("CSPR_BIND", format!("127.0.0.1:{port}"))
        .env("CSPR_DATABASE_URL", format!("sqlite://{}", data_dir.join("cspr.db").display()))
        .env("CSPR_DATA_DIR", data_dir)
        .env("CSPR_SITE_DIR", site)
        .env("CSPR_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .context("cannot start target/release/cspr")?;
    let server = Server(child);
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(120) {
        if ureq::get(&format!("{base}/ready")).call().is_ok() {
            return Ok((server, base));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    bail!("the server did not become ready at {base}")
}

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let runs: usize = match args.iter().position(|a| a == "--runs") {
        Some(i) => args.get(i + 1).context("--runs needs a number")?.parse().context("--runs needs a number")?,
        None => 3,
    };
    if runs == 0 {
        bail!("--runs must be at least 1");
    }
    let chrome = chromium()?;
    let lighthouse = lighthouse_bin(root)?;
    let site = root.join("target/site");
    frontend::build_into(root, true, &site)?;
    eprintln!("==> building the release server");
    status(cargo().current_dir(root).args(["build", "--release", "-p", "backend", "--bin", "cspr"]))?;
    let out = root.join("target/lighthouse");
    let data = out.join("data");
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data)?;
    let (_server, base) = start_server(root, &site, &data)?;
    let url = format!("{base}/");

    let mut all = Vec::new();
    for run in 1..=runs {
        eprintln!("==> Lighthouse run {run} of {runs} on {url} (default mobile settings)");
        let report_path = out.join(format!("run-{run}.json"));
        let output = Command::new(&lighthouse)
            .env("CHROME_PATH", &chrome)
            .arg(&url)
            .args([
                "--chrome-flags=--headless=new --no-sandbox",
                "--only-categories=performance,accessibility,best-practices",
                "--output=json",
                "--quiet",
            ])
            .arg(format!("--output-path={}", report_path.display()))
            .status()
            .context("running lighthouse")?;
        if !output.success() {
            bail!("lighthouse failed ({output})");
        }
        let report: Value = serde_json::from_str(&std::fs::read_to_string(&report_path)?)
            .with_context(|| format!("reading {}", report_path.display()))?;
        let scores = Scores::from_report(&report)?;
        eprintln!("    {}", scores.line());
        for audit in costly_audits(&report) {
            eprintln!("      costs: {audit}");
        }
        all.push(scores);
    }
    let spread = |f: fn(&Scores) -> f64| {
        let v: Vec<f64> = all.iter().map(f).collect();
        (v.iter().cloned().fold(f64::INFINITY, f64::min), v.iter().cloned().fold(f64::NEG_INFINITY, f64::max))
    };
    let (p_lo, p_hi) = spread(|s| s.performance);
    let (l_lo, l_hi) = spread(|s| s.lcp_ms);
    let m = median(&all);
    println!("lighthouse median of {runs}: {}", m.line());
    println!("    spread: performance {p_lo:.2}–{p_hi:.2}, LCP {l_lo:.0}–{l_hi:.0} ms");
    let misses = m.misses();
    if !misses.is_empty() {
        bail!("Lighthouse targets missed (median of {runs}): {}", misses.join("; "));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(performance: f64, lcp: f64, accessibility: f64, best: f64) -> Value {
        serde_json::json!({
            "categories": {
                "performance": {"score": performance},
                "accessibility": {"score": accessibility},
                "best-practices": {"score": best}
            },
            "audits": {
                "largest-contentful-paint": {"numericValue": lcp, "score": 0.5, "scoreDisplayMode": "numeric", "displayValue": "x s"},
                "total-byte-weight": {"numericValue": 200000.0, "score": 1, "scoreDisplayMode": "numeric"}
            }
        })
    }

    #[test]
    fn reads_scores_and_names_the_targets_missed() {
        let good = Scores::from_report(&report(0.99, 1200.0, 1.0, 1.0)).unwrap();
        assert!(good.misses().is_empty(), "{good:?}");
        assert_eq!(good.total_bytes, 200000.0);
        let bad = Scores::from_report(&report(0.75, 7700.0, 0.98, 0.96)).unwrap();
        assert_eq!(bad.misses().len(), 4, "{:?}", bad.misses());
        assert!(Scores::from_report(&serde_json::json!({})).is_err());
        assert_eq!(costly_audits(&report(0.9, 1.0, 1.0, 1.0)), vec!["largest-contentful-paint (0.5): x s".to_string()]);
    }

    #[test]
    fn the_median_takes_each_figure_on_its_own() {
        let runs = [
            Scores { performance: 0.9, lcp_ms: 3000.0, accessibility: 1.0, best_practices: 1.0, total_bytes: 3.0 },
            Scores { performance: 1.0, lcp_ms: 1000.0, accessibility: 1.0, best_practices: 1.0, total_bytes: 1.0 },
            Scores { performance: 0.97, lcp_ms: 2000.0, accessibility: 1.0, best_practices: 0.96, total_bytes: 2.0 },
        ];
        let m = median(&runs);
        assert_eq!((m.performance, m.lcp_ms, m.best_practices, m.total_bytes), (0.97, 2000.0, 1.0, 2.0));
    }
}
