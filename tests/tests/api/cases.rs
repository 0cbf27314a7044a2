//! Serious Incident Notifications, information requests, the Rapid Review, decisions, the
//! clocks and the calendar, over HTTP.
use serde_json::{json, Value};
use tests::*;

fn today() -> String {
    shared::calendar::uk_date(chrono::Utc::now()).to_string()
}

fn clock<'a>(case: &'a Value, kind: &str) -> Vec<&'a Value> {
    case["clocks"].as_array().unwrap().iter().filter(|c| c["kind"] == kind).collect()
}

fn answer() -> Value {
    serde_json::to_value(backend::demo::example_information("Testville")).unwrap()
}

#[test]
fn a_notification_needs_every_mandatory_box() {
    let api = Api::shared();
    let office = demo_token("northvale", "office");
    let r = api.post("/api/v1/t/northvale/cases", &office, &json!({}));
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["code"], "validation_failed");
    let fields: Vec<&str> = r.body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap()).collect();
    for want in ["incident_date", "incident_place", "la_aware_on", "children", "notifier.name"] {
        assert!(fields.contains(&want), "{want} in {fields:?}");
    }
    let mut five = notification("Child", "2026-11-02");
    five["children"] = Value::Array(vec![json!({"name": "A", "date_of_birth": "2020-01-01"}); 5]);
    assert_eq!(api.post("/api/v1/t/northvale/cases", &office, &five).body["fields"][0]["field"], "children");
    // raised from a referral that does not exist here
    let mut from_referral = notification("Child", "2026-11-02");
    from_referral["referral_id"] = json!(uuid::Uuid::new_v4());
    let r = api.post("/api/v1/t/northvale/cases", &office, &from_referral);
    assert_eq!(r.status, 422);
    assert_eq!(r.body["fields"][0]["field"], "referral_id");
}

