//! The overview report (issue 13): versions and stale saves, the word difference, comments
//! that follow their words through edits, the anonymisation check and its waivers, the
//! sign-off chain bound to one version and voided by an edit, the Word export, the submission
//! to the National Panel and the publication plan, and the scrutineer's drafts across
//! partnerships.
use serde_json::{json, Value};
use shared::Role;
use std::sync::OnceLock;
use tests::*;

const T: &str = "northvale";
const SCRUTINEER: &str = "scrutineer@independent.example";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The sections of a test report, in order (none of their words is an identifier of a
/// `local_cspr` case, whose child is "Case Child").
const SECTIONS: [(&str, &str); 3] = [("summary", "Summary"), ("events", "Events"), ("learning", "Learning")];

/// A report with nothing in it that identifies anyone.
const CLEAN: [&str; 3] = [
    "The review looked at how agencies shared information.",
    "The family moved twice in a year.\n\nNobody asked why the appointments were missed.",
    "Information was not shared between agencies.",
];

fn url(case: &str) -> String {
    format!("/api/v1/t/{T}/cases/{case}")
}

fn office() -> String {
    demo_token(T, "office")
}

fn lead() -> String {
    demo_token(T, "reviewer")
}

fn scrutineer() -> String {
    token(T, SCRUTINEER)
}

fn today() -> chrono::NaiveDate {
    shared::calendar::uk_date(chrono::Utc::now())
}

fn days(n: i64) -> String {
    (today() + chrono::Duration::days(n)).to_string()
}

fn fields(r: &Reply) -> Vec<String> {
    r.body["fields"].as_array().unwrap().iter().map(|f| f["field"].as_str().unwrap().to_string()).collect()
}

fn code(r: &Reply) -> Option<&str> {
    r.body["code"].as_str()
}

/// The demo reviewer to lead, the shared scrutineer, commissioned the day after the decision.
fn commission() -> Value {
    json!({
        "lead_reviewer_id": person_id(&format!("reviewer@{T}.example")),
        "scrutineer_id": person_id(SCRUTINEER),
        "commissioned_on": "2026-10-13"
    })
}

/// A local CSPR commissioned by the office: its id.
fn review() -> String {
    let case = local_cspr(T);
    let r = Api::shared().put(&format!("{}/cspr/commission", url(&case)), &office(), &commission());
    assert_eq!(r.status, 200, "commissioning: {r:?}");
    case
}

/// The sections of [`SECTIONS`] with these texts (as many as texts are given).
fn sections(texts: &[&str]) -> Value {
    SECTIONS
        .iter()
        .zip(texts)
        .map(|((key, heading), text)| json!({"key": key, "heading": heading, "text": text}))
        .collect()
}

/// The lead reviewer saves these texts on version `base`.
fn save(case: &str, base: u64, texts: &[&str]) -> Reply {
    Api::shared().put(
        &format!("{}/report", url(case)),
        &lead(),
        &json!({"base_version": base, "sections": sections(texts)}),
    )
}

fn read(case: &str, token: &str) -> Reply {
    Api::shared().get(&format!("{}/report", url(case)), token)
}

/// Characters `start..end` of `part` in `text` (the first time it is there).
fn char_range(text: &str, part: &str) -> (usize, usize) {
    let byte = text.find(part).unwrap_or_else(|| panic!("{part:?} in {text:?}"));
    let start = text[..byte].chars().count();
    (start, start + part.chars().count())
}

/// The thread whose last quote is `exact`.
fn thread<'a>(view: &'a Reply, exact: &str) -> &'a Value {
    let threads = view.body["threads"].as_array().expect("threads");
    threads.iter().find(|t| t["anchor"]["exact"] == exact).unwrap_or_else(|| panic!("a thread on {exact:?}: {view:?}"))
}

/// Tokens of strategic leads of the Police, the Integrated Care Board and Council Children's
/// Services (the demo partnership's strategic lead agencies), made once.
fn strategic_leads() -> &'static [String] {
    static LEADS: OnceLock<Vec<String>> = OnceLock::new();
    LEADS.get_or_init(|| {
        ["Police", "Integrated Care Board", "Council Children's Services"]
            .iter()
            .map(|agency| token(T, &create_person_in(T, &[Role::StrategicLead], agency)))
            .collect()
    })
}

fn sign(case: &str, token: &str, version: u64, step: &str) -> Reply {
    Api::shared().post(&format!("{}/report/sign-offs", url(case)), token, &json!({"version": version, "step": step}))
}

