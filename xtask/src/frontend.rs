//! Builds the browser app without trunk or cargo-leptos: cargo compiles `frontend` for wasm32
//! (feature `lazy`: each stage's pages behind a leptos `#[lazy]` split point), the
//! `wasm_split_cli_support` crate splits the wasm into the first chunk and one chunk per stage
//! (plus chunks of code the stages share), `wasm-bindgen-cli-support` (same version as the
//! workspace's wasm-bindgen, kept equal by the shared Cargo.lock) writes the JavaScript glue for
//! the split main module, and npm `sass` compiles the GOV.UK Frontend styles
//! (`frontend/styles/app.scss`) with a system font stack. npm packages come from
//! `frontend/package-lock.json` (`npm ci`, run when `node_modules` is missing or stale).
//!
//! Every built asset is named by its content (`name.<16 hex digits of SHA-256>.ext`, see
//! [`hashed_name`]), so the server may let browsers keep it for a year; `index.html` (written
//! here from `frontend/index.html`) names them, and is the only file a browser revalidates.
//! Each text or wasm file has a brotli (`.br`, quality 11) and a gzip (`.gz`, best) copy next
//! to it, for the server to send by `Accept-Encoding`.
//!
//! Layout of the result (`target/site/`), served as is by the backend: `index.html`,
//! `app.<h>.css`, `pkg/frontend.<h>.js` (glue), `pkg/frontend_bg.<h>.wasm` (the first chunk),
//! `pkg/__wasm_split.<h>.js` (the chunk loader), `pkg/split_*.<h>.wasm` and `pkg/chunk_*.<h>.wasm`
//! (lazily loaded chunks), `pkg/chunks.json` (which files each split point needs), and in debug
//! builds `test/axe.min.js` (axe-core, injected by the browser tests).
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
/// The acceptance limit for what the sign-in page downloads in the release build (`index.html`,
/// the CSS, the JavaScript glue, the chunk loader and the first wasm chunk), as the server
/// sends it to browsers: brotli (every current browser asks for it). See README, "Size".
pub const MAX_FIRST_LOAD_BROTLI: u64 = 210 * 1024;
/// How the chunk loader imports the glue's `initSync`: a bare name, mapped to the glue's
/// hashed address by an import map in `index.html`. (Its own relative address would make the
/// loader's name depend on the glue's, whose content names the loader: a cycle.)
pub const GLUE_SPECIFIER: &str = "cspr-app";
/// Digits of a content hash in a file name.
pub const HASH_LEN: usize = 16;
/// The loader's name while the wasm is split and bound: as long as the final name, so that
/// patching it in the main wasm (an import's module name) keeps every length the same.
const LOADER_PLACEHOLDER: &str = "__wasm_split.________________.js";

/// The files of one build, by role (names relative to the site folder, with `/`).
#[derive(Debug, Clone)]
pub struct Built {
    pub site: PathBuf,
    pub index: String,
    pub css: String,
    pub glue: String,
    pub loader: String,
    /// The module that starts the app (a file, so the page has no inline script).
    pub boot: String,
    pub main_wasm: String,
    /// Lazily loaded chunks (`pkg/split_*`, `pkg/chunk_*`), in name order.
    pub chunks: Vec<String>,
}

impl Built {
    /// What the sign-in page downloads before it can be used.
    pub fn first_load(&self) -> Vec<&str> {
        vec![&self.index, &self.css, &self.glue, &self.loader, &self.boot, &self.main_wasm]
    }
}

/// Builds the app into `<workspace_root>/target/site/` and returns that directory.
pub fn build(workspace_root: &Path, release: bool) -> Result<PathBuf> {
    let site = workspace_root.join("target").join("site");
    build_into(workspace_root, release, &site).map(|b| b.site)
}