#[test]
fn a_case_from_notification_to_a_local_cspr() {
    let api = Api::shared();
    let office = demo_token("northvale", "office");
    let lead = demo_token("northvale", "lead");
    let scrutineer = token("northvale", "scrutineer@independent.example");
    // aware on Monday 2 November 2026: the notification is due 5 working days later
    let r = api.post("/api/v1/t/northvale/cases", &office, &notification("Journey Child", "2026-11-02"));
    assert_eq!(r.status, 201, "{r:?}");
    let case = r.body["id"].as_str().unwrap().to_string();
    assert_eq!(r.body["stage"], "rapid_review");
    assert!(r.body["reference"].as_str().unwrap().starts_with("2026-"));
    assert_eq!(clock(&r.body, "notification_to_panel")[0]["due_on"], "2026-11-09");
    // the Rapid Review's 15 working days run from the same day
    assert_eq!(clock(&r.body, "rapid_review_report")[0]["due_on"], "2026-11-23");
    let base = format!("/api/v1/t/northvale/cases/{case}");

    // sent on the 4th: met on time; the Rapid Review's clock is not moved by it
    let r = api.post(&format!("{base}/notification-sent"), &office, &json!({"sent_on": "2026-11-04"}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(clock(&r.body, "notification_to_panel")[0]["status"], "met_on_time");
    assert_eq!(clock(&r.body, "rapid_review_report")[0]["due_on"], "2026-11-23");
    let again = api.post(&format!("{base}/notification-sent"), &office, &json!({"sent_on": "2026-11-04"}));
    assert_eq!(again.status, 409);

    // the police asked today, health asked back in October (so late)
    let police = agency_id("northvale", "Police");
    let health = agency_id("northvale", "Integrated Care Board");
    let r = api.post(&format!("{base}/information-requests"), &office, &json!({"agency_ids": [police]}));
    assert_eq!(r.status, 200, "{r:?}");
    let r = api.post(
        &format!("{base}/information-requests"),
        &office,
        &json!({"agency_ids": [health], "sent_on": "2026-11-03"}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let dup = api.post(&format!("{base}/information-requests"), &office, &json!({"agency_ids": [health]}));
    assert_eq!(dup.status, 422);
    assert_eq!(dup.body["fields"][0]["code"], "duplicate");
    let requests = r.body["requests"].as_array().unwrap();
    let id_of =
        |agency: &str| requests.iter().find(|q| q["agency_id"] == agency).unwrap()["id"].as_str().unwrap().to_string();
    let (police_req, health_req) = (id_of(&police), id_of(&health));
    let health_row = requests.iter().find(|q| q["agency_id"] == health).unwrap();
    assert_eq!(health_row["due_on"], "2026-11-12");

    // the office reminds health
    let r = api.post(&format!("{base}/information-requests/{health_req}/reminders"), &office, &json!({}));
    assert_eq!(r.status, 200, "{r:?}");
    let h = r.body["requests"].as_array().unwrap().iter().find(|q| q["id"] == health_req.as_str()).unwrap().clone();
    assert_eq!(h["reminders"], 1);

    // each agency's author sees only their own request
    let police_author = demo_token("northvale", "author");
    let health_author = demo_token("northvale", "author.health");
    let mine = api.get("/api/v1/t/northvale/information-requests", &police_author);
    assert!(mine.body.to_string().contains(&police_req));
    assert!(!mine.body.to_string().contains(&health_req));
    assert_eq!(api.get(&format!("/api/v1/t/northvale/information-requests/{health_req}"), &police_author).status, 404);
    let r = api.get(&format!("/api/v1/t/northvale/information-requests/{police_req}"), &police_author);
    assert_eq!(r.status, 200);
    assert_eq!(r.body["notification"]["children"][0]["name"], "Journey Child");
    assert_eq!(r.body["can_answer"], true);
    // an author may not answer for another agency
    let r = api.put(&format!("/api/v1/t/northvale/information-requests/{health_req}"), &police_author, &answer());
    assert_eq!(r.status, 404);

    // submitting an empty answer names the boxes; a draft then a submit
    let r =
        api.post(&format!("/api/v1/t/northvale/information-requests/{police_req}/submit"), &police_author, &json!({}));
    assert_eq!(r.status, 422);
    assert!(r.body["fields"].as_array().unwrap().iter().any(|f| f["field"] == "background"));
    for (req, author) in [(&police_req, &police_author), (&health_req, &health_author)] {
        let r = api.put(&format!("/api/v1/t/northvale/information-requests/{req}"), author, &answer());
        assert_eq!(r.status, 200, "{r:?}");
        assert_eq!(r.body["status"], "draft");
        let r = api.post(&format!("/api/v1/t/northvale/information-requests/{req}/submit"), author, &json!({}));
        assert_eq!(r.status, 200, "{r:?}");
        assert_eq!(r.body["status"], "submitted");
        assert_eq!(r.body["submitted_on"], today());
    }
    let r = api.put(&format!("/api/v1/t/northvale/information-requests/{police_req}"), &police_author, &answer());
    assert_eq!(r.status, 409, "answered already");

    // the office sees who answered and who was late
    let r = api.get(&base, &office);
    let status_of = |req: &str| {
        r.body["requests"].as_array().unwrap().iter().find(|q| q["id"] == req).unwrap()["clock_status"].clone()
    };
    assert_eq!(status_of(&police_req), "met_on_time");
    assert_eq!(status_of(&health_req), "met_late");

    // the scrutineer reads but changes nothing
    assert_eq!(api.get(&base, &scrutineer).status, 200);
    let meeting = json!({
        "held_on": "2026-11-16",
        "members": [
            {"role": "designated_doctor", "name": "Dr A", "designation": "Designated Doctor"},
            {"role": "police_child_protection", "name": "DI B", "designation": "Head of CP Team"},
            {"role": "childrens_services_manager", "name": "C", "designation": "Service Manager"},
            {"role": "other", "name": "D", "designation": "Named Nurse", "agency": "Health"}
        ],
        "facts": "F", "immediate_safety_actions": "S", "immediate_learning": "L",
        "possible_improvements": "I", "recommendation": "local_cspr", "rationale": "R"
    });
    assert_eq!(api.put(&format!("{base}/meeting"), &scrutineer, &meeting).status, 403);
    // a meeting without a core member is refused
    let mut short = meeting.clone();
    short["members"].as_array_mut().unwrap().remove(0);
    let r = api.put(&format!("{base}/meeting"), &office, &short);
    assert_eq!(r.status, 422);
    assert_eq!(r.body["fields"][0]["code"], "missing_core_member");
    let r = api.put(&format!("{base}/meeting"), &office, &meeting);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["stage"], "awaiting_decision");
    // the report goes after the decision: not yet
    assert_eq!(r.body["allowed_actions"], json!([]));
    let early = api.post(&format!("{base}/report-sent"), &office, &json!({"sent_on": "2026-11-17"}));
    assert_eq!(early.status, 409, "{early:?}");
    assert_eq!(early.body["code"], "invalid_stage");

    // the lead decides: a local CSPR with its 6-month clock
    let decision = json!({"outcome": "local_cspr", "rationale": "Criteria met", "decided_on": "2026-11-18"});
    assert_eq!(api.put(&format!("{base}/decision"), &office, &decision).status, 403);
    let r = api.put(&format!("{base}/decision"), &lead, &decision);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["stage"], "local_cspr");
    assert_eq!(clock(&r.body, "cspr_completion")[0]["due_on"], "2027-05-18");
    let steps: Vec<&str> = r.body["timeline"].as_array().unwrap().iter().map(|s| s["step"].as_str().unwrap()).collect();
    for want in
        ["aware", "notification_sent", "requests_sent", "information_received", "meeting", "decision", "cspr_opened"]
    {
        assert!(steps.contains(&want), "{want} in {steps:?}");
    }
    // the report went on the 20th: met on time (due the 23rd, 15 working days after awareness)
    let r = api.post(&format!("{base}/report-sent"), &office, &json!({"sent_on": "2026-11-20"}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(clock(&r.body, "rapid_review_report")[0]["status"], "met_on_time");

    // only the CSPR's clock is still open on the dashboard for this case
    let d = api.get("/api/v1/t/northvale/clocks?per_page=100&stage=local_cspr", &office);
    assert_eq!(d.status, 200, "{d:?}");
    let open: Vec<&Value> =
        d.body["items"].as_array().unwrap().iter().filter(|c| c["case_id"] == case.as_str()).collect();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["kind"], "cspr_completion");
    assert_eq!(open[0]["status"], "on_track");
    assert_eq!(open[0]["case_stage"], "local_cspr");

    // audit events hold no personal data
    let mut conn = server().pool.get().unwrap();
    let t = backend::store::directory::tenant_by_slug(&mut conn, "northvale").unwrap().unwrap();
    let events = backend::store::audit::list(&mut conn, &t.id, &Default::default(), 1000).unwrap();
    assert!(events.iter().any(|e| e.action == "case.decide"));
    assert!(events.iter().any(|e| e.action == "information_request.submit"));
    assert!(!format!("{events:?}").contains("Journey Child"));
}

#[test]
fn a_learning_only_decision_records_the_learning_and_actions() {
    let api = Api::shared();
    let (case, _) = open_case("northvale", "2026-11-02");
    let base = format!("/api/v1/t/northvale/cases/{case}");
    let office = demo_token("northvale", "office");
    let lead = demo_token("northvale", "lead");
    let meeting = json!({
        "held_on": "2026-11-16",
        "members": [
            {"role": "designated_doctor", "name": "Dr A", "designation": "x"},
            {"role": "police_child_protection", "name": "DI B", "designation": "x"},
            {"role": "childrens_services_manager", "name": "C", "designation": "x"}
        ],
        "facts": "F", "immediate_safety_actions": "S", "immediate_learning": "L",
        "possible_improvements": "I", "recommendation": "learning_only", "rationale": "R",
        "outstanding_reason": "The police are answering at the meeting"
    });
    assert_eq!(api.put(&format!("{base}/meeting"), &office, &meeting).status, 200);
    let bare = json!({"outcome": "learning_only", "rationale": "R", "decided_on": "2026-11-18"});
    let r = api.put(&format!("{base}/decision"), &lead, &bare);
    assert_eq!(r.status, 422);
    let full = json!({"outcome": "learning_only", "rationale": "R", "decided_on": "2026-11-18",
        "learning_identified": "Share call-outs with schools",
        "actions": [{"action": "Briefing", "owner": "Police", "due_on": "2027-01-31"}]});
    let r = api.put(&format!("{base}/decision"), &lead, &full);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["stage"], "learning_only");
    assert_eq!(r.body["decision"]["actions"][0]["owner"], "Police");
    assert!(clock(&r.body, "cspr_completion").is_empty());
    // decided: no second decision
    assert_eq!(api.put(&format!("{base}/decision"), &lead, &full).status, 409);
}

#[test]
fn authors_of_an_agency_not_asked_see_nothing_of_the_case() {
    let api = Api::shared();
    let (case, request) = open_case("northvale", "2026-11-02");
    // the health author: their agency was not asked
    let health = demo_token("northvale", "author.health");
    assert_eq!(api.get(&format!("/api/v1/t/northvale/information-requests/{request}"), &health).status, 404);
    assert!(!api.get("/api/v1/t/northvale/information-requests", &health).body.to_string().contains(&case));
    let clocks = api.get("/api/v1/t/northvale/clocks?per_page=100", &health);
    assert_eq!(clocks.status, 200);
    assert!(!clocks.body.to_string().contains(&case));
    assert_eq!(api.get(&format!("/api/v1/t/northvale/cases/{case}"), &health).status, 403);
    // the police author sees the request's clock, and only information clocks
    let police = demo_token("northvale", "author");
    let clocks = api.get("/api/v1/t/northvale/clocks?per_page=100", &police);
    assert!(clocks.body.to_string().contains(&case));
    assert!(clocks.body["items"].as_array().unwrap().iter().all(|c| c["kind"] == "agency_information"));
}

#[test]
fn the_dashboard_is_soonest_first_and_filters() {
    let api = Api::shared();
    let office = demo_token("northvale", "office");
    open_case("northvale", "2026-10-01");
    let d = api.get("/api/v1/t/northvale/clocks?per_page=100", &office);
    assert_eq!(d.status, 200, "{d:?}");
    let items = d.body["items"].as_array().unwrap();
    assert!(!items.is_empty());
    let dues: Vec<&str> = items.iter().map(|c| c["due_on"].as_str().unwrap()).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted);
    assert!(items.iter().any(|c| c["status"] == "overdue"));
    assert!(items.iter().all(|c| ["on_track", "due_soon", "overdue"].contains(&c["status"].as_str().unwrap())));
    let police = agency_id("northvale", "Police");
    let only = api.get(&format!("/api/v1/t/northvale/clocks?per_page=100&agency_id={police}"), &office);
    assert!(only.body["items"].as_array().unwrap().iter().all(|c| c["agency_id"] == police.as_str()));
    let mine = api.get("/api/v1/t/northvale/clocks?mine=true", &demo_token("northvale", "lead"));
    assert!(mine.body["items"].as_array().unwrap().iter().all(|c| c["kind"] == "rapid_review_report"));
    assert_eq!(api.get("/api/v1/t/northvale/clocks?stage=nonsense", &office).status, 400);
    assert_eq!(api.get("/api/v1/t/northvale/clocks?per_page=0", &office).status, 400);
}

#[test]
fn the_calendar_answers_with_the_tenants_region_and_closures() {
    let api = Api::shared();
    let referrer = demo_token("southmere", "referrer");
    let r = api.get("/api/v1/t/southmere/calendar/working-days?from=2025-12-23&days=5", &referrer);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        r.body,
        json!({"from": "2025-12-23", "days": 5, "due": "2026-01-02", "region": "england-and-wales", "warnings": []})
    );
    let r = api.get("/api/v1/t/southmere/calendar/working-days?from=2030-12-20&days=10", &referrer);
    assert_eq!(r.body["warnings"][0]["code"], "holidays_unknown");
    assert_eq!(r.body["warnings"][0]["year"], 2031);
    for bad in
        ["from=2026-13-01&days=1", "from=2026-11-01", "days=3", "from=2026-11-01&days=-1", "from=2026-11-01&days=1001"]
    {
        let r = api.get(&format!("/api/v1/t/southmere/calendar/working-days?{bad}"), &referrer);
        assert_eq!(r.status, 400, "{bad}: {r:?}");
    }
    // a closure day moves the due date, for everyone in the tenant, at once
    let office = demo_token("southmere", "office");
    let r = api.put("/api/v1/t/southmere/calendar/closures", &office, &json!({"days": ["2026-12-24"]}));
    assert_eq!(r.status, 200, "{r:?}");
    let r = api.get("/api/v1/t/southmere/calendar/working-days?from=2026-12-23&days=1", &referrer);
    assert_eq!(r.body["due"], "2026-12-29");
    assert_eq!(api.get("/api/v1/t/southmere/calendar/closures", &referrer).body["days"], json!(["2026-12-24"]));
    let r = api.put("/api/v1/t/southmere/calendar/closures", &office, &json!({"days": []}));
    assert_eq!(r.status, 200);
    let r = api.get("/api/v1/t/southmere/calendar/working-days?from=2026-12-23&days=1", &referrer);
    assert_eq!(r.body["due"], "2026-12-24");
}

