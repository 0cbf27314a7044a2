//! The local CSPR (issue 12): commissioning, the review group's composition rule (each way
//! it fails), the terms agreed, the mandatory boxes and sign-offs of a key event analysis,
//! returned and revised reports, stale saves, the merged chronology's order (the same
//! timestamp from two agencies), filters and CSV, need-to-know, and the prosecution hold.
use serde_json::{json, Value};
use tests::*;

const T: &str = "northvale";

fn fields(r: &Reply) -> Vec<String> {
    r.body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_string()).collect()
}

fn codes(r: &Reply) -> Vec<String> {
    r.body["fields"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_string()).collect()
}

/// A commissioned review with its group set and terms agreed: the case id.
fn agreed_review() -> String {
    let api = Api::shared();
    let office = demo_token(T, "office");
    let reviewer = demo_token(T, "reviewer");
    let case = local_cspr(T);
    let base = format!("/api/v1/t/{T}/cases/{case}");
    let commission = commission();
    let r = api.put(&format!("{base}/cspr/commission"), &office, &commission);
    assert_eq!(r.status, 200, "{r:?}");
    let r =
        api.put(&format!("{base}/review-group"), &office, &json!({"members": group(&[true, true, true, true, false])}));
    assert_eq!(r.status, 200, "{r:?}");
    let terms = json!({"text": "Scope of the review", "key_lines": ["Information sharing"]});
    assert_eq!(api.post(&format!("{base}/cspr/terms"), &reviewer, &terms).status, 200);
    let agree = json!({"version": 1, "agreed_on": crate_today(), "attendees": ["A", "B"]});
    let r = api.post(&format!("{base}/cspr/terms/agreement"), &office, &agree);
    assert_eq!(r.status, 200, "{r:?}");
    case
}

/// The demo reviewer to lead, the shared scrutineer, commissioned the day after the decision.
fn commission() -> Value {
    json!({
        "lead_reviewer_id": person_id(&format!("reviewer@{T}.example")),
        "scrutineer_id": person_id("scrutineer@independent.example"),
        "commissioned_on": "2026-10-13"
    })
}

fn crate_today() -> String {
    shared::calendar::uk_date(chrono::Utc::now()).to_string()
}

/// Members from Police, Integrated Care Board, Council Children's Services, Schools and
/// Probation Service, each `involved` as given (fewer when fewer are given).
fn group(involved: &[bool]) -> Vec<Value> {
    ["Police", "Integrated Care Board", "Council Children's Services", "Schools", "Probation Service"]
        .iter()
        .zip(involved)
        .map(|(agency, involved)| {
            json!({"name": format!("Member of {agency}"), "agency_id": agency_id(T, agency), "designation": "Lead", "involved": involved})
        })
        .collect()
}

#[test]
fn the_review_group_is_refused_naming_each_part_of_the_rule_it_breaks() {
    let api = Api::shared();
    let office = demo_token(T, "office");
    let case = local_cspr(T);
    let base = format!("/api/v1/t/{T}/cases/{case}");
    // before commissioning: 409
    let r = api.put(&format!("{base}/review-group"), &office, &json!({"members": group(&[true; 5])}));
    assert_eq!(r.status, 409, "{r:?}");
    let commission = commission();
    assert_eq!(api.put(&format!("{base}/cspr/commission"), &office, &commission).status, 200);
    let put = |members: Vec<Value>| api.put(&format!("{base}/review-group"), &office, &json!({ "members": members }));
    // a strategic lead agency missing, named
    let mut members = group(&[true, true, true, true, false]);
    members.remove(1);
    let r = put(members);
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(codes(&r), ["missing_strategic_lead"]);
    assert!(r.body["fields"][0]["message"].as_str().unwrap().contains("Integrated Care Board"), "{r:?}");
    // one further partner agency only
    let r = put(group(&[true, true, true, false]));
    assert_eq!(codes(&r), ["too_few_partner_agencies"]);
    // every further partner involved with the family
    let r = put(group(&[true, true, true, true, true]));
    assert_eq!(codes(&r), ["no_uninvolved_partner_agency"]);
    // the police were asked for information: they cannot be declared uninvolved
    let r = put(group(&[false, true, true, true, false]));
    assert_eq!((fields(&r), codes(&r)), (vec!["members[0].involved".to_string()], vec!["involved".to_string()]));
    // nothing was written by a refusal; the rule met, the group is set
    let view = api.get(&format!("{base}/cspr"), &office);
    assert_eq!(view.body["review_group"], json!([]));
    let r = put(group(&[true, true, true, true, false]));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["review_group"].as_array().unwrap().len(), 5);
    assert_eq!(r.body["review_group"][0]["strategic_lead"], true);
}

