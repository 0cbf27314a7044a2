//! Sign-in rules: tokens, refresh rotation, sign-out, switching, throttling.
use base64::Engine;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use tests::*;

fn b64(v: &Value) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
}

fn claims_of(token: &str) -> Value {
    let part = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

fn forge(claims: &Value, alg: Algorithm, secret: &str) -> String {
    encode(&Header::new(alg), claims, &EncodingKey::from_secret(secret.as_bytes())).unwrap()
}

fn me_status(token: &str) -> u16 {
    Api::shared().get("/api/v1/me", token).status
}

#[test]
fn sign_in_answers_bearer_tokens_with_the_right_claims() {
    let api = Api::shared();
    let r = api.login_reply("northvale", "office@northvale.example", DEMO_PASSWORD);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["token_type"], "Bearer");
    let expires_in = r.body["expires_in"].as_u64().unwrap();
    assert!(expires_in > 0 && expires_in <= 900);
    let c = claims_of(r.body["access_token"].as_str().unwrap());
    for k in ["sub", "tenant", "roles", "exp", "iat", "aud", "typ"] {
        assert!(c.get(k).is_some(), "claim {k} missing from {c}");
    }
    assert!(c["exp"].as_u64().unwrap() - c["iat"].as_u64().unwrap() <= 900);
    assert_eq!(c["tenant"], "northvale");
    assert_eq!(c["roles"], json!(["business_office"]));
    // the e-mail is case-insensitive
    assert_eq!(api.login_reply("northvale", "Office@Northvale.example", DEMO_PASSWORD).status, 200);
}

#[test]
fn wrong_password_unknown_user_and_unknown_tenant_answer_alike() {
    let api = Api::shared();
    let cases = [
        ("northvale", "office@northvale.example", "wrong password!"),
        ("northvale", "nobody@northvale.example", DEMO_PASSWORD),
        ("nowhere", "office@northvale.example", DEMO_PASSWORD),
        ("southmere", "office@northvale.example", DEMO_PASSWORD),
    ];
    let mut times = Vec::new();
    let mut bodies = Vec::new();
    for (tenant, email, pw) in cases {
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t0 = std::time::Instant::now();
            let r = api.login_reply(tenant, email, pw);
            best = best.min(t0.elapsed().as_secs_f64());
            assert_eq!(r.status, 401, "{tenant}/{email}: {r:?}");
            bodies.push(r.body.clone());
        }
        times.push(best);
    }
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "bodies differ: {bodies:?}");
    assert_eq!(bodies[0]["code"], "invalid_credentials");
    let (min, max) = times.iter().fold((f64::MAX, 0f64), |(a, b), t| (a.min(*t), b.max(*t)));
    assert!(max < min * 4.0 + 0.05, "timings differ too much: {times:?}");
}

#[test]
fn forged_expired_tampered_and_foreign_tokens_are_refused() {
    let good = demo_token("northvale", "office");
    assert_eq!(me_status(&good), 200);
    let c = claims_of(&good);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();

    let mut expired = c.clone();
    expired["iat"] = json!(now - 2000);
    expired["exp"] = json!(now - 1000);
    assert_eq!(me_status(&forge(&expired, Algorithm::HS256, TEST_SECRET)), 401, "expired");

    let mut wrong_aud = c.clone();
    wrong_aud["aud"] = json!("someone-else");
    assert_eq!(me_status(&forge(&wrong_aud, Algorithm::HS256, TEST_SECRET)), 401, "audience");

    let mut wrong_type = c.clone();
    wrong_type["typ"] = json!("refresh");
    assert_eq!(me_status(&forge(&wrong_type, Algorithm::HS256, TEST_SECRET)), 401, "type");

    // the same claims re-signed correctly are accepted: the checks above are the cause
    assert_eq!(me_status(&forge(&c, Algorithm::HS256, TEST_SECRET)), 200);

    assert_eq!(me_status(&forge(&c, Algorithm::HS512, TEST_SECRET)), 401, "other algorithm");
    assert_eq!(me_status(&forge(&c, Algorithm::HS256, "another-secret-another-secret-0123")), 401, "other key");

    let none = format!("{}.{}.", b64(&json!({"alg": "none", "typ": "JWT"})), b64(&c));
    assert_eq!(me_status(&none), 401, "alg none");

    let mut elevated = c.clone();
    elevated["roles"] = json!(["business_office", "strategic_lead"]);
    let parts: Vec<&str> = good.split('.').collect();
    let tampered = format!("{}.{}.{}", parts[0], b64(&elevated), parts[2]);
    assert_eq!(me_status(&tampered), 401, "tampered");

    assert_eq!(Api::shared().send("GET", "/api/v1/me", None, None).status, 401, "no token");
    assert_eq!(me_status("not-a-jwt"), 401, "garbage");
}

