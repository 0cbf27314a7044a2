//! The referral journey, need-to-know scoping, the stage machine over HTTP, and audit.
use serde_json::{json, Value};
use tests::*;

const BASE: &str = "/api/v1/t/northvale/referrals";

fn create(token: &str, form: &Value) -> String {
    let r = Api::shared().post(BASE, token, form);
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["stage"], "draft");
    let id = r.body["id"].as_str().unwrap().to_string();
    assert_eq!(r.headers["location"].to_str().unwrap(), format!("{BASE}/{id}"));
    id
}

fn fields_of(r: &Reply) -> Vec<String> {
    r.body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_whole_journey_from_draft_to_decision() {
    let api = Api::shared();
    let referrer = demo_token("northvale", "referrer");
    let office = demo_token("northvale", "office");
    let lead = demo_token("northvale", "lead");

    let id = create(&referrer, &json!({}));
    let url = format!("{BASE}/{id}");
    let got = api.get(&url, &referrer);
    assert_eq!(got.body["allowed_actions"], json!(["edit", "send_for_sign_off"]));

    // an empty referral cannot be sent for sign-off: 422 with every empty box, and nothing changes
    let r = submit_referral("northvale", &referrer, &id);
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["code"], "validation_failed");
    let fields = fields_of(&r);
    assert!(!fields.iter().any(|f| f.starts_with("senior_manager")), "{fields:?}");
    for f in ["referrer.name", "child.name", "child.date_of_birth", "chronology", "themes.good_practice"] {
        assert!(fields.contains(&f.to_string()), "{f} not in {fields:?}");
    }
    assert!(r.body["fields"][0]["message"].as_str().unwrap().len() > 5);
    assert_eq!(api.get(&url, &referrer).body["stage"], "draft");

    // fill it in; the manager signs it off and it reaches the office
    let saved = api.put(&url, &referrer, &complete_form("Journey Child"));
    assert_eq!(saved.status, 200, "{saved:?}");
    assert_eq!(saved.body["form"]["child"]["name"], "Journey Child");
    let sub = submit_referral("northvale", &referrer, &id);
    assert_eq!(sub.status, 200, "{sub:?}");
    assert_eq!(sub.body["stage"], "submitted");
    assert!(sub.body["submitted_at"].is_string());
    assert_eq!(sub.body["allowed_actions"], json!([]));
    let mine = api.get(&url, &referrer);
    assert_eq!(mine.body["manager"]["name"], "Jo Whitfield");
    assert_eq!(mine.body["manager"]["agency"], "Northvale Schools");
    assert!(mine.body["signed_off_at"].is_string());
    // no more edits once submitted
    assert_eq!(api.put(&url, &referrer, &complete_form("Changed")).status, 409);

    // the office returns it; the referrer sees why, completes and submits again
    let office_view = api.get(&url, &office);
    assert_eq!(office_view.body["allowed_actions"], json!(["return", "recommend"]));
    let ret = api.post(&format!("{url}/return"), &office, &json!({"reason": "Add the GP's contact details"}));
    assert_eq!(ret.status, 200, "{ret:?}");
    let mine = api.get(&url, &referrer);
    assert_eq!(mine.body["stage"], "returned");
    assert_eq!(mine.body["return_reason"], "Add the GP's contact details");
    assert_eq!(submit_referral("northvale", &referrer, &id).body["stage"], "submitted");

    // a decision before a recommendation is the wrong stage
    let early = api.put(
        &format!("{url}/decision"),
        &lead,
        &json!({"review_agreed": true, "comments": "", "decided_on": "2026-11-02"}),
    );
    assert_eq!(early.status, 409);
    assert_eq!(early.body["code"], "invalid_stage");

    // recommendation: a review needs its type
    let bad = api.put(
        &format!("{url}/recommendation"),
        &office,
        &json!({"review_recommended": true, "recommended_on": "2026-11-01", "reason": "criteria met", "legal_advice_sought": true}),
    );
    assert_eq!(bad.status, 422);
    assert_eq!(fields_of(&bad), vec!["review_type"]);
    let rec = api.put(
        &format!("{url}/recommendation"),
        &office,
        &json!({"review_recommended": true, "review_type": "cspr", "comments": "", "recommended_on": "2026-11-01",
                "reason": "criteria met", "legal_advice_sought": true}),
    );
    assert_eq!(rec.status, 200, "{rec:?}");
    assert_eq!(rec.body["stage"], "recommended");
    assert_eq!(api.put(&format!("{url}/recommendation"), &office, &rec.body["recommendation"]).status, 409);

    let dec = api.put(
        &format!("{url}/decision"),
        &lead,
        &json!({"review_agreed": true, "comments": "Agreed", "decided_on": "2026-11-02"}),
    );
    assert_eq!(dec.status, 200, "{dec:?}");
    assert_eq!(dec.body["stage"], "decided");

    // the referrer sees the outcome
    let outcome = api.get(&url, &referrer);
    assert_eq!(outcome.body["decision"]["review_agreed"], true);
    assert_eq!(outcome.body["recommendation"]["review_type"], "cspr");
}