#[test]
fn commissioning_queues_the_notice_and_the_terms_are_agreed_by_version() {
    let api = Api::shared();
    let office = demo_token(T, "office");
    let reviewer = demo_token(T, "reviewer");
    let scrutineer = token(T, "scrutineer@independent.example");
    let case = local_cspr(T);
    let base = format!("/api/v1/t/{T}/cases/{case}");
    // the scrutineer cannot be the lead reviewer
    let wrong = json!({
        "lead_reviewer_id": person_id("scrutineer@independent.example"),
        "scrutineer_id": person_id("scrutineer@independent.example"),
        "commissioned_on": "2026-10-13"
    });
    let r = api.put(&format!("{base}/cspr/commission"), &office, &wrong);
    assert_eq!((r.status, fields(&r)), (422, vec!["lead_reviewer_id".to_string()]));
    let commission = commission();
    let r = api.put(&format!("{base}/cspr/commission"), &office, &commission);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["commission"]["lead_reviewer_name"], "Jordan Lee");
    let r = api.post(&format!("{base}/cspr/commissioning-notice"), &office, &json!({"sent_on": "2026-10-14"}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(api.post(&format!("{base}/cspr/commissioning-notice"), &office, &json!({})).status, 409);
    // queued to the National Panel, Ofsted and the DfE, naming the lead reviewer
    let mut conn = server().pool.get().unwrap();
    let t = backend::store::directory::tenant_by_slug(&mut conn, T).unwrap().unwrap();
    let queued = backend::store::outbox::list(&mut conn, &t.id, 200).unwrap();
    let notices: Vec<_> = queued.iter().filter(|m| m.kind == shared::mail::MailKind::CommissioningNotice).collect();
    assert!(notices.len() >= 3);
    let recipients: Vec<&str> = notices.iter().map(|m| m.recipient.as_str()).collect();
    for to in ["Mailbox.NationalReviewPanel@education.gov.uk", "SCR.SIN@ofsted.gov.uk", "Mailbox.CPOD@education.gov.uk"]
    {
        assert!(recipients.contains(&to), "{to} in {recipients:?}");
    }
    assert!(notices.iter().any(|m| m.body.contains("Jordan Lee")));
    drop(conn);

    // the lead reviewer writes; another reviewer may not; the scrutineer observes, edits nothing
    let other = token(T, &create_person(T, &[shared::Role::Reviewer]));
    let terms = json!({"text": "Scope", "key_lines": ["Information sharing"]});
    assert_eq!(api.post(&format!("{base}/cspr/terms"), &other, &terms).status, 403);
    assert_eq!(api.post(&format!("{base}/cspr/terms"), &scrutineer, &terms).status, 403);
    let r = api.post(&format!("{base}/cspr/terms"), &reviewer, &json!({"text": "", "key_lines": []}));
    assert_eq!(fields(&r), ["text", "key_lines"]);
    assert_eq!(api.post(&format!("{base}/cspr/terms"), &reviewer, &terms).status, 200);
    let r = api.post(&format!("{base}/cspr/terms/1/observations"), &scrutineer, &json!({"text": "Hear the family."}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["terms"][0]["observations"][0]["role"], "scrutineer");
    let v2 = json!({"text": "Scope, and how the family is heard", "key_lines": ["Information sharing", "The family's voice"]});
    let r = api.post(&format!("{base}/cspr/terms"), &reviewer, &v2);
    assert_eq!(r.body["terms"].as_array().unwrap().len(), 2);
    // agreement needs the group first
    let agree = json!({"version": 2, "agreed_on": crate_today(), "attendees": ["A"]});
    assert_eq!(api.post(&format!("{base}/cspr/terms/agreement"), &office, &agree).status, 409);
    let r =
        api.put(&format!("{base}/review-group"), &office, &json!({"members": group(&[true, true, true, true, false])}));
    assert_eq!(r.status, 200, "{r:?}");
    let r = api.post(
        &format!("{base}/cspr/terms/agreement"),
        &reviewer,
        &json!({"version": 3, "agreed_on": crate_today(), "attendees": ["A"]}),
    );
    assert_eq!(fields(&r), ["version"]);
    let r = api.post(&format!("{base}/cspr/terms/agreement"), &reviewer, &agree);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["agreement"]["version"], 2);
    assert_eq!(api.post(&format!("{base}/cspr/terms"), &reviewer, &terms).status, 409, "agreed: no more versions");
    // the timeline shows the review's steps
    let case_view = api.get(&base, &office);
    let labels = case_view.body["timeline"].to_string();
    assert!(
        labels.contains("Terms of reference agreed (version 2)") && labels.contains("Review commissioned"),
        "{labels}"
    );
}

fn report_url(case: &str, agency: &str) -> String {
    format!("/api/v1/t/{T}/cases/{case}/agency-reports/{agency}")
}

fn entry(date: &str, time: Option<&str>, event: &str) -> Value {
    json!({"date": date, "time": time, "event": event, "source": "Record", "practitioner_role": "Officer", "outcome": "Done"})
}

fn key_event() -> Value {
    json!({
        "date": "2026-06-01", "title": "Visit", "analysis": "A", "learning": "L", "addressed": "Ad",
        "outstanding_action": "O", "evidence": "E"
    })
}

/// Assigns the demo author of `suffix`'s agency; answers the agency id.
fn assign(case: &str, suffix: &str, author_email: &str) -> String {
    let agency = agency_id(T, suffix);
    let body = json!({"agency_id": agency, "author_id": person_id(author_email)});
    let r = Api::shared().post(&format!("/api/v1/t/{T}/cases/{case}/cspr/authors"), &demo_token(T, "office"), &body);
    assert_eq!(r.status, 200, "{r:?}");
    agency
}

/// Saves, signs off (as `manager`) and submits (as `author`) a report of these entries.
fn submit(case: &str, agency: &str, author: &str, manager: &str, chronology: Value) -> Reply {
    let api = Api::shared();
    let url = report_url(case, agency);
    let read = api.get(&url, author);
    let revision = read.body["revision"].as_u64().unwrap();
    let body = json!({"chronology": chronology, "key_events": [key_event()]});
    let r = api.put(&url, author, &json!({"revision": revision, "body": body}));
    assert_eq!(r.status, 200, "{r:?}");
    let r = api.post(&format!("{url}/sign-off"), manager, &json!({}));
    assert_eq!(r.status, 200, "{r:?}");
    api.post(&format!("{url}/submit"), author, &json!({}))
}

#[test]
fn a_key_event_analysis_needs_every_box_and_both_sign_offs_and_is_revised_when_returned() {
    let api = Api::shared();
    let case = agreed_review();
    let reviewer = demo_token(T, "reviewer");
    let scrutineer = token(T, "scrutineer@independent.example");
    let schools = assign(&case, "Schools", &format!("{}@{T}.example", backend::demo::SCHOOLS_AUTHOR_WORD));
    let author = demo_token(T, backend::demo::SCHOOLS_AUTHOR_WORD);
    let manager = demo_token(T, "manager");
    let url = report_url(&case, &schools);
    let r = api.get(&url, &author);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!((r.body["status"].as_str(), r.body["revision"].as_u64()), (Some("draft"), Some(0)));
    assert_eq!(r.body["allowed_actions"], json!(["save"]));
    // a draft may be partial; the manager cannot sign off an incomplete one
    let partial = json!({"chronology": [entry("2026-06-01", None, "Seen")], "key_events": [{"date": "2026-06-01", "title": "Visit"}]});
    let r = api.put(&url, &author, &json!({"revision": 0, "body": partial}));
    assert_eq!(r.status, 200, "{r:?}");
    let r = api.post(&format!("{url}/sign-off"), &manager, &json!({}));
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(
        fields(&r),
        [
            "key_events[0].analysis",
            "key_events[0].learning",
            "key_events[0].addressed",
            "key_events[0].outstanding_action",
            "key_events[0].evidence"
        ]
    );
    // a stale save (based on revision 0) is refused, and nothing is written
    let complete = json!({"chronology": [entry("2026-06-01", None, "Seen")], "key_events": [key_event()]});
    let r = api.put(&url, &author, &json!({"revision": 0, "body": complete}));
    assert_eq!((r.status, r.body["code"].as_str()), (409, Some("edit_conflict")), "{r:?}");
    let r = api.put(&url, &author, &json!({"revision": 1, "body": complete}));
    assert_eq!(r.status, 200, "{r:?}");
    // not signed off: not submitted
    let r = api.post(&format!("{url}/submit"), &author, &json!({}));
    assert_eq!(r.status, 409, "{r:?}");
    // the author does not sign off; the manager does
    assert_eq!(api.post(&format!("{url}/sign-off"), &author, &json!({})).status, 403);
    let r = api.post(&format!("{url}/sign-off"), &manager, &json!({}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["manager_sign_off"]["name"], "Jo Whitfield");
    let r = api.post(&format!("{url}/submit"), &author, &json!({}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["status"], "submitted");
    assert_eq!(r.body["submitted"][0]["author"]["name"], "Eli Grant");
    assert_eq!(r.body["submitted"][0]["revision"], false);
    assert_eq!(r.body["clock_status"], "met_on_time");
    // the scrutineer reads the submitted version, not the draft, and returns nothing
    let r = api.get(&url, &scrutineer);
    assert_eq!((r.status, &r.body["draft"]), (200, &Value::Null));
    assert_eq!(api.post(&format!("{url}/return"), &scrutineer, &json!({"reason": "x"})).status, 403);
    // the lead reviewer returns it; the author revises; the manager signs the revision off
    assert_eq!(fields(&api.post(&format!("{url}/return"), &reviewer, &json!({"reason": " "}))), ["reason"]);
    let r = api.post(&format!("{url}/return"), &reviewer, &json!({"reason": "Add the term's attendance."}));
    assert_eq!((r.status, r.body["status"].as_str()), (200, Some("returned")), "{r:?}");
    let r = api.get(&url, &author);
    assert_eq!(r.body["returned_reason"], "Add the term's attendance.");
    let r = submit(
        &case,
        &schools,
        &author,
        &manager,
        json!([entry("2026-06-01", None, "Seen"), entry("2026-06-02", None, "Attendance 80%")]),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let versions = r.body["submitted"].as_array().unwrap();
    assert_eq!(versions.len(), 2, "every submitted version is kept");
    assert_eq!(
        (versions[1]["revision"].as_bool(), versions[1]["manager"]["name"].as_str()),
        (Some(true), Some("Jo Whitfield"))
    );
    assert_eq!(versions[0]["body"]["chronology"].as_array().unwrap().len(), 1);
    // the timeline shows the submission and the revision
    let labels = api.get(&format!("/api/v1/t/{T}/cases/{case}"), &reviewer).body["timeline"].to_string();
    assert!(labels.contains("Revised report submitted by Northvale Schools"), "{labels}");
}

#[test]
fn the_merged_chronology_orders_by_time_then_agency_and_authors_see_their_own_until_shared() {
    let api = Api::shared();
    let case = agreed_review();
    let office = demo_token(T, "office");
    let reviewer = demo_token(T, "reviewer");
    let police = assign(&case, "Police", &format!("author@{T}.example"));
    let health = assign(&case, "Integrated Care Board", &format!("{}@{T}.example", backend::demo::HEALTH_AUTHOR_WORD));
    let police_author = demo_token(T, "author");
    let health_author = demo_token(T, backend::demo::HEALTH_AUTHOR_WORD);
    // the health agency's manager, to sign its report off
    let health_manager = token(T, &create_person_in(T, &[shared::Role::AgencyManager], "Integrated Care Board"));
    let police_manager = token(T, &create_person_in(T, &[shared::Role::AgencyManager], "Police"));
    // an author does not see another agency's report
    assert_eq!(api.get(&report_url(&case, &health), &police_author).status, 404);
    assert_eq!(api.get(&report_url(&case, &health), &police_manager).status, 404);
    let r = submit(
        &case,
        &police,
        &police_author,
        &police_manager,
        json!([
            entry("2026-05-02", Some("09:00:00"), "P-9am"),
            entry("2026-05-01", None, "P-day"),
            entry("2026-05-02", Some("09:00:00"), "P-9am-second")
        ]),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let r = submit(
        &case,
        &health,
        &health_author,
        &health_manager,
        json!([
            entry("2026-05-02", Some("09:00:00"), "H-9am"),
            entry("2026-05-02", Some("08:00:00"), "H-8am"),
            entry("2026-08-01", None, "H-august")
        ]),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let url = format!("/api/v1/t/{T}/cases/{case}/chronology");
    let r = api.get(&url, &office);
    assert_eq!(r.status, 200, "{r:?}");
    let events: Vec<&str> =
        r.body["entries"].as_array().unwrap().iter().map(|e| e["event"].as_str().unwrap()).collect();
    // the same timestamp from two agencies: by agency name (Northvale Integrated Care Board
    // before Northvale Police); within an agency, as written
    assert_eq!(events, ["P-day", "H-8am", "H-9am", "P-9am", "P-9am-second", "H-august"]);
    assert_eq!(r.body["quiet_periods"][0]["from"], "2026-05-03");
    // filtered by agency and period
    let r = api.get(&format!("{url}?agency={health}&from=2026-05-02&to=2026-05-31"), &office);
    let events: Vec<&str> =
        r.body["entries"].as_array().unwrap().iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(events, ["H-8am", "H-9am"]);
    assert_eq!(api.get(&format!("{url}?from=2026-06-01&to=2026-05-01"), &office).status, 400);
    assert_eq!(api.get(&format!("{url}?format=xml"), &office).status, 400);
    // the same rows as CSV
    let csv = api.send("GET", &format!("{url}?format=csv"), Some(&office), None);
    assert_eq!(csv.status, 200);
    assert!(csv.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let text = csv.body.as_str().unwrap().to_string();
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(lines[0], "date,time,agency,event,source,practitioner_role,outcome");
    assert_eq!(lines.len(), 7);
    assert!(lines[2].starts_with("2026-05-02,08:00,Northvale Integrated Care Board,H-8am"), "{}", lines[2]);
    // before it is shared, an author sees only their own agency's entries
    let r = api.get(&url, &police_author);
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.body["entries"].as_array().unwrap().iter().all(|e| e["agency_id"] == police.as_str()));
    assert_eq!(r.body["entries"].as_array().unwrap().len(), 3);
    // an author of an agency with no report does not know of the review
    let stranger = token(T, &create_person_in(T, &[shared::Role::AgencyAuthor], "Probation Service"));
    assert_eq!(api.get(&url, &stranger).status, 404);
    assert_eq!(api.get(&format!("/api/v1/t/{T}/cases/{case}/cspr"), &stranger).status, 404);
    // the lead reviewer shares it; then every agency's entries
    assert_eq!(api.post(&format!("{url}/share"), &office, &json!({})).status, 403);
    let r = api.post(&format!("{url}/share"), &reviewer, &json!({}));
    assert_eq!((r.status, r.body["chronology_shared"].as_bool()), (200, Some(true)), "{r:?}");
    assert_eq!(api.get(&url, &police_author).body["entries"].as_array().unwrap().len(), 6);
    // the author's view of the review: the agreed terms and their own report only
    let view = api.get(&format!("/api/v1/t/{T}/cases/{case}/cspr"), &police_author);
    assert_eq!(view.status, 200);
    assert_eq!(view.body["reports"].as_array().unwrap().len(), 1);
    assert_eq!((view.body["review_group"].clone(), view.body["whole"].clone()), (json!([]), json!(false)));
    // the author's dashboard lists the report's clock (met now)
    let office_view = api.get(&format!("/api/v1/t/{T}/cases/{case}/cspr"), &office);
    assert_eq!(office_view.body["reports"].as_array().unwrap().len(), 2);
}

#[test]
fn an_active_prosecution_holds_publication_and_the_office_is_reminded_to_inform_the_officer() {
    let api = Api::shared();
    let office = demo_token(T, "office");
    let case = local_cspr(T);
    let base = format!("/api/v1/t/{T}/cases/{case}/cspr/parallel-processes");
    let r = api.post(&base, &office, &json!({"kind": "prosecution", "status": "active"}));
    assert_eq!((r.status, fields(&r)), (422, vec!["officer".to_string()]));
    let form = json!({
        "kind": "prosecution", "status": "active", "on": "2026-10-20", "note": "Charged",
        "officer": {"name": "DC Example", "phone": "01632 960999", "email": ""}
    });
    let r = api.post(&base, &office, &form);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["publication_hold"], true);
    assert!(r.body["reminders"][0].as_str().unwrap().contains("officer in charge of the prosecution"));
    // the office's home lists it too, until the officer is informed
    let tasks = api.get(&format!("/api/v1/t/{T}/cspr-tasks"), &office);
    let inform = |tasks: &Reply| {
        tasks.body.as_array().unwrap().iter().any(|t| t["kind"] == "inform_officer" && t["case_id"] == case.as_str())
    };
    assert!(inform(&tasks), "{tasks:?}");
    let id = r.body["processes"][0]["id"].as_str().unwrap().to_string();
    let update =
        json!({"kind": "prosecution", "status": "concluded", "note": "Sentenced", "officer_informed_on": "2026-10-21"});
    let r = api.put(&format!("{base}/{id}"), &office, &update);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["publication_hold"], false);
    assert_eq!(r.body["reminders"], json!([]));
    assert!(!inform(&api.get(&format!("/api/v1/t/{T}/cspr-tasks"), &office)));
    assert_eq!(r.body["processes"][0]["updates"].as_array().unwrap().len(), 2);
    let wrong_kind = json!({"kind": "inquest", "status": "active"});
    assert_eq!(api.put(&format!("{base}/{id}"), &office, &wrong_kind).status, 422);
    assert_eq!(api.put(&format!("{base}/{}", uuid::Uuid::new_v4()), &office, &update).status, 404);
}

#[test]
fn the_practitioner_event_and_the_familys_part_are_checked() {
    let api = Api::shared();
    let office = demo_token(T, "office");
    let reviewer = demo_token(T, "reviewer");
    let case = agreed_review();
    let base = format!("/api/v1/t/{T}/cases/{case}/cspr");
    let police = agency_id(T, "Police");
    let event = json!({
        "held_on": "2026-11-20", "format": "in_person", "questions_sent_on": "2026-11-10",
        "invitees": [
            {"name": "DC A", "agency_id": police, "team": "PPU", "role": "officer_in_charge", "attended": true},
            {"name": "Senior B", "agency_id": police, "team": "HQ", "role": "senior_service_manager"}
        ]
    });
    let r = api.put(&format!("{base}/practitioner-event"), &reviewer, &event);
    assert_eq!((r.status, fields(&r)), (422, vec!["invitees[1].reason".to_string()]));
    let mut event = event;
    event["invitees"][1]["reason"] = json!("Only they can speak to the service's capacity");
    let r = api.put(&format!("{base}/practitioner-event"), &reviewer, &event);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["event"]["invitees"][1]["reason"], "Only they can speak to the service's capacity");
    let family = json!({
        "initial_letter_on": "2026-10-20", "initial_letter_by": "Social worker",
        "members": [{"key": "c", "name": "Child", "sex": "female", "subject": true}, {"key": "m", "name": "Mother", "sex": "female"}],
        "relationships": [{"from": "m", "to": "c", "kind": "parent"}, {"from": "c", "to": "m", "kind": "parent"}]
    });
    let r = api.put(&format!("{base}/family"), &office, &family);
    assert_eq!((r.status, codes(&r)), (422, vec!["cycle".to_string()]));
    let mut family = family;
    family["relationships"] = json!([{"from": "m", "to": "c", "kind": "parent"}]);
    let r = api.put(&format!("{base}/family"), &office, &family);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["family"]["members"].as_array().unwrap().len(), 2);
    // the scrutineer edits nothing
    let scrutineer = token(T, "scrutineer@independent.example");
    assert_eq!(api.put(&format!("{base}/family"), &scrutineer, &family).status, 403);
}

#[test]
fn a_first_drafts_deadline_is_extended_with_a_reason_on_the_report_timeline_and_dashboard() {
    let api = Api::shared();
    let case = agreed_review();
    let office = demo_token(T, "office");
    let author = demo_token(T, "author");
    let police = assign(&case, "Police", &format!("author@{T}.example"));
    let url = report_url(&case, &police);
    let due: chrono::NaiveDate = api.get(&url, &office).body["due_on"].as_str().unwrap().parse().unwrap();
    let r = api.post(&format!("{url}/extensions"), &office, &json!({}));
    assert_eq!((r.status, fields(&r)), (422, vec!["due_on".to_string(), "reason".to_string()]));
    assert_eq!(api.post(&format!("{url}/extensions"), &author, &json!({})).status, 403);
    let later = due + chrono::Duration::days(14);
    let body = json!({"due_on": later, "reason": "The author is on leave", "panel_advised": false});
    let r = api.post(&format!("{url}/extensions"), &office, &body);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["due_on"], later.to_string());
    assert_eq!(r.body["extensions"][0]["previous_due_on"], due.to_string());
    // the review's timeline and the dashboard show it
    let labels = api.get(&format!("/api/v1/t/{T}/cases/{case}"), &office).body["timeline"].to_string();
    assert!(labels.contains("Northvale Police's report deadline extended"), "{labels}");
    assert!(!labels.contains("Review extended"), "not the review's own deadline: {labels}");
    let board = api.get(&format!("/api/v1/t/{T}/clocks?per_page=100&agency_id={police}"), &office);
    let clock = board.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["case_id"] == case.as_str() && c["kind"] == "agency_report")
        .expect("the report's clock on the dashboard")
        .clone();
    assert_eq!(clock["extensions"][0]["reason"], "The author is on leave");
    // once submitted, the deadline is met: no more extensions
    let manager = token(T, &create_person_in(T, &[shared::Role::AgencyManager], "Police"));
    assert_eq!(submit(&case, &police, &author, &manager, json!([entry("2026-06-01", None, "Seen")])).status, 200);
    assert_eq!(api.post(&format!("{url}/extensions"), &office, &body).status, 409);
}

