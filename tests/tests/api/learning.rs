//! Learning that changes practice (issue 15): actions followed to the evidence of their
//! impact, 6-step briefings, the timeliness statistics and quarterly report, reminders, and
//! each person's calendar feed.
use chrono::NaiveDate;
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use serde_json::{json, Value};
use shared::learning::Quarter;
use shared::Role;
use tests::*;

fn today() -> NaiveDate {
    backend::api::today()
}

/// A new agency of `tenant` (its office): its id.
fn agency(tenant: &str, office: &str, name: &str) -> String {
    let r =
        Api::shared().post(&format!("/api/v1/t/{tenant}/agencies"), office, &json!({"name": name, "kind": "other"}));
    assert_eq!(r.status, 201, "{r:?}");
    r.body["id"].as_str().unwrap().to_string()
}

fn add_action(tenant: &str, token: &str, case: &str, body: &Value) -> Reply {
    Api::shared().post(&format!("/api/v1/t/{tenant}/cases/{case}/actions"), token, body)
}

fn outbox(tenant: &str) -> Vec<shared::mail::OutboxEntry> {
    let mut conn = server().pool.get().unwrap();
    let t = backend::store::directory::tenant_by_slug(&mut conn, tenant).unwrap().unwrap();
    backend::store::outbox::list(&mut conn, &t.id, 1000)
        .unwrap()
        .into_iter()
        .map(backend::store::outbox::entry)
        .collect()
}