#[test]
fn referrers_see_only_their_own_and_drafts_stay_private() {
    let api = Api::shared();
    let a = new_referrer("northvale");
    let b = new_referrer("northvale");
    let office = demo_token("northvale", "office");
    let reviewer = demo_token("northvale", "reviewer");

    let draft = create(&a, &json!({"rationale": "draft only"}));
    let submitted = create(&a, &complete_form("Scoped Child"));
    assert_eq!(submit_referral("northvale", &a, &submitted).status, 200);

    // B sees neither, by id or in the list
    assert_eq!(api.get(&format!("{BASE}/{draft}"), &b).status, 404);
    assert_eq!(api.get(&format!("{BASE}/{submitted}"), &b).status, 404);
    let list_b = api.get(&format!("{BASE}?per_page=100"), &b);
    assert_eq!(list_b.status, 200);
    assert_eq!(list_b.body["total"], 0);
    // B cannot change A's referral either
    assert_eq!(api.put(&format!("{BASE}/{draft}"), &b, &json!({})).status, 404);
    assert_eq!(submit_referral("northvale", &b, &draft).status, 404);

    // A sees both
    let list_a = api.get(&format!("{BASE}?per_page=100"), &a);
    assert_eq!(list_a.body["total"], 2);

    // the office and reviewers see the submitted one, never the draft
    for t in [&office, &reviewer] {
        assert_eq!(api.get(&format!("{BASE}/{submitted}"), t).status, 200);
        assert_eq!(api.get(&format!("{BASE}/{draft}"), t).status, 404);
        let all = api.get(&format!("{BASE}?per_page=100"), t).body.to_string();
        assert!(all.contains(&submitted) && !all.contains(&draft));
    }
}

#[test]
fn lists_are_paginated_and_filterable_by_stage() {
    let api = Api::shared();
    let a = token("northvale", &create_person("northvale", &[shared::Role::Referrer]));
    for _ in 0..5 {
        create(&a, &json!({}));
    }
    let p1 = api.get(&format!("{BASE}?per_page=2&page=1"), &a);
    let p3 = api.get(&format!("{BASE}?per_page=2&page=3"), &a);
    assert_eq!(p1.body["total"], 5);
    assert_eq!(p1.body["items"].as_array().unwrap().len(), 2);
    assert_eq!(p3.body["items"].as_array().unwrap().len(), 1);
    assert_ne!(p1.body["items"][0]["id"], p3.body["items"][0]["id"]);
    let past_end = api.get(&format!("{BASE}?per_page=2&page=9"), &a);
    assert_eq!(past_end.body["total"], 5);
    assert_eq!(past_end.body["items"].as_array().unwrap().len(), 0);
    assert_eq!(api.get(&format!("{BASE}?stage=submitted"), &a).body["total"], 0);
    assert_eq!(api.get(&format!("{BASE}?stage=draft"), &a).body["total"], 5);
    assert_eq!(api.get(&format!("{BASE}?per_page=101"), &a).status, 400);
    assert_eq!(api.get(&format!("{BASE}?page=0"), &a).status, 400);
    assert_eq!(api.get(&format!("{BASE}?stage=nonsense"), &a).status, 400);
}

