//! The local CSPR journey: the office commissions the review and sets the review group
//! (refused first, the page naming the part of the rule not met); the lead reviewer writes
//! the terms and records their agreement; the office briefs and assigns three agencies'
//! authors; each agency writes, its manager signs off and its author submits (the schools'
//! report is returned by the lead reviewer and revised); the merged chronology is drawn and
//! shared; the practitioner event, the family's letters and genogram, and a prosecution that
//! holds publication. axe-core runs on every page.
use crate::harness::*;
use serde_json::json;
use std::time::Instant;
use thirtyfour::prelude::*;

const T: &str = "northvale";

/// The ids and people the journey uses, looked up before it starts (over blocking HTTP).
struct Cast {
    case: String,
    agency: std::collections::HashMap<&'static str, String>,
    person: std::collections::HashMap<String, String>,
    police_manager: String,
    health_manager: String,
}

impl Cast {
    fn load() -> Cast {
        let case = tests::local_cspr(T);
        let names = ["Police", "Integrated Care Board", "Council Children's Services", "Schools", "Probation Service"];
        let agency = names.iter().map(|n| (*n, tests::agency_id(T, n))).collect();
        let emails = [
            format!("reviewer@{T}.example"),
            "scrutineer@independent.example".to_string(),
            format!("author@{T}.example"),
            format!("{}@{T}.example", backend::demo::HEALTH_AUTHOR_WORD),
            format!("{}@{T}.example", backend::demo::SCHOOLS_AUTHOR_WORD),
        ];
        let person = emails.iter().map(|e| (e.clone(), tests::person_id(e))).collect();
        Cast {
            case,
            agency,
            person,
            police_manager: tests::create_person_in(T, &[shared::Role::AgencyManager], "Police"),
            health_manager: tests::create_person_in(T, &[shared::Role::AgencyManager], "Integrated Care Board"),
        }
    }

    fn agency(&self, name: &str) -> &str {
        &self.agency[name]
    }

    fn person(&self, email: &str) -> &str {
        &self.person[email]
    }
}

#[derive(Default, Debug)]
struct ReviewSeen {
    commission: String,
    refused: String,
    group: String,
    agreement: String,
    author_home: String,
    manager_home: String,
    submitted: String,
    returned: String,
    revised: String,
    lanes: usize,
    chronology_rows: usize,
    lanes_description: String,
    shared: String,
    event: String,
    genogram_words: String,
    genogram_symbols: usize,
    hold: String,
    extended: String,
    console_errors: Vec<String>,
}

impl Journey {
    /// Chooses `value` in the select with this id (as a person would: the change event fires).
    async fn choose(&self, element_id: &str, value: &str) -> WebDriverResult<()> {
        let select = self.wait(id(element_id)).await?;
        self.driver
            .execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                vec![select.to_json()?, json!(value)],
            )
            .await
            .map(drop)
    }

    /// Signs in as `email` of northvale (the demo password).
    pub(crate) async fn as_person(&mut self, email: &str) -> WebDriverResult<()> {
        self.sign_in(T, email, tests::DEMO_PASSWORD).await?;
        self.wait(id("signed-in-user")).await.map(drop)
    }
}

/// Writes a chronology entry and a key event into an empty draft, saves it.
async fn write_report(j: &mut Journey, event: &str, date: chrono::NaiveDate, time: &str) -> WebDriverResult<()> {
    j.click("add-entry").await?;
    j.replace_date("chronology[0].date", date).await?;
    j.fill("chronology[0].time", time).await?;
    j.fill("chronology[0].event", event).await?;
    j.fill("chronology[0].source", "Case record").await?;
    j.fill("chronology[0].practitioner_role", "Practitioner").await?;
    j.fill("chronology[0].outcome", "Recorded and shared").await?;
    j.click("add-key-event").await?;
    j.replace_date("key_events[0].date", date).await?;
    for (field, text) in [
        ("title", "The home visit"),
        ("analysis", "What was known was not brought together."),
        ("learning", "Share what each agency knows."),
        ("addressed", "A briefing for practitioners."),
        ("outstanding_action", "Audit in six months."),
        ("evidence", "Referrals now name every agency."),
    ] {
        j.fill(&format!("key_events[0].{field}"), text).await?;
    }
    j.axe("agency report, draft").await?;
    j.click("save-report").await?;
    j.wait_text("saved", "draft is saved").await.map(drop)
}

