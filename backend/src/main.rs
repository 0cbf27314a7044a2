/// mimalloc: the server allocates many small, short-lived buffers per request; it measured
/// faster than the system allocator under `cargo xtask bench`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    backend::cli::main()
}
