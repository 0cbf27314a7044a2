//! Learning that changes practice, in the browser: a case decided "learning only"; the office
//! writes its 6-step briefing, which names the child (the check finds it), takes the name
//! out and sends it; a strategic lead approves and so publishes it (the case's timeline shows
//! it); the police author gives the evidence of impact of the decision's action and asks to
//! close it; a lead agrees and it closes. The themes and statistics pages are drawn (charts with
//! their tables), and the calendar feed is made. axe-core runs on every page.
use crate::harness::*;
use serde_json::json;
use std::time::Duration;
use thirtyfour::prelude::*;

const TENANT: &str = "northvale";
const CHILD: &str = "Kit Marlowe-Penhaligon";

#[derive(Default, Debug)]
struct Seen {
    hit: String,
    sent: String,
    published: String,
    timeline: String,
    board: String,
    awaiting: String,
    closed: String,
    history: String,
    notifications_table: String,
    themes_over_time: String,
    quality: String,
    themes_list: String,
    feed_url: String,
    added: String,
    console_errors: Vec<String>,
}

fn email(word: &str) -> String {
    format!("{word}@{TENANT}.example")
}

async fn journey(j: &mut Journey, seen: &mut Seen, case: &str, action: &str) -> WebDriverResult<()> {
    j.driver.goto(&j.base).await?;
    j.sign_in(TENANT, &email("office"), tests::DEMO_PASSWORD).await?;
    j.wait(id("header-person")).await?;

    // The office writes the briefing from the case's page
    j.open_in_app(&format!("/cases/{case}")).await?;
    j.wait(id("write-briefing")).await?;
    j.axe("case, learning only, no briefing yet").await?;
    seen.console_errors.extend(
        j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "case, learning only, no briefing yet")),
    );
    j.click("write-briefing").await?;
    j.wait(id("briefing-form")).await?;
    j.axe("briefing, new draft").await?;
    seen.console_errors
        .extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "briefing, new draft")));
    let texts = [
        "A child was seriously harmed at home.".to_string(),
        format!("{CHILD} was seen by the health visitor twice in a week."),
        "Concerns were held by each agency alone.".to_string(),
        "Share a concern with the lead professional the same day.".to_string(),
        "Health visiting copies safeguarding notes to the school nurse.".to_string(),
        "Who is the lead professional for your families?".to_string(),
    ];
    for (i, t) in texts.iter().enumerate() {
        j.fill(&format!("texts[{i}]"), t).await?;
    }
    j.click("save-briefing").await?;
    seen.hit = j.wait_text("hits", "Marlowe").await?;
    j.axe("briefing, the child named").await?;
    seen.console_errors
        .extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "briefing, the child named")));
    // the name taken out: the check is clear, and it goes to a lead
    j.replace("texts[1]", "The baby was seen by the health visitor twice in a week.").await?;
    j.click("save-briefing").await?;
    j.wait_gone("hits", Duration::from_secs(10)).await?;
    j.click("send-briefing").await?;
    seen.sent = j.wait_css_text(".govuk-caption-l", "Awaiting").await?;
    j.axe("briefing, awaiting approval").await?;
    seen.console_errors
        .extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "briefing, awaiting approval")));
    let briefing = j.driver.current_url().await?.path().rsplit('/').next().unwrap_or_default().to_string();
    j.sign_out().await?;

    // A strategic lead approves: published
    j.sign_in(TENANT, &email("lead"), tests::DEMO_PASSWORD).await?;
    j.wait(id("header-person")).await?;
    j.open_in_app(&format!("/briefings/{briefing}")).await?;
    j.wait(id("approve")).await?;
    j.axe("briefing, the lead approves").await?;
    seen.console_errors
        .extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "briefing, the lead approves")));
    j.click("approve").await?;
    seen.published = j.wait_text("published", "Published").await?;
    j.axe("briefing, published (printable)").await?;
    seen.console_errors
        .extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "briefing, published (printable)")));
    j.open_in_app(&format!("/cases/{case}")).await?;
    seen.timeline = j.wait_text("timeline-learning", "published").await?;
    j.axe("case, with its published briefing").await?;
    seen.console_errors
        .extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "case, with its published briefing")));
    j.sign_out().await?;

    // The police author: the board, then the evidence of impact, asking to close
    j.sign_in(TENANT, &email("author"), tests::DEMO_PASSWORD).await?;
    j.wait(id("header-person")).await?;
    j.click("nav-actions").await?;
    seen.board = j.wait_text("actions-table", "Brief every team").await?;
    j.axe("actions board, the author's agency").await?;
    seen.console_errors.extend(
        j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "actions board, the author's agency")),
    );
    j.open_in_app(&format!("/actions/{action}")).await?;
    j.wait(id("update-action")).await?;
    j.axe("action, open").await?;
    seen.console_errors.extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "action, open")));
    j.fill("text", "Re-audit of 20 cases: 18 shared the concern the same day (was 7).").await?;
    j.click("close").await?;
    j.click("save-update").await?;
    seen.awaiting = j.wait_text("action-status", "Awaiting").await?;
    j.axe("action, awaiting a lead's agreement").await?;
    seen.console_errors.extend(
        j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "action, awaiting a lead's agreement")),
    );
    j.sign_out().await?;

    // A lead agrees: closed
    j.sign_in(TENANT, &email("lead"), tests::DEMO_PASSWORD).await?;
    j.wait(id("header-person")).await?;
    j.open_in_app(&format!("/actions/{action}")).await?;
    j.wait(id("agree")).await?;
    j.axe("action, the lead agrees").await?;
    seen.console_errors
        .extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "action, the lead agrees")));
    j.click("agree").await?;
    seen.closed = j.wait_text("action-status", "Closed").await?;
    seen.history = j.text("history").await?;
    j.axe("action, closed").await?;
    seen.console_errors.extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "action, closed")));

    // Statistics: the charts and their tables; the quarterly report
    j.click("nav-statistics").await?;
    seen.notifications_table = j.wait_text("chart-notifications-table", "on time").await?;
    seen.themes_over_time = j.wait_text("themes-over-time", "Information sharing").await?;
    j.axe("statistics").await?;
    seen.console_errors.extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "statistics")));
    j.shot("statistics").await?;
    j.click("quality-report-link").await?;
    seen.quality = j.wait_text("quality-actions", "All agencies").await?;
    j.axe("quality assurance report").await?;
    seen.console_errors
        .extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "quality assurance report")));
    // the calendar feed
    j.click("nav-calendar").await?;
    j.click("make-feed").await?;
    seen.feed_url = j.wait_value("feed-url", "/api/v1/feeds/").await?;
    j.axe("calendar feed, made").await?;
    seen.console_errors
        .extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "calendar feed, made")));
    j.sign_out().await?;

    // The office's themes, and a case's
    j.sign_in(TENANT, &email("office"), tests::DEMO_PASSWORD).await?;
    j.wait(id("header-person")).await?;
    j.open_in_app("/partnership/themes").await?;
    j.wait(id("themes-form")).await?;
    seen.themes_list = j.driver.find(id("themes[0].label")).await?.prop("value").await?.unwrap_or_default();
    j.axe("themes").await?;
    seen.console_errors.extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "themes")));
    j.open_in_app("/partnership/briefing-headings").await?;
    j.wait(id("briefing-headings")).await?;
    j.axe("briefing headings").await?;
    seen.console_errors.extend(j.console_errors().await?.into_iter().map(|e| format!("briefing headings: {e}")));
    j.open_in_app(&format!("/cases/{case}/themes")).await?;
    j.wait(id("case-themes")).await?;
    j.axe("themes of a case").await?;
    seen.console_errors.extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "themes of a case")));
    // the office adds a report's recommendation as an action
    j.open_in_app(&format!("/cases/{case}")).await?;
    j.click("add-action").await?;
    j.wait(id("action-form")).await?;
    j.axe("add an action").await?;
    j.fill("description", "Audit supervision records for the voice of the child").await?;
    j.wait(By::XPath("//select[@id='owner_agency_id']/option[contains(., 'Police')]".to_string()))
        .await?
        .click()
        .await?;
    j.wait(By::XPath("//select[@id='owner_person_id']/option[contains(., 'Northvale Police')]".to_string()))
        .await?
        .click()
        .await?;
    j.fill_date("due_on", "31", "3", "2027").await?;
    j.click("save-action").await?;
    seen.added = j.wait_text("action", "31 March 2027").await?;
    j.axe("action, added by the office").await?;
    seen.console_errors.extend(j.console_errors().await?.into_iter().map(|e| format!("add an action: {e}")));
    j.click("nav-briefings").await?;
    j.wait(id("briefings")).await?;
    j.axe("briefings").await?;
    seen.console_errors.extend(j.console_errors().await?.into_iter().map(|e| format!("{}: {e}", "briefings")));
    seen.console_errors.extend(j.console_errors().await?);
    Ok(())
}

