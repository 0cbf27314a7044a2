//! Accounts: the outbox and its sender (through the test SMTP sink), resetting a forgotten
//! password by a one-time link, changing a password, and the password rule.
use serde_json::{json, Value};
use shared::Role;
use std::time::{Duration, Instant};
use tests::*;

const NEW_PASSWORD: &str = "tulip engine harbour";
const MAIL_WAIT: Duration = Duration::from_secs(15);

fn ask_reset(tenant: &str, email: &str) -> Reply {
    Api::shared().send("POST", "/api/v1/auth/password-reset", None, Some(&json!({"tenant": tenant, "email": email})))
}

fn complete(token: &str, password: &str) -> Reply {
    Api::shared().send(
        "POST",
        "/api/v1/auth/password-reset/complete",
        None,
        Some(&json!({"token": token, "new_password": password})),
    )
}

fn refresh(refresh_token: &str) -> Reply {
    Api::shared().send("POST", "/api/v1/auth/refresh", None, Some(&json!({"refresh_token": refresh_token})))
}

fn tokens_of(r: &Reply) -> (String, String) {
    assert_eq!(r.status, 200, "{r:?}");
    (r.body["access_token"].as_str().unwrap().to_string(), r.body["refresh_token"].as_str().unwrap().to_string())
}

/// The token of the link in a reset message.
fn token_in(body: &str) -> String {
    let start = body.find("#token=").expect("a reset link in the body") + "#token=".len();
    body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

/// The audit actions recorded for a person.
fn audit_actions(tenant: &str, user_email: &str) -> Vec<String> {
    use backend::store::{audit, directory};
    let mut conn = server().pool.get().unwrap();
    let t = directory::tenant_by_slug(&mut conn, tenant).unwrap().unwrap();
    let u = directory::user_by_email(&mut conn, user_email).unwrap().unwrap();
    audit::list(&mut conn, &t.id, &Default::default(), 10_000)
        .unwrap()
        .into_iter()
        .filter(|e| e.actor_id.as_deref() == Some(u.id.as_str()))
        .map(|e| e.action)
        .collect()
}

fn outbox(limit: usize) -> Vec<Value> {
    let r = Api::shared().get(&format!("/api/v1/t/northvale/outbox?limit={limit}"), &demo_token("northvale", "office"));
    assert_eq!(r.status, 200, "{r:?}");
    r.body.as_array().unwrap().clone()
}

/// Waits until the outbox shows the message to `recipient` in `state`; answers it.
fn wait_outbox(recipient: &str, state: &str) -> Value {
    let start = Instant::now();
    loop {
        let found = outbox(200).into_iter().find(|m| m["recipient"] == recipient);
        if let Some(m) = &found {
            if m["state"] == state || start.elapsed() > MAIL_WAIT {
                return m.clone();
            }
        } else if start.elapsed() > MAIL_WAIT {
            panic!("no message to {recipient} in the outbox");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_reset_link_is_mailed_works_once_and_ends_every_session() {
    let api = Api::shared();
    let email = create_person("northvale", &[Role::Referrer]);
    let (_, old_refresh) = tokens_of(&api.login_reply("northvale", &email, DEMO_PASSWORD));

    let r = ask_reset("northvale", &email.to_uppercase());
    assert_eq!(r.status, 202, "{r:?}");
    let mails = mail_sink().wait_for(&email, 1, MAIL_WAIT);
    assert_eq!(mails.len(), 1, "one message to {email}");
    let mail = &mails[0];
    assert_eq!(mail.subject, "Reset your CSPR Hub password");
    let link = format!("{}/reset-password#token=", server().base);
    assert!(mail.body.contains(&link), "{}", mail.body);
    // no names: not the person's, not the partnership's
    assert!(!mail.raw.contains("Test Person") && !mail.raw.contains("Northvale"), "{}", mail.raw);
    let token = token_in(&mail.body);
    assert_eq!(token.len(), 43);

    // a weak password is refused and the link still works
    let r = complete(&token, "password1234");
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("weak_password")), "{r:?}");
    assert_eq!(r.body["fields"][0]["field"], "new_password");
    let r = complete(&token, NEW_PASSWORD);
    assert_eq!(r.status, 204, "{r:?}");
    // once only
    let r = complete(&token, "another long password");
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("invalid_reset_link")), "{r:?}");

    // the session from before has ended; the old password is gone, the new one works
    assert_eq!(refresh(&old_refresh).status, 401);
    assert_eq!(api.login_reply("northvale", &email, DEMO_PASSWORD).status, 401);
    assert_eq!(api.login_reply("northvale", &email, NEW_PASSWORD).status, 200);
    let actions = audit_actions("northvale", &email);
    for a in ["account.password_reset_requested", "account.password_reset"] {
        assert!(actions.iter().any(|x| x == a), "{a} not in {actions:?}");
    }
    // the office sees it sent, without its body
    let m = wait_outbox(&email, "sent");
    assert_eq!(m["state"], "sent", "{m}");
    assert_eq!(m["kind"], "password_reset");
    assert_eq!(m["subject"], "Reset your CSPR Hub password");
    assert_eq!(m["attempts"], 1);
    assert!(m["sent_at"].is_string() && m["created_at"].is_string());
    assert!(m.get("body").is_none(), "{m}");
    assert!(!m.to_string().contains(&token));
}