/// Builds the app into `site` (emptied first), prints every file's size, and in release checks
/// the first load against [`MAX_FIRST_LOAD_BROTLI`].
pub fn build_into(workspace_root: &Path, release: bool, site: &Path) -> Result<Built> {
    eprintln!("==> building the front end (wasm32{})...", if release { ", release" } else { "" });
    let frontend = workspace_root.join(PACKAGE);
    let npm = npm_packages(&frontend)?;
    ensure_wasm_target()?;
    let wasm = compile(workspace_root, release)?;

    if site.exists() {
        fs::remove_dir_all(site).with_context(|| format!("removing {}", site.display()))?;
    }
    let pkg = site.join("pkg");
    fs::create_dir_all(&pkg).with_context(|| format!("creating {}", pkg.display()))?;
    let work = workspace_root.join("target").join("site-work");
    if work.exists() {
        fs::remove_dir_all(&work).with_context(|| format!("removing {}", work.display()))?;
    }
    fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;

    eprintln!("==> splitting the wasm into chunks (wasm_split_cli_support)...");
    let raw = fs::read(&wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let split_main = work.join("frontend_split.wasm");
    let link_name = format!("./{LOADER_PLACEHOLDER}");
    let mut options = wasm_split_cli_support::Options::new(&raw);
    options.output_dir = &work;
    options.main_out_path = &split_main;
    options.main_module = GLUE_SPECIFIER;
    options.link_name = &link_name;
    let split = wasm_split_cli_support::transform(options)
        .map_err(|e| anyhow::anyhow!("{e:?}"))
        .with_context(|| format!("splitting {}", wasm.display()))?;

    eprintln!("==> generating the JavaScript glue (wasm-bindgen)...");
    Bindgen::new()
        .input_path(&split_main)
        .out_name(PACKAGE)
        .web(true)?
        .omit_default_module_path(false)
        .keep_lld_exports(true)
        .demangle(false)
        .remove_name_section(release)
        .remove_producers_section(release)
        .generate(&work)
        .with_context(|| format!("wasm-bindgen on {}", split_main.display()))?;
    if work.join("snippets").exists() {
        bail!("wasm-bindgen wrote snippets/ (inline JavaScript): name them by content before serving them");
    }

    // The chunks: stripped like the main module, named by content; the loader is told.
    let mut loader = fs::read_to_string(work.join(LOADER_PLACEHOLDER)).context("the chunk loader was not written")?;
    let mut renamed = Vec::new();
    let mut modules = split.split_modules.clone();
    modules.sort();
    for module in &modules {
        let stem = module.file_stem().and_then(|s| s.to_str()).context("a chunk's name")?.to_string();
        let bytes = fs::read(module).with_context(|| format!("reading {}", module.display()))?;
        let bytes = if release { strip_custom_sections(&bytes, &["name", "producers"])? } else { bytes };
        let name = hashed_name(&format!("{stem}.wasm"), &bytes);
        loader = replace_exactly_once(&loader, &format!("\"./{stem}.wasm\""), &format!("\"./{name}\""))
            .with_context(|| format!("the loader's reference to chunk {stem}"))?;
        write(&pkg.join(&name), &bytes)?;
        renamed.push((stem, name));
    }
    let loader_name = hashed_name("__wasm_split.js", loader.as_bytes());
    write(&pkg.join(&loader_name), loader.as_bytes())?;

    // The first chunk and the glue both name the loader.
    let main = fs::read(work.join(format!("{PACKAGE}_bg.wasm"))).context("wasm-bindgen wrote no wasm")?;
    let main = patch_same_length(&main, LOADER_PLACEHOLDER.as_bytes(), loader_name.as_bytes())
        .context("the loader's name in the main wasm")?;
    let main_name = hashed_name(&format!("{PACKAGE}_bg.wasm"), &main);
    write(&pkg.join(&main_name), &main)?;
    let glue = fs::read_to_string(work.join(format!("{PACKAGE}.js"))).context("wasm-bindgen wrote no glue")?;
    let glue = glue.replace(LOADER_PLACEHOLDER, &loader_name);
    let glue = replace_exactly_once(&glue, &format!("'{PACKAGE}_bg.wasm'"), &format!("'{main_name}'"))
        .context("the glue's default wasm address")?;
    let glue_name = hashed_name(&format!("{PACKAGE}.js"), glue.as_bytes());
    write(&pkg.join(&glue_name), glue.as_bytes())?;

    // Which files each split point needs, with their served names (for tests and preloads).
    let manifest: serde_json::Map<String, serde_json::Value> = split
        .prefetch_map
        .iter()
        .map(|(split, files)| {
            let files = files
                .iter()
                .map(|f| {
                    let served = renamed.iter().find(|(stem, _)| stem == f).map_or(f.clone(), |(_, n)| n.clone());
                    serde_json::Value::String(format!("pkg/{served}"))
                })
                .collect();
            (split.clone(), serde_json::Value::Array(files))
        })
        .collect();
    write(&pkg.join("chunks.json"), serde_json::to_string_pretty(&manifest)?.as_bytes())?;

    eprintln!("==> compiling the styles (GOV.UK Frontend, sass)...");
    let css_path = work.join("app.css");
    compile_styles(&npm, &frontend, &css_path)?;
    let css = fs::read(&css_path).context("sass wrote no CSS")?;
    let css_name = hashed_name("app.css", &css);
    write(&site.join(&css_name), &css)?;

    let template = fs::read_to_string(frontend.join("index.html")).context("reading frontend/index.html")?;
    let (glue_path, wasm_path) = (format!("/pkg/{glue_name}"), format!("/pkg/{main_name}"));
    let boot = boot_module(&glue_path, &wasm_path);
    let boot_name = hashed_name("boot.js", boot.as_bytes());
    write(&site.join(&boot_name), boot.as_bytes())?;
    let names = PageNames {
        css: format!("/{css_name}"),
        glue: glue_path,
        loader: format!("/pkg/{loader_name}"),
        boot: format!("/{boot_name}"),
        wasm: wasm_path,
    };
    write(&site.join("index.html"), index_html(&template, &names)?.as_bytes())?;
    if !release {
        let test = site.join("test");
        fs::create_dir_all(&test).with_context(|| format!("creating {}", test.display()))?;
        copy_file(&npm.modules.join("axe-core/axe.min.js"), &test.join("axe.min.js"))?;
    }
    let _ = fs::remove_dir_all(&work);

    let built = Built {
        site: site.to_path_buf(),
        index: "index.html".into(),
        css: css_name,
        glue: format!("pkg/{glue_name}"),
        loader: format!("pkg/{loader_name}"),
        boot: boot_name,
        main_wasm: format!("pkg/{main_name}"),
        chunks: renamed.into_iter().map(|(_, n)| format!("pkg/{n}")).collect(),
    };
    if let Some(unnamed) = built
        .first_load()
        .into_iter()
        .chain(built.chunks.iter().map(String::as_str))
        .find(|n| *n != built.index && !is_hashed(n))
    {
        bail!("{unnamed} is not named by its content");
    }
    eprintln!("==> compressing (brotli quality {}, gzip best)...", if release { 11 } else { 9 });
    let sizes = precompress_all(site, release)?;
    report(&built, &sizes, release)?;
    Ok(built)
}

/// The hashed addresses `index.html` names.
struct PageNames {
    css: String,
    glue: String,
    loader: String,
    boot: String,
    wasm: String,
}

/// The module that starts the app: the glue, given the first wasm chunk.
fn boot_module(glue: &str, wasm: &str) -> String {
    format!("import init from '{glue}';\ninit({{ module_or_path: '{wasm}' }});\n")
}

/// `frontend/index.html` with its `{{css}}`, `{{glue}}`, `{{loader}}`, `{{wasm}}` and
/// `{{glue_specifier}}` filled in; fails on a placeholder left over.
fn index_html(template: &str, names: &PageNames) -> Result<String> {
    let html = template
        .replace("{{css}}", &names.css)
        .replace("{{glue}}", &names.glue)
        .replace("{{loader}}", &names.loader)
        .replace("{{boot}}", &names.boot)
        .replace("{{wasm}}", &names.wasm)
        .replace("{{glue_specifier}}", GLUE_SPECIFIER);
    if let Some(at) = html.find("{{") {
        bail!("frontend/index.html has an unknown placeholder at byte {at}");
    }
    Ok(html)
}

/// `name.ext` as `name.<first 16 hex digits of the SHA-256 of bytes>.ext`.
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    match name.split_once('.') {
        Some((stem, ext)) => format!("{stem}.{}.{ext}", &hex[..HASH_LEN]),
        None => format!("{name}.{}", &hex[..HASH_LEN]),
    }
}

