//! PostgreSQL restarted under load: a private cluster (initdb into a temporary folder, its
//! own port), the server a process of its own on it, 32 clients reading the referral list
//! while the cluster is stopped and started again. While it is down the answers are 503 with
//! `Retry-After`, never 500; `/ready` says 503; within 2 seconds of its return every answer
//! is 200 again; no request takes longer than the clients' timeout.
//!
//! Needs PostgreSQL's server binaries (`pg_config --bindir`: initdb, pg_ctl); `cargo xtask
//! test` runs this suite where they are, and says loudly where they are not.
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tests::process::Launch;

const CLIENTS: usize = 32;
const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);
const RECOVERY: Duration = Duration::from_secs(2);

struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
}

impl Cluster {
    fn tool(&self, name: &str) -> Command {
        let path = self.bin.join(name);
        if self.as_postgres {
            // initdb and postgres refuse to run as root.
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    fn run(&self, mut cmd: Command, what: &str) {
        let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {what}: {e}"));
        assert!(
            out.status.success(),
            "{what} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn create() -> Cluster {
        let out = Command::new("pg_config")
            .arg("--bindir")
            .output()
            .expect("PostgreSQL's server binaries are needed (pg_config --bindir): apt-get install postgresql");
        let bin = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        assert!(bin.join("initdb").is_file(), "no initdb in {}", bin.display());
        let dir = std::env::temp_dir().join(format!("cspr-restart-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let as_postgres = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        if as_postgres {
            assert!(Command::new("chown").arg("postgres").arg(&dir).status().unwrap().success(), "chown postgres");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let c = Cluster { bin, dir, port, as_postgres };
        let mut init = c.tool("initdb");
        init.arg("-D").arg(c.data()).args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
        c.run(init, "initdb");
        c.start();
        c
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn start(&self) {
        let mut cmd = self.tool("pg_ctl");
        cmd.arg("-D").arg(self.data()).arg("-l").arg(self.dir.join("log")).args(["-w", "-t", "30", "-o"]).arg(format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            self.port,
            self.dir.display()
        ));
        cmd.arg("start");
        self.run(cmd, "pg_ctl start");
    }

    fn stop(&self) {
        let mut cmd = self.tool("pg_ctl");
        cmd.arg("-D").arg(self.data()).args(["-m", "fast", "-w", "-t", "30", "stop"]);
        self.run(cmd, "pg_ctl stop");
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let mut cmd = self.tool("pg_ctl");
        cmd.arg("-D").arg(self.data()).args(["-m", "immediate", "stop"]);
        let _ = cmd.output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// One answer: when it came (since the start), how long it took, its status (0: no answer).
#[derive(Clone, Copy, Debug)]
struct Answer {
    at: Duration,
    took: Duration,
    status: u16,
    retry_after: bool,
}

#[test]
fn a_postgresql_restart_under_load_answers_503_and_recovers_within_2_seconds() {
    let cluster = Cluster::create();
    let data_dir = cluster.dir.join("app");
    std::fs::create_dir_all(&data_dir).unwrap();
    let server = Launch::new(env!("CARGO_BIN_EXE_cspr-server"), &cluster.url(), Path::new(&data_dir)).start();
    let token = server.sign_in("northvale", "office");
    let url = format!("{}/api/v1/t/northvale/referrals?per_page=20", server.base);

    let start = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let answers: Arc<Mutex<Vec<Answer>>> = Arc::default();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (url, token, stop, answers) = (url.clone(), token.clone(), stop.clone(), answers.clone());
            std::thread::spawn(move || {
                let http = reqwest::blocking::Client::builder().timeout(CLIENT_TIMEOUT).build().unwrap();
                let mut mine = Vec::new();
                while !stop.load(Ordering::SeqCst) {
                    let sent = Instant::now();
                    let r = http.get(&url).bearer_auth(&token).send();
                    let (status, retry_after) = match &r {
                        Ok(r) => (r.status().as_u16(), r.headers().contains_key("retry-after")),
                        Err(_) => (0, false),
                    };
                    if let Ok(r) = r {
                        let _ = r.bytes();
                    }
                    mine.push(Answer { at: start.elapsed(), took: sent.elapsed(), status, retry_after });
                    if status == 503 {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
                answers.lock().unwrap().extend(mine);
            })
        })
        .collect();

    std::thread::sleep(Duration::from_secs(2));
    let down_at = start.elapsed();
    cluster.stop();
    std::thread::sleep(Duration::from_millis(500));
    let asked = Instant::now();
    let ready = reqwest::blocking::Client::new().get(format!("{}/ready", server.base)).send().unwrap();
    let ready_while_down = ready.status().as_u16();
    let ready_took = asked.elapsed();
    std::thread::sleep(Duration::from_millis(500));
    cluster.start();
    let back_at = start.elapsed();
    std::thread::sleep(Duration::from_secs(4));
    stop.store(true, Ordering::SeqCst);
    for c in clients {
        c.join().unwrap();
    }
    let ready_after = reqwest::blocking::Client::new().get(format!("{}/ready", server.base)).send().unwrap();

    let answers = answers.lock().unwrap().clone();
    let count = |f: &dyn Fn(&Answer) -> bool| answers.iter().filter(|a| f(a)).count();
    let failed = count(&|a| a.status != 200);
    let last_failure = answers.iter().filter(|a| a.status != 200).map(|a| a.at).max();
    let slowest = answers.iter().map(|a| a.took).max().unwrap_or_default();
    eprintln!(
        "{} requests; down at {:.2} s, back at {:.2} s; {failed} not 200 ({} of them 503); last at {:?}; slowest {:.0} ms",
        answers.len(),
        down_at.as_secs_f64(),
        back_at.as_secs_f64(),
        count(&|a| a.status == 503),
        last_failure.map(|t| format!("{:.2} s", t.as_secs_f64())),
        slowest.as_secs_f64() * 1000.0
    );
    let mut buckets = std::collections::BTreeMap::new();
    for a in &answers {
        let e = buckets.entry(a.at.as_millis() / 250).or_insert((0, 0));
        if a.status == 200 {
            e.0 += 1
        } else {
            e.1 += 1
        }
    }
    eprintln!("per 250 ms (200s, others): {buckets:?}");
    assert_eq!(ready_while_down, 503, "/ready while the database is down (answered after {ready_took:?})");
    assert_eq!(ready_after.status().as_u16(), 200, "/ready after the database came back");
    assert!(failed > 0, "the restart was not noticed: the test measures nothing");
    assert_eq!(count(&|a| a.status == 0), 0, "requests without an answer (timed out after {CLIENT_TIMEOUT:?})");
    assert_eq!(count(&|a| a.status == 500), 0, "500s during the restart");
    assert_eq!(count(&|a| a.status != 200 && a.status != 503), 0, "answers other than 200 and 503");
    assert_eq!(count(&|a| a.status == 503 && !a.retry_after), 0, "503 without Retry-After");
    assert!(slowest < CLIENT_TIMEOUT, "a request took {slowest:?}");
    let recovered_by = back_at + RECOVERY;
    assert!(
        last_failure.is_some_and(|t| t <= recovered_by),
        "errors went on past 2 s after the database came back (last at {last_failure:?}, back at {back_at:?})"
    );
    assert!(answers.iter().any(|a| a.at > recovered_by && a.status == 200), "no answers after the recovery");
}
