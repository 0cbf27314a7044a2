//! The case journey: the office reports a serious incident and asks agencies; an agency not
//! asked sees nothing; the police answer on time and health late; the meeting, the decision
//! for a local CSPR and its clock; the scrutineer reads everything and can change nothing.
use crate::harness::*;
use std::time::Instant;
use thirtyfour::prelude::*;

#[derive(Default, Debug)]
struct CaseSeen {
    empty_notification_summary: String,
    focus_after_empty_notification: String,
    reference: String,
    stage_opened: String,
    clocks_opened: String,
    not_asked_home: String,
    not_asked_list: String,
    not_asked_case: String,
    health_row_sent: String,
    health_row_reminded: String,
    dashboard_filtered: String,
    dashboard_url: String,
    police_home: String,
    empty_response_summary: String,
    focus_after_empty_response: String,
    draft_saved: String,
    answer_conflict: String,
    answer_kept: String,
    answer_after_reload: String,
    police_status: String,
    health_status: String,
    requests_answered: String,
    stage_after_meeting: String,
    report_clock: String,
    overview_after_report: String,
    dashboard_local_cspr: String,
    lead_actions: String,
    stage_decided: String,
    clocks_decided: String,
    timeline: String,
    scrutineer_stage: String,
    scrutineer_action_groups: usize,
    scrutineer_buttons: usize,
    scrutineer_answer: String,
    scrutineer_answer_forms: usize,
    lead_observations: String,
    clocks_opened_rules: String,
    clocks_extended: String,
    clock_rules: String,
    console_errors: Vec<String>,
}