#[test]
fn unknown_people_other_partnerships_and_disabled_accounts_get_the_same_answer_and_no_mail() {
    let north = create_person("northvale", &[Role::Referrer]);
    let disabled = create_person("northvale", &[Role::Referrer]);
    {
        use diesel::prelude::*;
        let mut conn = server().pool.get().unwrap();
        diesel::update(backend::schema::users::table.filter(backend::schema::users::email.eq(&disabled)))
            .set(backend::schema::users::disabled.eq(true))
            .execute(&mut conn)
            .unwrap();
    }
    let nobody = format!("nobody-{}@northvale.example", uuid::Uuid::new_v4().simple());
    let cases = [
        ("northvale", nobody.as_str()),
        ("southmere", north.as_str()),
        ("nowhere", north.as_str()),
        ("northvale", disabled.as_str()),
    ];
    for (tenant, email) in cases {
        let r = ask_reset(tenant, email);
        assert_eq!(r.status, 202, "{tenant}/{email}: {r:?}");
        assert_eq!(r.body, Value::String(String::new()), "{tenant}/{email}: no body");
    }
    // a real one, sent after them, arrives; none of them did
    let control = create_person("northvale", &[Role::Referrer]);
    assert_eq!(ask_reset("northvale", &control).status, 202);
    assert_eq!(mail_sink().wait_for(&control, 1, MAIL_WAIT).len(), 1);
    std::thread::sleep(Duration::from_millis(300));
    for email in [&nobody, &north, &disabled] {
        assert!(mail_sink().mails_to(email).is_empty(), "mail to {email}");
    }
}

#[test]
fn at_most_three_reset_mails_an_hour_per_account() {
    let email = create_person("northvale", &[Role::Reviewer]);
    for _ in 0..5 {
        assert_eq!(ask_reset("northvale", &email).status, 202);
    }
    assert_eq!(mail_sink().wait_for(&email, 3, MAIL_WAIT).len(), 3);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(mail_sink().mails_to(&email).len(), 3);
    assert!(audit_actions("northvale", &email).iter().any(|a| a == "account.password_reset_throttled"));
}

#[test]
fn an_expired_reset_link_is_refused() {
    use backend::store::directory;
    use diesel::prelude::*;
    let email = create_person("northvale", &[Role::Referrer]);
    let token = backend::auth::tokens::random_token();
    {
        let mut conn = server().pool.get().unwrap();
        let t = directory::tenant_by_slug(&mut conn, "northvale").unwrap().unwrap();
        let u = directory::user_by_email(&mut conn, &email).unwrap().unwrap();
        let issued = chrono::Utc::now().naive_utc() - chrono::Duration::minutes(31);
        let row = backend::models::PasswordResetRow {
            tenant_id: t.id,
            id: uuid::Uuid::new_v4().to_string(),
            user_id: u.id.to_string(),
            token_hash: backend::auth::tokens::hash_refresh(&token),
            created_at: issued,
            expires_at: issued + chrono::Duration::minutes(30),
            used_at: None,
            purpose: "reset".into(),
        };
        diesel::insert_into(backend::schema::password_resets::table).values(&row).execute(&mut conn).unwrap();
    }
    let r = complete(&token, NEW_PASSWORD);
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("invalid_reset_link")), "{r:?}");
    let r = complete("not-a-token", NEW_PASSWORD);
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("invalid_reset_link")), "{r:?}");
    assert_eq!(Api::shared().login_reply("northvale", &email, DEMO_PASSWORD).status, 200, "password unchanged");
}

#[test]
fn weak_common_and_wrong_passwords_are_refused_with_stable_codes() {
    let api = Api::shared();
    let email = create_person("northvale", &[Role::Referrer]);
    let (access, _) = tokens_of(&api.login_reply("northvale", &email, DEMO_PASSWORD));
    let change = |current: &str, new: &str| {
        api.post("/api/v1/me/password", &access, &json!({"current_password": current, "new_password": new}))
    };
    for (new, why) in [
        ("", "required"),
        ("short pass", "too_short"),
        ("password1234", "common"),
        ("Qwertyuiop123!", "common"),
        ("1234567890qwerty", "common"),
        ("Unbelievable", "common"),
    ] {
        let r = change(DEMO_PASSWORD, new);
        assert_eq!((r.status, r.body["code"].as_str()), (422, Some("weak_password")), "{new:?}: {r:?}");
        assert_eq!(r.body["fields"][0]["field"], "new_password", "{r:?}");
        assert_eq!(r.body["fields"][0]["code"], why, "{new:?}: {r:?}");
    }
    let r = change("not my password", NEW_PASSWORD);
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("wrong_password")), "{r:?}");
    assert_eq!(r.body["fields"][0]["field"], "current_password");
    // nothing changed
    assert_eq!(api.login_reply("northvale", &email, DEMO_PASSWORD).status, 200);
    assert!(!audit_actions("northvale", &email).iter().any(|a| a == "account.password_changed"));
}