/// Every link of the chain for `version`: the lead reviewer, the office, the three leads.
fn sign_chain(case: &str, version: u64) -> Reply {
    let r = sign(case, &lead(), version, "review_group");
    assert_eq!(r.status, 200, "review group: {r:?}");
    let r = sign(case, &office(), version, "sub_group");
    assert_eq!(r.status, 200, "sub group: {r:?}");
    let mut last = r;
    for t in strategic_leads() {
        last = sign(case, t, version, "strategic_lead");
        assert_eq!(last.status, 200, "strategic lead: {last:?}");
    }
    last
}

/// A commissioned review's first version of [`CLEAN`], signed off in full.
fn signed_off(case: &str) {
    let r = save(case, 0, &CLEAN);
    assert_eq!(r.status, 200, "{r:?}");
    let r = sign_chain(case, 1);
    assert_eq!(r.body["signed_off_version"], 1, "{r:?}");
}

/// The export's status, headers and bytes (the harness reads bodies as text).
fn export(case: &str, format: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let api = Api::shared();
    let res = api
        .http
        .get(format!("{}{}/report/export?format={format}", api.base, url(case)))
        .bearer_auth(office())
        .send()
        .expect("export");
    let (status, headers) = (res.status().as_u16(), res.headers().clone());
    (status, headers, res.bytes().expect("body").to_vec())
}

/// The paragraphs of a Word document, and the rows of its tables (each cell's text).
fn docx_text(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    use docx_rs::{DocumentChild, TableCellContent, TableChild, TableRowChild};
    let doc = docx_rs::read_docx(bytes).expect("a Word document");
    let (mut paragraphs, mut rows) = (Vec::new(), Vec::new());
    for child in &doc.document.children {
        match child {
            DocumentChild::Paragraph(p) => paragraphs.push(p.raw_text()),
            DocumentChild::Table(t) => {
                for TableChild::TableRow(row) in &t.rows {
                    let cells = row.cells.iter().map(|TableRowChild::TableCell(c)| {
                        c.children
                            .iter()
                            .filter_map(|x| match x {
                                TableCellContent::Paragraph(p) => Some(p.raw_text()),
                                _ => None,
                            })
                            .collect::<String>()
                    });
                    rows.push(cells.collect());
                }
            }
            _ => {}
        }
    }
    (paragraphs, rows)
}

#[test]
fn a_save_on_an_older_version_is_409_and_nothing_is_written() {
    let api = Api::shared();
    let case = review();
    let r = save(&case, 0, &CLEAN);
    assert_eq!((r.status, r.body["latest"]["version"].as_u64()), (200, Some(1)), "{r:?}");
    let v2 = ["Version two.", "The family moved.", "Agencies did not share."];
    let r = save(&case, 1, &v2);
    assert_eq!((r.status, r.body["latest"]["version"].as_u64()), (200, Some(2)), "{r:?}");
    let r = save(&case, 1, &["Written on version one."]);
    assert_eq!((r.status, code(&r)), (409, Some("edit_conflict")), "a save on version 1 after 2: {r:?}");
    let view = read(&case, &lead());
    assert_eq!(view.body["versions"].as_array().unwrap().len(), 2, "the stale save wrote no version: {view:?}");
    assert_eq!(view.body["latest"]["sections"], sections(&v2), "the latest is still version 2");
    // only the lead reviewer saves
    let body = json!({"base_version": 2, "sections": sections(&CLEAN)});
    let r = api.put(&format!("{}/report", url(&case)), &scrutineer(), &body);
    assert_eq!(r.status, 403, "the scrutineer: {r:?}");
    let other = token(T, &create_person(T, &[Role::Reviewer]));
    let r = api.put(&format!("{}/report", url(&case)), &other, &body);
    assert_eq!(r.status, 403, "a reviewer who does not lead: {r:?}");
    // malformed bodies are 400, not 500
    for bad in [
        json!({"base_version": "two", "sections": []}),
        json!({"base_version": -1, "sections": []}),
        json!({"base_version": 2, "sections": "text"}),
        json!("a report"),
    ] {
        let r = api.put(&format!("{}/report", url(&case)), &lead(), &bad);
        assert_eq!(r.status, 400, "{bad}: {r:?}");
    }
    let r = api.send_raw("PUT", &format!("{}/report", url(&case)), Some(&lead()), "application/json", b"{not".to_vec());
    assert_eq!(r.status, 400, "broken JSON: {r:?}");
    // two sections with one key
    let mut twice = sections(&CLEAN);
    twice[1]["key"] = json!("summary");
    let r = api.put(&format!("{}/report", url(&case)), &lead(), &json!({"base_version": 2, "sections": twice}));
    assert_eq!((r.status, fields(&r)), (422, vec!["sections[1].key".to_string()]), "{r:?}");
    assert_eq!(r.body["fields"][0]["code"], "duplicate");
    assert_eq!(read(&case, &lead()).body["versions"].as_array().unwrap().len(), 2, "no refusal wrote a version");
}