/// Whether a served file's name carries a content hash (as [`hashed_name`] makes).
pub fn is_hashed(name: &str) -> bool {
    name.split('.').any(|part| part.len() == HASH_LEN && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `text` with `from` replaced by `to`, which must occur exactly once.
fn replace_exactly_once(text: &str, from: &str, to: &str) -> Result<String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => bail!("expected `{from}` once, found it {n} times"),
    }
}

/// `bytes` with every `from` replaced by `to` of the same length; fails when there is none.
fn patch_same_length(bytes: &[u8], from: &[u8], to: &[u8]) -> Result<Vec<u8>> {
    if from.len() != to.len() {
        bail!("a patch must keep the length ({} bytes, not {})", from.len(), to.len());
    }
    let mut out = bytes.to_vec();
    let mut found = 0;
    let mut i = 0;
    while i + from.len() <= out.len() {
        if out[i..i + from.len()] == *from {
            out[i..i + from.len()].copy_from_slice(to);
            found += 1;
            i += from.len();
        } else {
            i += 1;
        }
    }
    if found == 0 {
        bail!("`{}` not found", String::from_utf8_lossy(from));
    }
    Ok(out)
}

/// Reads an unsigned LEB128 number at `*at`, moving past it.
fn read_leb(bytes: &[u8], at: &mut usize) -> Result<usize> {
    let mut value: u64 = 0;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at).context("a wasm number runs past the end")?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return usize::try_from(value).context("a wasm number is too large");
        }
    }
    bail!("a wasm number is too long")
}