fn etag(r: &Reply) -> String {
    r.headers.get("etag").unwrap_or_else(|| panic!("no ETag: {r:?}")).to_str().unwrap().to_string()
}

/// Lost updates (issue 14): the review answers its version as its ETag (and in `version`); a
/// record saved whole on an older one (If-Match) is 409 `edit_conflict` and writes nothing.
#[test]
fn a_review_record_saved_on_an_older_version_is_refused() {
    let api = Api::shared();
    let office = demo_token(T, "office");
    let case = local_cspr(T);
    let base = format!("/api/v1/t/{T}/cases/{case}");
    let read = api.get(&format!("{base}/cspr"), &office);
    assert_eq!(read.status, 200, "{read:?}");
    let tag = etag(&read);
    assert_eq!(tag, format!("\"{}\"", read.body["version"]), "the ETag is the view's version");
    let put = |path: &str, body: &Value, tag: &str| {
        api.send_with("PUT", &format!("{base}/{path}"), &office, body, &[("If-Match", tag)])
    };
    let r = put("cspr/commission", &commission(), &tag);
    assert_eq!(r.status, 200, "{r:?}");
    let newer = etag(&r);
    assert_ne!(newer, tag, "the version moved on");
    // another tab, still on the first version, sets the group: refused, nothing written
    let stale = put("review-group", &json!({"members": group(&[true, true, true, true, false])}), &tag);
    assert_eq!((stale.status, stale.body["code"].as_str()), (409, Some("edit_conflict")), "{stale:?}");
    let now = api.get(&format!("{base}/cspr"), &office);
    assert_eq!(now.body["review_group"], json!([]), "nothing written");
    assert_eq!(etag(&now), newer);
    let r = put("review-group", &json!({"members": group(&[true, true, true, true, false])}), &newer);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(put("review-group", &json!({"members": []}), "not a version").status, 400);
}

