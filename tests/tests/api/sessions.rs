//! Accounts and sessions fit for children's data: throttling a stranger cannot turn into a
//! lock-out, revocation that bites, sessions that end, refresh reuse, headers, the audit
//! trail's chain and reads, and an agency's draft kept to itself.
use backend::config::{Sessions, Throttle};
use serde_json::{json, Value};
use shared::Role;
use std::time::{Duration, Instant};
use tests::*;

/// A sign-in sent as if from `from` (the test server trusts loopback as its proxy).
fn login_from(api: &Api, from: &str, tenant: &str, email: &str, password: &str) -> Reply {
    let res = api
        .http
        .post(format!("{}/api/v1/auth/login", api.base))
        .header("x-forwarded-for", from)
        .json(&json!({"tenant": tenant, "email": email, "password": password}))
        .send()
        .expect("request");
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let body = res.json().unwrap_or(Value::Null);
    Reply { status, headers, body }
}

/// A number no other test of this run uses, for addresses.
fn unique() -> u16 {
    use std::sync::atomic::{AtomicU16, Ordering};
    static N: AtomicU16 = AtomicU16::new(1);
    N.fetch_add(1, Ordering::Relaxed) + (std::process::id() % 200) as u16
}

fn strict() -> Throttle {
    Throttle { account_free_failures: 3, address_free_failures: 1000, first_wait_secs: 60, ..Throttle::default() }
}

#[test]
fn a_stranger_cannot_lock_the_owner_out_but_is_slowed_by_network() {
    server();
    let s = start(config(strict()));
    let api = Api::new(&s.base);
    let email = create_person("northvale", &[Role::StrategicLead]);
    let n = unique();
    let attacker = format!("203.0.113.{}", n % 250);
    let mut refused = 0;
    for _ in 0..50 {
        let r = login_from(&api, &attacker, "northvale", &email, "wrong password!");
        assert!(r.status == 401 || r.status == 429, "{r:?}");
        if r.status == 429 {
            refused += 1;
            let wait: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
            assert!(wait > 0 && wait <= 60, "{wait}");
        }
    }
    assert!(refused >= 40, "the attacker is slowed: {refused} of 50 refused");
    // The owner, from elsewhere, at once: no 429.
    let owner = login_from(&api, &format!("198.51.100.{}", n % 250), "northvale", &email, DEMO_PASSWORD);
    assert_eq!(owner.status, 200, "{owner:?}");

    // IPv6 is counted by /64: fresh addresses in the same /64 are the same client.
    let net = format!("2001:db8:{n:x}:1");
    for i in 0..3 {
        assert_eq!(login_from(&api, &format!("{net}::{i}"), "northvale", &email, "wrong password!").status, 401);
    }
    let same_64 = login_from(&api, &format!("{net}:ffff:ffff:ffff:fffe"), "northvale", &email, DEMO_PASSWORD);
    assert_eq!(same_64.status, 429, "another address of the same /64: {same_64:?}");
    let other_64 = login_from(&api, &format!("2001:db8:{n:x}:2::1"), "northvale", &email, DEMO_PASSWORD);
    assert_eq!(other_64.status, 200, "another /64: {other_64:?}");
    // The client's own X-Forwarded-For is believed only from a trusted proxy: here the test
    // is the proxy, so a header naming the attacker is the attacker.
    assert_eq!(login_from(&api, &attacker, "northvale", &email, DEMO_PASSWORD).status, 429);
}

