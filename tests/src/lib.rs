//! Test harness shared by the suites: a real server on a loopback port over a real
//! database (SQLite by default, PostgreSQL when `CSPR_TEST_DATABASE_URL` names one),
//! seeded with the demo data, and a small blocking HTTP client.
pub mod chrome;
pub mod process;
pub mod smtp;

use backend::config::{Config, Mail, Throttle};
use backend::db::Pool;
use serde_json::Value;
use std::collections::HashMap;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

pub const DEMO_PASSWORD: &str = backend::demo::DEFAULT_PASSWORD;
/// The JWT secret of test servers, so that tests can forge tokens.
pub const TEST_SECRET: &str = "test-secret-test-secret-test-secret-0123";

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

/// Where the browser saves downloads: `target/downloads/<pid>` (made when asked for).
pub fn downloads_dir() -> PathBuf {
    let dir = workspace_root().join("target/downloads").join(std::process::id().to_string());
    std::fs::create_dir_all(&dir).expect("downloads dir");
    dir
}

/// The database of this run: `CSPR_TEST_DATABASE_URL`, or a new SQLite file.
pub fn database_url() -> String {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| match std::env::var("CSPR_TEST_DATABASE_URL") {
        Ok(u) if !u.is_empty() => u,
        _ => {
            let dir = std::env::temp_dir().join(format!("cspr-test-{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("temp dir");
            let file = dir.join("test.db");
            let _ = std::fs::remove_file(&file);
            format!("sqlite://{}", file.display())
        }
    })
    .clone()
}

pub fn is_postgres() -> bool {
    database_url().starts_with("postgres")
}

pub struct TestServer {
    pub base: String,
    pub pool: Pool,
}

/// The role test servers connect as on PostgreSQL: not the owner of the tables, not a
/// superuser, so that row-level security holds for everything a suite does through the API.
pub const RUNTIME_ROLE: &str = "cspr_test_runtime";

/// On PostgreSQL, the URL of the run's database as [`RUNTIME_ROLE`] (made if missing); the
/// owner's URL (`database_url()`) migrates.
pub fn runtime_database_url() -> String {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let owner = database_url();
        if !owner.starts_with("postgres") {
            return owner;
        }
        use diesel::{Connection, RunQueryDsl};
        let mut conn = diesel::pg::PgConnection::establish(&owner).expect("connect as the owner");
        let made = diesel::sql_query(format!(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{RUNTIME_ROLE}') \
             THEN CREATE ROLE {RUNTIME_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$"
        ))
        .execute(&mut conn);
        if let Err(e) = made {
            // another test process made it at the same moment
            assert!(e.to_string().contains("already exists"), "cannot make the runtime role: {e}");
        }
        let mut url = url::Url::parse(&owner).expect("database URL");
        url.set_username(RUNTIME_ROLE).expect("user name");
        url.set_password(None).expect("no password");
        url.to_string()
    })
    .clone()
}

pub fn config(throttle: Throttle) -> Config {
    let postgres = is_postgres();
    Config {
        bind: "127.0.0.1:0".into(),
        data_dir: std::env::temp_dir(),
        database_url: runtime_database_url(),
        migration_database_url: postgres.then(database_url),
        jwt_secret: TEST_SECRET.as_bytes().to_vec(),
        site_dir: workspace_root().join("target/site"),
        throttle,
        sessions: Default::default(),
        // Tests stand in for clients at other addresses with `X-Forwarded-For`.
        exposure: backend::config::Exposure {
            hsts: false,
            api_docs: true,
            trusted_proxies: backend::net::Network::parse_list("127.0.0.1, ::1").expect("loopback"),
        },
        pool_size: 8,
        workers: 2,
        mail: Mail::default(),
        sqlite_synchronous: Default::default(),
        // The round runs through `POST …/actions/reminders`, when a test says.
        action_reminders: false,
    }
}

/// The SMTP sink of this test binary (started once).
pub fn mail_sink() -> &'static smtp::SmtpSink {
    static SINK: OnceLock<smtp::SmtpSink> = OnceLock::new();
    SINK.get_or_init(smtp::SmtpSink::start)
}

