//! Builds the browser app without trunk: cargo compiles `frontend` for wasm32,
//! `wasm-bindgen-cli-support` (same version as the workspace's wasm-bindgen, kept equal by the
//! shared Cargo.lock) writes the JavaScript glue, and npm `sass` compiles the GOV.UK Frontend
//! styles (`frontend/styles/app.scss`) with a system font stack. npm packages come from
//! `frontend/package-lock.json` (`npm ci`, run when `node_modules` is missing or stale).
//!
//! Layout of the result (`target/site/`), served as is by the backend:
//! `index.html`, `app.css`, `pkg/frontend.js`, `pkg/frontend_bg.wasm`, and in debug builds
//! `test/axe.min.js` (axe-core, injected by the browser tests).
use anyhow::{bail, Context, Result};
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use wasm_bindgen_cli_support::Bindgen;

pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The cargo profile for release builds of the app (defined in the root Cargo.toml).
pub const RELEASE_PROFILE: &str = "wasm-release";
const PACKAGE: &str = "frontend";
/// The acceptance limit for the release wasm, gzip-compressed.
pub const MAX_RELEASE_WASM_GZIP: u64 = 350 * 1024;

/// Builds the app into `<workspace_root>/target/site/` and returns that directory.
pub fn build(workspace_root: &Path, release: bool) -> Result<PathBuf> {
    let site = workspace_root.join("target").join("site");
    eprintln!("==> building the front end (wasm32{})...", if release { ", release" } else { "" });
    let frontend = workspace_root.join(PACKAGE);
    let npm = npm_packages(&frontend)?;
    ensure_wasm_target()?;
    let wasm = compile(workspace_root, release)?;

    if site.exists() {
        fs::remove_dir_all(&site).with_context(|| format!("removing {}", site.display()))?;
    }
    let pkg = site.join("pkg");
    fs::create_dir_all(&pkg).with_context(|| format!("creating {}", pkg.display()))?;

    eprintln!("==> generating the JavaScript glue (wasm-bindgen)...");
    Bindgen::new()
        .input_path(&wasm)
        .out_name(PACKAGE)
        .web(true)?
        .omit_default_module_path(false)
        .remove_name_section(release)
        .generate(&pkg)
        .with_context(|| format!("wasm-bindgen on {}", wasm.display()))?;

    copy_file(&frontend.join("index.html"), &site.join("index.html"))?;
    eprintln!("==> compiling the styles (GOV.UK Frontend, sass)...");
    compile_styles(&npm, &frontend, &site.join("app.css"))?;
    if !release {
        let test = site.join("test");
        fs::create_dir_all(&test).with_context(|| format!("creating {}", test.display()))?;
        copy_file(&npm.modules.join("axe-core/axe.min.js"), &test.join("axe.min.js"))?;
    }

    let wasm_out = pkg.join(format!("{PACKAGE}_bg.wasm"));
    let bytes = fs::read(&wasm_out).with_context(|| format!("{} was not written", wasm_out.display()))?;
    let gzip = gzip_len(&bytes)?;
    eprintln!(
        "==> front end ready in {} ({} KB of wasm, {} KB gzip)",
        site.display(),
        (bytes.len() as u64).div_ceil(1024),
        gzip.div_ceil(1024)
    );
    if release && gzip > MAX_RELEASE_WASM_GZIP {
        bail!(
            "the release wasm is {} KB gzip, over the {} KB limit",
            gzip.div_ceil(1024),
            MAX_RELEASE_WASM_GZIP / 1024
        );
    }
    Ok(site)
}

/// The size of `bytes` compressed with gzip at the default level (what a server sends).
fn gzip_len(bytes: &[u8]) -> Result<u64> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len() as u64)
}

/// Where the npm packages are.
struct Npm {
    modules: PathBuf,
}

/// Runs `npm ci` in `frontend/` when `node_modules` is missing or older than the lock file.
fn npm_packages(frontend: &Path) -> Result<Npm> {
    let modules = frontend.join("node_modules");
    let lock = frontend.join("package-lock.json");
    let installed = modules.join(".package-lock.json");
    if needs_install(&lock, &installed) {
        let npm = which("npm").context(
            "npm (Node.js 20 or newer) is needed to build the front end's styles: install it \
             (Debian/Ubuntu: `apt-get install nodejs npm`) and run the command again",
        )?;
        eprintln!("==> installing the front end's npm packages (npm ci)...");
        let status = Command::new(npm)
            .current_dir(frontend)
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"])
            .status()
            .context("running npm ci")?;
        if !status.success() {
            bail!("`npm ci` in {} failed ({status})", frontend.display());
        }
    }
    Ok(Npm { modules })
}

/// True when the installed packages are missing or older than the lock file.
fn needs_install(lock: &Path, installed: &Path) -> bool {
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(lock), modified(installed)) {
        (Some(lock), Some(installed)) => installed < lock,
        _ => true,
    }
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| p.is_file())
}