#[test]
fn versions_are_kept_and_their_difference_is_words_added_and_removed() {
    let api = Api::shared();
    let case = review();
    let v1 = "The school nurse shared the concern with the health visitor later that week.";
    let v2 = "The school nurse promptly shared the concern with the health visitor that week.";
    assert_eq!(save(&case, 0, &[CLEAN[0], v1, CLEAN[2]]).status, 200);
    assert_eq!(save(&case, 1, &[CLEAN[0], v2, CLEAN[2]]).status, 200);
    let r = api.get(&format!("{}/report/diff?from=1&to=2", url(&case)), &lead());
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!((r.body["from"].as_u64(), r.body["to"].as_u64()), (Some(1), Some(2)));
    assert_eq!((r.body["words_added"].as_u64(), r.body["words_removed"].as_u64()), (Some(1), Some(1)), "{r:?}");
    let diffs = r.body["sections"].as_array().unwrap();
    assert_eq!(diffs.len(), 3, "{r:?}");
    let events = diffs.iter().find(|s| s["key"] == "events").expect("the events section");
    assert_eq!((events["status"].as_str(), events["heading_changed"].as_bool()), (Some("same"), Some(false)));
    let parts = events["parts"].as_array().unwrap();
    let of = |kind: &str| -> Vec<String> {
        parts.iter().filter(|p| p["kind"] == kind).map(|p| p["text"].as_str().unwrap().trim().to_string()).collect()
    };
    assert_eq!(of("added"), ["promptly"], "{parts:?}");
    assert_eq!(of("removed"), ["later"], "{parts:?}");
    // the parts make both texts again
    let text = |skip: &str| {
        parts.iter().filter(|p| p["kind"] != skip).map(|p| p["text"].as_str().unwrap()).collect::<String>()
    };
    assert_eq!((text("added"), text("removed")), (v1.to_string(), v2.to_string()));
    for other in diffs.iter().filter(|s| s["key"] != "events") {
        assert!(other["parts"].as_array().unwrap().iter().all(|p| p["kind"] == "same"), "unchanged: {other}");
    }
    // version 1 is kept as it was
    let r = api.get(&format!("{}/report/versions/1", url(&case)), &scrutineer());
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!((r.body["version"].as_u64(), &r.body["sections"]), (Some(1), &sections(&[CLEAN[0], v1, CLEAN[2]])));
    assert_eq!(r.body["saved_by"], "Jordan Lee");
    // the versions to compare are required, and must exist
    for q in ["", "?from=1", "?to=2", "?from=one&to=2"] {
        let r = api.get(&format!("{}/report/diff{q}", url(&case)), &lead());
        assert_eq!(r.status, 400, "diff{q}: {r:?}");
    }
    assert_eq!(api.get(&format!("{}/report/diff?from=1&to=9", url(&case)), &lead()).status, 404);
    assert_eq!(api.get(&format!("{}/report/versions/9", url(&case)), &lead()).status, 404);
}