async fn review_journey(j: &mut Journey, seen: &mut ReviewSeen, cast: &Cast) -> WebDriverResult<()> {
    let case = &cast.case;
    let today = chrono::Utc::now().date_naive();
    let review = format!("/cases/{case}/review");
    j.driver.goto(&j.base).await?;

    // The office commissions the review.
    j.as_person(&format!("office@{T}.example")).await?;
    j.open_in_app(&format!("/cases/{case}")).await?;
    j.click("open-review").await?;
    j.wait(id("review-actions")).await?;
    j.axe("review (new)").await?;
    j.click("do-commission").await?;
    j.wait(id("save-step")).await?;
    j.choose("lead_reviewer_id", cast.person(&format!("reviewer@{T}.example"))).await?;
    j.choose("scrutineer_id", cast.person("scrutineer@independent.example")).await?;
    j.replace_date("commissioned_on", today).await?;
    j.axe("commission").await?;
    j.click("save-step").await?;
    seen.commission = j.wait_text("commission", "Jordan Lee").await?;
    j.click("do-notice").await?;
    j.wait(id("save-step")).await?;
    j.axe("commissioning notice").await?;
    j.click("save-step").await?;
    j.wait_text("commission", "told").await?;

    // The review group: refused (one further partner agency only), then set.
    j.click("do-group").await?;
    j.wait(id("save-group")).await?;
    let members = [
        ("Police", true),
        ("Integrated Care Board", true),
        ("Council Children's Services", true),
        ("Schools", true),
        ("Probation Service", false),
    ];
    for (i, (agency, involved)) in members.iter().enumerate().take(4) {
        j.fill(&format!("members[{i}].name"), &format!("Member of {agency}")).await?;
        j.choose(&format!("members[{i}].agency_id"), cast.agency(agency)).await?;
        j.fill(&format!("members[{i}].designation"), "Safeguarding lead").await?;
        if *involved {
            j.click(&format!("members[{i}].involved")).await?;
        }
    }
    j.click("remove-member-5").await?;
    j.click("save-group").await?;
    seen.refused = j.text("error-summary").await?;
    j.axe("review group, refused").await?;
    j.click("add-member").await?;
    j.fill("members[4].name", "Member of Probation Service").await?;
    j.choose("members[4].agency_id", cast.agency("Probation Service")).await?;
    j.axe("review group").await?;
    j.click("save-group").await?;
    seen.group = j.wait_text("group", "Probation").await?;
    j.sign_out().await?;

    // The lead reviewer writes the terms and records their agreement.
    j.as_person(&format!("reviewer@{T}.example")).await?;
    j.wait(By::Css("#review-tasks li[data-task='lead_review']")).await?;
    j.axe("home (lead reviewer)").await?;
    j.open_in_app(&review).await?;
    j.click("do-terms").await?;
    j.wait(id("save-step")).await?;
    j.fill("text", "The review considers the twelve months before the incident.").await?;
    j.fill("key_lines", "How was information shared?\nWas the child's voice heard?").await?;
    j.axe("terms").await?;
    j.click("save-step").await?;
    j.wait(id("terms-1")).await?;
    j.click("do-agreement").await?;
    j.wait(id("save-step")).await?;
    j.replace_date("agreed_on", today).await?;
    j.fill("attendees", "Member of Police\nMember of Probation Service").await?;
    j.axe("agreement").await?;
    j.click("save-step").await?;
    seen.agreement = j.wait_text("agreement", "agreed").await?;
    j.sign_out().await?;

    // The office briefs the authors and assigns three agencies.
    j.as_person(&format!("office@{T}.example")).await?;
    j.open_in_app(&review).await?;
    j.click("do-briefing").await?;
    j.wait(id("save-step")).await?;
    j.replace_date("held_on", today).await?;
    j.fill("attendees", "Sam Patel\nDana Fox\nEli Grant").await?;
    j.axe("briefing").await?;
    j.click("save-step").await?;
    j.wait(id("briefing")).await?;
    for (agency, author) in [
        ("Police", "author@northvale.example".to_string()),
        ("Integrated Care Board", format!("{}@{T}.example", backend::demo::HEALTH_AUTHOR_WORD)),
        ("Schools", format!("{}@{T}.example", backend::demo::SCHOOLS_AUTHOR_WORD)),
    ] {
        j.click("do-authors").await?;
        j.wait(id("save-step")).await?;
        j.choose("agency_id", cast.agency(agency)).await?;
        j.choose("author_id", cast.person(&author)).await?;
        j.axe("assign an author").await?;
        j.click("save-step").await?;
        j.wait_text("report-list", agency).await?;
    }
    // The police author is on leave: the office moves their report's deadline on.
    j.open_in_app(&format!("/cases/{case}/review/reports/{}", cast.agency("Police"))).await?;
    j.wait(id("extend-report")).await?;
    j.replace_date("due_on", today + chrono::Duration::days(90)).await?;
    j.fill("reason", "The author is on leave").await?;
    j.axe("agency report, extend the deadline").await?;
    j.click("extend-report").await?;
    seen.extended = j.wait_text("report-extensions", "on leave").await?;
    j.sign_out().await?;

    // Each agency writes its report; its manager signs it off; its author submits it.
    let agencies = [
        ("author@northvale.example".to_string(), cast.police_manager.clone(), "Police", "09:30"),
        (
            format!("{}@{T}.example", backend::demo::HEALTH_AUTHOR_WORD),
            cast.health_manager.clone(),
            "Integrated Care Board",
            "09:30",
        ),
        (
            format!("{}@{T}.example", backend::demo::SCHOOLS_AUTHOR_WORD),
            format!("manager@{T}.example"),
            "Schools",
            "15:00",
        ),
    ];
    for (n, (author, manager, agency, time)) in agencies.iter().enumerate() {
        let report = format!("/cases/{case}/review/reports/{}", cast.agency(agency));
        j.as_person(author).await?;
        if n == 0 {
            seen.author_home = j.wait_css_text("#review-tasks", "Write").await?;
            j.axe("home (author)").await?;
        }
        j.open_in_app(&report).await?;
        j.wait(id("save-report")).await?;
        write_report(j, &format!("{agency} saw the child"), today - chrono::Duration::days(60 + 10 * n as i64), time)
            .await?;
        j.sign_out().await?;
        j.as_person(manager).await?;
        if n == 2 {
            seen.manager_home = j.wait_css_text("#review-tasks", "Sign off").await?;
        }
        j.open_in_app(&report).await?;
        j.wait(id("sign-off")).await?;
        j.axe("agency report, to sign off").await?;
        j.click("sign-off").await?;
        j.wait_text("manager-sign-off", "Signed off").await?;
        j.sign_out().await?;
        j.as_person(author).await?;
        j.open_in_app(&report).await?;
        j.click("submit-report").await?;
        seen.submitted = j.wait_text("report-status", "Submitted").await?;
        j.axe("agency report, submitted").await?;
        j.sign_out().await?;
    }

    // The lead reviewer returns the schools' report; it is revised, signed off, submitted.
    let schools = format!("/cases/{case}/review/reports/{}", cast.agency("Schools"));
    j.as_person(&format!("reviewer@{T}.example")).await?;
    j.open_in_app(&schools).await?;
    j.wait(id("return-report")).await?;
    j.fill("reason", "Add the school's attendance records.").await?;
    j.axe("agency report, to return").await?;
    j.click("return-report").await?;
    j.wait_text("report-status", "Returned").await?;
    j.sign_out().await?;
    let schools_author = format!("{}@{T}.example", backend::demo::SCHOOLS_AUTHOR_WORD);
    j.as_person(&schools_author).await?;
    j.open_in_app(&schools).await?;
    seen.returned = j.text("returned-reason").await?;
    j.click("add-entry").await?;
    j.replace_date("chronology[1].date", today - chrono::Duration::days(5)).await?;
    j.fill("chronology[1].event", "Attendance fell below 80%").await?;
    j.fill("chronology[1].source", "Attendance register").await?;
    j.fill("chronology[1].practitioner_role", "Attendance officer").await?;
    j.fill("chronology[1].outcome", "Letter to the parent").await?;
    j.click("save-report").await?;
    j.wait_text("saved", "draft is saved").await?;
    j.sign_out().await?;
    j.as_person(&format!("manager@{T}.example")).await?;
    j.open_in_app(&schools).await?;
    j.click("sign-off").await?;
    j.wait_text("manager-sign-off", "Signed off").await?;
    j.sign_out().await?;
    j.as_person(&schools_author).await?;
    j.open_in_app(&schools).await?;
    j.click("submit-report").await?;
    j.wait_text("report-status", "Submitted").await?;
    seen.revised = j.text("versions").await?;
    seen.revised.push_str(&j.text("version-2").await?);
    j.sign_out().await?;

    // The merged chronology, drawn as lanes, then shared by the lead reviewer.
    j.as_person(&format!("reviewer@{T}.example")).await?;
    j.open_in_app(&format!("{review}/chronology")).await?;
    j.wait(id("chronology-lanes")).await?;
    seen.lanes = j.driver.find_all(By::Css("#chronology-lanes .app-lanes__lane")).await?.len();
    seen.chronology_rows = j.driver.find_all(By::Css("#chronology-table tbody tr")).await?.len();
    seen.lanes_description = j.text("lanes-desc").await.unwrap_or_default();
    if seen.lanes_description.is_empty() {
        seen.lanes_description = j.css_text("#chronology-lanes figcaption").await?;
    }
    j.axe("merged chronology").await?;
    j.shot("merged-chronology").await?;
    j.click("share-chronology").await?;
    seen.shared = j.wait_css_text("main", "Shared with the review group").await?;
    j.sign_out().await?;

    // The office: the practitioner event, the family's letters and genogram, a prosecution.
    j.as_person(&format!("office@{T}.example")).await?;
    j.open_in_app(&review).await?;
    j.click("do-event").await?;
    j.wait(id("save-event")).await?;
    j.replace_date("held_on", today).await?;
    j.click("format").await?;
    j.click("add-invitee").await?;
    j.fill("invitees[0].name", "DC Sam Hart").await?;
    j.choose("invitees[0].agency_id", cast.agency("Police")).await?;
    j.choose("invitees[0].role", "officer_in_charge").await?;
    j.click("invitees[0].attended").await?;
    j.axe("practitioner event").await?;
    j.click("save-event").await?;
    seen.event = j.wait_text("invitees", "DC Sam Hart").await?;
    j.click("do-family").await?;
    j.wait(id("save-family")).await?;
    j.replace_date("initial_letter_on", today).await?;
    j.fill("initial_letter_by", "The allocated social worker").await?;
    j.click("add-family-member").await?;
    j.fill("members[0].name", "Mother").await?;
    j.choose("members[0].sex", "female").await?;
    j.click("add-family-member").await?;
    j.fill("members[1].name", "The child").await?;
    j.choose("members[1].sex", "male").await?;
    j.click("members[1].subject").await?;
    j.click("add-relationship").await?;
    j.choose("relationships[0].from", "m1").await?;
    j.choose("relationships[0].kind", "parent").await?;
    j.choose("relationships[0].to", "m2").await?;
    j.wait(By::Css("#genogram svg")).await?;
    j.axe("family").await?;
    j.click("save-family").await?;
    seen.genogram_words = j.wait_text("genogram-words", "Parents: Mother").await?;
    // the genogram is drawn again after the save: wait (a little) for its two members
    for _ in 0..50 {
        seen.genogram_symbols = j.driver.find_all(By::Css("#genogram .app-genogram__member")).await?.len();
        if seen.genogram_symbols == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    j.click("do-processes").await?;
    j.wait(id("save-process")).await?;
    j.choose("kind", "prosecution").await?;
    j.fill("officer.name", "DC Sam Hart").await?;
    j.fill("officer.phone", "01632 960123").await?;
    j.fill("note", "The trial is listed.").await?;
    j.axe("parallel process").await?;
    j.click("save-process").await?;
    seen.hold = j.text("publication-hold").await?;
    j.axe("review (complete)").await?;
    j.shot("local-cspr").await?;
    seen.console_errors = j.console_errors().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_local_cspr_from_commissioning_to_the_practitioner_event() {
    let cast = tokio::task::spawn_blocking(Cast::load).await.unwrap();
    let (_guard, mut j) = Journey::start().await;
    let started = Instant::now();
    let mut seen = ReviewSeen::default();
    let outcome = review_journey(&mut j, &mut seen, &cast).await;
    if outcome.is_err() {
        let _ = j.shot("cspr-failure").await;
    }
    j.driver.clone().quit().await.ok();
    // the browser signed the demo people out: their cached tokens no longer work
    tests::forget_tokens();
    outcome.unwrap_or_else(|e| panic!("the journey stopped: {e}\nso far: {seen:#?}"));
    assert!(seen.commission.contains("Dr Robin Hale"), "{}", seen.commission);
    assert!(seen.refused.contains("at least two further partner agencies"), "the rule named: {}", seen.refused);
    assert!(seen.group.contains("Strategic lead agency") && seen.group.contains("Partner agency"), "{}", seen.group);
    assert!(seen.agreement.contains("Version 1 agreed"), "{}", seen.agreement);
    assert!(seen.author_home.contains("Write the chronology"), "{}", seen.author_home);
    assert!(seen.manager_home.contains("Sign off the report"), "{}", seen.manager_home);
    assert!(seen.returned.contains("attendance records"), "{}", seen.returned);
    assert!(seen.revised.contains("Version 2 (report revision)"), "{}", seen.revised);
    assert!(seen.revised.contains("Attendance fell below 80%"), "{}", seen.revised);
    assert_eq!(seen.lanes, 3, "a lane per agency");
    assert_eq!(seen.chronology_rows, 4, "every submitted entry in the table");
    assert!(seen.shared.contains("Shared with the review group"), "{}", seen.shared);
    assert!(seen.event.contains("Police officer in charge"), "{}", seen.event);
    assert!(seen.genogram_words.contains("the child the review is about"), "{}", seen.genogram_words);
    assert_eq!(seen.genogram_symbols, 2);
    assert!(seen.hold.contains("Publication is on hold"), "{}", seen.hold);
    assert!(seen.extended.contains("The author is on leave"), "{}", seen.extended);
    assert!(seen.console_errors.is_empty(), "console errors: {:#?}", seen.console_errors);
    assert!(j.pages_checked.len() >= 20, "axe ran on {} pages", j.pages_checked.len());
    assert!(j.violations.is_empty(), "axe-core violations:\n{}", j.violations.join("\n"));
    eprintln!(
        "local CSPR journey: axe-core clean on {} pages in {:.1} s",
        j.pages_checked.len(),
        started.elapsed().as_secs_f64()
    );
}