/// A wasm module without its custom sections of these names (wasm-bindgen strips the main
/// module's; the chunks do not go through it).
pub fn strip_custom_sections(wasm: &[u8], names: &[&str]) -> Result<Vec<u8>> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        bail!("not a wasm module");
    }
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let start = at;
        let id = wasm[at];
        at += 1;
        let size = read_leb(wasm, &mut at)?;
        let end = at.checked_add(size).filter(|&e| e <= wasm.len()).context("a wasm section runs past the end")?;
        let drop = id == 0 && {
            let mut p = at;
            let len = read_leb(wasm, &mut p)?;
            let name = wasm.get(p..p + len).context("a custom section's name runs past the end")?;
            names.iter().any(|n| n.as_bytes() == name)
        };
        if !drop {
            out.extend_from_slice(&wasm[start..end]);
        }
        at = end;
    }
    Ok(out)
}

/// Raw, brotli and gzip sizes of a file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sizes {
    pub raw: u64,
    pub brotli: u64,
    pub gzip: u64,
}

/// Compressed copies (`.br`, `.gz`) next to every text or wasm file of the site; returns each
/// file's sizes by its name relative to the site.
fn precompress_all(site: &Path, release: bool) -> Result<Vec<(String, Sizes)>> {
    let mut files = Vec::new();
    collect_files(site, &mut files)?;
    files.sort();
    let mut sizes = Vec::new();
    for file in files {
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !["html", "js", "css", "wasm", "json", "svg"].contains(&ext) {
            continue;
        }
        let bytes = fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        // Debug builds (several MB of wasm, rebuilt for every test run) use a faster brotli.
        let quality = if release { 11 } else { 9 };
        let br = brotli_bytes(&bytes, quality)?;
        let gz = gzip_bytes(&bytes, flate2::Compression::best())?;
        write(&with_suffix(&file, "br"), &br)?;
        write(&with_suffix(&file, "gz"), &gz)?;
        let name = file.strip_prefix(site).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        sizes.push((name, Sizes { raw: bytes.len() as u64, brotli: br.len() as u64, gzip: gz.len() as u64 }));
    }
    Ok(sizes)
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// `bytes` compressed with brotli at `quality` (11 is the best), window 2^22.
pub fn brotli_bytes(bytes: &[u8], quality: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: quality as i32, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).context("brotli")?;
    Ok(out)
}

/// `bytes` compressed with gzip.
pub fn gzip_bytes(bytes: &[u8], level: flate2::Compression) -> Result<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), level);
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