#[test]
fn a_comment_stays_on_its_sentence_through_edits_and_is_orphaned_when_it_goes() {
    let api = Api::shared();
    let case = review();
    let threads = format!("{}/report/threads", url(&case));
    let sentence = "Nobody asked why the appointments were missed.";
    let closed = "The health visitor closed the file.";
    let v1 = format!("The family moved twice in a year.\n\n{sentence} {closed}");
    let inserted = "The school nurse saw her each week.\n\n";
    let v2 = format!("The family moved twice in a year.\n\n{inserted}{sentence} {closed}");
    let v3 = format!("The family moved twice in a year.\n\n{inserted}{closed}");
    assert_eq!(save(&case, 0, &[CLEAN[0], &v1, CLEAN[2]]).status, 200);
    // the scrutineer opens a thread on the sentence
    let (start, end) = char_range(&v1, sentence);
    let open = json!({"version": 1, "section": "events", "start": start, "end": end, "text": "Why not?"});
    let r = api.post(&threads, &scrutineer(), &open);
    assert_eq!(r.status, 200, "{r:?}");
    let t = thread(&r, sentence).clone();
    assert_eq!((t["anchor"]["start"].as_u64(), t["anchor"]["section"].as_str()), (Some(start as u64), Some("events")));
    assert_eq!(t["comments"][0]["role"], "scrutineer");
    let id = t["id"].as_str().unwrap().to_string();
    // the lead reviewer answers
    let r = api.post(&format!("{threads}/{id}/replies"), &lead(), &json!({"text": "I will add the dates."}));
    assert_eq!(r.status, 200, "{r:?}");
    let comments = thread(&r, sentence)["comments"].as_array().unwrap().clone();
    assert_eq!((comments.len(), comments[1]["role"].as_str()), (2, Some("reviewer")));
    // a paragraph inserted before it, another section edited: the thread follows its words
    let r = save(&case, 1, &[CLEAN[0], &v2, "Information was not shared between agencies in time."]);
    assert_eq!(r.status, 200, "{r:?}");
    let t = thread(&r, sentence);
    let moved = start + inserted.chars().count();
    assert_eq!(t["anchor"]["start"].as_u64(), Some(moved as u64), "moved by the paragraph inserted: {t}");
    assert_eq!((t["anchored_version"].as_u64(), t["orphaned"].as_bool()), (Some(2), Some(false)));
    assert_eq!(char_range(&v2, sentence).0, moved);
    // resolved by the lead reviewer, reopened by the scrutineer who opened it
    let resolution = format!("{threads}/{id}/resolution");
    let r = api.put(&resolution, &lead(), &json!({"resolved": true}));
    assert_eq!((r.status, thread(&r, sentence)["resolved"]["by"].as_str()), (200, Some("Jordan Lee")), "{r:?}");
    let r = api.put(&resolution, &scrutineer(), &json!({"resolved": false}));
    assert_eq!((r.status, &thread(&r, sentence)["resolved"]), (200, &Value::Null), "{r:?}");
    // a strategic lead who did not open it does not resolve it
    let r = api.put(&resolution, &strategic_leads()[0], &json!({"resolved": true}));
    assert_eq!(r.status, 403, "{r:?}");
    // a comment needs words
    let mut blank = open.clone();
    blank["text"] = json!(" ");
    let r = api.post(&threads, &scrutineer(), &blank);
    assert_eq!((r.status, fields(&r)), (422, vec!["text".to_string()]), "{r:?}");
    let r = api.post(&format!("{threads}/{id}/replies"), &lead(), &json!({"text": ""}));
    assert_eq!(r.status, 422, "{r:?}");
    // words selected in version 1 after version 2 exists: where they are in version 2
    let (s1, e1) = char_range(&v1, closed);
    let old = json!({"version": 1, "section": "events", "start": s1, "end": e1, "text": "Who decided?"});
    let r = api.post(&threads, &scrutineer(), &old);
    assert_eq!(r.status, 200, "{r:?}");
    let t = thread(&r, closed);
    assert_eq!(t["anchor"]["start"].as_u64(), Some(char_range(&v2, closed).0 as u64), "{t}");
    assert_eq!(t["anchored_version"].as_u64(), Some(2));
    // the sentence deleted: its thread is orphaned and keeps its quote; the other follows
    let r = save(&case, 2, &[CLEAN[0], &v3, "Information was not shared between agencies in time."]);
    assert_eq!(r.status, 200, "{r:?}");
    let t = thread(&r, sentence);
    assert_eq!((t["orphaned"].as_bool(), t["anchored_version"].as_u64()), (Some(true), Some(2)), "{t}");
    assert_eq!(t["comments"].as_array().unwrap().len(), 2);
    let other = thread(&r, closed);
    assert_eq!(
        (other["orphaned"].as_bool(), other["anchor"]["start"].as_u64()),
        (Some(false), Some(char_range(&v3, closed).0 as u64))
    );
    // words selected in version 1 that are gone from the latest: no thread
    let r = api.post(&threads, &scrutineer(), &open);
    assert_eq!((r.status, code(&r)), (409, Some("edit_conflict")), "{r:?}");
    assert_eq!(r.body["threads"], Value::Null);
    assert_eq!(read(&case, &lead()).body["threads"].as_array().unwrap().len(), 2, "no thread written");
    // an agency author does not read the report; a manager only when their agency writes for it
    assert_eq!(read(&case, &demo_token(T, "author")).status, 403);
    assert_eq!(read(&case, &demo_token(T, "manager")).status, 404, "Schools writes no report for this review");
}