/// Mail settings that send to [`mail_sink`], quickly: a poll every 100 ms, three tries,
/// 200 ms after the first failure.
pub fn mail_to_sink() -> Mail {
    Mail {
        smtp_url: Some(mail_sink().url()),
        from: "CSPR Hub <no-reply@cspr.test>".into(),
        max_attempts: 3,
        retry_after: std::time::Duration::from_millis(200),
        poll: std::time::Duration::from_millis(100),
        ..Mail::default()
    }
}

/// Throttling that never slows a suite down (the throttling tests set their own).
pub fn lenient() -> Throttle {
    Throttle { account_free_failures: 1_000_000, address_free_failures: 1_000_000, ..Throttle::default() }
}

/// Starts a server with these settings in a thread of its own.
pub fn start(mut config: Config) -> TestServer {
    // The server's log, when asked for (`CSPR_LOG=warn`, say): never personal data.
    if std::env::var("CSPR_LOG").is_ok() {
        backend::telemetry::init();
    }
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    if config.mail.public_url.is_empty() {
        config.mail.public_url = base.clone();
    }
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let state = match backend::server::build_state(config).await {
                Ok(s) => s,
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            };
            // The suites' own queries (setting things up, checking the audit trail) go through
            // the owner on PostgreSQL, the server's through the runtime role.
            let pool = match &state.config.migration_database_url {
                Some(owner) => match backend::db::connect(owner, 4) {
                    Ok(p) => p,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                },
                None => state.pool.clone(),
            };
            match backend::server::run(state, listener) {
                Ok(server) => {
                    let _ = tx.send(Ok(pool));
                    let _ = server.await;
                }
                Err(e) => {
                    let _ = tx.send(Err(e.to_string()));
                }
            }
        });
    });
    let pool = rx.recv().expect("server thread").unwrap_or_else(|e| panic!("the test server did not start: {e}"));
    TestServer { base, pool }
}

/// The shared server of this test binary, with the demo data loaded once.
pub fn server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(|| {
        let mut config = config(lenient());
        config.mail = mail_to_sink();
        let s = start(config);
        let mut conn = s.pool.get().expect("connection");
        if backend::demo::is_empty(&mut conn).expect("count tenants") {
            backend::demo::seed(&mut conn, DEMO_PASSWORD).expect("demo data");
        }
        s
    })
}

/// A blocking HTTP client for one server.
pub struct Api {
    pub base: String,
    pub http: reqwest::blocking::Client,
}

pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl std::fmt::Debug for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status, self.body)
    }
}

impl Api {
    pub fn new(base: &str) -> Api {
        Api { base: base.to_string(), http: reqwest::blocking::Client::builder().build().expect("client") }
    }

    pub fn shared() -> Api {
        Api::new(&server().base)
    }

    pub fn send(&self, method: &str, path: &str, token: Option<&str>, body: Option<&Value>) -> Reply {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        Self::reply(req.send().expect("request"))
    }

    /// [`Api::send`] with headers of the test's own (`If-Match`, say).
    pub fn send_with(&self, method: &str, path: &str, token: &str, body: &Value, headers: &[(&str, &str)]) -> Reply {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.http.request(method, format!("{}{}", self.base, path)).bearer_auth(token).json(body);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        Self::reply(req.send().expect("request"))
    }