#[test]
fn an_action_closes_only_with_evidence_and_a_leads_agreement() {
    let api = Api::shared();
    let t = "northvale";
    let (office, lead) = (demo_token(t, "office"), demo_token(t, "lead"));
    let author_email = create_person_in(t, &[Role::AgencyAuthor], "Police");
    let author = token(t, &author_email);
    let other_author = token(t, &create_person_in(t, &[Role::AgencyAuthor], "Integrated Care Board"));
    let (case, _) = open_case(t, "2026-10-05");
    let due = today() + chrono::Duration::days(30);
    let form = json!({
        "description": "Every supervision records the voice of the child",
        "owner_agency_id": agency_id(t, "Police"),
        "owner_person_id": person_id(&author_email),
        "due_on": due,
    });
    // a form missing its owner, or naming another partnership's agency, writes nothing
    let before = api.get(&format!("/api/v1/t/{t}/actions?case_id={case}"), &office).body.as_array().unwrap().len();
    let r = add_action(t, &office, &case, &json!({"description": "D", "due_on": due}));
    assert_eq!((r.status, r.body["code"].as_str()), (422, Some("validation_failed")), "{r:?}");
    let mut foreign = form.clone();
    foreign["owner_agency_id"] = json!(agency_id("southmere", "Police"));
    assert_eq!(add_action(t, &office, &case, &foreign).status, 422);
    assert_eq!(
        api.get(&format!("/api/v1/t/{t}/actions?case_id={case}"), &office).body.as_array().unwrap().len(),
        before
    );
    // an author may not add one
    assert_eq!(add_action(t, &author, &case, &form).status, 403);
    let r = add_action(t, &office, &case, &form);
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!((r.body["status"].as_str(), r.body["source"].as_str()), (Some("open"), Some("recommendation")));
    let id = r.body["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/t/{t}/actions/{id}");

    // another agency's author does not see it; its owner does
    assert_eq!(api.get(&path, &other_author).status, 404);
    assert_eq!(api.get(&path, &author).status, 200);
    // a lead cannot close it: no evidence has been given
    let r = api.post(&format!("{path}/agreement"), &lead, &json!({"agree": true}));
    assert_eq!((r.status, r.body["code"].as_str()), (409, Some("invalid_stage")), "{r:?}");
    // asking to close without evidence is refused, and nothing changes
    let r = api.post(&format!("{path}/updates"), &author, &json!({"text": "  ", "close": true}));
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(api.get(&path, &office).body["status"], "open");
    // progress, then the evidence with the request to close
    let r = api.post(&format!("{path}/updates"), &author, &json!({"text": "Template drafted"}));
    assert_eq!((r.status, r.body["updates"].as_array().map(Vec::len)), (200, Some(1)), "{r:?}");
    let version = r.body["version"].as_i64().unwrap();
    // a write on an older version is refused
    let stale = api.send_with(
        "POST",
        &format!("{path}/updates"),
        &author,
        &json!({"text": "x"}),
        &[("If-Match", &format!("\"{}\"", version - 1))],
    );
    assert_eq!((stale.status, stale.body["code"].as_str()), (409, Some("edit_conflict")));
    let evidence = "Dip sample of 20 supervision records: 18 record the child's words";
    let r = api.post(&format!("{path}/updates"), &author, &json!({"text": evidence, "close": true}));
    assert_eq!((r.status, r.body["status"].as_str()), (200, Some("awaiting_agreement")), "{r:?}");
    assert_eq!(r.body["evidence"], evidence);
    // the author cannot agree to their own action; a lead not agreeing says why
    assert_eq!(api.post(&format!("{path}/agreement"), &author, &json!({"agree": true})).status, 403);
    assert_eq!(api.post(&format!("{path}/agreement"), &lead, &json!({"agree": false})).status, 422);
    let r = api.post(&format!("{path}/agreement"), &lead, &json!({"agree": false, "note": "Show the re-audit"}));
    assert_eq!((r.status, r.body["status"].as_str()), (200, Some("open")), "{r:?}");
    assert!(r.body["evidence"].is_null(), "the evidence goes with the request it came with");
    // asked again, and agreed: closed
    let r = api.post(&format!("{path}/updates"), &author, &json!({"text": evidence, "close": true}));
    assert_eq!(r.status, 200);
    let r = api.post(&format!("{path}/agreement"), &lead, &json!({"agree": true}));
    assert_eq!((r.status, r.body["status"].as_str()), (200, Some("closed")), "{r:?}");
    assert_eq!(r.body["closed_on"], json!(today()));
    assert!(r.body["agreed_by"].as_str().is_some_and(|n| !n.is_empty()));
    let kinds: Vec<&str> = r.body["updates"].as_array().unwrap().iter().map(|u| u["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["progress", "closure_requested", "not_agreed", "closure_requested", "agreed"]);
    // nothing moves a closed action
    assert_eq!(api.post(&format!("{path}/updates"), &author, &json!({"text": "more"})).status, 409);

    // the board: overdue first, filtered by case and status
    let mut late = form.clone();
    late["due_on"] = json!(today() - chrono::Duration::days(3));
    let overdue = add_action(t, &office, &case, &late).body["id"].as_str().unwrap().to_string();
    let board = api.get(&format!("/api/v1/t/{t}/actions?case_id={case}"), &office);
    let ids: Vec<&str> = board.body.as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [overdue.as_str(), id.as_str()], "{board:?}");
    assert_eq!(board.body[0]["overdue"], true);
    let closed = api.get(&format!("/api/v1/t/{t}/actions?case_id={case}&status=closed"), &office);
    assert_eq!(closed.body.as_array().unwrap().len(), 1);
    assert_eq!(api.get(&format!("/api/v1/t/{t}/actions?status=nonsense"), &office).status, 400);
    // the other agency's author sees neither on the board
    let theirs = api.get(&format!("/api/v1/t/{t}/actions?case_id={case}"), &other_author);
    assert_eq!(theirs.body.as_array().map(Vec::len), Some(0), "{theirs:?}");
}

#[test]
fn a_decisions_learning_becomes_a_briefing_that_a_lead_publishes_once_anonymised() {
    let api = Api::shared();
    let t = "northvale";
    let (office, lead, author) = (demo_token(t, "office"), demo_token(t, "lead"), demo_token(t, "author"));
    let child = "Ellis Brightwater";
    let (case, _) = open_case_with(t, "2026-10-05", &notification(child, "2026-10-05"));
    let base = format!("/api/v1/t/{t}/cases/{case}");
    // not decided yet: no briefing
    let open = |occasion: &str| api.post(&format!("{base}/briefings"), &office, &json!({ "occasion": occasion }));
    assert_eq!(open("rapid_review").status, 409);
    hold_meeting(t, &case, "2026-10-14", "learning_only");
    let decision = json!({"outcome": "learning_only", "rationale": "R", "decided_on": "2026-10-16",
        "learning_identified": "L", "actions": [{"action": "Brief every team", "owner": "Northvale Police", "due_on": "2027-01-29"}]});
    assert_eq!(api.put(&format!("{base}/decision"), &lead, &decision).status, 200);
    // the decision's action is followed, its agency matched
    let actions = api.get(&format!("/api/v1/t/{t}/actions?case_id={case}"), &office);
    assert_eq!(actions.body.as_array().map(Vec::len), Some(1), "{actions:?}");
    assert_eq!(actions.body[0]["source"], "rapid_review");
    assert_eq!(actions.body[0]["owner_agency_id"].as_str(), Some(agency_id(t, "Police").as_str()));

    // a local CSPR's briefing waits for its publication; the Rapid Review's opens once
    assert_eq!(open("cspr").status, 409);
    let r = open("rapid_review");
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(open("rapid_review").status, 409, "one per decision");
    let headings: Vec<&str> =
        r.body["steps"].as_array().unwrap().iter().map(|s| s["heading"].as_str().unwrap()).collect();
    assert_eq!(headings.len(), 6);
    assert_eq!(headings[0], "The case in brief");
    let id = r.body["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/t/{t}/briefings/{id}");
    // not written yet: it cannot go to a lead
    let r = api.post(&format!("{path}/submit"), &office, &json!({}));
    assert_eq!((r.status, r.body["fields"].as_array().map(Vec::len)), (422, Some(6)), "{r:?}");
    // written, naming the child: the check finds it, and it cannot go
    let mut texts: Vec<String> = (1..=6).map(|i| format!("Step {i} of the learning.")).collect();
    texts[1] = format!("{child} was seen at home by the health visitor.");
    let r = api.put(&path, &office, &json!({ "texts": texts }));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["hits"][0]["found"], child, "{r:?}");
    let r = api.post(&format!("{path}/submit"), &office, &json!({}));
    assert_eq!((r.status, r.body["fields"][0]["code"].as_str()), (422, Some("identifies_family")), "{r:?}");
    // fixed, it goes; an author does not see it until it is published
    texts[1] = "The baby was seen at home by the health visitor.".into();
    let r = api.put(&path, &office, &json!({ "texts": texts }));
    assert_eq!(r.body["hits"].as_array().map(Vec::len), Some(0), "{r:?}");
    let r = api.post(&format!("{path}/submit"), &office, &json!({}));
    assert_eq!((r.status, r.body["status"].as_str()), (200, Some("awaiting_approval")), "{r:?}");
    assert_eq!(api.put(&path, &office, &json!({ "texts": texts })).status, 409, "with a lead: not changed");
    assert_eq!(api.get(&path, &author).status, 404);
    assert_eq!(api.post(&format!("{path}/approval"), &office, &json!({"approve": true})).status, 403);
    let before = outbox(t).iter().filter(|m| m.kind == shared::mail::MailKind::BriefingPublished).count();
    let r = api.post(&format!("{path}/approval"), &lead, &json!({"approve": true}));
    assert_eq!((r.status, r.body["status"].as_str()), (200, Some("published")), "{r:?}");
    assert_eq!(r.body["published_on"], json!(today()));
    let after = outbox(t).iter().filter(|m| m.kind == shared::mail::MailKind::BriefingPublished).count();
    assert!(after > before + 5, "every member is told: {before} → {after}");
    // published: every member reads it, in the list and as a Word document
    assert_eq!(api.get(&path, &author).status, 200);
    let list = api.get(&format!("/api/v1/t/{t}/briefings"), &author);
    assert!(list.body.as_array().unwrap().iter().any(|b| b["id"] == id.as_str()));
    let docx = api.http.get(format!("{}{path}/docx", api.base)).bearer_auth(&author).send().unwrap();
    assert_eq!(docx.status(), 200);
    assert!(docx.headers()["content-type"].to_str().unwrap().contains("wordprocessingml"));
    assert!(docx.bytes().unwrap().starts_with(b"PK"));

    // the partnership's own headings: six, each given
    let five = json!({"headings": ["A", "B", "C", "D", "E"]});
    assert_eq!(api.put(&format!("/api/v1/t/{t}/briefing-headings"), &office, &five).status, 422);
}

