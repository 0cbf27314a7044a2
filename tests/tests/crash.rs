//! Crash safety: the server, a process of its own, is killed with SIGKILL while 64 clients
//! write (new referral drafts and saves of them); started again on the same database, every
//! write that was answered 2xx is there, whole. Runs on the database of the run
//! (`CSPR_TEST_DATABASE_URL`: `cargo xtask test` runs it on SQLite and on PostgreSQL).
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tests::process::Launch;

const WRITERS: usize = 64;
/// Answered writes before the kill.
const ANSWERED_BEFORE_KILL: usize = 1_000;
const BASE: &str = "/api/v1/t/northvale/referrals";

/// What one draft should hold: the last form answered 2xx, and the one sent after it whose
/// answer never came (the kill fell between its commit and its answer, or before its commit).
#[derive(Default, Clone)]
struct Expected {
    answered: Option<Value>,
    unanswered: Option<Value>,
}

fn form(writer: usize, n: usize) -> Value {
    let mut f = tests::complete_form(&format!("Crash{writer}x{n}"));
    f["background"] = Value::String(format!("Written by writer {writer}, write {n}: {}", "x".repeat(200)));
    f
}

fn etag_of(r: &reqwest::blocking::Response) -> String {
    r.headers().get("etag").and_then(|v| v.to_str().ok()).unwrap_or("*").to_string()
}

/// One writer: creates a draft, saves it twice over (with `If-Match`), then starts another,
/// until the server stops answering.
fn writer(
    base: String,
    token: String,
    me: usize,
    answered: Arc<AtomicUsize>,
    seen: Arc<Mutex<HashMap<String, Expected>>>,
) {
    let http = reqwest::blocking::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
    let mut n = 0;
    loop {
        n += 1;
        let body = form(me, n);
        let Ok(r) = http.post(format!("{base}{BASE}")).bearer_auth(&token).json(&body).send() else { return };
        if r.status().as_u16() != 201 {
            // No answer at all is the kill; anything else answered is a failure of its own.
            let status = r.status();
            let text = r.text().unwrap_or_default();
            panic!("creating a draft answered {status}: {text}");
        }
        let mut etag = etag_of(&r);
        let created: Value = r.json().unwrap();
        // The form is stored as given (so that a save in flight can be recognised below).
        assert_eq!(created["form"], body, "the new draft's form differs from the one sent");
        let id = created["id"].as_str().unwrap().to_string();
        seen.lock().unwrap().insert(id.clone(), Expected { answered: Some(created["form"].clone()), unanswered: None });
        answered.fetch_add(1, Ordering::SeqCst);
        for save in 0..2 {
            n += 1;
            let body = form(me, n);
            seen.lock().unwrap().get_mut(&id).unwrap().unanswered = Some(body.clone());
            let sent = http
                .put(format!("{base}{BASE}/{id}"))
                .bearer_auth(&token)
                .header("If-Match", etag.clone())
                .json(&body)
                .send();
            let Ok(r) = sent else { return };
            let status = r.status().as_u16();
            etag = etag_of(&r);
            let text = r.text().unwrap_or_default();
            assert_eq!(status, 200, "save {save} of a draft answered {status}: {text}");
            let saved: Value = serde_json::from_str(&text).unwrap();
            let mut seen = seen.lock().unwrap();
            let e = seen.get_mut(&id).unwrap();
            e.answered = Some(saved["form"].clone());
            e.unanswered = None;
            answered.fetch_add(1, Ordering::SeqCst);
        }
    }
}

#[test]
fn every_answered_write_survives_a_kill_9() {
    let database_url = tests::database_url();
    let data_dir = std::env::temp_dir().join(format!("cspr-crash-{}", std::process::id()));
    std::fs::create_dir_all(&data_dir).unwrap();
    let launch = Launch::new(env!("CARGO_BIN_EXE_cspr-server"), &database_url, &data_dir);
    let which = if tests::is_postgres() { "PostgreSQL" } else { "SQLite" };

    let mut server = launch.start();
    let token = server.sign_in("northvale", "referrer");
    let answered = Arc::new(AtomicUsize::new(0));
    let seen: Arc<Mutex<HashMap<String, Expected>>> = Arc::default();
    let writers: Vec<_> = (0..WRITERS)
        .map(|me| {
            let (base, token, answered, seen) = (server.base.clone(), token.clone(), answered.clone(), seen.clone());
            std::thread::spawn(move || writer(base, token, me, answered, seen))
        })
        .collect();
    let started = Instant::now();
    while answered.load(Ordering::SeqCst) < ANSWERED_BEFORE_KILL {
        assert!(started.elapsed() < Duration::from_secs(300), "fewer than {ANSWERED_BEFORE_KILL} writes in 5 minutes");
        assert!(!writers.iter().all(|w| w.is_finished()), "every writer stopped before the kill");
        std::thread::sleep(Duration::from_millis(5));
    }
    server.kill();
    let at_kill = answered.load(Ordering::SeqCst);
    for w in writers {
        w.join().expect("a writer failed before the kill");
    }
    let seen = seen.lock().unwrap().clone();
    let in_flight = seen.values().filter(|e| e.unanswered.is_some()).count();
    eprintln!(
        "{which}: killed after {at_kill} answered writes over {} drafts ({in_flight} saves unanswered)",
        seen.len()
    );

    let server = launch.start();
    let token = server.sign_in("northvale", "referrer");
    let api = tests::Api::new(&server.base);
    let mut checked = 0;
    for (id, expected) in &seen {
        let r = api.get(&format!("{BASE}/{id}"), &token);
        assert_eq!(r.status, 200, "{which}: the answered draft {id} is gone after the kill: {r:?}");
        let stored = &r.body["form"];
        let answered_form = expected.answered.as_ref().unwrap();
        // A save in flight may have committed without its answer; nothing else may differ.
        let whole = stored == answered_form || expected.unanswered.as_ref() == Some(stored);
        assert!(whole, "{which}: draft {id} holds neither its last answered form nor the one in flight");
        checked += 1;
    }
    assert!(checked >= ANSWERED_BEFORE_KILL / 3, "{which}: only {checked} drafts checked");
    eprintln!("{which}: after the restart all {checked} drafts hold their last answered form");
    let _ = std::fs::remove_dir_all(&data_dir);
}
