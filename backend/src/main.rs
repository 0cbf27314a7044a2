/// mimalloc: the server allocates many small, short-lived buffers per request; it measured
/// faster than the system allocator under `cargo xtask bench`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    keep_freed_memory();
    backend::cli::main()
}

/// SQLite allocates through the C library's `malloc`, not the allocator above. glibc gives
/// memory freed at the top of a thread's heap back to the kernel once 128 KiB lie free
/// there, and SQLite's page caches then fault it in afresh on the next query: under
/// `cargo xtask bench`, once the dashboard had filled the caches, the referral list ran at
/// half speed, its time in page faults and TLB shootdowns (`perf`). Up to 64 MiB is kept.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    // SAFETY: mallopt only sets an allocator parameter; called once, before other threads.
    let set = unsafe { libc::mallopt(libc::M_TRIM_THRESHOLD, 64 << 20) };
    if set != 1 {
        eprintln!("warning: could not set the C allocator's trim threshold");
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}