/// A case of the demo partnership decided "learning only", its action owned by the police.
fn learning_only_case() -> (String, String) {
    use tests::*;
    let api = Api::shared();
    let (case, _) = open_case_with(TENANT, "2026-10-05", &notification(CHILD, "2026-10-05"));
    hold_meeting(TENANT, &case, "2026-10-14", "learning_only");
    let decision = json!({"outcome": "learning_only", "rationale": "R", "decided_on": "2026-10-16",
        "learning_identified": "Concerns must reach the lead professional.",
        "actions": [{"action": "Brief every team on sharing concerns", "owner": "Northvale Police", "due_on": "2027-01-29"}]});
    let r = api.put(&format!("/api/v1/t/{TENANT}/cases/{case}/decision"), &demo_token(TENANT, "lead"), &decision);
    assert_eq!(r.status, 200, "{r:?}");
    let actions = api.get(&format!("/api/v1/t/{TENANT}/actions?case_id={case}"), &demo_token(TENANT, "office"));
    let action = actions.body[0]["id"].as_str().expect("the decision's action").to_string();
    (case, action)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_learning_only_decision_becomes_a_published_briefing_and_its_action_closes_with_evidence() {
    let (case, action) = tokio::task::spawn_blocking(learning_only_case).await.unwrap();
    let (_guard, mut j) = Journey::start().await;
    let mut seen = Seen::default();
    let outcome = journey(&mut j, &mut seen, &case, &action).await;
    // the journey signed demo people out: every session of theirs ended, the cached ones too
    tests::forget_tokens();
    if outcome.is_err() {
        let _ = j.shot("learning-failure").await;
    }
    j.driver.clone().quit().await.ok();
    outcome.unwrap_or_else(|e| panic!("the journey stopped: {e}\nso far: {seen:#?}"));

    assert!(seen.hit.contains(CHILD), "the check names the child: {seen:#?}");
    assert!(seen.sent.contains("Awaiting a lead's approval"), "{seen:#?}");
    assert!(seen.published.contains("Published") && seen.published.contains("approved by"), "{seen:#?}");
    assert!(seen.timeline.contains("Rapid Review learning briefing: published"), "{seen:#?}");
    assert!(seen.board.contains("Brief every team"), "{seen:#?}");
    assert!(seen.awaiting.contains("Awaiting a lead's agreement"), "{seen:#?}");
    assert!(seen.closed.contains("Closed"), "{seen:#?}");
    assert!(
        seen.history.contains("A lead agreed: closed") && seen.history.contains("Re-audit of 20 cases"),
        "{seen:#?}"
    );
    assert!(seen.notifications_table.contains("on time"), "{seen:#?}");
    assert!(seen.themes_over_time.contains("(recurrent)"), "Northvale's information sharing recurs: {seen:#?}");
    assert!(seen.quality.contains("All agencies"), "{seen:#?}");
    assert!(!seen.themes_list.is_empty(), "{seen:#?}");
    assert!(seen.feed_url.starts_with("http") && seen.feed_url.contains("/api/v1/feeds/"), "{seen:#?}");
    assert!(seen.added.contains("Northvale Police") && seen.added.contains("31 March 2027"), "{seen:#?}");
    assert!(seen.console_errors.is_empty(), "console errors: {:#?}", seen.console_errors);
    assert!(j.pages_checked.len() >= 20, "axe ran on {} pages", j.pages_checked.len());
    assert!(j.violations.is_empty(), "axe-core violations:\n{}", j.violations.join("\n"));
}