async fn case_journey(j: &mut Journey, seen: &mut CaseSeen) -> WebDriverResult<()> {
    let password = tests::DEMO_PASSWORD;
    let today = chrono::Utc::now().date_naive();
    let late = today - chrono::Duration::days(20);
    j.driver.goto(&j.base).await?;

    // The business office reports a serious incident: first empty, then complete.
    j.sign_in("northvale", "office@northvale.example", password).await?;
    j.wait(By::Css("#my-deadlines, #no-deadlines")).await?;
    j.axe("home (office, deadlines)").await?;
    j.click("nav-cases").await?;
    j.wait(By::Css("#cases, #no-cases")).await?;
    j.axe("cases").await?;
    j.click("report-incident").await?;
    j.click("send-notification").await?;
    seen.empty_notification_summary = j.text("error-summary").await?;
    seen.focus_after_empty_notification = j.wait_focus("error-summary").await?;
    j.axe("notification, empty").await?;
    j.click("criteria.abuse_or_neglect").await?;
    j.click("criteria.died_or_seriously_harmed").await?;
    j.fill("decided_by.name", "Dana Director").await?;
    j.fill("decided_by.designation", "Director of Children's Services").await?;
    j.replace_date("incident_date", today - chrono::Duration::days(3)).await?;
    j.fill("incident_place", "A park in Northvale").await?;
    j.replace_date("la_aware_on", today - chrono::Duration::days(2)).await?;
    j.fill("children[0].name", "Jordan Example").await?;
    j.fill_date("children[0].date_of_birth", "3", "4", "2018").await?;
    j.click("children").await?; // a second child
    j.fill("children[1].name", "Alex Example").await?;
    j.fill_date("children[1].date_of_birth", "9", "1", "2021").await?;
    j.fill("notifier.name", "Nina Notifier").await?;
    j.fill("notifier.agency", "Northvale Council").await?;
    j.fill("notifier.designation", "Head of Children's Services").await?;
    j.fill("notifier.contact_details", "Town Hall, Northvale; 01632 960100").await?;
    j.axe("notification, complete").await?;
    j.click("send-notification").await?;
    seen.stage_opened = j.wait_text("case-stage", "Rapid Review").await?;
    if seen.stage_opened.is_empty() {
        seen.stage_opened = format!("no case page: {}", j.text("error-summary").await.unwrap_or_default());
        seen.console_errors = j.console_errors().await?;
    }
    let case_path = j.driver.current_url().await?.path().to_string();
    seen.reference = j.wait(By::Css("h1")).await?.text().await?.trim_start_matches("Case ").to_string();
    seen.clocks_opened = j.text("clocks").await?;
    seen.clocks_opened_rules = seen.clocks_opened.clone();
    j.axe("case (opened)").await?;

    // The notification went to the National Panel; the police are asked today.
    j.click("action-record_notification_sent").await?;
    j.wait(id("save-sent-on")).await?;
    j.axe("notification sent").await?;
    j.click("save-sent-on").await?;
    j.click("action-send_requests").await?;
    j.wait(By::Css("input[data-agency$='Police']")).await?.click().await?;
    j.axe("send requests").await?;
    j.click("send-requests").await?;
    j.wait(id("requests")).await?;
    j.sign_out().await?;

    // Health was not asked: its author sees nothing of the case.
    j.sign_in("northvale", "author.health@northvale.example", password).await?;
    seen.not_asked_home = j.wait(id("deadlines")).await?.text().await?;
    j.wait(By::Css("#deadlines table, #no-deadlines")).await?;
    seen.not_asked_home = j.text("deadlines").await?;
    j.click("nav-requests").await?;
    j.wait(By::Css("#requests, #no-requests")).await?;
    seen.not_asked_list = j.text("main-content").await?;
    j.axe("information requests (health, not asked)").await?;
    j.open_in_app(&case_path).await?;
    seen.not_asked_case = j.text("load-failed").await?;
    j.sign_out().await?;

    // Health is asked too, with a date sent long enough ago that its answer is overdue.
    j.sign_in("northvale", "office@northvale.example", password).await?;
    j.wait(id("deadlines")).await?;
    j.open_in_app(&case_path).await?;
    j.click("action-send_requests").await?;
    j.wait(By::Css("input[data-agency$='Care Board']")).await?.click().await?;
    j.replace_date("sent_on", late).await?;
    j.click("send-requests").await?;
    seen.health_row_sent = j.wait_css_text("#requests tr[data-agency$='Care Board']", "Overdue").await?;
    j.wait(By::Css("#requests tr[data-agency$='Care Board'] button")).await?.click().await?;
    seen.health_row_reminded = j.wait_css_text("#requests tr[data-agency$='Care Board']", "1, last on").await?;
    j.axe("case (requests sent, reminded)").await?;

    // The dashboard, filtered to the health agency.
    j.click("nav-dashboard").await?;
    j.wait(id("dashboard-count")).await?;
    j.axe("dashboard").await?;
    j.wait(By::XPath("//select[@id='agency_id']/option[contains(., 'Care Board')]")).await?.click().await?;
    j.click("apply-filters").await?;
    seen.dashboard_filtered = j.wait_css_text("#dashboard", &seen.reference).await?;
    seen.dashboard_url = j.driver.current_url().await?.to_string();
    j.axe("dashboard (health)").await?;
    j.shot("dashboard").await?;
    j.sign_out().await?;

    // The police author answers on time: first an empty submit, then a draft, then submit.
    j.sign_in("northvale", "author@northvale.example", password).await?;
    let mine = format!("#my-deadlines a[data-case='{}']", seen.reference);
    seen.police_home = j.css_text(&mine).await?;
    j.axe("home (police author)").await?;
    j.wait(By::Css(&mine)).await?.click().await?;
    j.click("submit-information").await?;
    seen.empty_response_summary = j.text("error-summary").await?;
    seen.focus_after_empty_response = j.wait_focus("error-summary").await?;
    j.axe("response, empty").await?;
    answer(j, "Police").await?;
    j.click("save-draft").await?;
    seen.draft_saved = j.wait_text("saved", "draft").await?;
    j.axe("response form (police)").await?;
    j.shot("response-form").await?;
    // Someone else saves the answer (another tab) while it is open: the page's save names the
    // version it read, is refused, and what was typed stays; opened again, the other tab's
    // text is there.
    let page = j.driver.current_url().await?.path().to_string();
    let request = page.rsplit('/').next().unwrap_or_default().to_string();
    let path = format!("/api/v1/t/northvale/information-requests/{request}");
    let other_tab = save_in_another_tab("author@northvale.example", &path, "response", "involvement");
    assert_eq!(other_tab, 200, "the other tab's save");
    j.replace("areas_of_learning", "Sharing information sooner, and asking again.").await?;
    j.click("save-draft").await?;
    seen.answer_conflict = j.wait_css_text(".govuk-error-summary", "saved a change first").await?;
    seen.answer_kept = j.wait(id("areas_of_learning")).await?.prop("value").await?.unwrap_or_default();
    j.axe("response form (someone saved first)").await?;
    j.open_in_app("/information-requests").await?;
    j.wait(id("requests")).await?;
    j.open_in_app(&page).await?;
    seen.answer_after_reload = j.wait_value("involvement", "another tab").await?;
    j.click("submit-information").await?;
    j.wait_text("saved", "submitted").await?;
    seen.police_status = j.text("request-clock").await?;
    j.axe("response (submitted)").await?;
    j.sign_out().await?;

    // The health author answers late.
    j.sign_in("northvale", "author.health@northvale.example", password).await?;
    j.click("nav-requests").await?;
    j.wait(By::Css(format!("#requests a[data-case='{}']", seen.reference))).await?.click().await?;
    answer(j, "Health").await?;
    j.click("submit-information").await?;
    j.wait_text("saved", "submitted").await?;
    seen.health_status = j.text("request-clock").await?;
    j.sign_out().await?;

    // The office records the Rapid Review meeting.
    j.sign_in("northvale", "office@northvale.example", password).await?;
    j.wait(id("deadlines")).await?;
    j.open_in_app(&case_path).await?;
    seen.requests_answered = j.wait_css_text("#requests", "Met late").await?;
    j.click("action-record_meeting").await?;
    j.wait(id("save-meeting")).await?;
    j.replace_date("held_on", today).await?;
    for (i, (name, designation)) in [
        ("Dr Dee Doctor", "Designated Doctor"),
        ("DI Pat Police", "Head of Child Protection"),
        ("Sam Services", "Service Manager"),
    ]
    .iter()
    .enumerate()
    {
        j.fill(&format!("members[{i}].name"), name).await?;
        j.fill(&format!("members[{i}].designation"), designation).await?;
    }
    j.fill("facts", "Two children were harmed in a park.").await?;
    j.fill("immediate_safety_actions", "Both children are safe with relatives.").await?;
    j.fill("immediate_learning", "Information was not shared between police and health.").await?;
    j.fill("possible_improvements", "A joint protocol for sharing information.").await?;
    j.click("recommendation-2").await?; // a local CSPR
    j.fill("rationale", "The criteria for a local CSPR are met.").await?;
    j.axe("meeting").await?;
    j.click("save-meeting").await?;
    seen.stage_after_meeting = j.wait_text("case-stage", "Awaiting decision").await?;
    j.sign_out().await?;

    // The Independent Scrutineer's observations inform the decision.
    j.sign_in("northvale", "scrutineer@independent.example", password).await?;
    j.wait(id("nav-cases")).await?;
    j.open_in_app(&case_path).await?;
    j.click("action-add_observation").await?;
    j.wait(id("save-observation")).await?;
    j.click("save-observation").await?;
    j.wait_focus("error-summary").await?;
    j.fill("text", "The health chronology needs the missed appointments.").await?;
    j.axe("observations").await?;
    j.click("save-observation").await?;
    j.wait_text("observations", "missed appointments").await?;
    j.sign_out().await?;

    // A strategic lead decides: a local CSPR.
    j.sign_in("northvale", "lead@northvale.example", password).await?;
    j.wait(By::Css(format!("#my-deadlines a[data-case='{}']", seen.reference))).await?.click().await?;
    seen.lead_actions = j.text("actions").await?;
    seen.lead_observations = j.text("observations").await?;
    j.click("action-decide").await?;
    j.wait(id("save-decision")).await?;
    j.click("outcome-2").await?;
    j.fill("rationale", "The partners agree a local CSPR.").await?;
    j.axe("decision").await?;
    j.click("save-decision").await?;
    seen.stage_decided = j.wait_text("case-stage", "Local CSPR").await?;
    seen.clocks_decided = j.text("clocks").await?;
    seen.timeline = j.text("timeline").await?;
    j.axe("case (local CSPR)").await?;
    j.shot("case-timeline").await?;
    j.sign_out().await?;

    // The office records the Rapid Review report sent to the National Panel.
    j.sign_in("northvale", "office@northvale.example", password).await?;
    j.wait(id("deadlines")).await?;
    j.open_in_app(&case_path).await?;
    j.click("action-record_report_sent").await?;
    j.wait(id("save-sent-on")).await?;
    j.axe("report sent").await?;
    j.click("save-sent-on").await?;
    let report_row = "//table[@id='clocks']//tr[contains(., 'Rapid Review report')]";
    j.wait(id("case-stage")).await?;
    seen.report_clock = j.wait(By::XPath(report_row)).await?.text().await?;
    seen.overview_after_report = j.text("overview").await?;

    // A delay: the review is extended, and the National Panel was advised.
    j.click("action-extend_review").await?;
    j.wait(id("save-extension")).await?;
    j.replace_date("due_on", today + chrono::Duration::days(270)).await?;
    j.fill("reason", "The criminal trial is listed after the review's due date.").await?;
    j.click("panel_advised").await?;
    j.wait(id("panel_advised_on")).await?;
    j.replace_date("panel_advised_on", today).await?;
    j.axe("extension").await?;
    j.click("save-extension").await?;
    seen.clocks_extended = j.wait_text("clocks", "Extended on").await?;
    if seen.clocks_extended.is_empty() {
        seen.clocks_extended = format!("not extended: {}", j.text("main-content").await.unwrap_or_default());
    }

    // The clock rules, from the dashboard: each rule and its source; the office may change one.
    j.click("nav-dashboard").await?;
    j.click("clock-rules-link").await?;
    seen.clock_rules = j.wait_text("clock-rules", "working days").await?;
    j.axe("clock rules").await?;
    j.click("change-notification_to_panel").await?;
    j.wait(id("clock-rule-form")).await?;
    j.axe("clock rule form").await?;
    j.click("cancel-clock-rule").await?;
    j.sign_out().await?;

    // The Independent Scrutineer reads the case and an answer, and can change nothing.
    j.sign_in("northvale", "scrutineer@independent.example", password).await?;
    j.click("nav-cases").await?;
    j.wait(By::Css(format!("#cases a[data-case='{}']", seen.reference))).await?.click().await?;
    seen.scrutineer_stage = j.wait_text("case-stage", "Local CSPR").await?;
    j.wait(id("requests")).await?;
    seen.scrutineer_action_groups = j.driver.find_all(id("actions")).await?.len();
    seen.scrutineer_buttons = j.driver.find_all(By::Css("#main-content button")).await?.len();
    j.axe("case (scrutineer)").await?;
    j.wait(By::Css("#requests tr[data-agency$='Care Board'] a")).await?.click().await?;
    seen.scrutineer_answer = j.text("answer").await?;
    seen.scrutineer_answer_forms = j.driver.find_all(By::Css("#main-content form")).await?.len();
    j.axe("answer (scrutineer)").await?;
    j.click("nav-dashboard").await?;
    j.wait(id("dashboard-count")).await?;
    j.wait(By::XPath("//select[@id='stage']/option[.='Local CSPR']")).await?.click().await?;
    j.click("apply-filters").await?;
    seen.dashboard_local_cspr = j.wait_css_text("#dashboard", &seen.reference).await?;
    j.axe("dashboard (scrutineer, local CSPRs)").await?;
    seen.console_errors = j.console_errors().await?;
    Ok(())
}