/// An agency's report answers its draft's revision as its ETag; If-Match on an older one is
/// 409 `edit_conflict`, like a `revision` in the body.
#[test]
fn a_report_saved_on_an_older_revision_named_in_if_match_is_refused() {
    let api = Api::shared();
    let case = agreed_review();
    let schools = assign(&case, "Schools", &format!("{}@{T}.example", backend::demo::SCHOOLS_AUTHOR_WORD));
    let author = demo_token(T, backend::demo::SCHOOLS_AUTHOR_WORD);
    let url = report_url(&case, &schools);
    let read = api.get(&url, &author);
    assert_eq!(etag(&read), "\"0\"", "{read:?}");
    let save = |event: &str, revision: u64, tag: &str| {
        let body = json!({"chronology": [entry("2026-06-01", None, event)], "key_events": []});
        api.send_with("PUT", &url, &author, &json!({"revision": revision, "body": body}), &[("If-Match", tag)])
    };
    let r = save("Seen", 0, "\"0\"");
    assert_eq!((r.status, etag(&r)), (200, "\"1\"".to_string()), "{r:?}");
    let stale = save("Seen again", 1, "\"0\"");
    assert_eq!((stale.status, stale.body["code"].as_str()), (409, Some("edit_conflict")), "{stale:?}");
    assert_eq!(api.get(&url, &author).body["draft"]["chronology"][0]["event"], "Seen", "nothing written");
}
