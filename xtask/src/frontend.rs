//! Builds the browser app without trunk and without downloads: cargo compiles `frontend` for
//! wasm32, `wasm-bindgen-cli-support` (same version as the workspace's wasm-bindgen, kept equal
//! by the shared Cargo.lock) writes the JavaScript glue, and the page and styles are copied
//! next to it.
//!
//! Layout of the result (`target/site/`), served as is by the backend:
//! `index.html`, `app.css` (everything under `frontend/static/`), `pkg/frontend.js`,
//! `pkg/frontend_bg.wasm`.
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

/// Builds the app into `<workspace_root>/target/site/` and returns that directory.
pub fn build(workspace_root: &Path, release: bool) -> Result<PathBuf> {
    let site = workspace_root.join("target").join("site");
    eprintln!("==> building the front end (wasm32{})...", if release { ", release" } else { "" });
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

    let frontend = workspace_root.join(PACKAGE);
    copy_file(&frontend.join("index.html"), &site.join("index.html"))?;
    copy_dir(&frontend.join("static"), &site)?;

    let wasm_out = pkg.join(format!("{PACKAGE}_bg.wasm"));
    let size = fs::metadata(&wasm_out).with_context(|| format!("{} was not written", wasm_out.display()))?.len();
    eprintln!("==> front end ready in {} ({} KB of wasm)", site.display(), size.div_ceil(1024));
    Ok(site)
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

/// Copies the contents of `from` (recursively) into `to`.
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            fs::create_dir_all(&target).with_context(|| format!("creating {}", target.display()))?;
            copy_dir(&entry.path(), &target)?;
        } else {
            copy_file(&entry.path(), &target)?;
        }
    }
    Ok(())
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
}
