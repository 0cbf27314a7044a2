//! The business office administers its partnership: agencies (added, changed, made
//! inactive; names unique), people invited by a one-time link (single use, expiring) or
//! added when they have an account elsewhere (the same answer), roles and agency set, the
//! last sign-in shown, and the national addresses. Every change audited, without content.
use serde_json::{json, Value};
use shared::Role;
use std::time::Duration;
use tests::*;

const MAIL_WAIT: Duration = Duration::from_secs(15);
const PASSWORD: &str = "harbour lantern meadow";

fn unique(prefix: &str) -> String {
    format!("{prefix} {}", &uuid::Uuid::new_v4().simple().to_string()[..8])
}

fn office() -> String {
    demo_token("northvale", "office")
}

fn audit_of(entity: &str) -> Vec<Value> {
    let r = Api::shared().get(&format!("/api/v1/t/northvale/audit?entity={entity}"), &office());
    assert_eq!(r.status, 200, "{r:?}");
    r.body.as_array().unwrap().clone()
}

fn accept(token: &str, password: &str) -> Reply {
    Api::shared().send(
        "POST",
        "/api/v1/auth/invitation",
        None,
        Some(&json!({"token": token, "new_password": password})),
    )
}

fn token_in(body: &str) -> String {
    let start = body.find("#token=").expect("a link in the body") + "#token=".len();
    body[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

#[test]
fn the_office_adds_and_changes_agencies_with_unique_names() {
    let api = Api::shared();
    let name = unique("Northvale Hospice");
    let r = api.post(
        "/api/v1/t/northvale/agencies",
        &office(),
        &json!({"name": format!("  {name} "), "kind": "health_hospital", "strategic_lead": false}),
    );
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!((r.body["name"].as_str(), r.body["kind"].as_str()), (Some(name.as_str()), Some("health_hospital")));
    assert_eq!(r.body["active"], true);
    let id = r.body["id"].as_str().unwrap().to_string();

    // the same name, in other case and spacing: 409 on the name
    let r = api.post(
        "/api/v1/t/northvale/agencies",
        &office(),
        &json!({"name": name.to_uppercase().replace(' ', "  "), "kind": "other"}),
    );
    assert_eq!((r.status, r.body["code"].as_str()), (409, Some("conflict")), "{r:?}");
    assert_eq!(r.body["fields"][0]["field"], "name");
    // no name, an unknown kind
    let r = api.post("/api/v1/t/northvale/agencies", &office(), &json!({"name": " ", "kind": "other"}));
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("validation_failed")), "{r:?}");
    assert_eq!(r.body["fields"][0]["field"], "name");
    let r = api.post("/api/v1/t/northvale/agencies", &office(), &json!({"name": "X", "kind": "health"}));
    assert_eq!((r.status, r.body["code"].as_str()), (400, Some("malformed_request")), "{r:?}");

    // renamed onto another agency's name: 409; made inactive: still listed, as inactive
    let r = api.put(
        &format!("/api/v1/t/northvale/agencies/{id}"),
        &office(),
        &json!({"name": "Northvale Police", "kind": "police", "strategic_lead": true, "active": true}),
    );
    assert_eq!((r.status, r.body["code"].as_str()), (409, Some("conflict")), "{r:?}");
    let r = api.put(
        &format!("/api/v1/t/northvale/agencies/{id}"),
        &office(),
        &json!({"name": name, "kind": "health_gp", "strategic_lead": false, "active": false}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!((r.body["kind"].as_str(), r.body["active"].as_bool()), (Some("health_gp"), Some(false)));
    let list = api.get("/api/v1/t/northvale/agencies", &demo_token("northvale", "lead"));
    let found = list.body.as_array().unwrap().iter().find(|a| a["id"] == id.as_str()).expect("listed").clone();
    assert_eq!(found["active"], false);
    // an unknown agency: 404; the migrated demo agencies read (no `health` left)
    let r = api.put(
        &format!("/api/v1/t/northvale/agencies/{}", uuid::Uuid::new_v4()),
        &office(),
        &json!({"name": unique("Nobody"), "kind": "other"}),
    );
    assert_eq!(r.status, 404, "{r:?}");
    let kinds: Vec<&str> = list.body.as_array().unwrap().iter().filter_map(|a| a["kind"].as_str()).collect();
    assert!(kinds.contains(&"health_icb") && kinds.contains(&"mash"), "{kinds:?}");

    // audited: the actions, never the name
    let events = audit_of(&id);
    let actions: Vec<&str> = events.iter().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(actions, vec!["agency.update", "agency.create"], "{events:?}");
    assert!(!serde_json::to_string(&events).unwrap().contains("Hospice"));
}

#[test]
fn an_invitation_link_sets_the_password_once_and_the_person_signs_in_with_the_role() {
    let api = Api::shared();
    let email = format!("invited-{}@example.org", uuid::Uuid::new_v4().simple());
    let police = agency_id("northvale", "Police");
    let r = api.post(
        "/api/v1/t/northvale/people",
        &office(),
        &json!({"name": "Ina Vited", "email": email.to_uppercase(), "roles": ["reviewer"], "agency_id": police}),
    );
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["id"].as_str().unwrap().to_string();
    assert_eq!(r.body.as_object().unwrap().len(), 1, "only the id: {r:?}");

    // listed with its role and agency, never signed in; no password works yet
    let people = api.get("/api/v1/t/northvale/people", &office());
    let person = people.body.as_array().unwrap().iter().find(|p| p["id"] == id.as_str()).expect("listed").clone();
    assert_eq!(person["roles"], json!(["reviewer"]));
    assert_eq!(person["agency_id"], police.as_str());
    assert!(person["last_sign_in"].is_null(), "{person}");
    assert_eq!(api.login_reply("northvale", &email, "").status, 401);
    assert_eq!(api.login_reply("northvale", &email, "!invited").status, 401);

    let mails = mail_sink().wait_for(&email, 1, MAIL_WAIT);
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].subject, "You are invited to CSPR Hub");
    assert!(mails[0].body.contains(&format!("{}/accept-invitation#token=", server().base)), "{}", mails[0].body);
    assert!(!mails[0].raw.contains("Ina Vited"), "no names in the message");
    let token = token_in(&mails[0].body);

    // a reset link's page does not take it; a weak password is refused and the link still works
    let r = api.send(
        "POST",
        "/api/v1/auth/password-reset/complete",
        None,
        Some(&json!({"token": token, "new_password": PASSWORD})),
    );
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("invalid_reset_link")), "{r:?}");
    let r = accept(&token, "password1234");
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("weak_password")), "{r:?}");
    assert_eq!(accept(&token, PASSWORD).status, 204);
    // once only
    let r = accept(&token, "another long password");
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("invalid_invitation")), "{r:?}");
    let r = accept("not-a-token", PASSWORD);
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("invalid_invitation")), "{r:?}");

    // signs in with the role; the office sees the sign-in
    let r = api.login_reply("northvale", &email, PASSWORD);
    assert_eq!(r.status, 200, "{r:?}");
    let me = api.get("/api/v1/me", r.body["access_token"].as_str().unwrap());
    assert_eq!(me.body["roles"], json!(["reviewer"]), "{me:?}");
    let people = api.get("/api/v1/t/northvale/people", &office());
    let person = people.body.as_array().unwrap().iter().find(|p| p["id"] == id.as_str()).unwrap().clone();
    assert!(person["last_sign_in"].is_string(), "{person}");

    // invited again: a member already
    let r = api.post(
        "/api/v1/t/northvale/people",
        &office(),
        &json!({"name": "Ina Vited", "email": email, "roles": ["referrer"]}),
    );
    assert_eq!((r.status, r.body["code"].as_str()), (409, Some("conflict")), "{r:?}");
    let actions: Vec<String> = audit_of(&id).iter().filter_map(|e| e["action"].as_str().map(String::from)).collect();
    for a in ["account.invited", "account.invitation_accepted"] {
        assert!(actions.iter().any(|x| x == a), "{a} not in {actions:?}");
    }
}