/// Prints every built file's sizes and the first load's; in release, fails when the first load
/// is over [`MAX_FIRST_LOAD_BROTLI`].
fn report(built: &Built, sizes: &[(String, Sizes)], release: bool) -> Result<()> {
    let kb = |b: u64| format!("{:.1} KB", b as f64 / 1024.0);
    let find = |name: &str| sizes.iter().find(|(n, _)| n == name).map(|(_, s)| *s).unwrap_or_default();
    eprintln!("==> front end ready in {}", built.site.display());
    eprintln!("    {:<52} {:>10} {:>10} {:>10}", "file", "raw", "gzip", "brotli");
    for (name, s) in sizes {
        let role = if built.first_load().contains(&name.as_str()) { " (first load)" } else { "" };
        eprintln!("    {:<52} {:>10} {:>10} {:>10}{role}", name, kb(s.raw), kb(s.gzip), kb(s.brotli));
    }
    let first = built.first_load().iter().map(|n| find(n)).fold(Sizes::default(), |a, s| Sizes {
        raw: a.raw + s.raw,
        gzip: a.gzip + s.gzip,
        brotli: a.brotli + s.brotli,
    });
    let lazy = built.chunks.iter().map(|n| find(n)).fold(Sizes::default(), |a, s| Sizes {
        raw: a.raw + s.raw,
        gzip: a.gzip + s.gzip,
        brotli: a.brotli + s.brotli,
    });
    eprintln!(
        "    {} lazily loaded chunks: {} raw, {} gzip, {} brotli in all",
        built.chunks.len(),
        kb(lazy.raw),
        kb(lazy.gzip),
        kb(lazy.brotli)
    );
    eprintln!(
        "    first load (index.html, CSS, glue, loader, first wasm chunk): {} raw, {} gzip, {} brotli",
        kb(first.raw),
        kb(first.gzip),
        kb(first.brotli)
    );
    if release && first.brotli > MAX_FIRST_LOAD_BROTLI {
        bail!(
            "the release build's first load is {} brotli, over the {} KB limit",
            kb(first.brotli),
            MAX_FIRST_LOAD_BROTLI / 1024
        );
    }
    if release {
        eprintln!("    (limit: {} KB brotli for the first load)", MAX_FIRST_LOAD_BROTLI / 1024);
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
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
        .args(["build", "-p", PACKAGE, "--lib", "--features", "lazy", "--target", WASM_TARGET])
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
    fn compressed_copies_are_smaller_for_repetitive_input() {
        let bytes = vec![b'a'; 100_000];
        let gz = gzip_bytes(&bytes, flate2::Compression::best()).unwrap();
        assert!(!gz.is_empty() && gz.len() < 1_000, "{}", gz.len());
        let br = brotli_bytes(&bytes, 11).unwrap();
        assert!(!br.is_empty() && br.len() < 1_000, "{}", br.len());
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, bytes);
    }

    #[test]
    fn names_carry_the_first_16_hex_digits_of_the_contents_sha256() {
        // SHA-256 of "abc" starts ba7816bf8f01cfea.
        assert_eq!(hashed_name("frontend.js", b"abc"), "frontend.ba7816bf8f01cfea.js");
        assert_eq!(hashed_name("frontend_bg.wasm", b"abc"), "frontend_bg.ba7816bf8f01cfea.wasm");
        assert_eq!(hashed_name("__wasm_split.js", b"abc"), "__wasm_split.ba7816bf8f01cfea.js");
        assert_ne!(hashed_name("app.css", b"abc"), hashed_name("app.css", b"abd"));
        assert!(is_hashed("pkg/split_case_pages_1.ba7816bf8f01cfea.wasm"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("test/axe.min.js"));
    }

    #[test]
    fn the_loader_placeholder_is_as_long_as_a_hashed_loader_name() {
        assert_eq!(LOADER_PLACEHOLDER.len(), hashed_name("__wasm_split.js", b"x").len());
    }

    #[test]
    fn patching_keeps_lengths_and_finds_every_occurrence() {
        // A wasm import's module name is length-prefixed: the same length keeps the module valid.
        let mut module = vec![0x20u8];
        module.extend_from_slice(LOADER_PLACEHOLDER.as_bytes());
        module.extend_from_slice(b"..");
        module.extend_from_slice(LOADER_PLACEHOLDER.as_bytes());
        let to = hashed_name("__wasm_split.js", b"loader");
        let patched = patch_same_length(&module, LOADER_PLACEHOLDER.as_bytes(), to.as_bytes()).unwrap();
        assert_eq!(patched.len(), module.len());
        assert_eq!(patched[0], 0x20);
        let text = String::from_utf8_lossy(&patched[1..]).into_owned();
        assert_eq!(text, format!("{to}..{to}"));
        assert!(patch_same_length(&module, b"absent", b"other!").is_err(), "nothing to patch");
        assert!(patch_same_length(&module, LOADER_PLACEHOLDER.as_bytes(), b"short").is_err(), "length changes");
    }

    #[test]
    fn replacing_exactly_once_refuses_none_and_many() {
        assert_eq!(
            replace_exactly_once("a \"./x.wasm\" b", "\"./x.wasm\"", "\"./x.1.wasm\"").unwrap(),
            "a \"./x.1.wasm\" b"
        );
        assert!(replace_exactly_once("nothing", "x", "y").is_err());
        assert!(replace_exactly_once("x x", "x", "y").is_err());
    }

    #[test]
    fn index_html_names_every_asset_and_refuses_unknown_placeholders() {
        let names = PageNames {
            css: "/app.1.css".into(),
            glue: "/pkg/frontend.2.js".into(),
            loader: "/pkg/__wasm_split.3.js".into(),
            boot: "/boot.5.js".into(),
            wasm: "/pkg/frontend_bg.4.wasm".into(),
        };
        let html =
            index_html("{{css}} {{glue}} {{loader}} {{wasm}} \"{{glue_specifier}}\": \"{{glue}}\"", &names).unwrap();
        assert_eq!(
            html,
            "/app.1.css /pkg/frontend.2.js /pkg/__wasm_split.3.js /pkg/frontend_bg.4.wasm \"cspr-app\": \"/pkg/frontend.2.js\""
        );
        assert!(index_html("{{nope}}", &names).is_err());
        let real = include_str!("../../frontend/index.html");
        let html = index_html(real, &names).unwrap();
        for name in
            ["/app.1.css", "/pkg/frontend.2.js", "/pkg/__wasm_split.3.js", "/boot.5.js", "/pkg/frontend_bg.4.wasm"]
        {
            assert!(html.contains(name), "index.html names {name}");
        }
        // No script runs inline: the only inline script element is the import map (data).
        let inline = html.matches("<script").count() - html.matches("<script type=\"module\" src=").count();
        assert_eq!(inline, html.matches("<script type=\"importmap\">").count());
        assert!(boot_module("/g.js", "/w.wasm").contains("import init from '/g.js'"));
    }

    #[test]
    fn stripping_drops_only_the_named_custom_sections() {
        fn custom(name: &str, payload: &[u8]) -> Vec<u8> {
            let mut body = vec![name.len() as u8];
            body.extend_from_slice(name.as_bytes());
            body.extend_from_slice(payload);
            let mut section = vec![0u8, body.len() as u8];
            section.extend(body);
            section
        }
        let header = b"\0asm\x01\0\0\0".to_vec();
        let type_section = vec![1u8, 4, 1, 0x60, 0, 0];
        let mut module = header.clone();
        module.extend(custom("name", b"names"));
        module.extend(&type_section);
        module.extend(custom("producers", b"rustc"));
        module.extend(custom("target_features", b"+x"));
        let stripped = strip_custom_sections(&module, &["name", "producers"]).unwrap();
        let mut want = header;
        want.extend(&type_section);
        want.extend(custom("target_features", b"+x"));
        assert_eq!(stripped, want);
        assert!(strip_custom_sections(b"not wasm", &["name"]).is_err());
        let mut truncated = module.clone();
        truncated.truncate(module.len() - 1);
        assert!(strip_custom_sections(&truncated, &["name"]).is_err());
    }
}
