//! The server as a process of its own: started on a free loopback port with the demo data,
//! killed with SIGKILL (no shutdown, no flush) and started again on the same database.
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const SECRET: &str = "process-secret-process-secret-0123456789";

pub struct ServerProcess {
    child: Child,
    pub base: String,
}

pub struct Launch {
    pub binary: PathBuf,
    pub database_url: String,
    pub data_dir: PathBuf,
    /// Extra settings (`CSPR_…`), as pairs.
    pub env: Vec<(String, String)>,
}

impl Launch {
    pub fn new(binary: &str, database_url: &str, data_dir: &Path) -> Launch {
        Launch {
            binary: PathBuf::from(binary),
            database_url: database_url.to_string(),
            data_dir: data_dir.to_path_buf(),
            env: Vec::new(),
        }
    }

    /// Starts the server and waits (up to 60 s) until `/ready` answers 200.
    pub fn start(&self) -> ServerProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let base = format!("http://127.0.0.1:{port}");
        let mut cmd = Command::new(&self.binary);
        cmd.args(["serve", "--demo-if-empty"])
            .env("CSPR_BIND", format!("127.0.0.1:{port}"))
            .env("CSPR_DATABASE_URL", &self.database_url)
            .env("CSPR_DATA_DIR", &self.data_dir)
            .env("CSPR_JWT_SECRET", SECRET)
            .env("CSPR_DEMO_PASSWORD", crate::DEMO_PASSWORD)
            .env("CSPR_LOG", "warn")
            .env("CSPR_SIGNIN_FREE_FAILURES_PER_ACCOUNT", "1000000")
            .env("CSPR_SIGNIN_FREE_FAILURES_PER_ADDRESS", "1000000")
            .env("CSPR_SITE_DIR", self.data_dir.join("no-site"))
            .stdout(Stdio::null());
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {}: {e}", self.binary.display()));
        let mut server = ServerProcess { child, base };
        let http = reqwest::blocking::Client::builder().timeout(Duration::from_secs(2)).build().unwrap();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(60) {
            if let Some(status) = server.child.try_wait().unwrap() {
                panic!("the server process ended before it was ready ({status})");
            }
            if http.get(format!("{}/ready", server.base)).send().is_ok_and(|r| r.status().is_success()) {
                return server;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        server.kill();
        panic!("the server at {} was not ready within 60 s", server.base);
    }
}

impl ServerProcess {
    /// SIGKILL: the process gets no chance to finish anything.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// A sign-in of a demo person (`word@tenant.example`): the access token.
    pub fn sign_in(&self, tenant: &str, word: &str) -> String {
        let r =
            crate::Api::new(&self.base).login_reply(tenant, &format!("{word}@{tenant}.example"), crate::DEMO_PASSWORD);
        assert_eq!(r.status, 200, "sign-in of the demo {word} of {tenant}: {r:?}");
        r.body["access_token"].as_str().unwrap().to_string()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}