#[test]
fn an_expired_invitation_does_not_work() {
    use diesel::prelude::*;
    let api = Api::shared();
    let email = format!("late-{}@example.org", uuid::Uuid::new_v4().simple());
    let r = api.post(
        "/api/v1/t/northvale/people",
        &office(),
        &json!({"name": "Late Comer", "email": email, "roles": ["referrer"]}),
    );
    assert_eq!(r.status, 201, "{r:?}");
    let token = token_in(&mail_sink().wait_for(&email, 1, MAIL_WAIT)[0].body);
    {
        use backend::schema::password_resets as pr;
        let mut conn = server().pool.get().unwrap();
        let past = chrono::Utc::now().naive_utc() - chrono::Duration::minutes(1);
        let user = r.body["id"].as_str().unwrap();
        diesel::update(pr::table.filter(pr::user_id.eq(user))).set(pr::expires_at.eq(past)).execute(&mut conn).unwrap();
    }
    let r = accept(&token, PASSWORD);
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("invalid_invitation")), "{r:?}");
}

#[test]
fn an_address_with_an_account_elsewhere_is_added_with_the_same_answer_and_no_link() {
    let api = Api::shared();
    // southmere's person, not in northvale
    let email = create_person("southmere", &[Role::Reviewer]);
    let r = api.post(
        "/api/v1/t/northvale/people",
        &office(),
        &json!({"name": "Another Name", "email": email, "roles": ["referrer"]}),
    );
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body.as_object().unwrap().len(), 1, "the same answer: {r:?}");
    let mails = mail_sink().wait_for(&email, 1, MAIL_WAIT);
    assert_eq!(mails[0].subject, "You are invited to CSPR Hub", "the same subject");
    assert!(!mails[0].body.contains("#token="), "no link to set a password: {}", mails[0].body);
    // the password they have works in the new partnership, with the new role
    let r = api.login_reply("northvale", &email, DEMO_PASSWORD);
    assert_eq!(r.status, 200, "{r:?}");
    let me = api.get("/api/v1/me", r.body["access_token"].as_str().unwrap());
    assert_eq!(me.body["roles"], json!(["referrer"]));
}