#[test]
fn changing_the_password_ends_every_session_of_the_person() {
    let api = Api::shared();
    let email = create_person("northvale", &[Role::Referrer]);
    {
        // a member of southmere too: sessions there end as well
        use backend::store::directory;
        let mut conn = server().pool.get().unwrap();
        let t = directory::tenant_by_slug(&mut conn, "southmere").unwrap().unwrap();
        let u = directory::user_by_email(&mut conn, &email).unwrap().unwrap();
        directory::grant(&mut conn, &t.id, &u.id, None, &[Role::Reviewer]).unwrap();
    }
    let (access, first) = tokens_of(&api.login_reply("northvale", &email, DEMO_PASSWORD));
    let (_, second) = tokens_of(&api.login_reply("northvale", &email, DEMO_PASSWORD));
    let (_, elsewhere) = tokens_of(&api.login_reply("southmere", &email, DEMO_PASSWORD));
    let r = api.post(
        "/api/v1/me/password",
        &access,
        &json!({"current_password": DEMO_PASSWORD, "new_password": NEW_PASSWORD}),
    );
    assert_eq!(r.status, 204, "{r:?}");
    for t in [&first, &second, &elsewhere] {
        let r = refresh(t);
        assert_eq!((r.status, r.body["code"].as_str()), (401, Some("invalid_refresh_token")), "{r:?}");
    }
    assert_eq!(api.login_reply("northvale", &email, DEMO_PASSWORD).status, 401);
    assert_eq!(api.login_reply("northvale", &email, NEW_PASSWORD).status, 200);
    assert!(audit_actions("northvale", &email).iter().any(|a| a == "account.password_changed"));
}

/// Queues a message straight into the outbox (as later stages will).
fn queue(recipient: &str) {
    let mut conn = server().pool.get().unwrap();
    let t = backend::store::directory::tenant_by_slug(&mut conn, "northvale").unwrap().unwrap();
    backend::store::outbox::queue(
        &mut conn,
        backend::store::outbox::NewMail {
            tenant_id: &t.id,
            recipient,
            subject: "A test message",
            body: "Open CSPR Hub to see it.",
            kind: shared::mail::MailKind::PasswordReset,
        },
    )
    .unwrap();
}

#[test]
fn the_outbox_retries_with_back_off_and_gives_up() {
    let id = uuid::Uuid::new_v4().simple();
    let refused = format!("bounce-{id}@elsewhere.example");
    let busy = format!("busy-{id}@elsewhere.example");
    let fine = format!("fine-{id}@elsewhere.example");
    queue(&refused);
    queue(&busy);
    queue(&fine);
    assert_eq!(mail_sink().wait_for(&fine, 1, MAIL_WAIT).len(), 1);
    // refused for good: given up after one try
    let m = wait_outbox(&refused, "failed");
    assert_eq!(
        (m["state"].as_str(), m["attempts"].as_i64(), m["last_error"].as_str()),
        (Some("failed"), Some(1), Some("permanent")),
        "{m}"
    );
    // refused for now: tried three times (the test servers' limit), waiting between tries
    let m = wait_outbox(&busy, "failed");
    assert_eq!(
        (m["state"].as_str(), m["attempts"].as_i64(), m["last_error"].as_str()),
        (Some("failed"), Some(3), Some("transient")),
        "{m}"
    );
    assert!(m["sent_at"].is_null() && m["next_attempt_at"].is_null());
    // bodies are dropped once a message is done with
    {
        use diesel::prelude::*;
        let mut conn = server().pool.get().unwrap();
        let bodies: Vec<String> = backend::schema::outbox::table
            .filter(backend::schema::outbox::recipient.eq_any([&refused, &busy, &fine]))
            .select(backend::schema::outbox::body)
            .load(&mut conn)
            .unwrap();
        assert_eq!(bodies, vec![String::new(); 3]);
    }
    // newest first, with a limit; the limit's range is checked
    let list = outbox(200);
    let times: Vec<&str> = list.iter().map(|m| m["created_at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    assert_eq!(outbox(1).len(), 1);
    let office = demo_token("northvale", "office");
    assert_eq!(Api::shared().get("/api/v1/t/northvale/outbox?limit=0", &office).status, 400);
    assert_eq!(Api::shared().get("/api/v1/t/northvale/outbox?limit=201", &office).status, 400);
    // southmere's office sees none of northvale's messages
    let south = Api::shared().get("/api/v1/t/southmere/outbox?limit=200", &demo_token("southmere", "office"));
    assert_eq!(south.status, 200);
    assert!(!south.body.to_string().contains(&fine));
}
