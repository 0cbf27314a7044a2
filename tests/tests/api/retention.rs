//! Retention (issue 14): the office sets how long closed cases are kept, sees which are due
//! and confirms their deletion; each deleted case goes with everything written about it, and
//! the audit trail records the count, never the content.
use serde_json::json;
use tests::*;

const BASE: &str = "/api/v1/t/{T}/retention";

fn path(tenant: &str, tail: &str) -> String {
    format!("{}{tail}", BASE.replace("{T}", tenant))
}

#[test]
fn the_office_sets_a_period_sees_what_is_due_and_deletes_it_with_its_records() {
    let tenant = "southmere";
    let office = demo_token(tenant, "office");
    let api = Api::shared();
    let (case, _) = open_case(tenant, "2024-01-08");
    // the demo's period (seven years) taken away: nothing is due until a period is set
    assert_eq!(api.get(&path(tenant, ""), &office).body["months"], 84);
    assert_eq!(api.put(&path(tenant, ""), &office, &json!({"months": null})).status, 200);
    let r = api.get(&path(tenant, ""), &office);
    assert_eq!((r.status, r.body["months"].is_null(), r.body["due"].as_array().map(Vec::len)), (200, true, Some(0)));
    let bad = api.put(&path(tenant, ""), &office, &json!({"months": 0}));
    assert_eq!((bad.status, bad.body["fields"][0]["field"].as_str()), (422, Some("months")), "{bad:?}");
    let r = api.put(&path(tenant, ""), &office, &json!({"months": 12}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["months"], 12);
    // an open case (its Rapid Review) is never due
    assert!(r.body["due"].as_array().unwrap().iter().all(|d| d["id"] != case.as_str()));
    let refused = api.post(&path(tenant, "/deletions"), &office, &json!({"case_ids": [case]}));
    assert_eq!((refused.status, refused.body["code"].as_str()), (409, Some("invalid_stage")), "{refused:?}");
    let c = format!("/api/v1/t/{tenant}/cases/{case}");
    assert_eq!(api.get(&c, &office).status, 200, "nothing deleted");
    // decided long ago (learning only, 2024): due after 12 months
    decide_learning_only(tenant, &case);
    let r = api.get(&path(tenant, ""), &office);
    let due = r.body["due"].as_array().unwrap().clone();
    let mine = due.iter().find(|d| d["id"] == case.as_str()).unwrap_or_else(|| panic!("not due: {r:?}"));
    assert_eq!(mine["closed_on"], "2024-01-17");
    assert_eq!(mine["due_on"], "2025-01-17");
    assert!(mine.get("child").is_none(), "the list names cases by reference only");
    // others may not
    let lead = demo_token(tenant, "lead");
    assert_eq!(api.post(&path(tenant, "/deletions"), &lead, &json!({"case_ids": [case]})).status, 403);
    // the office confirms
    let done = api.post(&path(tenant, "/deletions"), &office, &json!({"case_ids": [case]}));
    assert_eq!(done.status, 200, "{done:?}");
    assert_eq!(done.body["cases"], 1);
    let records = done.body["records"].as_u64().unwrap();
    assert!(records >= 3, "the case, its requests and clocks: {records}");
    assert_eq!(api.get(&c, &office).status, 404, "the case is gone");
    let left = api.get(&path(tenant, ""), &office).body["due"].clone();
    assert!(left.as_array().unwrap().iter().all(|d| d["id"] != case.as_str()));
    let again = api.post(&path(tenant, "/deletions"), &office, &json!({"case_ids": [case]}));
    assert_eq!(again.status, 409, "{again:?}");
    // audited: the action and the count, never the content
    let trail = api.get(&format!("/api/v1/t/{tenant}/audit?entity={case}"), &office);
    assert_eq!(trail.status, 200, "{trail:?}");
    let text = trail.body.to_string();
    assert!(text.contains("retention.case_deleted") && text.contains(&case), "{text}");
    let mut conn = server().pool.get().unwrap();
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        repeats: i32,
    }
    let n: N = diesel::RunQueryDsl::get_result(
        diesel::sql_query(format!(
            "SELECT repeats FROM audit_events WHERE action = 'retention.case_deleted' AND entity_id = '{case}'"
        )),
        &mut *conn,
    )
    .unwrap();
    assert_eq!(n.repeats as u64, records, "the count of records deleted is in the trail");
    // the period taken away: nothing is due
    let r = api.put(&path(tenant, ""), &office, &json!({"months": null}));
    assert_eq!((r.status, r.body["due"].as_array().map(Vec::len)), (200, Some(0)));
}

/// Decides the case (opened in January 2024) for learning only on 17 January 2024.
fn decide_learning_only(tenant: &str, case: &str) {
    let api = Api::shared();
    let base = format!("/api/v1/t/{tenant}/cases/{case}");
    hold_meeting(tenant, case, "2024-01-15", "learning_only");
    let decision = json!({"outcome": "learning_only", "rationale": "R", "decided_on": "2024-01-17",
        "learning_identified": "L", "actions": [{"action": "Briefing", "owner": "Police", "due_on": "2024-03-31"}]});
    let r = api.put(&format!("{base}/decision"), &demo_token(tenant, "lead"), &decision);
    assert_eq!(r.status, 200, "{r:?}");
}