#[test]
fn bad_invitations_are_refused_with_their_fields() {
    let api = Api::shared();
    let r = api.post("/api/v1/t/northvale/people", &office(), &json!({"name": "", "email": "no-at-sign", "roles": []}));
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("validation_failed")), "{r:?}");
    let fields: Vec<&str> = r.body["fields"].as_array().unwrap().iter().filter_map(|f| f["field"].as_str()).collect();
    assert_eq!(fields, vec!["name", "email", "roles"]);
    let r = api.post(
        "/api/v1/t/northvale/people",
        &office(),
        &json!({"name": "A", "email": "a@example.org", "roles": ["root"]}),
    );
    assert_eq!((r.status, r.body["code"].as_str()), (400, Some("malformed_request")), "{r:?}");
    // an inactive agency, or another partnership's, is not offered
    let inactive = agency_id("northvale", "Youth Offending Team");
    let southern = agency_id("southmere", "Police");
    for agency in [inactive, southern] {
        let r = api.post(
            "/api/v1/t/northvale/people",
            &office(),
            &json!({"name": "A", "email": format!("{}@example.org", uuid::Uuid::new_v4().simple()), "roles": ["referrer"], "agency_id": agency}),
        );
        assert_eq!((r.status, r.body["fields"][0]["field"].as_str()), (422, Some("agency_id")), "{r:?}");
    }
}