#[test]
fn the_anonymisation_check_finds_the_case_identifiers_and_blocks_sign_off_until_fixed_or_waived() {
    let api = Api::shared();
    let case = review();
    let check = format!("{}/report/anonymisation", url(&case));
    let waivers = format!("{check}/waivers");
    // "Case Child" is not a pseudonym ("Child G" is): a name
    let text = "Case Child was born on 1/1/2020 and lived at NN1 1AA.\n\n\
                The birthday, 1 January 2020, fell on a Wednesday. Letters went to NN11AA.";
    assert_eq!(save(&case, 0, &[CLEAN[0], text, CLEAN[2]]).status, 200);
    let r = api.get(&check, &scrutineer());
    assert_eq!((r.status, r.body["version"].as_u64()), (200, Some(1)), "{r:?}");
    let expected = [
        ("Case Child", "name"),
        ("1/1/2020", "date_of_birth"),
        ("NN1 1AA", "postcode"),
        ("1 January 2020", "date_of_birth"),
        ("NN11AA", "postcode"),
    ];
    let hits = r.body["hits"].as_array().unwrap();
    let found: Vec<(&str, &str)> =
        hits.iter().map(|h| (h["found"].as_str().unwrap(), h["kind"].as_str().unwrap())).collect();
    assert_eq!(found, expected, "{r:?}");
    for (h, (words, _)) in hits.iter().zip(expected) {
        let (start, end) = char_range(text, words);
        assert_eq!((h["section"].as_str(), h["heading"].as_str()), (Some("events"), Some("Events")));
        assert_eq!(
            (h["start"].as_u64(), h["end"].as_u64(), h["in_heading"].as_bool()),
            (Some(start as u64), Some(end as u64), Some(false))
        );
        assert_eq!(h["waiver"], Value::Null);
    }
    assert_eq!(r.body["left"], 5);
    let r = sign(&case, &lead(), 1, "review_group");
    assert_eq!((r.status, code(&r)), (409, Some("identifiers_remain")), "{r:?}");
    // the dates removed; the rest waived with reasons
    let fixed = "Case Child lived at NN1 1AA.\n\nLetters went to NN11AA.";
    let r = save(&case, 1, &[CLEAN[0], fixed, CLEAN[2]]);
    assert_eq!(r.body["hits_left"], 3, "{r:?}");
    let waive = |found: &str, reason: &str| {
        api.post(&waivers, &lead(), &json!({"section": "events", "found": found, "reason": reason}))
    };
    let r = waive("Case Child", " ");
    assert_eq!((r.status, fields(&r)), (422, vec!["reason".to_string()]), "{r:?}");
    let r = waive("NN9 9ZZ", "Not in the report");
    assert_eq!((r.status, fields(&r)), (422, vec!["found".to_string()]), "{r:?}");
    let r = waive("1/1/2020", "Fixed already");
    assert_eq!((r.status, fields(&r)), (422, vec!["found".to_string()]), "a date removed is no hit: {r:?}");
    let r = api.post(&waivers, &scrutineer(), &json!({"section": "events", "found": "NN11AA", "reason": "R"}));
    assert_eq!(r.status, 403, "only the lead reviewer waives: {r:?}");
    for found in ["Case Child", "NN1 1AA", "NN11AA"] {
        let r = waive(found, "The family agreed this may be published");
        assert_eq!(r.status, 200, "{found}: {r:?}");
    }
    let r = api.get(&check, &lead());
    assert_eq!((r.body["version"].as_u64(), r.body["left"].as_u64()), (Some(2), Some(0)), "{r:?}");
    let hits = r.body["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3, "{r:?}");
    for h in hits {
        assert_eq!(h["waiver"]["reason"], "The family agreed this may be published", "{h}");
        assert_eq!(h["waiver"]["by"], "Jordan Lee");
    }
    let r = sign(&case, &lead(), 2, "review_group");
    assert_eq!(r.status, 200, "nothing left: {r:?}");
    assert_eq!(r.body["chain"][0]["signed"]["version"], 2);
}

#[test]
fn the_sign_off_chain_is_bound_to_one_version_and_a_later_edit_voids_it() {
    let api = Api::shared();
    let case = review();
    let cspr = format!("{}/cspr", url(&case));
    // terms agreed, and the police's chronology submitted: the export's appendix
    let members: Vec<Value> = ["Police", "Integrated Care Board", "Council Children's Services", "Schools", "Probation Service"]
        .iter()
        .map(|a| json!({"name": format!("Member of {a}"), "agency_id": agency_id(T, a), "designation": "Lead", "involved": *a != "Probation Service"}))
        .collect();
    assert_eq!(api.put(&format!("{}/review-group", url(&case)), &office(), &json!({ "members": members })).status, 200);
    assert_eq!(
        api.post(&format!("{cspr}/terms"), &lead(), &json!({"text": "Scope", "key_lines": ["Sharing"]})).status,
        200
    );
    let agree = json!({"version": 1, "agreed_on": today(), "attendees": ["A"]});
    assert_eq!(api.post(&format!("{cspr}/terms/agreement"), &office(), &agree).status, 200);
    let assign = |agency: &str, author: &str| {
        let body = json!({"agency_id": agency_id(T, agency), "author_id": person_id(&format!("{author}@{T}.example"))});
        let r = api.post(&format!("{cspr}/authors"), &office(), &body);
        assert_eq!(r.status, 200, "{r:?}");
    };
    assign("Police", "author");
    let report = format!("{}/agency-reports/{}", url(&case), agency_id(T, "Police"));
    let entry = json!({"date": "2026-06-01", "time": null, "event": "Seen at home by an officer", "source": "Record", "practitioner_role": "Officer", "outcome": "Done"});
    let key_event = json!({"date": "2026-06-01", "title": "Visit", "analysis": "A", "learning": "L", "addressed": "Ad", "outstanding_action": "O", "evidence": "E"});
    let body = json!({"revision": 0, "body": {"chronology": [entry], "key_events": [key_event]}});
    assert_eq!(api.put(&report, &demo_token(T, "author"), &body).status, 200);
    let police_manager = token(T, &create_person_in(T, &[Role::AgencyManager], "Police"));
    assert_eq!(api.post(&format!("{report}/sign-off"), &police_manager, &json!({})).status, 200);
    assert_eq!(api.post(&format!("{report}/submit"), &demo_token(T, "author"), &json!({})).status, 200);
    // the Schools' manager reads the report once Schools writes for the review
    assign("Schools", backend::demo::SCHOOLS_AUTHOR_WORD);
    let r = save(&case, 0, &CLEAN);
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(read(&case, &demo_token(T, "manager")).status, 200);
    // nothing to export yet; Word only
    assert_eq!(export(&case, "docx").0, 409, "no version signed off yet");
    assert_eq!(export(&case, "pdf").0, 400);
    // in order: the sub group after the review group
    let r = sign(&case, &office(), 1, "sub_group");
    assert_eq!(r.status, 409, "the sub group before the review group: {r:?}");
    assert_eq!(sign(&case, &lead(), 1, "review_group").status, 200);
    assert_eq!(sign(&case, &office(), 1, "sub_group").status, 200);
    let schools_lead = token(T, &create_person_in(T, &[Role::StrategicLead], "Schools"));
    let r = sign(&case, &schools_lead, 1, "strategic_lead");
    assert_eq!(r.status, 403, "Schools is no strategic lead agency: {r:?}");
    for t in strategic_leads() {
        let r = sign(&case, t, 1, "strategic_lead");
        assert_eq!(r.status, 200, "{r:?}");
    }
    let r = read(&case, &office());
    let links = r.body["chain"].as_array().unwrap();
    assert_eq!(links.len(), 5, "{r:?}");
    assert!(links.iter().all(|l| l["signed"]["version"] == 1), "{links:?}");
    assert_eq!((r.body["signed_off_version"].as_u64(), r.body["latest"]["version"].as_u64()), (Some(1), Some(1)));
    // the signed-off version in Word: headings, numbered paragraphs, the chronology's table
    let (status, headers, bytes) = export(&case, "docx");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert_eq!(headers["content-type"].to_str().unwrap(), DOCX);
    assert!(bytes.starts_with(b"PK"), "a zip");
    assert!(headers["content-disposition"].to_str().unwrap().ends_with("-v1.docx\""), "{headers:?}");
    let (paragraphs, rows) = docx_text(&bytes);
    for (_, heading) in SECTIONS {
        assert!(paragraphs.iter().any(|p| p == heading), "{heading} in {paragraphs:?}");
    }
    assert!(paragraphs.iter().any(|p| p == CLEAN[0]), "{paragraphs:?}");
    assert_eq!(rows.first().map(|r| r[0].as_str()), Some("Date"), "the appendix table: {rows:?}");
    assert!(rows.iter().any(|r| r.iter().any(|c| c == "Seen at home by an officer")), "{rows:?}");
    // a later save voids every sign-off; the signed-off version stays the one exported
    let r = save(&case, 1, &["A later summary.", CLEAN[1], CLEAN[2]]);
    assert_eq!(r.status, 200, "{r:?}");
    let view = read(&case, &office());
    assert!(view.body["chain"].as_array().unwrap().iter().all(|l| l["signed"].is_null()), "{view:?}");
    assert_eq!(view.body["voided"], 5, "{view:?}");
    let signoffs = view.body["signoffs"].as_array().unwrap();
    assert_eq!(signoffs.len(), 5, "kept in the record");
    assert!(signoffs.iter().all(|s| s["voided_by"] == 2 && s["version"] == 1), "{signoffs:?}");
    assert_eq!(view.body["signed_off_version"], 1);
    let (status, headers, bytes) = export(&case, "docx");
    assert_eq!(status, 200);
    assert!(headers["content-disposition"].to_str().unwrap().ends_with("-v1.docx\""), "{headers:?}");
    let (paragraphs, _) = docx_text(&bytes);
    assert!(
        paragraphs.iter().any(|p| p == CLEAN[0]) && !paragraphs.iter().any(|p| p == "A later summary."),
        "{paragraphs:?}"
    );
    let r = sign(&case, &lead(), 1, "review_group");
    assert_eq!((r.status, code(&r)), (409, Some("edit_conflict")), "{r:?}");
    let labels = api.get(&url(&case), &office()).body["timeline"].to_string();
    assert!(
        labels.contains("Overview report version 2 saved") && labels.contains("version 1 (voided by version 2)"),
        "{labels}"
    );
    // every export is audited
    let trail = api.get(&format!("/api/v1/t/{T}/audit?entity={case}&limit=500"), &office());
    assert_eq!(trail.status, 200, "{trail:?}");
    let exports = trail.body.as_array().unwrap().iter().filter(|e| e["action"] == "overview.export").count();
    assert_eq!(exports, 2, "{trail:?}");
}

#[test]
fn submission_stops_the_clock_and_publication_follows_the_plan() {
    let api = Api::shared();
    let case = review();
    signed_off(&case);
    let report = format!("{}/report", url(&case));
    let r = api.post(&format!("{report}/submission"), &office(), &json!({"version": 1, "sent_on": today()}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        (r.body["submission"]["version"].as_u64(), r.body["submission"]["sent_on"].as_str()),
        (Some(1), Some(&*today().to_string()))
    );
    let c = api.get(&url(&case), &office());
    assert_eq!(c.body["final_report_sent_on"], today().to_string(), "{c:?}");
    let clock = c.body["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "cspr_completion")
        .expect("the CSPR clock")
        .clone();
    assert_eq!(
        (clock["met_on"].as_str(), clock["status"].as_str()),
        (Some(&*today().to_string()), Some("met_on_time")),
        "{clock}"
    );
    let r = api.post(&format!("{report}/submission"), &office(), &json!({"version": 1, "sent_on": today()}));
    assert_eq!(r.status, 409, "sent already: {r:?}");
    assert_eq!(save(&case, 1, &["Too late."]).status, 409, "no edit once sent");
    // the Panel's answer comes after the report
    let r =
        api.put(&format!("{report}/panel-response"), &office(), &json!({"acknowledged_on": days(-1), "feedback": ""}));
    assert_eq!((r.status, fields(&r)), (422, vec!["acknowledged_on".to_string()]), "{r:?}");
    // publication at least 14 days after, at about 10:00
    let plan = |on: i64, time: &str| json!({"publication_on": days(on), "publication_time": time});
    let r = api.put(&format!("{report}/publication-plan"), &office(), &plan(10, "10:00"));
    assert_eq!((r.status, fields(&r)), (422, vec!["publication_on".to_string()]), "{r:?}");
    assert_eq!(r.body["fields"][0]["code"], "too_soon");
    let r = api.put(&format!("{report}/publication-plan"), &office(), &plan(20, "14:00"));
    assert_eq!((r.status, fields(&r)), (422, vec!["publication_time".to_string()]), "{r:?}");
    let r = api.put(&format!("{report}/publication-plan"), &office(), &plan(20, "10:00"));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["plan"]["publication_on"], days(20));
    let clocks = r.body["plan_clocks"].as_array().unwrap();
    assert_eq!(clocks.len(), 7, "{clocks:?}");
    let steps: Vec<&str> = clocks.iter().map(|c| c["step"].as_str().unwrap()).collect();
    assert!(steps.contains(&"publication") && steps.contains(&"press_statement"), "{steps:?}");
    // publication is recorded only when the steps before it are done
    let mut early = plan(20, "10:00");
    early["published_on"] = json!(days(20));
    let r = api.put(&format!("{report}/publication-plan"), &office(), &early);
    assert_eq!(r.status, 422, "{r:?}");
    let required: Vec<&str> = r.body["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "required")
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(required, ["members_briefed_on", "press_statement_on", "family_told_on"], "{r:?}");

    // an active prosecution holds publication
    let held = review();
    let process = json!({
        "kind": "prosecution", "status": "active", "on": "2026-10-20", "note": "Charged",
        "officer": {"name": "DC Example", "phone": "01632 960999", "email": ""}
    });
    let r = api.post(&format!("{}/cspr/parallel-processes", url(&held)), &office(), &process);
    assert_eq!((r.status, r.body["publication_hold"].as_bool()), (200, Some(true)), "{r:?}");
    signed_off(&held);
    let r =
        api.post(&format!("{}/report/submission", url(&held)), &office(), &json!({"version": 1, "sent_on": today()}));
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["publication_hold"], true);
    let r = api.put(&format!("{}/report/publication-plan", url(&held)), &office(), &plan(20, "10:00"));
    assert_eq!((r.status, code(&r)), (409, Some("publication_held")), "{r:?}");
}

#[test]
fn the_scrutineer_sees_drafts_waiting_across_partnerships() {
    let api = Api::shared();
    let fresh = review();
    let r = api.get("/api/v1/me/drafts-for-comment", &scrutineer());
    assert_eq!(r.status, 200, "{r:?}");
    let rows = r.body.as_array().unwrap();
    for row in rows {
        for field in ["tenant_slug", "tenant_name", "case_id", "reference"] {
            assert!(row[field].as_str().is_some_and(|s| !s.is_empty()), "{field} in {row}");
        }
        assert!(row["version"].as_u64().is_some_and(|v| v >= 1), "{row}");
    }
    let mut slugs: Vec<&str> = rows.iter().map(|r| r["tenant_slug"].as_str().unwrap()).collect();
    slugs.sort_unstable();
    slugs.dedup();
    assert_eq!(slugs, ["northvale", "southmere"], "both partnerships: {r:?}");
    for slug in slugs {
        // each partnership's demo draft, under comment, readable by the scrutineer there
        let row = rows
            .iter()
            .find(|r| r["tenant_slug"] == slug && r["version"] == 2 && r["open_threads"].as_u64() >= Some(1))
            .unwrap_or_else(|| panic!("the demo draft of {slug}: {r:?}"));
        let name = row["tenant_name"].as_str().unwrap().to_lowercase();
        assert!(name.starts_with(slug), "{row}");
        let case = row["case_id"].as_str().unwrap();
        let report = api.get(&format!("/api/v1/t/{slug}/cases/{case}/report"), &token(slug, SCRUTINEER));
        assert_eq!((report.status, &report.body["latest"]["version"]), (200, &json!(2)), "{report:?}");
    }
    assert!(rows.iter().all(|row| row["case_id"] != fresh.as_str()), "a report with no version is not waiting");
    // the demo reviewer scrutinises nothing
    let r = api.get("/api/v1/me/drafts-for-comment", &lead());
    assert_eq!((r.status, &r.body), (200, &json!([])), "{r:?}");
}

#[test]
fn the_demo_has_a_draft_under_comment_and_a_published_report() {
    let api = Api::shared();
    let (mut draft, mut published) = (Vec::new(), Vec::new());
    for page in 1.. {
        let r = api.get(&format!("/api/v1/t/{T}/cases?stage=local_cspr&per_page=100&page={page}"), &office());
        assert_eq!(r.status, 200, "{r:?}");
        let items = r.body["items"].as_array().unwrap();
        for c in items {
            let id = c["id"].as_str().unwrap();
            let case = api.get(&url(id), &office());
            match case.body["notification"]["children"][0]["name"].as_str() {
                Some("Child G") => draft.push(id.to_string()),
                Some("Child K") => published.push(id.to_string()),
                _ => {}
            }
            // cases opened meanwhile push the list down a page: each case once
            draft.dedup();
            published.dedup();
        }
        if items.len() < 100 {
            break;
        }
    }
    assert_eq!((draft.len(), published.len()), (1, 1), "the demo's two local CSPRs");
    let r = read(&draft[0], &office());
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["latest"]["version"], 2);
    let open: Vec<&Value> = r.body["threads"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["resolved"].is_null() && t["comments"][0]["role"] == "scrutineer")
        .collect();
    assert!(!open.is_empty(), "an open thread of the scrutineer: {r:?}");
    assert_eq!(r.body["hits_left"], 1, "{:?}", r.body["hits"]);
    let left: Vec<&Value> = r.body["hits"].as_array().unwrap().iter().filter(|h| h["waiver"].is_null()).collect();
    assert_eq!((left.len(), left[0]["kind"].as_str()), (1, Some("address")), "{left:?}");
    let r = read(&published[0], &office());
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.body["plan"]["published_on"].is_string(), "{:?}", r.body["plan"]);
    assert_eq!(r.body["signed_off_version"], 2, "{r:?}");
    assert_eq!(export(&published[0], "docx").0, 200);
}