#[test]
fn password_checks_at_once_are_bounded_with_503() {
    server();
    let s = start(config(Throttle { hashing_at_once: 1, ..lenient() }));
    let email = create_person("northvale", &[Role::Reviewer]);
    let statuses: Vec<(u16, bool)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (base, email) = (s.base.clone(), email.clone());
                scope.spawn(move || {
                    let r = login_from(
                        &Api::new(&base),
                        &format!("192.0.2.{}", 10 + i),
                        "northvale",
                        &email,
                        DEMO_PASSWORD,
                    );
                    (r.status, r.headers.contains_key("retry-after") && r.body["code"] == "busy")
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(statuses.iter().any(|(s, _)| *s == 200), "{statuses:?}");
    assert!(statuses.iter().any(|(s, busy)| *s == 503 && *busy), "{statuses:?}");
    assert!(statuses.iter().all(|(s, _)| *s == 200 || *s == 503), "{statuses:?}");
}

/// Waits until the token is refused; answers how long that took.
fn refused_within(token: &str, limit: Duration) -> Duration {
    let api = Api::shared();
    let started = Instant::now();
    loop {
        let r = api.get("/api/v1/me", token);
        if r.status == 401 {
            assert_eq!(r.body["code"], "unauthenticated");
            return started.elapsed();
        }
        assert_eq!(r.status, 200, "{r:?}");
        assert!(started.elapsed() < limit, "the token still works after {limit:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn every_access_token_dies_within_5_seconds_of_sign_out_disabling_and_a_role_change() {
    let api = Api::shared();
    let office = demo_token("northvale", "office");
    let limit = Duration::from_secs(5);

    // Sign-out: the access token of that session, and of another session, both die.
    let email = create_person("northvale", &[Role::Reviewer]);
    let (a1, r1) = sign_in("northvale", &email);
    let (a2, _) = sign_in("northvale", &email);
    assert_eq!(api.get("/api/v1/t/northvale/referrals", &a1).status, 200);
    assert_eq!(api.send("POST", "/api/v1/auth/logout", None, Some(&json!({"refresh_token": r1}))).status, 204);
    let took = refused_within(&a1, limit);
    refused_within(&a2, limit);
    assert_eq!(api.get("/api/v1/t/northvale/referrals", &a1).status, 401);
    eprintln!("sign-out: refused after {took:?}");
    // Signing in again works.
    assert_eq!(api.get("/api/v1/me", &sign_in("northvale", &email).0).status, 200);

    // Disabling (by the business office).
    let email = create_person("northvale", &[Role::Reviewer]);
    let (a, r) = sign_in("northvale", &email);
    let id = person_id(&email);
    assert_eq!(api.post(&format!("/api/v1/t/northvale/people/{id}/disable"), &office, &json!({})).status, 204);
    refused_within(&a, limit);
    assert_eq!(api.send("POST", "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": r}))).status, 401);
    assert_eq!(api.login_reply("northvale", &email, DEMO_PASSWORD).status, 401, "a disabled account cannot sign in");

    // A role taken away.
    let email = create_person("northvale", &[Role::Reviewer, Role::Referrer]);
    let (a, _) = sign_in("northvale", &email);
    let id = person_id(&email);
    let r = api.send("DELETE", &format!("/api/v1/t/northvale/people/{id}/roles/referrer"), Some(&office), None);
    assert_eq!(r.status, 204, "{r:?}");
    refused_within(&a, limit);
    let again = sign_in("northvale", &email).0;
    assert_eq!(api.get("/api/v1/me", &again).body["roles"], json!(["reviewer"]));
    // A role not held, or a person of another partnership: 404.
    let r = api.send("DELETE", &format!("/api/v1/t/northvale/people/{id}/roles/referrer"), Some(&office), None);
    assert_eq!(r.status, 404);

    // A password change (by the person): every access token of theirs, this one included.
    let email = create_person("northvale", &[Role::Reviewer]);
    let (a, _) = sign_in("northvale", &email);
    let (other, _) = sign_in("northvale", &email);
    let change = json!({"current_password": DEMO_PASSWORD, "new_password": "heron quarry lantern"});
    assert_eq!(api.post("/api/v1/me/password", &a, &change).status, 204);
    refused_within(&a, limit);
    refused_within(&other, limit);
    assert_eq!(api.login_reply("northvale", &email, "heron quarry lantern").status, 200);

    // A membership taken away: no more sign-in to that partnership.
    let email = create_person("northvale", &[Role::Reviewer]);
    let (a, _) = sign_in("northvale", &email);
    let id = person_id(&email);
    assert_eq!(api.send("DELETE", &format!("/api/v1/t/northvale/people/{id}"), Some(&office), None).status, 204);
    refused_within(&a, limit);
    assert_eq!(api.login_reply("northvale", &email, DEMO_PASSWORD).status, 401);
    let people = api.get("/api/v1/t/northvale/people", &office);
    assert_eq!(people.status, 200);
    assert!(!people.body.to_string().contains(&email), "a removed member is not listed");
    // The office cannot remove or disable itself.
    let me = api.get("/api/v1/me", &office).body["user"]["id"].as_str().unwrap().to_string();
    assert_eq!(api.send("DELETE", &format!("/api/v1/t/northvale/people/{me}"), Some(&office), None).status, 409);
}

fn refresh(api: &Api, token: &str) -> Reply {
    api.send("POST", "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": token})))
}