#[test]
fn the_office_sets_roles_and_agency_but_not_its_own() {
    let api = Api::shared();
    let email = create_person("northvale", &[Role::Reviewer]);
    let id = person_id(&email);
    let (access, _) = sign_in("northvale", &email);
    let health = agency_id("northvale", "Integrated Care Board");
    let path = format!("/api/v1/t/northvale/people/{id}");
    let r = api.send(
        "PATCH",
        &path,
        Some(&office()),
        Some(&json!({"roles": ["agency_author", "referrer"], "agency_id": health})),
    );
    assert_eq!(r.status, 204, "{r:?}");
    // the old token carried the old roles: it stops working
    assert_eq!(api.get("/api/v1/me", &access).status, 401);
    let r = api.login_reply("northvale", &email, DEMO_PASSWORD);
    let me = api.get("/api/v1/me", r.body["access_token"].as_str().unwrap());
    assert_eq!(me.body["roles"], json!(["referrer", "agency_author"]), "{me:?}");
    assert!(me.body["agency"]["name"].as_str().unwrap().ends_with("Integrated Care Board"), "{me:?}");
    // no role: 422; the office's own account: 409; another partnership's person: 404
    let r = api.send("PATCH", &path, Some(&office()), Some(&json!({"roles": []})));
    assert_eq!((r.status, r.body["fields"][0]["field"].as_str()), (422, Some("roles")), "{r:?}");
    let own = person_id("office@northvale.example");
    let r = api.send(
        "PATCH",
        &format!("/api/v1/t/northvale/people/{own}"),
        Some(&office()),
        Some(&json!({"roles": ["referrer"]})),
    );
    assert_eq!((r.status, r.body["code"].as_str()), (409, Some("conflict")), "{r:?}");
    let other = person_id(&create_person("southmere", &[Role::Reviewer]));
    let r = api.send(
        "PATCH",
        &format!("/api/v1/t/northvale/people/{other}"),
        Some(&office()),
        Some(&json!({"roles": ["referrer"]})),
    );
    assert_eq!(r.status, 404, "{r:?}");
    let actions: Vec<String> = audit_of(&id).iter().filter_map(|e| e["action"].as_str().map(String::from)).collect();
    assert!(actions.contains(&"account.updated".to_string()), "{actions:?}");
}

#[test]
fn the_national_addresses_default_to_the_framework_and_the_office_changes_them() {
    let api = Api::shared();
    // southmere keeps the defaults (the other test changes northvale's)
    let r = api.get("/api/v1/t/southmere/settings/addresses", &demo_token("southmere", "reviewer"));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        r.body,
        json!({
            "national_panel": "Mailbox.NationalReviewPanel@education.gov.uk",
            "ofsted": "SCR.SIN@ofsted.gov.uk",
            "dfe": "Mailbox.CPOD@education.gov.uk"
        })
    );
    let r = api.put(
        "/api/v1/t/northvale/settings/addresses",
        &office(),
        &json!({"national_panel": "", "ofsted": "ofsted", "dfe": "dfe@example.gov.uk"}),
    );
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("validation_failed")), "{r:?}");
    let fields: Vec<&str> = r.body["fields"].as_array().unwrap().iter().filter_map(|f| f["field"].as_str()).collect();
    assert_eq!(fields, vec!["national_panel", "ofsted"]);
    let new = json!({"national_panel": " panel@example.gov.uk ", "ofsted": "sin@example.gov.uk", "dfe": "dfe@example.gov.uk"});
    let r = api.put("/api/v1/t/northvale/settings/addresses", &office(), &new);
    assert_eq!(r.status, 200, "{r:?}");
    let r = api.get("/api/v1/t/northvale/settings/addresses", &demo_token("northvale", "lead"));
    assert_eq!(r.body["national_panel"], "panel@example.gov.uk");
    // and back, for the browser suite and other runs
    let r = api.put(
        "/api/v1/t/northvale/settings/addresses",
        &office(),
        &serde_json::to_value(shared::settings::FrameworkAddresses::default()).unwrap(),
    );
    assert_eq!(r.status, 200);
    let tenant = {
        let mut conn = server().pool.get().unwrap();
        backend::store::directory::tenant_by_slug(&mut conn, "northvale").unwrap().unwrap().id
    };
    let events = audit_of(&tenant);
    assert!(events.iter().any(|e| e["action"] == "settings.addresses"), "{events:?}");
    assert!(!serde_json::to_string(&events).unwrap().contains("panel@example"));
}