#[test]
fn lists_name_the_child_as_the_form_has_it() {
    let api = Api::shared();
    let a = token("northvale", &create_person("northvale", &[shared::Role::Referrer]));
    let id = create(&a, &json!({"child": {"name": "  Listed Child  "}}));
    let named = |t: &str| {
        let list = api.get(&format!("{BASE}?per_page=100"), t);
        list.body["items"].as_array().unwrap().iter().find(|i| i["id"] == id.as_str()).unwrap()["child_name"].clone()
    };
    assert_eq!(named(&a), "Listed Child");
    let r = api.put(&format!("{BASE}/{id}"), &a, &json!({"child": {"name": "Renamed Child"}}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(named(&a), "Renamed Child");
}

#[test]
fn every_change_is_audited_without_personal_data() {
    let api = Api::shared();
    let referrer = demo_token("northvale", "referrer");
    let child = "Audit Childname Unique";
    let id = create(&referrer, &complete_form(child));
    let manager = demo_token("northvale", "manager");
    let manager_id = person_id("manager@northvale.example");
    let sent = api.post(&format!("{BASE}/{id}/send-for-sign-off"), &referrer, &json!({ "manager_id": manager_id }));
    assert_eq!(sent.status, 200, "{sent:?}");
    let back = api.post(&format!("{BASE}/{id}/return-by-manager"), &manager, &json!({"reason": "Add the GP"}));
    assert_eq!(back.status, 200, "{back:?}");
    assert_eq!(submit_referral("northvale", &referrer, &id).status, 200);

    let s = server();
    let mut conn = s.pool.get().unwrap();
    let tenant = backend::store::directory::tenant_by_slug(&mut conn, "northvale").unwrap().unwrap();
    let events = backend::store::audit::list(&mut conn, &tenant.id, &Default::default(), 10_000).unwrap();
    let mine: Vec<_> = events.iter().filter(|e| e.entity_id.as_deref() == Some(id.as_str())).collect();
    let actions: Vec<&str> = mine.iter().map(|e| e.action.as_str()).collect();
    for action in ["referral.create", "referral.send_for_sign_off", "referral.return_by_manager", "referral.sign_off"] {
        assert!(actions.contains(&action), "{action} not in {actions:?}");
    }
    assert!(mine.iter().all(|e| e.actor_id.is_some() && e.request_id.is_some()));
    let dump = format!("{events:?}");
    assert!(
        !dump.contains(child) && !dump.contains("Sample Street") && !dump.contains("@") && !dump.contains("Add the GP"),
        "audit holds personal data"
    );
}

#[test]
fn drafts_are_checked_for_bounds_but_not_completeness() {
    let api = Api::shared();
    let referrer = demo_token("northvale", "referrer");
    let mut form = json!({"child": {"name": "x".repeat(600)}});
    let r = api.post(BASE, &referrer, &form);
    assert_eq!(r.status, 422);
    assert_eq!(fields_of(&r), vec!["child.name"]);
    form["child"]["name"] = json!("ok");
    form["chronology"] = json!([{"date": "2999-01-01", "time": "9am", "event": "x"}]);
    let r = api.post(BASE, &referrer, &form);
    assert_eq!(fields_of(&r), vec!["chronology[0].date", "chronology[0].time"]);
}

#[test]
fn concurrent_writes_all_succeed() {
    let referrer = demo_token("northvale", "referrer");
    let handles: Vec<_> = (0..12)
        .map(|i| {
            let t = referrer.clone();
            std::thread::spawn(move || {
                let api = Api::shared();
                let id = create(&t, &json!({"rationale": format!("concurrent {i}")}));
                let saved = api.put(&format!("{BASE}/{id}"), &t, &complete_form("Concurrent Child"));
                let sub = submit_referral("northvale", &t, &id);
                (saved.status, sub.status)
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), (200, 200));
    }
}

/// The database ids of a person (by e-mail) and of a tenant (by slug).
fn ids_of(email: &str, tenant: &str) -> (String, String) {
    use backend::store::directory;
    let mut conn = server().pool.get().expect("connection");
    let user = directory::user_by_email(&mut conn, email).unwrap().expect("user");
    let t = directory::tenant_by_slug(&mut conn, tenant).unwrap().expect("tenant");
    (user.id.to_string(), t.id)
}

#[test]
fn one_batch_reads_each_key_through_its_own_scope() {
    use backend::store::referral::batch::{get_many, ReferralKey};
    use shared::referral::ReferralScope;
    let a_email = create_person_in("northvale", &[shared::Role::Referrer], "Schools");
    let b_email = create_person("northvale", &[shared::Role::Referrer]);
    let a = token("northvale", &a_email);
    let draft = create(&a, &json!({"rationale": "batched draft"}));
    let submitted = create(&a, &complete_form("Batched Child"));
    assert_eq!(submit_referral("northvale", &a, &submitted).status, 200);
    let (a_id, northvale) = ids_of(&a_email, "northvale");
    let (b_id, _) = ids_of(&b_email, "northvale");
    let (_, southmere) = ids_of(&a_email, "southmere");
    let key = |tenant: &str, id: &str, user: &str, scope| ReferralKey {
        tenant_id: tenant.to_string(),
        id: id.to_string(),
        user_id: user.to_string(),
        scope,
    };
    let keys = vec![
        key(&northvale, &draft, &a_id, ReferralScope::OwnOnly), // A's own draft: seen
        key(&northvale, &draft, &b_id, ReferralScope::OwnOnly), // B: not theirs
        key(&northvale, &draft, &b_id, ReferralScope::SubmittedAndOwn), // office-like: a draft stays private
        key(&northvale, &submitted, &b_id, ReferralScope::SubmittedAndOwn), // office-like: submitted is seen
        key(&northvale, &submitted, &b_id, ReferralScope::OwnOnly), // B: not theirs
        key(&southmere, &submitted, &a_id, ReferralScope::SubmittedAndOwn), // another tenant: nothing
        key(&northvale, "no-such-id", &a_id, ReferralScope::SubmittedAndOwn),
        key(&northvale, &submitted, &a_id, ReferralScope::OwnOnly), // A's own, again: seen
    ];
    let mut conn = server().pool.get().expect("connection");
    let rows = get_many(&mut conn, &keys).unwrap();
    let seen: Vec<Option<&str>> = rows.iter().map(|r| r.as_ref().map(|(r, _)| r.id.as_str())).collect();
    assert_eq!(
        seen,
        vec![Some(draft.as_str()), None, None, Some(submitted.as_str()), None, None, None, Some(submitted.as_str())]
    );
    // each with its decision clock once it reached the office, read in the same batch
    let clocks: Vec<Option<bool>> = rows.iter().map(|r| r.as_ref().map(|(_, c)| c.is_some())).collect();
    assert_eq!(clocks, vec![Some(false), None, None, Some(true), None, None, None, Some(true)]);
    let (row, clock) = rows[3].as_ref().unwrap();
    let clock = clock.as_ref().unwrap();
    assert_eq!(
        (clock.referral_id.to_string(), clock.kind),
        (row.id.clone(), shared::calendar::ClockKind::ReferralDecision)
    );
    assert!(get_many(&mut conn, &[]).unwrap().is_empty());
}

#[test]
fn concurrent_reads_each_see_only_what_their_caller_may() {
    // Many callers at once: on PostgreSQL their reads share round trips (backend::gather).
    let a = new_referrer("northvale");
    let b = token("northvale", &create_person("northvale", &[shared::Role::Referrer]));
    let office = demo_token("northvale", "office");
    let other = demo_token("southmere", "office");
    let draft = create(&a, &json!({"rationale": "concurrent draft"}));
    let submitted = create(&a, &complete_form("Concurrent Reads Child"));
    assert_eq!(submit_referral("northvale", &a, &submitted).status, 200);
    let cases: Vec<(String, String, u16)> = vec![
        (a.clone(), draft.clone(), 200),
        (a.clone(), submitted.clone(), 200),
        (b.clone(), draft.clone(), 404),
        (b.clone(), submitted.clone(), 404),
        (office.clone(), draft.clone(), 404),
        (office.clone(), submitted.clone(), 200),
    ];
    let handles: Vec<_> = (0..16)
        .map(|t| {
            let cases = cases.clone();
            let other = other.clone();
            let submitted = submitted.clone();
            std::thread::spawn(move || {
                let api = Api::shared();
                for i in 0..30 {
                    let (token, id, want) = &cases[(t + i) % cases.len()];
                    let r = api.get(&format!("{BASE}/{id}"), token);
                    assert_eq!(r.status, *want, "{r:?}");
                    if *want == 200 {
                        assert_eq!(r.body["id"], id.as_str());
                    }
                }
                // a token of another partnership gets 404 on this tenant's path
                let r = api.get(&format!("{BASE}/{submitted}"), &other);
                assert_eq!(r.status, 404, "{r:?}");
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
}

/// A complete referral of a new Schools referrer: (their token, its id).
fn complete_referral(child: &str) -> (String, String) {
    let referrer = new_referrer("northvale");
    let id = create(&referrer, &complete_form(child));
    (referrer, id)
}

fn send_to(referrer: &str, id: &str, manager_email: &str) -> Reply {
    let body = json!({ "manager_id": person_id(manager_email) });
    Api::shared().post(&format!("{BASE}/{id}/send-for-sign-off"), referrer, &body)
}

#[test]
fn the_manager_returns_it_the_referrer_sends_it_again_and_once_agreed_the_office_sees_it() {
    let api = Api::shared();
    let manager = demo_token("northvale", "manager");
    let office = demo_token("northvale", "office");
    let (referrer, id) = complete_referral("Sign-off Child");
    let url = format!("{BASE}/{id}");

    // the referrer chooses from their agency's managers
    let managers = api.get("/api/v1/t/northvale/sign-off-managers", &referrer);
    assert_eq!(managers.status, 200, "{managers:?}");
    let demo_manager = json!({
        "id": person_id("manager@northvale.example"), "name": "Jo Whitfield", "agency": "Northvale Schools"
    });
    let managers = managers.body.as_array().unwrap();
    assert!(managers.contains(&demo_manager), "{managers:?}");
    assert!(managers.iter().all(|m| m["agency"] == "Northvale Schools"), "{managers:?}");

    let sent = send_to(&referrer, &id, "manager@northvale.example");
    assert_eq!(sent.status, 200, "{sent:?}");
    assert_eq!(sent.body["stage"], "awaiting_sign_off");
    assert_eq!(sent.body["manager"]["name"], "Jo Whitfield");
    assert!(sent.body["signed_off_at"].is_null() && sent.body["submitted_at"].is_null());
    assert_eq!(sent.body["allowed_actions"], json!([]));
    // not yet at the office; no more edits; not sent twice
    assert_eq!(api.get(&url, &office).status, 404);
    assert!(!api.get(&format!("{BASE}?per_page=100"), &office).body.to_string().contains(&id));
    assert_eq!(api.put(&url, &referrer, &complete_form("Changed")).status, 409);
    assert_eq!(send_to(&referrer, &id, "manager@northvale.example").status, 409);

    // the manager sees it in their list, and returns it with a reason
    let theirs = api.get(&format!("{BASE}?stage=awaiting_sign_off&per_page=100"), &manager);
    assert!(theirs.body.to_string().contains(&id), "{theirs:?}");
    assert_eq!(api.get(&url, &manager).body["allowed_actions"], json!(["sign_off", "return_by_manager"]));
    let none = api.post(&format!("{url}/return-by-manager"), &manager, &json!({"reason": " "}));
    assert_eq!(none.status, 422);
    assert_eq!(fields_of(&none), vec!["reason"]);
    let back = api.post(&format!("{url}/return-by-manager"), &manager, &json!({"reason": "Add the GP's details"}));
    assert_eq!(back.status, 200, "{back:?}");
    assert_eq!(back.body["stage"], "returned_by_manager");
    let mine = api.get(&url, &referrer);
    assert_eq!(mine.body["return_reason"], "Add the GP's details");
    assert_eq!(mine.body["allowed_actions"], json!(["edit", "send_for_sign_off"]));
    // out of order: signing off a returned referral
    let early = api.post(&format!("{url}/sign-off"), &manager, &json!({}));
    assert_eq!(early.status, 409, "{early:?}");
    assert_eq!(early.body["code"], "invalid_stage");

    // the referrer edits and sends it again; the manager agrees: it reaches the office
    assert_eq!(api.put(&url, &referrer, &complete_form("Sign-off Child")).status, 200);
    assert_eq!(send_to(&referrer, &id, "manager@northvale.example").body["return_reason"], Value::Null);
    let agreed = api.post(&format!("{url}/sign-off"), &manager, &json!({}));
    assert_eq!(agreed.status, 200, "{agreed:?}");
    assert_eq!(agreed.body["stage"], "submitted");
    assert!(agreed.body["signed_off_at"].is_string() && agreed.body["submitted_at"].is_string());
    let at_office = api.get(&url, &office);
    assert_eq!(at_office.status, 200);
    assert_eq!(at_office.body["allowed_actions"], json!(["return", "recommend"]));
    assert_eq!(at_office.body["manager"]["agency"], "Northvale Schools");
    assert!(api.get(&format!("{BASE}?stage=submitted&per_page=100"), &office).body.to_string().contains(&id));
    // signed off once only; the manager still reads what they signed
    assert_eq!(api.post(&format!("{url}/sign-off"), &manager, &json!({})).status, 409);
    assert_eq!(api.get(&url, &manager).status, 200);
}

#[test]
fn only_the_manager_it_was_sent_to_of_the_referrers_agency_signs_off() {
    let api = Api::shared();
    let (referrer, id) = complete_referral("Other Agency Child");
    let url = format!("{BASE}/{id}");
    let police_manager = create_person_in("northvale", &[shared::Role::AgencyManager], "Police");
    let second_schools_manager = create_person_in("northvale", &[shared::Role::AgencyManager], "Schools");
    let office_email = "office@northvale.example";

    // a manager of another agency, or someone who is no manager, cannot be chosen
    for not_theirs in [police_manager.as_str(), office_email, "referrer@northvale.example"] {
        let r = send_to(&referrer, &id, not_theirs);
        assert_eq!(r.status, 422, "{not_theirs}: {r:?}");
        assert_eq!(fields_of(&r), vec!["manager_id"]);
    }
    let listed = api.get("/api/v1/t/northvale/sign-off-managers", &referrer).body.to_string();
    assert!(!listed.contains(&person_id(&police_manager)) && listed.contains(&person_id(&second_schools_manager)));
    assert_eq!(api.get(&url, &referrer).body["stage"], "draft");

    assert_eq!(send_to(&referrer, &id, "manager@northvale.example").status, 200);
    // the police manager, and a Schools manager it was not sent to, do not see it
    for other in [&police_manager, &second_schools_manager] {
        let t = token("northvale", other);
        assert_eq!(api.post(&format!("{url}/sign-off"), &t, &json!({})).status, 404);
        assert_eq!(api.post(&format!("{url}/return-by-manager"), &t, &json!({"reason": "x"})).status, 404);
    }
    // nor may the referrer or the office sign off (their roles), nor another partnership's manager
    for word in ["referrer", "office"] {
        let r = api.post(&format!("{url}/sign-off"), &demo_token("northvale", word), &json!({}));
        assert_eq!(r.status, 403, "{word}: {r:?}");
    }
    assert_eq!(api.post(&format!("{url}/sign-off"), &demo_token("southmere", "manager"), &json!({})).status, 404);
    assert_eq!(api.get(&url, &referrer).body["stage"], "awaiting_sign_off");
}

/// A referral of a new referrer taken to the strategic lead's decision.
fn decided(child: &str, decision: Value) -> (String, Reply) {
    let api = Api::shared();
    let (referrer, id) = complete_referral(child);
    assert_eq!(submit_referral("northvale", &referrer, &id).status, 200);
    let rec = json!({"review_recommended": false, "comments": "", "recommended_on": "2026-11-01",
                     "reason": "learning", "legal_advice_sought": false});
    let r = api.put(&format!("{BASE}/{id}/recommendation"), &demo_token("northvale", "office"), &rec);
    assert_eq!(r.status, 200, "{r:?}");
    let r = api.put(&format!("{BASE}/{id}/decision"), &demo_token("northvale", "lead"), &decision);
    (id, r)
}

#[test]
fn a_learning_only_decision_records_the_learning_and_its_actions() {
    let api = Api::shared();
    let (id, r) = decided("Learning Child", json!({"review_agreed": false, "decided_on": "2026-11-02"}));
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(fields_of(&r), vec!["learning_identified", "actions"]);
    let decision = json!({"review_agreed": false, "comments": "", "decided_on": "2026-11-02",
        "learning_identified": "Escalate attendance concerns sooner",
        "actions": [{"action": "Brief the DSLs", "owner": "Northvale Schools", "due_on": "2027-01-29"}]});
    let r = api.put(&format!("{BASE}/{id}/decision"), &demo_token("northvale", "lead"), &decision);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["decision"]["actions"][0]["owner"], "Northvale Schools");
    assert_eq!(r.body["decision"]["learning_identified"], "Escalate attendance concerns sooner");
    // no Rapid Review is opened from it
    let mut n = notification("Learning Child", "2026-11-02");
    n["referral_id"] = json!(id);
    let r = api.post("/api/v1/t/northvale/cases", &demo_token("northvale", "office"), &n);
    assert_eq!(r.status, 409, "{r:?}");
}

#[test]
fn a_rapid_review_opens_once_from_a_referral_whose_decision_agreed_it() {
    let api = Api::shared();
    let office = demo_token("northvale", "office");
    let (id, r) =
        decided("Opened Child", json!({"review_agreed": true, "comments": "Agreed", "decided_on": "2026-11-02"}));
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.body["case_id"].is_null());
    // the referral's child is the notification's child
    let referral = api.get(&format!("{BASE}/{id}"), &office);
    let mut n = notification("ignored", "2026-11-02");
    n["children"] = json!([referral.body["form"]["child"]]);
    n["referral_id"] = json!(id);
    let case = api.post("/api/v1/t/northvale/cases", &office, &n);
    assert_eq!(case.status, 201, "{case:?}");
    assert_eq!(case.body["notification"]["referral_id"], id.as_str());
    assert_eq!(case.body["notification"]["children"][0]["name"], "Opened Child");
    let linked = api.get(&format!("{BASE}/{id}"), &office);
    assert_eq!(linked.body["case_id"], case.body["id"]);
    // once only
    let again = api.post("/api/v1/t/northvale/cases", &office, &n);
    assert_eq!(again.status, 409, "{again:?}");
}

/// Lost updates (issue 14): a referral answers its version as its ETag; a save naming an
/// older one in If-Match is 409 `edit_conflict` and writes nothing; saves sent at once on the
/// same version: one is taken.
#[test]
fn a_save_on_an_older_version_is_refused_and_one_of_saves_at_once_is_taken() {
    let api = Api::shared();
    let t = new_referrer("northvale");
    let id = create(&t, &json!({"background": "first"}));
    let path = format!("{BASE}/{id}");
    let read = api.get(&path, &t);
    let etag = read.headers["etag"].to_str().unwrap().to_string();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
    let save = |background: &str, tag: &str| {
        api.send_with("PUT", &path, &t, &json!({"background": background}), &[("If-Match", tag)])
    };
    let r = save("second", &etag);
    assert_eq!(r.status, 200, "{r:?}");
    let newer = r.headers["etag"].to_str().unwrap().to_string();
    assert_ne!(newer, etag, "the version moved on");
    let stale = save("third, from a stale tab", &etag);
    assert_eq!((stale.status, stale.body["code"].as_str()), (409, Some("edit_conflict")), "{stale:?}");
    assert_eq!(api.get(&path, &t).body["form"]["background"], "second", "nothing written");
    assert_eq!(save("x", "not an etag").status, 400);
    assert_eq!(save("star", "*").status, 200, "* matches any version");
    // eight saves at once, each on the version read
    let tag = api.get(&path, &t).headers["etag"].to_str().unwrap().to_string();
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (path, t, tag) = (&path, &t, &tag);
                s.spawn(move || {
                    Api::shared()
                        .send_with("PUT", path, t, &json!({"background": format!("at once {i}")}), &[("If-Match", tag)])
                        .status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 409), "{statuses:?}");
}

/// Saves at once without If-Match wait for each other (PostgreSQL: `SELECT … FOR UPDATE` of
/// the referral; SQLite: the write lock), each on what the one before wrote: every one is
/// taken and the version rises by one for each.
#[test]
fn saves_at_once_without_if_match_are_each_taken_in_turn() {
    let api = Api::shared();
    let t = new_referrer("northvale");
    let id = create(&t, &json!({"background": "first"}));
    let path = format!("{BASE}/{id}");
    let version = |r: &tests::Reply| r.headers["etag"].to_str().unwrap().trim_matches('"').parse::<i64>().unwrap();
    let before = version(&api.get(&path, &t));
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (path, t) = (&path, &t);
                s.spawn(move || Api::shared().put(path, t, &json!({"background": format!("in turn {i}")})).status)
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses, vec![200; 8], "a save without If-Match was refused");
    let after = api.get(&path, &t);
    assert_eq!(version(&after), before + 8, "a save was lost");
    assert!(after.body["form"]["background"].as_str().unwrap().starts_with("in turn "));
}
