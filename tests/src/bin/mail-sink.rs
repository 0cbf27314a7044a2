//! `cargo xtask mail-sink [--bind ADDR]`: a local SMTP sink for development. Set
//! `CSPR_SMTP_URL=smtp://ADDR` for the server; each message received is printed (its
//! recipients and subject, not its body) and kept in memory only.
fn main() {
    let mut bind = "127.0.0.1:2525".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bind" => match args.next() {
                Some(v) => bind = v,
                None => fail("--bind needs an address, e.g. 127.0.0.1:2525"),
            },
            "-h" | "--help" => {
                println!("usage: mail-sink [--bind ADDR]   (default 127.0.0.1:2525)");
                return;
            }
            other => fail(&format!("unknown argument `{other}`")),
        }
    }
    let sink = tests::smtp::SmtpSink::start_with(&bind, |m| {
        println!("mail to {}: {}", m.recipients.join(", "), m.subject);
    })
    .unwrap_or_else(|e| fail(&format!("cannot listen on {bind}: {e}")));
    eprintln!("SMTP sink on {}: set CSPR_SMTP_URL={} (Ctrl-C stops it)", sink.addr, sink.url());
    loop {
        std::thread::park();
    }
}

fn fail(message: &str) -> ! {
    eprintln!("mail-sink: {message}");
    std::process::exit(2);
}