#[test]
fn an_imported_bank_holiday_list_is_laid_over_the_shipped_one() {
    use backend::store::calendar;
    use shared::calendar::BankHolidays;
    use shared::region::Region;
    // 2099: a year no other test reckons in
    let newer = r#"{"scotland": {"division": "scotland", "events": [
        {"title": "New Year's Day", "date": "2099-01-01", "notes": ""},
        {"title": "A one-off", "date": "2099-06-01", "notes": ""}]}}"#;
    let list = BankHolidays::parse(newer).unwrap();
    let mut conn = server().pool.get().unwrap();
    let counts =
        backend::db::write_transaction(&mut conn, |conn| calendar::import(conn, &list, &|_, d| format!("holiday {d}")))
            .unwrap();
    assert_eq!(counts, vec![(Region::Scotland, 2)]);
    let all = calendar::bank_holidays(&mut conn).unwrap();
    let scotland = all.division(Region::Scotland).unwrap();
    assert!(scotland.covers("2099-03-01".parse().unwrap()));
    assert!(scotland.dates.contains(&"2099-06-01".parse().unwrap()));
    assert!(scotland.dates.contains(&"2026-12-25".parse().unwrap()), "the shipped years stay");
    assert!(!all.division(Region::EnglandAndWales).unwrap().covers("2099-03-01".parse().unwrap()));
    // importing the same year again replaces it
    let again = BankHolidays::parse(
        r#"{"scotland": {"division": "scotland", "events": [{"title": "x", "date": "2099-01-01", "notes": ""}]}}"#,
    )
    .unwrap();
    backend::db::write_transaction(&mut conn, |conn| calendar::import(conn, &again, &|_, _| String::new())).unwrap();
    let all = calendar::bank_holidays(&mut conn).unwrap();
    assert!(!all.division(Region::Scotland).unwrap().dates.contains(&"2099-06-01".parse().unwrap()));
}