/// Fills every box of an agency's answer that is still empty.
async fn answer(j: &Journey, agency: &str) -> WebDriverResult<()> {
    j.fill("completed_by.designation", "Safeguarding lead").await?;
    j.fill("completed_by.contact_details", &format!("Northvale {agency}; 01632 960200")).await?;
    j.fill("family_known", "Mother and two children").await?;
    j.fill("background", &format!("What {agency} knew before the incident.")).await?;
    j.fill("involvement", &format!("{agency} saw the family twice this year.")).await?;
    j.fill("areas_of_learning", "Sharing information sooner.").await?;
    j.fill("themes.actions_taken", "Briefing for staff.").await?;
    j.fill("themes.good_practice", "A prompt home visit.").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_case_journey_in_the_browser() {
    let (_guard, mut j) = Journey::start().await;
    let mut seen = CaseSeen::default();
    let started = Instant::now();
    let outcome = case_journey(&mut j, &mut seen).await;
    if outcome.is_err() {
        let _ = j.shot("case-failure").await;
    }
    j.driver.clone().quit().await.ok();
    outcome.unwrap_or_else(|e| panic!("the case journey stopped: {e}\nso far: {seen:#?}"));

    assert!(seen.empty_notification_summary.contains("Enter the date of the incident"), "{seen:#?}");
    assert!(seen.empty_notification_summary.contains("Enter the child's name"), "{seen:#?}");
    assert_eq!(seen.focus_after_empty_notification, "error-summary");
    assert!(
        seen.empty_notification_summary.contains("abuse or neglect of the child to be known or suspected"),
        "{seen:#?}"
    );
    assert!(
        seen.clocks_opened_rules.contains("Rule: 15 working days from the local authority becoming aware"),
        "{}",
        seen.clocks_opened_rules
    );
    assert!(seen.lead_observations.contains("missed appointments"), "the lead reads them: {}", seen.lead_observations);
    assert!(seen.clocks_extended.contains("National Panel advised"), "{}", seen.clocks_extended);
    assert!(seen.clock_rules.contains("Statutory default"), "{}", seen.clock_rules);
    assert!(seen.stage_opened.contains("Rapid Review"), "{}", seen.stage_opened);
    assert!(seen.reference.len() >= 4, "case reference: {:?}", seen.reference);
    assert!(
        seen.clocks_opened.contains("Serious Incident Notification to the National Panel")
            && seen.clocks_opened.contains("working days left"),
        "the new case's notification clock: {}",
        seen.clocks_opened
    );
    assert!(!seen.not_asked_home.contains(&seen.reference), "health's home: {}", seen.not_asked_home);
    assert!(!seen.not_asked_list.contains(&seen.reference), "health's requests: {}", seen.not_asked_list);
    assert!(!seen.not_asked_case.is_empty(), "an author cannot open the case");
    assert!(seen.health_row_sent.contains("Overdue"), "{}", seen.health_row_sent);
    assert!(seen.health_row_reminded.contains("1, last on"), "{}", seen.health_row_reminded);
    assert!(
        seen.dashboard_filtered.contains(&seen.reference) && seen.dashboard_filtered.contains("Overdue"),
        "{}",
        seen.dashboard_filtered
    );
    assert!(!seen.dashboard_filtered.contains("Police"), "filtered to health: {}", seen.dashboard_filtered);
    assert!(seen.dashboard_url.contains("agency_id="), "{}", seen.dashboard_url);
    assert!(seen.police_home.contains(&seen.reference), "{}", seen.police_home);
    assert!(seen.empty_response_summary.contains("Enter the background to the incident"), "{seen:#?}");
    assert_eq!(seen.focus_after_empty_response, "error-summary");
    assert!(seen.draft_saved.contains("draft"), "{}", seen.draft_saved);
    assert!(seen.answer_conflict.contains("Someone else saved a change first"), "{}", seen.answer_conflict);
    assert_eq!(seen.answer_kept, "Sharing information sooner, and asking again.", "the typed text was lost");
    assert_eq!(seen.answer_after_reload, "Saved in another tab.");
    assert!(seen.police_status.contains("Met on time"), "{}", seen.police_status);
    assert!(seen.health_status.contains("Met late"), "{}", seen.health_status);
    assert!(
        seen.requests_answered.contains("Met late") && seen.requests_answered.contains("Met on time"),
        "{}",
        seen.requests_answered
    );
    assert!(seen.stage_after_meeting.contains("Awaiting decision"), "{}", seen.stage_after_meeting);
    assert!(seen.report_clock.contains("Met on time"), "the report clock: {}", seen.report_clock);
    assert!(!seen.overview_after_report.contains("Not yet"), "report sent recorded: {}", seen.overview_after_report);
    assert!(seen.lead_actions.contains("Record the decision"), "{}", seen.lead_actions);
    assert!(!seen.lead_actions.contains("meeting"), "{}", seen.lead_actions);
    assert!(seen.stage_decided.contains("Local CSPR"), "{}", seen.stage_decided);
    assert!(
        seen.clocks_decided.contains("Child Safeguarding Practice Review completed"),
        "the CSPR clock: {}",
        seen.clocks_decided
    );
    assert!(seen.timeline.contains("Local CSPR") && seen.timeline.contains("Done"), "{}", seen.timeline);
    assert!(seen.scrutineer_stage.contains("Local CSPR"), "{}", seen.scrutineer_stage);
    assert!(
        seen.dashboard_local_cspr.contains("Child Safeguarding Practice Review completed")
            && !seen.dashboard_local_cspr.contains("Additional information"),
        "the dashboard filtered to local CSPRs: {}",
        seen.dashboard_local_cspr
    );
    assert_eq!(seen.scrutineer_action_groups, 0, "the scrutineer is offered no actions");
    assert_eq!(seen.scrutineer_buttons, 0, "the scrutineer has no buttons on the case");
    assert!(seen.scrutineer_answer.contains("Good practice"), "{}", seen.scrutineer_answer);
    assert_eq!(seen.scrutineer_answer_forms, 0, "the scrutineer cannot change an answer");
    assert!(seen.console_errors.is_empty(), "console errors: {:#?}", seen.console_errors);
    assert!(j.pages_checked.len() >= 20, "axe ran on {} pages", j.pages_checked.len());
    assert!(j.violations.is_empty(), "axe-core violations:\n{}", j.violations.join("\n"));
    eprintln!(
        "case journey: axe-core clean on {} pages in {:.1} s",
        j.pages_checked.len(),
        started.elapsed().as_secs_f64()
    );
}