#[test]
fn refresh_rotates_and_reuse_revokes_the_family() {
    let api = Api::shared();
    let (_, r1) = sign_in("northvale", "reviewer@northvale.example");
    let a = api.send("POST", "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": r1})));
    assert_eq!(a.status, 200, "{a:?}");
    let r2 = a.body["refresh_token"].as_str().unwrap().to_string();
    assert_ne!(r1, r2);
    assert_eq!(me_status(a.body["access_token"].as_str().unwrap()), 200);
    // using r1 again is reuse: refused, and r2 (same family) dies with it
    let reuse = api.send("POST", "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": r1})));
    assert_eq!(reuse.status, 401);
    assert_eq!(reuse.body["code"], "invalid_refresh_token");
    let after = api.send("POST", "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": r2})));
    assert_eq!(after.status, 401, "family revoked");
    // other sign-ins are untouched
    let (_, other) = sign_in("northvale", "reviewer@northvale.example");
    assert_eq!(api.send("POST", "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": other}))).status, 200);
    assert_eq!(api.send("POST", "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": "made-up"}))).status, 401);
}

#[test]
fn a_dead_refresh_token_signs_nobody_out() {
    let api = Api::shared();
    let email = create_person("northvale", &[shared::Role::Reviewer]);
    let (_, r1) = sign_in("northvale", &email);
    let next = api.send("POST", "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": r1})));
    let access = next.body["access_token"].as_str().unwrap();
    // r1 is used: signing out with it is 204 and does nothing.
    assert_eq!(api.send("POST", "/api/v1/auth/logout", None, Some(&json!({"refresh_token": r1}))).status, 204);
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!(api.get("/api/v1/me", access).status, 200, "the person's tokens still work");
}

#[test]
fn logout_revokes_the_refresh_token() {
    let api = Api::shared();
    // A person of this test's own: signing out ends every access token they hold.
    let email = create_person("northvale", &[shared::Role::StrategicLead]);
    let (_, r) = sign_in("northvale", &email);
    assert_eq!(api.send("POST", "/api/v1/auth/logout", None, Some(&json!({"refresh_token": r}))).status, 204);
    assert_eq!(api.send("POST", "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": r}))).status, 401);
}

#[test]
fn me_lists_other_tenants_and_switch_issues_tokens_for_them() {
    let api = Api::shared();
    let t = token("northvale", "scrutineer@independent.example");
    let me = api.get("/api/v1/me", &t);
    assert_eq!(me.status, 200);
    assert_eq!(me.body["tenant"]["slug"], "northvale");
    assert_eq!(me.body["user"]["name"], "Dr Robin Hale");
    assert_eq!(me.body["roles"], json!(["scrutineer"]));
    let others: Vec<&str> =
        me.body["other_tenants"].as_array().unwrap().iter().map(|o| o["slug"].as_str().unwrap()).collect();
    assert_eq!(others, vec!["southmere"]);

    let (t, leaving) = sign_in("northvale", "scrutineer@independent.example");
    let sw = api.post("/api/v1/auth/switch", &t, &json!({"tenant": "southmere", "refresh_token": leaving}));
    assert_eq!(sw.status, 200, "{sw:?}");
    let t2 = sw.body["access_token"].as_str().unwrap();
    assert_eq!(api.get("/api/v1/me", t2).body["tenant"]["slug"], "southmere");
    assert_eq!(api.get("/api/v1/t/southmere/agencies", t2).status, 200);
    assert_eq!(api.get("/api/v1/t/northvale/agencies", t2).status, 404);
    // Switching needs a working refresh token of this person in the partnership left, and
    // another partnership: an access token alone makes no session.
    let made_up = json!({"tenant": "northvale", "refresh_token": "made-up"});
    assert_eq!(api.post("/api/v1/auth/switch", t2, &made_up).status, 401);
    let same = json!({"tenant": "southmere", "refresh_token": sw.body["refresh_token"]});
    assert_eq!(api.post("/api/v1/auth/switch", t2, &same).status, 404);
    // The session left behind has ended; the new one refreshes.
    let old = api.send("POST", "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": leaving})));
    assert_eq!(old.status, 401, "the old partnership's session ended: {old:?}");
    let new_refresh = sw.body["refresh_token"].as_str().unwrap();
    assert_eq!(
        api.send("POST", "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": new_refresh}))).status,
        200
    );

    // a single-tenant person cannot switch
    let office = demo_token("northvale", "office");
    let body = |t: &str| json!({"tenant": t, "refresh_token": "x"});
    assert_eq!(api.post("/api/v1/auth/switch", &office, &body("southmere")).status, 404);
    assert_eq!(api.post("/api/v1/auth/switch", &office, &body("nowhere")).status, 404);
}
