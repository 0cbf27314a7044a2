//! The `cspr` command, built with the test crate so that suites which need the server as a
//! process of its own (killed with `kill -9`, or restarted) find it at
//! `CARGO_BIN_EXE_cspr-server`.
fn main() -> std::process::ExitCode {
    backend::cli::main()
}