#[test]
fn refresh_reuse_in_a_race_revokes_the_whole_session() {
    let email = create_person("northvale", &[Role::Reviewer]);
    for round in 0..5 {
        let (_, r1) = sign_in("northvale", &email);
        let base = server().base.clone();
        let replies: Vec<Reply> = std::thread::scope(|scope| {
            let hs: Vec<_> = (0..2).map(|_| scope.spawn(|| refresh(&Api::new(&base), &r1))).collect();
            hs.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let ok: Vec<&Reply> = replies.iter().filter(|r| r.status == 200).collect();
        assert!(ok.len() <= 1, "round {round}: both refreshes of one token succeeded: {replies:?}");
        assert!(replies.iter().all(|r| r.status == 200 || r.status == 401), "{replies:?}");
        // Whatever the winner got dies with the session: including a token issued after the
        // reuse, and its access token.
        for r in ok {
            let next = r.body["refresh_token"].as_str().unwrap();
            let after = refresh(&Api::shared(), next);
            assert_eq!(after.status, 401, "round {round}: the session survived the reuse: {after:?}");
            if replies.iter().any(|r| r.status == 401) {
                refused_within(r.body["access_token"].as_str().unwrap(), Duration::from_secs(5));
            }
        }
        assert_eq!(refresh(&Api::shared(), &r1).status, 401);
    }
}

#[test]
fn a_session_ends_at_its_absolute_limit_whatever_happens() {
    server();
    let mut c = config(lenient());
    c.sessions = Sessions { max_secs: 3, ..Sessions::default() };
    let s = start(c);
    let api = Api::new(&s.base);
    let email = create_person("northvale", &[Role::Reviewer]);
    let r = api.login_reply("northvale", &email, DEMO_PASSWORD);
    assert_eq!(r.status, 200);
    assert!(r.body["session_expires_in"].as_u64().unwrap() <= 3);
    assert!(r.body["expires_in"].as_u64().unwrap() <= 3, "no access token outlives its session");
    assert_eq!(r.body["idle_timeout"], 1800);
    let next = refresh(&api, r.body["refresh_token"].as_str().unwrap());
    assert_eq!(next.status, 200, "{next:?}");
    std::thread::sleep(Duration::from_millis(3500));
    let late = refresh(&api, next.body["refresh_token"].as_str().unwrap());
    assert_eq!(late.status, 401, "past the absolute limit: {late:?}");
    // The access token ended with the session (its `exp`; checked with 5 seconds' leeway).
    let access = next.body["access_token"].as_str().unwrap();
    let part = access.split('.').nth(1).unwrap();
    use base64::Engine;
    let claims: Value =
        serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap();
    assert!(claims["exp"].as_u64().unwrap() <= claims["iat"].as_u64().unwrap() + 3, "{claims}");
}

#[test]
fn security_headers_are_on_every_answer_and_the_docs_follow_their_setting() {
    let api = Api::shared();
    for (path, token) in [("/", None), ("/api/v1/me", Some(demo_token("northvale", "office"))), ("/api/v1/me", None)] {
        let r = api.send("GET", path, token.as_deref(), None);
        let h = |name: &str| r.headers.get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        let csp = h("content-security-policy");
        for part in [
            "default-src 'none'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'",
        ] {
            assert!(csp.contains(part), "{path}: {part} missing from {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(h("permissions-policy").contains("camera=()"), "{path}");
        assert_eq!(h("x-content-type-options"), "nosniff");
        assert_eq!(h("x-frame-options"), "DENY");
        assert!(h("strict-transport-security").is_empty(), "no HSTS on loopback by default");
    }
    server();
    let mut c = config(lenient());
    c.exposure.hsts = true;
    c.exposure.api_docs = false;
    let s = start(c);
    let other = Api::new(&s.base);
    let r = other.send("GET", "/api/v1/me", None, None);
    assert_eq!(r.headers["strict-transport-security"], "max-age=31536000; includeSubDomains");
    assert_eq!(other.send("GET", "/api/openapi.json", None, None).status, 404, "docs off");
    assert_eq!(other.send("GET", "/docs/", None, None).status, 404, "docs off");
    assert_eq!(api.send("GET", "/api/openapi.json", None, None).status, 200, "docs on");
}

#[test]
fn paths_under_the_api_that_fit_no_route_are_404_before_anything_else() {
    let api = Api::shared();
    let office = demo_token("northvale", "office");
    for path in ["/api/v1/t/northvale/referral%73", "/api/v1/nothing", "/api/v1/t/northvale/cases/x/y/z"] {
        assert_eq!(api.send("GET", path, None, None).status, 404, "{path} without a token");
        let r = api.get(path, &office);
        assert_eq!(r.status, 404, "{path}: {r:?}");
        assert_eq!(r.body["code"], "not_found");
    }
}

#[test]
fn a_read_by_id_is_in_the_audit_trail_that_the_office_reads() {
    let api = Api::shared();
    let (case, request) = open_case("northvale", "2026-11-02");
    let lead = demo_token("northvale", "lead");
    for _ in 0..3 {
        assert_eq!(api.get(&format!("/api/v1/t/northvale/cases/{case}"), &lead).status, 200);
    }
    let author = demo_token("northvale", "author");
    assert_eq!(api.get(&format!("/api/v1/t/northvale/information-requests/{request}"), &author).status, 200);
    let office = demo_token("northvale", "office");
    let lead_id = api.get("/api/v1/me", &lead).body["user"]["id"].as_str().unwrap().to_string();
    let started = Instant::now();
    loop {
        let trail = api.get(&format!("/api/v1/t/northvale/audit?entity={case}"), &office);
        assert_eq!(trail.status, 200, "{trail:?}");
        let events = trail.body.as_array().unwrap();
        // Written within a tenth of a second, sealed into the chain soon after.
        if let Some(read) = events.iter().find(|e| e["action"] == "case.read" && e["seq"].is_i64()) {
            assert_eq!(read["actor_id"], lead_id.as_str());
            assert_eq!(read["entity_type"], "case");
            assert!(read["seq"].as_i64().unwrap() > 0, "chained: {read}");
            // Actions, never content: no child's name anywhere in the trail.
            assert!(!trail.body.to_string().contains("Case Child"));
            // Every read is counted (reads of one record by one person close together are
            // one event with how many).
            let sealed_reads: u64 = events
                .iter()
                .filter(|e| e["action"] == "case.read" && e["seq"].is_i64())
                .map(|e| e["repeats"].as_u64().unwrap())
                .sum();
            if sealed_reads < 3 {
                assert!(started.elapsed() < Duration::from_secs(5), "{events:?}");
                std::thread::sleep(Duration::from_millis(100));
                continue;
            }
            assert_eq!(sealed_reads, 3, "{events:?}");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "no case.read in {events:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
    let by_person = api.get(&format!("/api/v1/t/northvale/audit?actor={lead_id}&limit=500"), &office);
    assert!(by_person.body.as_array().unwrap().iter().all(|e| e["actor_id"] == lead_id.as_str()));
    assert_eq!(api.get("/api/v1/t/northvale/audit?limit=0", &office).status, 400);
}

#[test]
fn an_agencys_draft_is_its_own_until_submitted() {
    let api = Api::shared();
    let (case, request) = open_case("northvale", "2026-11-02");
    let author = demo_token("northvale", "author");
    let draft = json!({"involvement": "A draft the office must not read yet"});
    let r = api.put(&format!("/api/v1/t/northvale/information-requests/{request}"), &author, &draft);
    assert!(r.status == 200, "{r:?}");
    assert!(!r.body["response"].is_null(), "the agency reads its own draft");
    let office = demo_token("northvale", "office");
    let seen = api.get(&format!("/api/v1/t/northvale/cases/{case}"), &office);
    assert_eq!(seen.status, 200);
    assert!(seen.body["requests"][0]["response"].is_null(), "{}", seen.body["requests"][0]);
    assert!(!seen.body.to_string().contains("must not read"));
    let as_office = api.get(&format!("/api/v1/t/northvale/information-requests/{request}"), &office);
    assert!(as_office.body["response"].is_null(), "{as_office:?}");
}

/// What `cspr audit verify` checks, on a partnership of its own with five events.
fn chained_tenant(conn: &mut backend::db::DbConn) -> (String, String) {
    use backend::store::{audit, directory};
    let slug = format!("audit-{}", uuid::Uuid::new_v4().simple());
    let t = directory::create_tenant(conn, &slug, "Audit test", shared::region::Region::EnglandAndWales).unwrap();
    for i in 0..5 {
        let entity = format!("e{i}");
        audit::record(
            conn,
            audit::Event {
                tenant_id: &t.id,
                actor_id: None,
                action: "test.event",
                entity_type: "test",
                entity_id: Some(&entity),
                request_id: None,
                address: None,
            },
        )
        .unwrap();
    }
    backend::store::audit::seal_unsealed(conn).unwrap();
    (t.id, slug)
}

fn execute(conn: &mut backend::db::DbConn, sql: &str) -> Result<usize, String> {
    use diesel::RunQueryDsl;
    diesel::sql_query(sql).execute(conn).map_err(|e| e.to_string())
}

/// Drops the append-only triggers (as someone with the database's owner rights could), runs
/// `f`, and puts them back.
fn without_triggers(conn: &mut backend::db::DbConn, f: impl FnOnce(&mut backend::db::DbConn)) {
    if is_postgres() {
        execute(conn, "ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only").unwrap();
        f(conn);
        execute(conn, "ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only").unwrap();
    } else {
        execute(conn, "DROP TRIGGER audit_events_no_update").unwrap();
        execute(conn, "DROP TRIGGER audit_events_no_delete").unwrap();
        f(conn);
        execute(
            conn,
            "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events WHEN OLD.hash IS NOT NULL \
             BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END",
        )
        .unwrap();
        execute(
            conn,
            "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events \
             BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END",
        )
        .unwrap();
    }
}

fn first_break(conn: &mut backend::db::DbConn, slug: &str) -> Option<backend::store::audit::Break> {
    let (_, breaks) = backend::store::audit::verify(conn).unwrap();
    breaks.into_iter().find(|b| b.tenant == slug)
}

#[test]
fn the_audit_chain_refuses_changes_and_verify_names_the_first_bad_event() {
    // One test at a time drops the triggers.
    let mut conn = server().pool.get().unwrap();
    let conn = &mut *conn;
    backend::store::audit::seal_unsealed(conn).unwrap();
    let (holds, report) = backend::cli::audit_verify(conn);
    assert!(holds && report.contains("audit trail holds"), "an honest database: {report}");

    let (tenant, slug) = chained_tenant(conn);
    let at = |seq: i64| format!("tenant_id = '{tenant}' AND seq = {seq}");
    // The app's own connection cannot change or delete an event.
    let edit = execute(conn, &format!("UPDATE audit_events SET action = 'forged' WHERE {}", at(2)));
    assert!(edit.unwrap_err().contains("append-only"));
    let delete = execute(conn, &format!("DELETE FROM audit_events WHERE {}", at(2)));
    assert!(delete.unwrap_err().contains("append-only"));
    assert_eq!(first_break(conn, &slug), None);

    // Edited.
    without_triggers(conn, |c| {
        execute(c, &format!("UPDATE audit_events SET action = 'forged' WHERE {}", at(3))).unwrap();
    });
    let b = first_break(conn, &slug).expect("an edit is found");
    assert_eq!(b.seq, 3, "{b}");
    assert!(b.why.contains("changed"), "{b}");
    let (ok, report) = backend::cli::audit_verify(conn);
    assert!(!ok && report.contains(&format!("{slug}: event 3")), "{report}");

    // Deleted (a partnership of its own each time).
    let (tenant, slug) = chained_tenant(conn);
    without_triggers(conn, |c| {
        execute(c, &format!("DELETE FROM audit_events WHERE tenant_id = '{tenant}' AND seq = 2")).unwrap();
    });
    let b = first_break(conn, &slug).expect("a deletion is found");
    assert_eq!((b.seq, b.event_id.is_none()), (2, true), "{b}");
    assert!(b.why.contains("missing"), "{b}");

    // The last one deleted.
    let (tenant, slug) = chained_tenant(conn);
    without_triggers(conn, |c| {
        execute(c, &format!("DELETE FROM audit_events WHERE tenant_id = '{tenant}' AND seq = 5")).unwrap();
    });
    assert_eq!(first_break(conn, &slug).expect("a deleted tail is found").seq, 5);

    // Two swapped.
    let (tenant, slug) = chained_tenant(conn);
    without_triggers(conn, |c| {
        execute(c, &format!("UPDATE audit_events SET seq = -1 WHERE tenant_id = '{tenant}' AND seq = 2")).unwrap();
        execute(c, &format!("UPDATE audit_events SET seq = 2 WHERE tenant_id = '{tenant}' AND seq = 4")).unwrap();
        execute(c, &format!("UPDATE audit_events SET seq = 4 WHERE tenant_id = '{tenant}' AND seq = -1")).unwrap();
    });
    assert_eq!(first_break(conn, &slug).expect("a swap is found").seq, 2);
}

#[test]
fn on_postgresql_the_runtime_role_cannot_change_or_delete_audit_events() {
    use diesel::{Connection, RunQueryDsl};
    if !is_postgres() {
        eprintln!("SQLITE RUN: one database role only; the append-only triggers are the guard (tested above)");
        return;
    }
    let owner_url = database_url();
    let role = format!("cspr_runtime_{}", std::process::id());
    let mut owner = diesel::pg::PgConnection::establish(&owner_url).unwrap();
    let _ = diesel::sql_query(format!("DROP OWNED BY {role}")).execute(&mut owner);
    let _ = diesel::sql_query(format!("DROP ROLE IF EXISTS {role}")).execute(&mut owner);
    diesel::sql_query(format!("CREATE ROLE {role} LOGIN")).execute(&mut owner).unwrap();
    let mut runtime_url = url::Url::parse(&owner_url).unwrap();
    runtime_url.set_username(&role).unwrap();
    let runtime_url = runtime_url.to_string();

    // As the server does when CSPR_MIGRATION_DATABASE_URL is set.
    let mut cfg = config(lenient());
    cfg.database_url = runtime_url.clone();
    cfg.migration_database_url = Some(owner_url.clone());
    let mut conn = backend::db::DbConn::Pg(diesel::pg::PgConnection::establish(&runtime_url).unwrap());
    backend::db::migrate_for(&cfg, &mut conn).expect("migrated as the owner, runtime role granted");

    let mut rt = diesel::pg::PgConnection::establish(&runtime_url).unwrap();
    let run =
        |rt: &mut diesel::pg::PgConnection, sql: &str| diesel::sql_query(sql).execute(rt).map_err(|e| e.to_string());
    for refused in [
        "UPDATE audit_events SET action = 'forged' WHERE false",
        "DELETE FROM audit_events WHERE false",
        "TRUNCATE audit_events",
    ] {
        let e = run(&mut rt, refused).expect_err(refused);
        assert!(e.contains("permission denied"), "{refused}: {e}");
    }
    // What the app needs still works: reading, writing its tables, sealing events.
    run(&mut rt, "SELECT 1 FROM referrals LIMIT 1").unwrap();
    run(&mut rt, "UPDATE audit_events SET seq = seq, hash = hash WHERE false").unwrap();
    run(&mut rt, "UPDATE users SET name = name WHERE false").unwrap();
    drop(rt);
    drop(conn);
    diesel::sql_query(format!("DROP OWNED BY {role}")).execute(&mut owner).unwrap();
    diesel::sql_query(format!("DROP ROLE {role}")).execute(&mut owner).unwrap();
}

/// Housekeeping (issue 14): refresh tokens and reset links a day past their end are deleted;
/// live ones stay and work.
#[test]
fn expired_refresh_tokens_and_links_are_purged_and_live_ones_kept() {
    use backend::schema::{password_resets as pr, refresh_tokens as rt};
    use diesel::prelude::*;
    let tenant = "northvale";
    let live = create_person(tenant, &[Role::Reviewer]);
    let old = create_person(tenant, &[Role::Reviewer]);
    let (_, live_refresh) = sign_in(tenant, &live);
    let _ = sign_in(tenant, &old);
    let old_id = person_id(&old);
    let mut conn = server().pool.get().unwrap();
    let t = backend::store::directory::tenant_by_slug(&mut conn, tenant).unwrap().unwrap();
    backend::store::password_reset::issue(&mut conn, &t.id, &old_id).unwrap();
    backend::store::password_reset::issue(&mut conn, &t.id, &person_id(&live)).unwrap();
    let long_ago = backend::models::now() - chrono::Duration::days(2);
    diesel::update(rt::table.filter(rt::user_id.eq(&old_id)))
        .set(rt::expires_at.eq(long_ago))
        .execute(&mut conn)
        .unwrap();
    diesel::update(pr::table.filter(pr::user_id.eq(&old_id)))
        .set(pr::expires_at.eq(long_ago))
        .execute(&mut conn)
        .unwrap();
    let purged = backend::store::purge::expired(&mut conn, backend::models::now()).unwrap();
    assert!(purged.refresh_tokens >= 1 && purged.links >= 1, "{purged:?}");
    let left = |conn: &mut backend::db::DbConn, user: &str| -> (i64, i64) {
        (
            rt::table.filter(rt::user_id.eq(user)).count().get_result(conn).unwrap(),
            pr::table.filter(pr::user_id.eq(user)).count().get_result(conn).unwrap(),
        )
    };
    assert_eq!(left(&mut conn, &old_id), (0, 0), "the expired ones are gone");
    assert_eq!(left(&mut conn, &person_id(&live)), (1, 1), "the live ones stay");
    drop(conn);
    let r = Api::shared().send("POST", "/api/v1/auth/refresh", None, Some(&json!({ "refresh_token": live_refresh })));
    assert_eq!(r.status, 200, "the live refresh token still works: {r:?}");
}