#[test]
fn dashboard_pages_add_up_to_the_whole_with_one_total() {
    // A partnership of its own, so that no other test adds clocks meanwhile.
    let (slug, office) = office_of_new_partnership("paging");
    let api = Api::shared();
    for (i, aware) in ["2026-09-01", "2026-10-01", "2026-11-02"].iter().enumerate() {
        let r = api.post(&format!("/api/v1/t/{slug}/cases"), &office, &notification(&format!("Child {i}"), aware));
        assert_eq!(r.status, 201, "{r:?}");
    }
    let whole = api.get(&format!("/api/v1/t/{slug}/clocks?per_page=100"), &office);
    assert_eq!(whole.status, 200, "{whole:?}");
    let all = whole.body["items"].as_array().unwrap().clone();
    let total = whole.body["total"].as_u64().unwrap();
    assert_eq!(total, all.len() as u64);
    assert!(total >= 3, "each case opens clocks: {total}");
    let mut paged = Vec::new();
    for page in 1..=total.div_ceil(2) {
        let p = api.get(&format!("/api/v1/t/{slug}/clocks?per_page=2&page={page}"), &office);
        assert_eq!(p.status, 200, "{p:?}");
        assert_eq!(p.body["total"].as_u64(), Some(total), "every page gives the same total");
        paged.extend(p.body["items"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(paged, all);
    let past = api.get(&format!("/api/v1/t/{slug}/clocks?per_page=2&page={}", total + 5), &office);
    assert_eq!(past.status, 200, "{past:?}");
    assert_eq!(past.body["items"].as_array().unwrap().len(), 0);
    assert_eq!(past.body["total"].as_u64(), Some(total));
    // and a partnership with no cases has none
    let (empty, nobody) = office_of_new_partnership("empty");
    let none = api.get(&format!("/api/v1/t/{empty}/clocks"), &nobody);
    assert_eq!((none.status, none.body["total"].as_u64()), (200, Some(0)));
}

/// Lost updates (issue 14): the same step sent eight times at once is taken once; the others
/// are 409 and write nothing (on PostgreSQL at READ COMMITTED too: each write compares the
/// case's version).
#[test]
fn the_same_step_sent_at_once_is_taken_once() {
    let (case, _) = open_case("northvale", "2026-11-02");
    let office = demo_token("northvale", "office");
    let path = format!("/api/v1/t/northvale/cases/{case}/notification-sent");
    let before = Api::shared().get(&format!("/api/v1/t/northvale/cases/{case}"), &office).body;
    let clocks_before = before["clocks"].as_array().unwrap().len();
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| s.spawn(|| Api::shared().post(&path, &office, &json!({"sent_on": "2026-11-03"})).status))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 409), "{statuses:?}");
    let after = Api::shared().get(&format!("/api/v1/t/northvale/cases/{case}"), &office).body;
    assert_eq!(after["clocks"].as_array().unwrap().len(), clocks_before, "no clock twice");
    assert_eq!(clock(&after, "notification_to_panel")[0]["status"], "met_on_time");
    let trail = Api::shared().get(&format!("/api/v1/t/northvale/audit?entity={case}"), &office);
    let recorded = trail.body.as_array().map_or(0, |events| {
        events.iter().filter(|e| e["action"].as_str().is_some_and(|a| a.contains("notification_sent"))).count()
    });
    assert_eq!(recorded, 1, "audited once");
}

