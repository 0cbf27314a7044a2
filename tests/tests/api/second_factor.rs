//! The second factor: required by a partnership made with `cspr tenant create` (not by the
//! demo's), enrolled with a code computed here as an authenticator app would, then needed at
//! every sign-in; recovery codes work once each.
use backend::auth::totp;
use backend::store::directory;
use serde_json::{json, Value};
use shared::auth::SecondFactorRule;
use shared::Role;
use tests::*;

/// A partnership as `cspr tenant create` makes it (the second factor required, or `rule`).
fn partnership(rule: SecondFactorRule) -> String {
    let mut conn = server().pool.get().unwrap();
    let slug = format!("sf-{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
    let t = directory::create_tenant(&mut conn, &slug, "Second factor test", shared::region::Region::EnglandAndWales)
        .unwrap();
    assert_eq!(t.second_factor, SecondFactorRule::Required, "required by default");
    if rule != SecondFactorRule::Required {
        directory::set_second_factor_rule(&mut conn, &t.id, rule).unwrap();
    }
    slug
}

fn now() -> u64 {
    backend::auth::tokens::now_secs()
}

fn login(tenant: &str, email: &str, code: Option<&str>) -> Reply {
    let mut body = json!({"tenant": tenant, "email": email, "password": DEMO_PASSWORD});
    if let Some(c) = code {
        body["code"] = json!(c);
    }
    Api::shared().send("POST", "/api/v1/auth/login", None, Some(&body))
}

fn access(r: &Reply) -> String {
    r.body["access_token"].as_str().unwrap_or_else(|| panic!("no token: {r:?}")).to_string()
}

/// Enrols `email` (signed in to `tenant` with a password alone); answers the secret and the
/// recovery codes.
fn enrol(tenant: &str, email: &str) -> (String, Vec<String>) {
    let api = Api::shared();
    let r = login(tenant, email, None);
    assert_eq!(r.status, 200, "{r:?}");
    let t = access(&r);
    let setup = api.post("/api/v1/me/second-factor/setup", &t, &json!({}));
    assert_eq!(setup.status, 200, "{setup:?}");
    let secret = setup.body["secret"].as_str().unwrap().to_string();
    assert!(setup.body["otpauth_uri"].as_str().unwrap().contains(&secret));
    assert!(setup.body["qr_code"].as_str().unwrap().starts_with("data:image/svg+xml;base64,"));
    let confirm = json!({"code": totp::code_at(&secret, now()).unwrap(), "current_password": DEMO_PASSWORD});
    let done = api.post("/api/v1/me/second-factor/confirm", &t, &confirm);
    assert_eq!(done.status, 200, "{done:?}");
    let codes: Vec<String> =
        done.body["recovery_codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect();
    (secret, codes)
}

#[test]
fn a_partnership_that_requires_it_lets_a_password_alone_only_enrol() {
    let api = Api::shared();
    let tenant = partnership(SecondFactorRule::Required);
    let email = create_person(&tenant, &[Role::Reviewer]);
    let r = login(&tenant, &email, None);
    assert_eq!(r.status, 200, "{r:?}");
    let t = access(&r);
    let me = api.get("/api/v1/me", &t);
    assert_eq!(me.body["second_factor"], json!({"enrolled": false, "must_enrol": true}));
    let refused = api.get(&format!("/api/v1/t/{tenant}/agencies"), &t);
    assert_eq!(refused.status, 403, "{refused:?}");
    assert_eq!(refused.body["code"], "second_factor_enrolment_required");

    let setup = api.post("/api/v1/me/second-factor/setup", &t, &json!({}));
    let secret = setup.body["secret"].as_str().unwrap().to_string();
    let body = |code: &str, password: &str| json!({"code": code, "current_password": password});
    let wrong = api.post("/api/v1/me/second-factor/confirm", &t, &body("000000", DEMO_PASSWORD));
    let wrong = if wrong.status == 200 { panic!("a made-up code was taken") } else { wrong };
    assert_eq!((wrong.status, wrong.body["code"].clone()), (422, Value::from("invalid_second_factor")));
    // A session alone does not set up a second factor: the password, again.
    let code = totp::code_at(&secret, now()).unwrap();
    let no_password = api.post("/api/v1/me/second-factor/confirm", &t, &body(&code, "not the password"));
    assert_eq!((no_password.status, no_password.body["code"].clone()), (422, Value::from("wrong_password")));
    let done = api.post("/api/v1/me/second-factor/confirm", &t, &body(&code, DEMO_PASSWORD));
    assert_eq!(done.status, 200, "{done:?}");
    assert_eq!(done.body["recovery_codes"].as_array().unwrap().len(), 10);
    let full = done.body["tokens"]["access_token"].as_str().unwrap();
    assert_eq!(api.get(&format!("/api/v1/t/{tenant}/agencies"), full).status, 200);
    assert_eq!(api.get("/api/v1/me", full).body["second_factor"], json!({"enrolled": true, "must_enrol": false}));
    // The enrolling session and its token have ended.
    assert_eq!(api.get("/api/v1/me", &t).status, 401);
    let old = api.send("POST", "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": r.body["refresh_token"]})));
    assert_eq!(old.status, 401);
    // Set up already.
    assert_eq!(api.post("/api/v1/me/second-factor/setup", full, &json!({})).status, 409);
}