#[test]
fn statistics_over_hand_made_cases_give_the_worked_percentages() {
    let api = Api::shared();
    let (slug, office) = office_of_new_partnership("statistics");
    let lead = token(&slug, &create_person(&slug, &[Role::StrategicLead]));
    let owner = create_person(&slug, &[Role::AgencyAuthor]);
    let base = format!("/api/v1/t/{slug}");
    let case = |aware: &str, sent: Option<&str>| {
        let r = api.post(&format!("{base}/cases"), &office, &notification("Statistics Child", aware));
        assert_eq!(r.status, 201, "{r:?}");
        let id = r.body["id"].as_str().unwrap().to_string();
        if let Some(sent) = sent {
            let r = api.post(&format!("{base}/cases/{id}/notification-sent"), &office, &json!({ "sent_on": sent }));
            assert_eq!(r.status, 200, "{r:?}");
        }
        id
    };
    // Notifications are due 5 working days after the local authority is aware.
    // 2025 Q2: 1 April (due 8 April) sent on the 3rd, on time; 1 May (due 9 May, the 5th a
    // bank holiday) sent on the 20th, late; 2 June (due 9 June) sent on the 4th, on time.
    let first = case("2025-04-01", Some("2025-04-03"));
    case("2025-05-01", Some("2025-05-20"));
    case("2025-06-02", Some("2025-06-04"));
    // 2025 Q3: 1 July never sent (due 8 July: late); 1 August (due 8 August) sent on the 5th.
    case("2025-07-01", None);
    case("2025-08-01", Some("2025-08-05"));

    // Actions: one due 30 June 2025, still open (late); one due 15 August 2025 closed today
    // (late); one due in ten days closed today (on time).
    let agency = agency(&slug, &office, "Statistics Agency");
    let mut conn = server().pool.get().unwrap();
    let t = backend::store::directory::tenant_by_slug(&mut conn, &slug).unwrap().unwrap();
    let user = backend::store::directory::user_by_email(&mut conn, &owner).unwrap().unwrap();
    backend::store::directory::grant(
        &mut conn,
        &t.id,
        &user.id,
        backend::columns::Id::parse(&agency),
        &[Role::AgencyAuthor],
    )
    .unwrap();
    drop(conn);
    let owner_token = token(&slug, &owner);
    let soon = today() + chrono::Duration::days(10);
    let mut ids = Vec::new();
    for due in [NaiveDate::from_ymd_opt(2025, 6, 30).unwrap(), NaiveDate::from_ymd_opt(2025, 8, 15).unwrap(), soon] {
        let r = add_action(
            &slug,
            &office,
            &first,
            &json!({"description": "D", "owner_agency_id": agency, "owner_person_id": user.id.to_string(), "due_on": due}),
        );
        assert_eq!(r.status, 201, "{r:?}");
        ids.push(r.body["id"].as_str().unwrap().to_string());
    }
    for id in &ids[1..] {
        let path = format!("{base}/actions/{id}");
        let r = api.post(&format!("{path}/updates"), &owner_token, &json!({"text": "Evidence", "close": true}));
        assert_eq!(r.status, 200, "{r:?}");
        assert_eq!(api.post(&format!("{path}/agreement"), &lead, &json!({"agree": true})).status, 200);
    }

    let r = api.get(&format!("{base}/statistics/timeliness?to=2025-Q3&quarters=2"), &office);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["quarters"], json!(["2025 Q2", "2025 Q3"]));
    let series = |measure: &str| -> Vec<(i64, i64, Value)> {
        let s = r.body["series"].as_array().unwrap().iter().find(|s| s["measure"] == measure).unwrap();
        s["figures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["counted"].as_i64().unwrap(), f["on_time"].as_i64().unwrap(), f["percent"].clone()))
            .collect()
    };
    // notifications: 2 of 3 (66.7%), then 1 of 2 (50%)
    assert_eq!(series("notifications"), [(3, 2, json!(66.7)), (2, 1, json!(50.0))]);
    // no Rapid Review reported: every one late, once past its 15 working days
    assert_eq!(series("rapid_reviews"), [(3, 0, json!(0.0)), (2, 0, json!(0.0))]);
    // no information asked, no local CSPR: nothing counted, no percentage
    assert_eq!(series("additional_information"), [(0, 0, Value::Null), (0, 0, Value::Null)]);
    assert_eq!(series("csprs"), [(0, 0, Value::Null), (0, 0, Value::Null)]);
    // actions: the open one late in Q2, the one closed after its due date late in Q3
    assert_eq!(series("actions"), [(1, 0, json!(0.0)), (1, 0, json!(0.0))]);
    // and the one closed before its due date, in its own quarter: 1 of 1
    let q = Quarter::of(soon);
    let r = api.get(&format!("{base}/statistics/timeliness?to={}-Q{}&quarters=1", q.year, q.q), &office);
    let actions = r.body["series"].as_array().unwrap().iter().find(|s| s["measure"] == "actions").unwrap().clone();
    assert_eq!(
        (actions["figures"][0]["counted"].as_i64(), actions["figures"][0]["percent"].clone()),
        (Some(1), json!(100.0))
    );
    assert_eq!(api.get(&format!("{base}/statistics/timeliness?to=2025-Q5"), &office).status, 400);
    assert_eq!(api.get(&format!("{base}/statistics/timeliness?quarters=21"), &office).status, 400);
    assert_eq!(api.get(&format!("{base}/statistics/timeliness"), &owner_token).status, 403);

    // the quarterly report of this quarter: the three actions opened, two closed, one overdue
    let now = Quarter::of(today());
    let r = api.get(&format!("{base}/statistics/quality-report?quarter={}-Q{}", now.year, now.q), &office);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["actions"][0]["agency"], "Statistics Agency");
    assert_eq!(
        (r.body["total"]["opened"].as_i64(), r.body["total"]["closed"].as_i64(), r.body["total"]["overdue"].as_i64()),
        (Some(3), Some(2), Some(1)),
        "{r:?}"
    );
    // and 2025 Q2: three Rapid Reviews started, none finished
    let r = api.get(&format!("{base}/statistics/quality-report?quarter=2025-Q2"), &office);
    assert_eq!(r.body["reviews"]["rapid_reviews_started"], 3);
    assert_eq!(r.body["reviews"]["rapid_reviews_finished"], 0);
    let docx = api
        .http
        .get(format!("{}{base}/statistics/quality-report?quarter=2025-Q2&format=docx", api.base))
        .bearer_auth(&office)
        .send()
        .unwrap();
    assert_eq!(docx.status(), 200);
    assert!(docx.bytes().unwrap().starts_with(b"PK"));

    // reminders: the open action overdue, the closed ones not; once a week
    let r = api.post(&format!("{base}/actions/reminders"), &office, &json!({}));
    assert_eq!((r.status, r.body["overdue"].as_i64(), r.body["due_soon"].as_i64()), (200, Some(1), Some(0)), "{r:?}");
    let queued: Vec<_> =
        outbox(&slug).into_iter().filter(|m| m.kind == shared::mail::MailKind::ActionOverdue).collect();
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].recipient, owner);
    let r = api.post(&format!("{base}/actions/reminders"), &office, &json!({}));
    assert_eq!(r.body["overdue"].as_i64(), Some(0), "not again the same week");
}