/// Lost updates (issue 14): reminders sent at once wait for each other (the case's row is
/// locked first on PostgreSQL; SQLite's write lock) and each is counted.
#[test]
fn reminders_sent_at_once_are_each_counted() {
    let (case, request) = open_case("northvale", "2026-11-02");
    let office = demo_token("northvale", "office");
    let path = format!("/api/v1/t/northvale/cases/{case}/information-requests/{request}/reminders");
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> =
            (0..8).map(|_| s.spawn(|| Api::shared().post(&path, &office, &json!({})).status)).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses, vec![200; 8], "a reminder was refused");
    let after = Api::shared().get(&format!("/api/v1/t/northvale/cases/{case}"), &office).body;
    let row = after["requests"].as_array().unwrap().iter().find(|q| q["id"] == request.as_str()).unwrap().clone();
    assert_eq!(row["reminders"].as_u64(), Some(8), "every reminder is counted");
}

/// Lost updates (issue 14): an agency's answer is saved whole; the request answers its version
/// as its ETag (and in `version`); a save on an older one (If-Match) is 409 `edit_conflict`
/// and writes nothing. A reminder from the office changes nothing the agency wrote, so it does
/// not make the author's draft stale.
#[test]
fn an_answer_saved_on_an_older_version_is_refused_and_a_reminder_leaves_it_current() {
    let api = Api::shared();
    let (case, request) = open_case("northvale", "2026-11-02");
    let author = demo_token("northvale", "author");
    let office = demo_token("northvale", "office");
    let path = format!("/api/v1/t/northvale/information-requests/{request}");
    let etag =
        |r: &Reply| r.headers.get("etag").unwrap_or_else(|| panic!("no ETag: {r:?}")).to_str().unwrap().to_string();
    let read = api.get(&path, &author);
    assert_eq!(read.status, 200, "{read:?}");
    let tag = etag(&read);
    assert_eq!(tag, format!("\"{}\"", read.body["version"]));
    let save = |background: &str, tag: &str| {
        let mut a = answer();
        a["background"] = json!(background);
        api.send_with("PUT", &path, &author, &a, &[("If-Match", tag)])
    };
    let r = save("First", &tag);
    assert_eq!(r.status, 200, "{r:?}");
    let newer = etag(&r);
    assert_ne!(newer, tag);
    let stale = save("From a stale tab", &tag);
    assert_eq!((stale.status, stale.body["code"].as_str()), (409, Some("edit_conflict")), "{stale:?}");
    assert_eq!(api.get(&path, &author).body["response"]["background"], "First", "nothing written");
    let r = api.post(
        &format!("/api/v1/t/northvale/cases/{case}/information-requests/{request}/reminders"),
        &office,
        &json!({}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let r = save("Second", &newer);
    assert_eq!(r.status, 200, "a reminder made the draft stale: {r:?}");
    assert_eq!(save("x", "seven").status, 400);
}
