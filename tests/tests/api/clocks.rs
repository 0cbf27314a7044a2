//! The framework's order and clocks (issue 11): the Rapid Review's clock from the local
//! authority's awareness, the report after the decision, the referral's clock, the SIN
//! criteria, the meeting after the information is collated, the scrutineer's observations,
//! a CSPR's clock extended and stopped, and clock rules as the partnership's own data.
use serde_json::{json, Value};
use tests::*;

fn clock<'a>(view: &'a Value, kind: &str) -> &'a Value {
    view["clocks"].as_array().unwrap().iter().find(|c| c["kind"] == kind).unwrap_or_else(|| panic!("{kind} clock"))
}

fn fields(r: &Reply) -> Vec<String> {
    r.body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_rapid_reviews_clock_runs_from_awareness_whatever_the_notification_date() {
    let api = Api::shared();
    let office = demo_token("northvale", "office");
    // aware Monday 2 November 2026: 15 working days later is Monday 23 November
    let r = api.post("/api/v1/t/northvale/cases", &office, &notification("Late Child", "2026-11-02"));
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(clock(&r.body, "rapid_review_report")["due_on"], "2026-11-23");
    assert_eq!(clock(&r.body, "rapid_review_report")["started_on"], "2026-11-02");
    // the notification went late, on the 13th: the Rapid Review's due date does not move
    let id = r.body["id"].as_str().unwrap();
    let r = api.post(
        &format!("/api/v1/t/northvale/cases/{id}/notification-sent"),
        &office,
        &json!({"sent_on": "2026-11-13"}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(clock(&r.body, "notification_to_panel")["status"], "met_late");
    assert_eq!(clock(&r.body, "rapid_review_report")["due_on"], "2026-11-23");
    let rule = &clock(&r.body, "rapid_review_report")["rule"];
    assert_eq!((rule["start"].as_str(), rule["length"].as_u64()), (Some("la_aware"), Some(15)));
    assert!(clock(&r.body, "rapid_review_report")["rule_description"].as_str().unwrap().contains("15 working days"));
}

#[test]
fn a_notification_needs_both_criteria_and_who_decided() {
    let api = Api::shared();
    let office = demo_token("northvale", "office");
    let mut n = notification("Criteria Child", "2026-11-02");
    n["criteria"] = json!({"abuse_or_neglect": false, "died_or_seriously_harmed": false});
    n["decided_by"] = json!({});
    let r = api.post("/api/v1/t/northvale/cases", &office, &n);
    assert_eq!(r.status, 422, "{r:?}");
    let f = fields(&r);
    for want in ["criteria.abuse_or_neglect", "criteria.died_or_seriously_harmed", "decided_by.name"] {
        assert!(f.contains(&want.to_string()), "{want} in {f:?}");
    }
    n["criteria"] = json!({"abuse_or_neglect": true, "died_or_seriously_harmed": false});
    n["decided_by"] = json!({"name": "D", "designation": "Director"});
    let r = api.post("/api/v1/t/northvale/cases", &office, &n);
    assert_eq!(fields(&r), ["criteria.died_or_seriously_harmed"]);
}

#[test]
fn the_report_goes_after_the_decision_and_the_meeting_after_the_information() {
    let api = Api::shared();
    let office = demo_token("northvale", "office");
    let lead = demo_token("northvale", "lead");
    let scrutineer = token("northvale", "scrutineer@independent.example");
    // a case with a request to the police still unanswered
    let (case, _) = open_case("northvale", "2026-11-02");
    let base = format!("/api/v1/t/northvale/cases/{case}");
    let early = api.post(&format!("{base}/report-sent"), &office, &json!({"sent_on": "2026-11-10"}));
    assert_eq!(early.status, 409, "{early:?}");

    // the scrutineer's observations inform the decision
    let r = api.post(&format!("{base}/observations"), &scrutineer, &json!({"text": "  "}));
    assert_eq!(r.status, 422);
    let r = api.post(&format!("{base}/observations"), &scrutineer, &json!({"text": "Ask about the GP visits."}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(api.post(&format!("{base}/observations"), &office, &json!({"text": "x"})).status, 403);

    // the meeting with the police's answer outstanding needs a reason, which the timeline shows
    let mut meeting = json!({
        "held_on": "2026-11-16",
        "members": [
            {"role": "designated_doctor", "name": "Dr A", "designation": "Designated Doctor"},
            {"role": "police_child_protection", "name": "DI B", "designation": "Head of CP Team"},
            {"role": "childrens_services_manager", "name": "C", "designation": "Service Manager"}
        ],
        "facts": "F", "immediate_safety_actions": "S", "immediate_learning": "L",
        "possible_improvements": "I", "recommendation": "local_cspr", "rationale": "R"
    });
    let r = api.put(&format!("{base}/meeting"), &office, &meeting);
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(fields(&r), ["outstanding_reason"]);
    meeting["outstanding_reason"] = json!("The police answer by phone; the deadline would otherwise pass.");
    let r = api.put(&format!("{base}/meeting"), &office, &meeting);
    assert_eq!(r.status, 200, "{r:?}");
    let labels = r.body["timeline"].to_string();
    assert!(labels.contains("held with information outstanding: The police answer by phone"), "{labels}");

    // the leads read the observations, then decide; the report may go only now
    let r = api.get(&base, &lead);
    assert_eq!(r.body["observations"][0]["text"], "Ask about the GP visits.");
    assert_eq!(r.body["observations"][0]["by"], "Dr Robin Hale");
    let early = api.post(&format!("{base}/report-sent"), &office, &json!({"sent_on": "2026-11-17"}));
    assert_eq!(early.status, 409, "the decision is awaited: {early:?}");
    let decision = json!({"outcome": "local_cspr", "rationale": "Criteria met", "decided_on": "2026-11-18"});
    assert_eq!(api.put(&format!("{base}/decision"), &lead, &decision).status, 200);
    assert_eq!(api.post(&format!("{base}/observations"), &scrutineer, &json!({"text": "late"})).status, 409);
    let r = api.post(&format!("{base}/report-sent"), &office, &json!({"sent_on": "2026-11-19"}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(clock(&r.body, "rapid_review_report")["status"], "met_on_time");

    // the CSPR's 6 months: extended with a reason, then stopped by the final report
    assert_eq!(clock(&r.body, "cspr_completion")["due_on"], "2027-05-18");
    let r = api.post(&format!("{base}/review/extensions"), &office, &json!({"due_on": "2027-05-01", "reason": "r"}));
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(fields(&r), ["due_on"]);
    let extension = json!({
        "due_on": "2027-07-16", "reason": "The criminal trial is listed for June.",
        "panel_advised": true, "panel_advised_on": "2026-11-19"
    });
    let r = api.post(&format!("{base}/review/extensions"), &office, &extension);
    assert_eq!(r.status, 200, "{r:?}");
    let cspr = clock(&r.body, "cspr_completion");
    assert_eq!(cspr["due_on"], "2027-07-16");
    assert_eq!(cspr["extensions"][0]["previous_due_on"], "2027-05-18");
    assert_eq!(cspr["extensions"][0]["panel_advised_on"], "2026-11-19");
    let r = api.post(&format!("{base}/review/final-report-sent"), &office, &json!({"sent_on": "2026-11-20"}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(clock(&r.body, "cspr_completion")["status"], "met_on_time");
    assert_eq!(r.body["final_report_sent_on"], "2026-11-20");
    let again = api.post(&format!("{base}/review/extensions"), &office, &extension);
    assert_eq!(again.status, 409, "{again:?}");

    // the audit trail says what was done, never what was written
    let mut conn = server().pool.get().unwrap();
    let t = backend::store::directory::tenant_by_slug(&mut conn, "northvale").unwrap().unwrap();
    let events = backend::store::audit::list(&mut conn, &t.id, &Default::default(), 2000).unwrap();
    assert!(events.iter().any(|e| e.action == "case.extend_review"));
    let all = format!("{events:?}");
    assert!(!all.contains("criminal trial") && !all.contains("GP visits"));
}

#[test]
fn a_submitted_referral_has_a_clock_that_the_decision_stops() {
    let api = Api::shared();
    let (referrer, office, lead) =
        (demo_token("northvale", "referrer"), demo_token("northvale", "office"), demo_token("northvale", "lead"));
    let r = api.post("/api/v1/t/northvale/referrals", &referrer, &complete_form("Clock Child"));
    assert_eq!(r.status, 201, "{r:?}");
    assert!(r.body["clock"].is_null(), "a draft has no clock");
    let id = r.body["id"].as_str().unwrap().to_string();
    let base = format!("/api/v1/t/northvale/referrals/{id}");
    // sent to the senior manager: not yet at the business office, so no clock
    let manager = demo_token("northvale", "manager");
    let managers = api.get("/api/v1/t/northvale/sign-off-managers", &referrer);
    let manager_id = managers.body[0]["id"].as_str().unwrap().to_string();
    let r = api.post(&format!("{base}/send-for-sign-off"), &referrer, &json!({"manager_id": manager_id}));
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.body["clock"].is_null(), "{r:?}");
    // signed off: it reaches the office, and its clock starts
    let r = api.post(&format!("{base}/sign-off"), &manager, &json!({}));
    assert_eq!(r.status, 200, "{r:?}");
    let today = shared::calendar::uk_date(chrono::Utc::now());
    let reckoned = api.get(&format!("/api/v1/t/northvale/calendar/working-days?from={today}&days=15"), &office);
    let due = reckoned.body["due"].as_str().unwrap().to_string();
    assert_eq!(r.body["clock"]["kind"], "referral_decision");
    assert_eq!(r.body["clock"]["started_on"], today.to_string());
    assert_eq!(r.body["clock"]["due_on"], due);
    assert!(r.body["clock"]["met_on"].is_null());
    let recommendation = json!({
        "review_recommended": true, "review_type": "cspr", "comments": "", "recommended_on": today,
        "reason": "Criteria met", "legal_advice_sought": false
    });
    assert_eq!(api.put(&format!("{base}/recommendation"), &office, &recommendation).status, 200);
    let decision = json!({"review_agreed": true, "comments": "", "decided_on": today});
    let r = api.put(&format!("{base}/decision"), &lead, &decision);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["clock"]["met_on"], today.to_string());
    assert_eq!(r.body["clock"]["status"], "met_on_time");
    let r = api.get(&base, &office);
    assert_eq!(r.body["clock"]["status"], "met_on_time");
}

#[test]
fn a_partnerships_own_rule_applies_to_clocks_started_after_it() {
    let api = Api::shared();
    let (slug, office) = office_of_new_partnership("rules");
    let cases = format!("/api/v1/t/{slug}/cases");
    // incident Monday 2 November, the local authority aware on Wednesday the 4th
    let mut n = notification("Rule Child", "2026-11-04");
    n["incident_date"] = json!("2026-11-02");
    let before = api.post(&cases, &office, &n);
    assert_eq!(before.status, 201, "{before:?}");
    assert_eq!(clock(&before.body, "notification_to_panel")["due_on"], "2026-11-11");

    let rules = api.get(&format!("/api/v1/t/{slug}/clock-rules"), &office);
    assert_eq!(rules.status, 200);
    assert_eq!(rules.body.as_array().unwrap().len(), shared::calendar::ClockKind::ALL.len());
    // the seed's rule: within 5 days of the incident occurring
    let seed = json!({
        "start": "incident", "length": 5, "unit": "calendar_days", "stop": "notification_sent",
        "source": "The partnership's framework: within 5 days of the incident occurring"
    });
    let lead = token(&slug, &create_person(&slug, &[shared::Role::StrategicLead]));
    assert_eq!(api.put(&format!("/api/v1/t/{slug}/clock-rules/notification_to_panel"), &lead, &seed).status, 403);
    let bad = json!({"start": "report_sent", "length": 0, "unit": "calendar_days", "stop": "incident", "source": ""});
    let r = api.put(&format!("/api/v1/t/{slug}/clock-rules/notification_to_panel"), &office, &bad);
    assert_eq!(r.status, 422);
    assert_eq!(fields(&r), ["start", "stop", "length", "source"]);
    assert_eq!(api.put(&format!("/api/v1/t/{slug}/clock-rules/no_such_clock"), &office, &seed).status, 404);
    let r = api.put(&format!("/api/v1/t/{slug}/clock-rules/notification_to_panel"), &office, &seed);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["own"], true);

    // a case opened now: 5 calendar days from the incident (Saturday 7 November)
    let after = api.post(&cases, &office, &n);
    assert_eq!(after.status, 201, "{after:?}");
    let c = clock(&after.body, "notification_to_panel");
    assert_eq!(c["due_on"], "2026-11-07");
    assert_eq!(c["started_on"], "2026-11-02");
    assert_eq!(c["rule"]["source"], "The partnership's framework: within 5 days of the incident occurring");
    // the case opened before keeps its rule and its date
    let id = before.body["id"].as_str().unwrap();
    let r = api.get(&format!("{cases}/{id}"), &office);
    assert_eq!(clock(&r.body, "notification_to_panel")["due_on"], "2026-11-11");
    assert_eq!(clock(&r.body, "notification_to_panel")["rule"]["start"], "la_aware");
    // another partnership is not touched
    let other = api.get("/api/v1/t/northvale/clock-rules", &demo_token("northvale", "office"));
    let n2p = other.body.as_array().unwrap().iter().find(|r| r["kind"] == "notification_to_panel").unwrap();
    assert_eq!(n2p["rule"]["start"], "la_aware");
}

#[test]
fn an_inactive_agency_is_not_asked_for_information() {
    let api = Api::shared();
    let office = demo_token("northvale", "office");
    let (case, _) = open_case("northvale", "2026-11-02");
    let inactive = agency_id("northvale", "Youth Offending Team");
    let r = api.post(
        &format!("/api/v1/t/northvale/cases/{case}/information-requests"),
        &office,
        &json!({"agency_ids": [inactive]}),
    );
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["fields"][0]["code"], "not_found");
}