#[test]
fn once_enrolled_every_sign_in_needs_a_code_good_once_and_recovery_codes_work_once_each() {
    let tenant = partnership(SecondFactorRule::Required);
    let email = create_person(&tenant, &[Role::Reviewer]);
    let (secret, recovery) = enrol(&tenant, &email);

    let bare = login(&tenant, &email, None);
    assert_eq!((bare.status, bare.body["code"].clone()), (401, Value::from("second_factor_required")), "{bare:?}");
    let wrong = login(&tenant, &email, Some("123456"));
    let expected = totp::code_at(&secret, now() + 30).unwrap();
    if expected != "123456" {
        assert_eq!((wrong.status, wrong.body["code"].clone()), (401, Value::from("invalid_second_factor")));
    }
    // The enrolment used this step's code: the next step's (one step of drift allowed) works once.
    let ok = login(&tenant, &email, Some(&expected));
    assert_eq!(ok.status, 200, "{ok:?}");
    let claims = ok.body["access_token"].as_str().unwrap().split('.').nth(1).unwrap().to_string();
    assert!(!claims.is_empty());
    assert_eq!(Api::shared().get(&format!("/api/v1/t/{tenant}/agencies"), &access(&ok)).status, 200);
    let replay = login(&tenant, &email, Some(&expected));
    assert_eq!(replay.status, 401, "a code is good once: {replay:?}");
    // A wrong password with a right code is still a wrong password.
    let body = json!({"tenant": tenant, "email": email, "password": "not the password", "code": recovery[1]});
    assert_eq!(Api::shared().send("POST", "/api/v1/auth/login", None, Some(&body)).body["code"], "invalid_credentials");

    // Recovery codes, in any case and spacing, once each.
    let first = recovery[0].to_uppercase().replace('-', " ");
    assert_eq!(login(&tenant, &email, Some(&first)).status, 200);
    let again = login(&tenant, &email, Some(&recovery[0]));
    assert_eq!((again.status, again.body["code"].clone()), (401, Value::from("invalid_second_factor")));
    assert_eq!(login(&tenant, &email, Some(&recovery[1])).status, 200, "another code still works");

    // Lost phone and codes: an operator clears the factor (`cspr user reset-second-factor`);
    // the next sign-in may only enrol again.
    let mut conn = server().pool.get().unwrap();
    let id = person_id(&email);
    directory::reset_second_factor(&mut conn, &id).unwrap();
    let again = login(&tenant, &email, None);
    assert_eq!(again.status, 200, "{again:?}");
    assert_eq!(Api::shared().get("/api/v1/me", &access(&again)).body["second_factor"]["must_enrol"], true);
}

#[test]
fn a_partnership_may_make_it_optional_for_referrers_and_the_demo_needs_none() {
    let tenant = partnership(SecondFactorRule::NotForReferrers);
    let referrer = create_person(&tenant, &[Role::Referrer]);
    let r = login(&tenant, &referrer, None);
    assert_eq!(r.status, 200);
    assert_eq!(Api::shared().get("/api/v1/me", &access(&r)).body["second_factor"]["must_enrol"], false);
    let reviewer = create_person(&tenant, &[Role::Reviewer, Role::Referrer]);
    let r = login(&tenant, &reviewer, None);
    assert_eq!(Api::shared().get("/api/v1/me", &access(&r)).body["second_factor"]["must_enrol"], true);
    // The demo partnerships: a password alone, as the README shows.
    let demo = login("northvale", "office@northvale.example", None);
    assert_eq!(Api::shared().get("/api/v1/me", &access(&demo)).body["second_factor"]["must_enrol"], false);
}

#[test]
fn wrong_codes_are_counted_per_person_whatever_the_network() {
    server();
    let strict = backend::config::Throttle {
        account_free_failures: 3,
        address_free_failures: 1000,
        first_wait_secs: 60,
        ..backend::config::Throttle::default()
    };
    let s = start(config(strict));
    let api = Api::new(&s.base);
    let tenant = partnership(SecondFactorRule::Required);
    let email = create_person(&tenant, &[Role::Reviewer]);
    let (secret, _) = enrol(&tenant, &email);
    let from = |n: u32, code: &str| {
        let body = json!({"tenant": tenant, "email": email, "password": DEMO_PASSWORD, "code": code});
        let res = api
            .http
            .post(format!("{}/api/v1/auth/login", api.base))
            .header("x-forwarded-for", format!("2001:db8:{n:x}::1"))
            .json(&body)
            .send()
            .unwrap();
        (res.status().as_u16(), res.json::<Value>().unwrap_or(Value::Null))
    };
    // Three wrong codes, each from a network of its own (one /64 each).
    let right = totp::code_at(&secret, now() + 30).unwrap();
    let wrong = if right == "000000" { "111111" } else { "000000" };
    for n in 1..=3 {
        assert_eq!(from(n, wrong).0, 401);
    }
    // The person's counter waits, from a fourth network, even with the right code.
    let (status, body) = from(4, &right);
    assert_eq!((status, body["code"].clone()), (429, Value::from("rate_limited")), "{body}");
}