/// Parses `text` as iCalendar (the `icalendar` crate), answering each event's (UID, summary,
/// start date).
fn events(text: &str) -> Vec<(String, String, NaiveDate)> {
    let calendar: Calendar = text.parse().unwrap_or_else(|e| panic!("not iCalendar: {e}\n{text}"));
    calendar
        .components
        .iter()
        .filter_map(CalendarComponent::as_event)
        .map(|e| {
            let start = match e.get_start() {
                Some(DatePerhapsTime::Date(d)) => d,
                other => panic!("an all-day event: {other:?}"),
            };
            (e.get_uid().unwrap().to_string(), e.get_summary().unwrap().to_string(), start)
        })
        .collect()
}

#[test]
fn the_calendar_feed_parses_and_holds_only_the_persons_own_items() {
    let api = Api::shared();
    let t = "southmere";
    let office = demo_token(t, "office");
    let mine_email = create_person_in(t, &[Role::AgencyAuthor], "Police");
    let theirs_email = create_person_in(t, &[Role::AgencyAuthor], "Integrated Care Board");
    let child = "Rowan Featherstone";
    // a case asking the police (the person's agency) and the health board
    let (case, _) = open_case_with(t, "2026-11-02", &notification(child, "2026-11-02"));
    let health = agency_id(t, "Integrated Care Board");
    let r = api.post(
        &format!("/api/v1/t/{t}/cases/{case}/information-requests"),
        &office,
        &json!({"agency_ids": [health], "sent_on": "2026-11-02"}),
    );
    assert_eq!(r.status, 200, "{r:?}");
    let action = |email: &str, agency: &str| {
        let body = json!({"description": "D", "owner_agency_id": agency_id(t, agency),
            "owner_person_id": person_id(email), "due_on": today() + chrono::Duration::days(20)});
        let r = add_action(t, &office, &case, &body);
        assert_eq!(r.status, 201, "{r:?}");
        r.body["id"].as_str().unwrap().to_string()
    };
    let my_action = action(&mine_email, "Police");
    let their_action = action(&theirs_email, "Integrated Care Board");

    let me = token(t, &mine_email);
    let r = api.post(&format!("/api/v1/t/{t}/calendar-feed"), &me, &json!({}));
    assert_eq!((r.status, r.body["active"].as_bool()), (200, Some(true)), "{r:?}");
    let url = r.body["url"].as_str().unwrap().to_string();
    let path = &url[url.find("/api/v1/feeds/").expect("the feed's address")..];
    assert_eq!(api.get(&format!("/api/v1/t/{t}/calendar-feed"), &me).body["url"], Value::Null, "shown once");
    let feed = api.http.get(format!("{}{path}", api.base)).send().unwrap();
    assert_eq!(feed.status(), 200);
    assert!(feed.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let text = feed.text().unwrap();
    let items = events(&text);
    let reference =
        api.get(&format!("/api/v1/t/{t}/cases/{case}"), &office).body["reference"].as_str().unwrap().to_string();
    // their own action, and their agency's clock on the case; titles give the reference and step
    assert!(items.iter().any(|(uid, summary, on)| uid.contains(&my_action)
        && summary == &format!("{reference}: Action due")
        && *on == today() + chrono::Duration::days(20)));
    assert!(items.iter().any(|(_, s, _)| s == &format!("{reference}: Additional information from an agency due")));
    // not the other author's action, nor the health board's clock, nor the case's own clocks
    assert!(!text.contains(&their_action));
    let asked: usize =
        items.iter().filter(|(_, s, _)| s.starts_with(&reference) && s.contains("Additional information")).count();
    assert_eq!(asked, 1, "only the police's request: {items:?}");
    assert!(!items.iter().any(|(_, s, _)| s.contains("National Panel")), "{items:?}");
    // no child's name anywhere
    assert!(!text.contains("Rowan") && !text.contains("Featherstone"));

    // the office follows every case: the case's clocks are in its feed
    let r = api.post(&format!("/api/v1/t/{t}/calendar-feed"), &office, &json!({}));
    let office_url = r.body["url"].as_str().unwrap().to_string();
    let office_path = &office_url[office_url.find("/api/v1/feeds/").unwrap()..];
    let office_items = events(&api.http.get(format!("{}{office_path}", api.base)).send().unwrap().text().unwrap());
    assert!(office_items
        .iter()
        .any(|(_, s, _)| s == &format!("{reference}: Rapid Review report to the National Panel due")));
    assert!(!office_items.iter().any(|(uid, _, _)| uid.contains(&my_action)), "not the office's action");

    // made anew: the old address stops working; revoked: the new one too
    let again = api.post(&format!("/api/v1/t/{t}/calendar-feed"), &me, &json!({}));
    let new_url = again.body["url"].as_str().unwrap().to_string();
    let new_path = &new_url[new_url.find("/api/v1/feeds/").unwrap()..];
    assert_eq!(api.http.get(format!("{}{path}", api.base)).send().unwrap().status(), 404);
    assert_eq!(api.http.get(format!("{}{new_path}", api.base)).send().unwrap().status(), 200);
    assert_eq!(api.send("DELETE", &format!("/api/v1/t/{t}/calendar-feed"), Some(&me), None).status, 200);
    assert_eq!(api.http.get(format!("{}{new_path}", api.base)).send().unwrap().status(), 404);
    assert_eq!(api.http.get(format!("{}/api/v1/feeds/not-a-feed", api.base)).send().unwrap().status(), 404);
}