/// Compiles `frontend/styles/app.scss` with npm `sass` (pure JavaScript, run by node).
fn compile_styles(npm: &Npm, frontend: &Path, out: &Path) -> Result<()> {
    let node = which("node").context("node (Node.js 20 or newer) is needed to compile the styles")?;
    let sass = npm.modules.join("sass/sass.js");
    if !sass.is_file() {
        bail!("{} is missing: delete frontend/node_modules and build again (npm ci)", sass.display());
    }
    let status = Command::new(node)
        .current_dir(frontend)
        .arg(&sass)
        .args(["--no-source-map", "--style=compressed", "--quiet-deps", "--load-path=node_modules"])
        .arg("styles/app.scss")
        .arg(out)
        .status()
        .context("running sass")?;
    if !status.success() {
        bail!("compiling the styles failed ({status})");
    }
    Ok(())
}

/// Adds the wasm32 target through rustup when it is missing.
fn ensure_wasm_target() -> Result<()> {
    let installed = match Command::new("rustup").args(["target", "list", "--installed"]).output() {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        Ok(out) => bail!("`rustup target list --installed` failed: {}", String::from_utf8_lossy(&out.stderr).trim()),
        Err(e) => {
            // No rustup (e.g. a distribution's toolchain): let cargo say what is missing.
            eprintln!("warning: cannot run rustup ({e}); assuming {WASM_TARGET} is installed");
            return Ok(());
        }
    };
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    eprintln!("==> adding the {WASM_TARGET} target (rustup)...");
    let status =
        Command::new("rustup").args(["target", "add", WASM_TARGET]).status().context("running rustup target add")?;
    if !status.success() {
        bail!("`rustup target add {WASM_TARGET}` failed ({status})");
    }
    Ok(())
}

/// Runs cargo for the wasm32 target and returns the path of the `.wasm` it produced.
fn compile(workspace_root: &Path, release: bool) -> Result<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(workspace_root)
        .args(["build", "-p", PACKAGE, "--lib", "--target", WASM_TARGET])
        .arg("--message-format=json-render-diagnostics");
    if release {
        command.args(["--profile", RELEASE_PROFILE]);
    }
    // Compiler messages go straight to the terminal; the JSON on stdout names the artifact.
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .context("running cargo build for the front end")?;
    let stdout = child.stdout.take().context("cargo's stdout")?;
    let mut wasm = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.context("reading cargo's output")?;
        if let Some(path) = wasm_artifact(&line) {
            wasm = Some(path);
        }
    }
    let status = child.wait().context("waiting for cargo")?;
    if !status.success() {
        bail!("building the front end failed ({status})");
    }
    wasm.context("cargo did not report a .wasm file for the front end")
}

/// The `.wasm` file named by one line of cargo's JSON messages, if it is the front end's.
fn wasm_artifact(line: &str) -> Option<PathBuf> {
    let message: serde_json::Value = serde_json::from_str(line).ok()?;
    if message["reason"] != "compiler-artifact" || message["target"]["name"] != PACKAGE {
        return None;
    }
    message["filenames"].as_array()?.iter().filter_map(|f| f.as_str()).find(|f| f.ends_with(".wasm")).map(PathBuf::from)
}

fn copy_file(from: &Path, to: &Path) -> Result<()> {
    fs::copy(from, to).map(drop).with_context(|| format!("copying {} to {}", from.display(), to.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_front_ends_wasm_in_cargo_messages() {
        let artifact = r#"{"reason":"compiler-artifact","target":{"name":"frontend"},
            "filenames":["/t/wasm32-unknown-unknown/debug/libfrontend.rlib",
                         "/t/wasm32-unknown-unknown/debug/frontend.wasm"]}"#
            .replace('\n', "");
        assert_eq!(wasm_artifact(&artifact), Some(PathBuf::from("/t/wasm32-unknown-unknown/debug/frontend.wasm")));
        let other = r#"{"reason":"compiler-artifact","target":{"name":"shared"},"filenames":["/t/x.wasm"]}"#;
        assert_eq!(wasm_artifact(other), None);
        assert_eq!(wasm_artifact(r#"{"reason":"build-finished","success":true}"#), None);
        assert_eq!(wasm_artifact("not json"), None);
    }

    #[test]
    fn npm_install_runs_when_packages_are_missing_or_stale() {
        let dir = std::env::temp_dir().join(format!("xtask-npm-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let lock = dir.join("package-lock.json");
        let installed = dir.join(".package-lock.json");
        fs::write(&lock, "{}").unwrap();
        assert!(needs_install(&lock, &installed), "nothing installed yet");
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&installed, "{}").unwrap();
        assert!(!needs_install(&lock, &installed), "installed after the lock was written");
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&lock, "{ }").unwrap();
        assert!(needs_install(&lock, &installed), "lock changed since");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn gzip_len_is_smaller_for_repetitive_input() {
        let bytes = vec![b'a'; 100_000];
        let len = gzip_len(&bytes).unwrap();
        assert!(len > 0 && len < 1_000, "{len}");
    }
}