    pub fn send_raw(&self, method: &str, path: &str, token: Option<&str>, content_type: &str, body: Vec<u8>) -> Reply {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req =
            self.http.request(method, format!("{}{}", self.base, path)).header("content-type", content_type).body(body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        Self::reply(req.send().expect("request"))
    }

    fn reply(res: reqwest::blocking::Response) -> Reply {
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Reply { status, headers, body }
    }

    pub fn get(&self, path: &str, token: &str) -> Reply {
        self.send("GET", path, Some(token), None)
    }

    pub fn post(&self, path: &str, token: &str, body: &Value) -> Reply {
        self.send("POST", path, Some(token), Some(body))
    }

    pub fn put(&self, path: &str, token: &str, body: &Value) -> Reply {
        self.send("PUT", path, Some(token), Some(body))
    }

    pub fn login_reply(&self, tenant: &str, email: &str, password: &str) -> Reply {
        self.send(
            "POST",
            "/api/v1/auth/login",
            None,
            Some(&serde_json::json!({"tenant": tenant, "email": email, "password": password})),
        )
    }
}

/// Access and refresh tokens of a fresh sign-in to the shared server.
pub fn sign_in(tenant: &str, email: &str) -> (String, String) {
    let r = Api::shared().login_reply(tenant, email, DEMO_PASSWORD);
    assert_eq!(r.status, 200, "sign-in of {email} to {tenant}: {r:?}");
    (r.body["access_token"].as_str().unwrap().to_string(), r.body["refresh_token"].as_str().unwrap().to_string())
}

type TokenCache = Mutex<HashMap<(String, String), String>>;

fn token_cache() -> &'static TokenCache {
    static CACHE: OnceLock<TokenCache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Forgets every cached token: after a journey signed demo people out in the browser (a
/// sign-out ends every session of the person, the cached ones too).
pub fn forget_tokens() {
    token_cache().lock().unwrap().clear();
}

/// An access token for a demo person, signed in once per test binary (until
/// [`forget_tokens`]).
pub fn token(tenant: &str, email: &str) -> String {
    let cache = token_cache();
    if let Some(t) = cache.lock().unwrap().get(&(tenant.to_string(), email.to_string())) {
        return t.clone();
    }
    let t = sign_in(tenant, email).0;
    cache.lock().unwrap().insert((tenant.to_string(), email.to_string()), t.clone());
    t
}

/// The demo person of `word` (referrer, author, reviewer, scrutineer, lead, office, manager)
/// in `tenant`.
pub fn demo_token(tenant: &str, word: &str) -> String {
    token(tenant, &format!("{word}@{tenant}.example"))
}

/// Creates a person with roles in a tenant, straight in the database; answers their e-mail.
pub fn create_person(tenant: &str, roles: &[shared::Role]) -> String {
    use backend::store::directory;
    let s = server();
    let mut conn = s.pool.get().expect("connection");
    let t = directory::tenant_by_slug(&mut conn, tenant).unwrap().expect("tenant");
    let email = format!("person-{}@{tenant}.example", uuid::Uuid::new_v4().simple());
    static HASH: OnceLock<String> = OnceLock::new();
    let hash = HASH.get_or_init(|| backend::auth::password::hash(DEMO_PASSWORD).unwrap());
    let user = directory::create_user(&mut conn, &email, "Test Person", hash).unwrap();
    directory::grant(&mut conn, &t.id, &user.id, None, roles).unwrap();
    email
}

/// Creates a person with roles in a tenant and in its agency whose name ends with `agency`
/// (e.g. "Schools", the demo referrer's and manager's); answers their e-mail.
pub fn create_person_in(tenant: &str, roles: &[shared::Role], agency: &str) -> String {
    use backend::store::directory;
    let email = create_person(tenant, &[]);
    let mut conn = server().pool.get().expect("connection");
    let t = directory::tenant_by_slug(&mut conn, tenant).unwrap().expect("tenant");
    let agency = directory::agencies_of(&mut conn, &t.id).unwrap().into_iter().find(|a| a.name.ends_with(agency));
    let user = directory::user_by_email(&mut conn, &email).unwrap().expect("person");
    directory::grant(&mut conn, &t.id, &user.id, Some(agency.expect("agency").id), roles).unwrap();
    email
}

/// A new referrer of the demo Schools agency (whose demo manager signs off): their token.
pub fn new_referrer(tenant: &str) -> String {
    token(tenant, &create_person_in(tenant, &[shared::Role::Referrer], "Schools"))
}

/// Sends the (complete) referral `id` to the demo manager of the referrer's agency, who signs
/// it off: it reaches the business office. Answers the first reply that is not 200, or the
/// sign-off's.
pub fn submit_referral(tenant: &str, referrer: &str, id: &str) -> Reply {
    let api = Api::shared();
    let manager = person_id(&format!("manager@{tenant}.example"));
    let url = format!("/api/v1/t/{tenant}/referrals/{id}");
    let sent = api.post(&format!("{url}/send-for-sign-off"), referrer, &serde_json::json!({ "manager_id": manager }));
    if sent.status != 200 {
        return sent;
    }
    api.post(&format!("{url}/sign-off"), &demo_token(tenant, "manager"), &serde_json::json!({}))
}

/// The id of the person with this e-mail address.
pub fn person_id(email: &str) -> String {
    let mut conn = server().pool.get().expect("connection");
    backend::store::directory::user_by_email(&mut conn, email).unwrap().expect("person").id.to_string()
}

/// A complete referral form as JSON.
pub fn complete_form(child: &str) -> Value {
    serde_json::to_value(backend::demo::example_form("Testville", child)).unwrap()
}

/// A complete Serious Incident Notification as JSON, the local authority aware on `aware`.
pub fn notification(child: &str, aware: &str) -> Value {
    serde_json::json!({
        "criteria": {"abuse_or_neglect": true, "died_or_seriously_harmed": true},
        "decided_by": {"name": "D", "designation": "Director of Children's Services"},
        "incident_date": aware,
        "incident_place": "Testville",
        "la_aware_on": aware,
        "children": [{"name": child, "date_of_birth": "2020-01-01"}],
        "notifier": {"name": "N", "agency": "Council", "designation": "Head of service", "contact_details": "01632 960000"}
    })
}

/// The id of the agency of `tenant` whose name ends with `suffix` (e.g. "Police").
pub fn agency_id(tenant: &str, suffix: &str) -> String {
    let r = Api::shared().get(&format!("/api/v1/t/{tenant}/agencies"), &demo_token(tenant, "office"));
    assert_eq!(r.status, 200, "{r:?}");
    r.body.as_array().unwrap().iter().find(|a| a["name"].as_str().unwrap().ends_with(suffix)).expect("agency")["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Opens a case in `tenant` (the office) and asks the police for information; answers the
/// case id and the request id.
pub fn open_case(tenant: &str, aware: &str) -> (String, String) {
    open_case_with(tenant, aware, &notification("Case Child", aware))
}

/// [`open_case`] with a notification of the test's own.
pub fn open_case_with(tenant: &str, aware: &str, notification: &Value) -> (String, String) {
    let api = Api::shared();
    let office = demo_token(tenant, "office");
    let r = api.post(&format!("/api/v1/t/{tenant}/cases"), &office, notification);
    assert_eq!(r.status, 201, "{r:?}");
    let case = r.body["id"].as_str().unwrap().to_string();
    let police = agency_id(tenant, "Police");
    let r = api.post(
        &format!("/api/v1/t/{tenant}/cases/{case}/information-requests"),
        &office,
        &serde_json::json!({"agency_ids": [police], "sent_on": aware}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let request = r.body["requests"][0]["id"].as_str().unwrap().to_string();
    (case, request)
}

/// A new partnership (slug from `prefix`) and a token of its business office.
pub fn office_of_new_partnership(prefix: &str) -> (String, String) {
    let slug = format!("{prefix}-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    {
        let mut conn = server().pool.get().expect("connection");
        let region = shared::region::Region::EnglandAndWales;
        let t = backend::store::directory::create_tenant(&mut conn, &slug, "Test Partnership", region).unwrap();
        // Signed in with a password alone, like the demo's.
        let off = shared::auth::SecondFactorRule::Off;
        backend::store::directory::set_second_factor_rule(&mut conn, &t.id, off).unwrap();
    }
    let office = token(&slug, &create_person(&slug, &[shared::Role::BusinessOffice]));
    (slug, office)
}

/// A case of `tenant` decided for a local CSPR on 12 October 2026 (aware 1 October; the
/// police asked and not yet answered): its id.
pub fn local_cspr(tenant: &str) -> String {
    local_cspr_of(tenant, &notification("Case Child", "2026-10-01"))
}

/// Records the Rapid Review meeting of `case` (its three core members, the police answering at
/// the meeting) held on `held_on`, recommending `recommendation`, as the demo office.
pub fn hold_meeting(tenant: &str, case: &str, held_on: &str, recommendation: &str) {
    let meeting = serde_json::json!({
        "held_on": held_on,
        "members": [
            {"role": "designated_doctor", "name": "Dr A", "designation": "Designated Doctor"},
            {"role": "police_child_protection", "name": "DI B", "designation": "Head of CP Team"},
            {"role": "childrens_services_manager", "name": "C", "designation": "Service Manager"}
        ],
        "facts": "F", "immediate_safety_actions": "S", "immediate_learning": "L",
        "possible_improvements": "I", "recommendation": recommendation, "rationale": "R",
        "outstanding_reason": "The police answer at the meeting."
    });
    let path = format!("/api/v1/t/{tenant}/cases/{case}/meeting");
    let r = Api::shared().put(&path, &demo_token(tenant, "office"), &meeting);
    assert_eq!(r.status, 200, "{r:?}");
}

/// [`local_cspr`] of a notification of the test's own (the local authority aware on 1 October
/// 2026).
pub fn local_cspr_of(tenant: &str, notification: &Value) -> String {
    let api = Api::shared();
    let (case, _) = open_case_with(tenant, "2026-10-01", notification);
    let base = format!("/api/v1/t/{tenant}/cases/{case}");
    hold_meeting(tenant, &case, "2026-10-09", "local_cspr");
    let decision =
        serde_json::json!({"outcome": "local_cspr", "rationale": "Criteria met", "decided_on": "2026-10-12"});
    let r = api.put(&format!("{base}/decision"), &demo_token(tenant, "lead"), &decision);
    assert_eq!(r.status, 200, "{r:?}");
    case
}

/// A local CSPR of `notification` as far as the overview report: commissioned (the demo
/// reviewer leads, the shared scrutineer), its review group set and terms agreed, and the
/// police's chronology submitted by the demo author (signed off by a new police manager),
/// with `entries` (date, event) in it. Answers the case id.
pub fn review_with_a_report(tenant: &str, notification: &Value, entries: &[(&str, &str)]) -> String {
    use serde_json::json;
    let api = Api::shared();
    let office = demo_token(tenant, "office");
    let reviewer = demo_token(tenant, "reviewer");
    let case = local_cspr_of(tenant, notification);
    let base = format!("/api/v1/t/{tenant}/cases/{case}");
    let commission = json!({
        "lead_reviewer_id": person_id(&format!("reviewer@{tenant}.example")),
        "scrutineer_id": person_id("scrutineer@independent.example"),
        "commissioned_on": "2026-10-13"
    });
    let ok = |r: Reply| assert!(r.status == 200, "{r:?}");
    ok(api.put(&format!("{base}/cspr/commission"), &office, &commission));
    let names = ["Police", "Integrated Care Board", "Council Children's Services", "Schools", "Probation Service"];
    let members: Vec<Value> = names
        .iter()
        .zip([true, true, true, true, false])
        .map(|(agency, involved)| {
            json!({"name": format!("Member of {agency}"), "agency_id": agency_id(tenant, agency), "designation": "Lead", "involved": involved})
        })
        .collect();
    ok(api.put(&format!("{base}/review-group"), &office, &json!({ "members": members })));
    ok(api.post(
        &format!("{base}/cspr/terms"),
        &reviewer,
        &json!({"text": "Scope", "key_lines": ["Information sharing"]}),
    ));
    let today = shared::calendar::uk_date(chrono::Utc::now()).to_string();
    ok(api.post(
        &format!("{base}/cspr/terms/agreement"),
        &office,
        &json!({"version": 1, "agreed_on": today, "attendees": ["A"]}),
    ));
    let police = agency_id(tenant, "Police");
    let assign = json!({"agency_id": police, "author_id": person_id(&format!("author@{tenant}.example"))});
    ok(api.post(&format!("{base}/cspr/authors"), &office, &assign));
    let url = format!("{base}/agency-reports/{police}");
    let author = demo_token(tenant, "author");
    let manager = token(tenant, &create_person_in(tenant, &[shared::Role::AgencyManager], "Police"));
    let chronology: Vec<Value> = entries
        .iter()
        .map(|(date, event)| json!({"date": date, "time": null, "event": event, "source": "Record", "practitioner_role": "Officer", "outcome": "Done"}))
        .collect();
    let key_event = json!({
        "date": entries.first().map_or("2026-06-01", |e| e.0), "title": "Visit", "analysis": "A", "learning": "L",
        "addressed": "Ad", "outstanding_action": "O", "evidence": "E"
    });
    let revision = api.get(&url, &author).body["revision"].as_u64().unwrap_or(0);
    let body = json!({"chronology": chronology, "key_events": [key_event]});
    ok(api.put(&url, &author, &json!({"revision": revision, "body": body})));
    ok(api.post(&format!("{url}/sign-off"), &manager, &json!({})));
    ok(api.post(&format!("{url}/submit"), &author, &json!({})));
    case
}
