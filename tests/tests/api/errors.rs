//! Malformed input gets a clear 4xx with a stable code; nothing is half-written; no 500s.
use serde_json::json;
use tests::*;

const BASE: &str = "/api/v1/t/northvale/referrals";

#[test]
fn malformed_bodies_get_400_413_or_415() {
    let api = Api::shared();
    let t = demo_token("northvale", "referrer");
    let r = api.send_raw("POST", BASE, Some(&t), "application/json", b"{not json".to_vec());
    assert_eq!((r.status, r.body["code"].as_str()), (400, Some("malformed_request")));
    let r = api.send_raw("POST", BASE, Some(&t), "application/json", br#"{"child": {"date_of_birth": 12}}"#.to_vec());
    assert_eq!((r.status, r.body["code"].as_str()), (400, Some("malformed_request")));
    let r = api.send_raw(
        "POST",
        BASE,
        Some(&t),
        "application/json",
        br#"{"child": {"date_of_birth": "2020-13-45"}}"#.to_vec(),
    );
    assert_eq!(r.status, 400);
    let r = api.send_raw("POST", BASE, Some(&t), "text/plain", b"{}".to_vec());
    assert_eq!((r.status, r.body["code"].as_str()), (415, Some("unsupported_media_type")));
    let big = format!(r#"{{"background": "{}"}}"#, "a".repeat(600 * 1024));
    let r = api.send_raw("POST", BASE, Some(&t), "application/json", big.into_bytes());
    assert_eq!((r.status, r.body["code"].as_str()), (413, Some("payload_too_large")));
    let r = api.send_raw("POST", "/api/v1/auth/login", None, "application/json", br#"{"tenant": 1}"#.to_vec());
    assert_eq!(r.status, 400);
    // the messages do not echo what was sent
    let r = api.send_raw("POST", BASE, Some(&t), "application/json", br#"{"child": {"name": 1234567}}"#.to_vec());
    assert!(!r.body.to_string().contains("1234567"));
}

#[test]
fn unknown_ids_routes_and_methods_are_4xx_json() {
    let api = Api::shared();
    let t = demo_token("northvale", "office");
    let r = api.get(&format!("{BASE}/{}", uuid::Uuid::new_v4()), &t);
    assert_eq!((r.status, r.body["code"].as_str()), (404, Some("not_found")));
    let r = api.get(&format!("{BASE}/not-a-uuid"), &t);
    assert_eq!((r.status, r.body["code"].as_str()), (404, Some("not_found")));
    let r = api.get("/api/v1/nothing-here", &t);
    assert_eq!((r.status, r.body["code"].as_str()), (404, Some("not_found")));
    let r = api.send("DELETE", "/api/v1/me", Some(&t), None);
    assert_eq!((r.status, r.body["code"].as_str()), (405, Some("method_not_allowed")));
    let r = api.send(
        "PUT",
        &format!("{BASE}/{}/decision", uuid::Uuid::new_v4()),
        Some(&demo_token("northvale", "lead")),
        Some(&json!({"review_agreed": true, "comments": "", "decided_on": "2026-01-01"})),
    );
    assert_eq!(r.status, 404);
}

#[test]
fn a_refused_submission_writes_nothing() {
    let api = Api::shared();
    let t = demo_token("northvale", "referrer");
    let r = api.post(BASE, &t, &json!({"background": "only this"}));
    let id = r.body["id"].as_str().unwrap().to_string();
    let before = api.get(&format!("{BASE}/{id}"), &t).body;
    assert_eq!(submit_referral("northvale", &t, &id).status, 422);
    let after = api.get(&format!("{BASE}/{id}"), &t).body;
    assert_eq!(before, after);
}

#[test]
fn health_and_readiness_need_no_token_and_responses_carry_a_request_id() {
    let api = Api::shared();
    let h = api.send("GET", "/health", None, None);
    assert_eq!((h.status, h.body["status"].as_str()), (200, Some("ok")));
    assert_eq!(api.send("GET", "/ready", None, None).status, 200);
    assert_eq!(h.headers["x-request-id"].to_str().unwrap().len(), 32);
    let docs = api.send("GET", "/docs/", None, None);
    assert_eq!(docs.status, 200);
}

/// Readiness asks the database on a connection of its own: while the database is gone it is
/// 503 with `Retry-After`, and liveness stays 200 (issue 14).
#[test]
fn ready_fails_while_the_database_is_gone_and_health_does_not() {
    let dir = std::env::temp_dir().join(format!("cspr-ready-{}-{}", std::process::id(), uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut c = config(lenient());
    c.database_url = format!("sqlite://{}", dir.join("ready.db").display());
    c.migration_database_url = None;
    let s = start(c);
    let api = Api::new(&s.base);
    assert_eq!(api.send("GET", "/ready", None, None).status, 200);
    std::fs::remove_dir_all(&dir).unwrap();
    let r = api.send("GET", "/ready", None, None);
    assert_eq!((r.status, r.body["code"].as_str()), (503, Some("unavailable")), "{r:?}");
    assert_eq!(r.headers["retry-after"].to_str().unwrap(), "2");
    assert_eq!(api.send("GET", "/health", None, None).status, 200);
}
