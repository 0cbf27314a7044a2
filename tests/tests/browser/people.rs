//! The business office's people and audit trail: the office takes a role away from a person
//! (cancelling once, then confirming), disables another person's account, meets an error
//! summary when the person it acts on has gone meanwhile, and finds the changes in the audit
//! trail filtered by record and by person. Then the idle sign-out, on a server of its own
//! with short limits: the warning, "Stay signed in", and the sign-out with its message.
use crate::harness::*;
use shared::Role;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

#[derive(Default, Debug)]
struct PeopleSeen {
    nav_people: bool,
    nav_audit: bool,
    role_button_name: String,
    confirm_question: String,
    focus_on_confirm: String,
    focus_after_cancel: String,
    role_removed: String,
    focus_on_banner: String,
    role_button_gone: bool,
    row_after_role: String,
    disabled: String,
    disable_button_gone: bool,
    row_after_disable: String,
    gone_meanwhile_summary: String,
    audit_by_record: Vec<AuditRow>,
    audit_by_record_url: String,
    audit_by_person: Vec<AuditRow>,
    office: String,
    console_errors: Vec<String>,
}

/// A row of the audit table: its text, and the actor's and the record's ids.
#[derive(Debug, Clone)]
struct AuditRow {
    text: String,
    actor: String,
    entity: String,
}

/// The rows of the audit table, once `ready` holds for them (or the wait runs out).
async fn audit_rows(j: &Journey, ready: impl Fn(&[AuditRow]) -> bool) -> WebDriverResult<Vec<AuditRow>> {
    let start = Instant::now();
    loop {
        let mut rows = Vec::new();
        for tr in j.driver.find_all(By::Css("#audit tbody tr")).await? {
            rows.push(AuditRow {
                text: tr.text().await.unwrap_or_default().replace('\n', " | "),
                actor: tr.attr("data-actor").await.unwrap_or_default().unwrap_or_default(),
                entity: tr.attr("data-entity").await.unwrap_or_default().unwrap_or_default(),
            });
        }
        if ready(&rows) || start.elapsed() > WAIT {
            return Ok(rows);
        }
        tokio::time::sleep(POLL).await;
    }
}

async fn people_journey(
    j: &mut Journey,
    seen: &mut PeopleSeen,
    keep: &str,
    drop: &str,
    gone: &str,
) -> WebDriverResult<()> {
    j.driver.goto(&j.base).await?;
    j.sign_in("northvale", "office@northvale.example", tests::DEMO_PASSWORD).await?;
    j.wait(id("header-person")).await?;
    seen.nav_people = !j.driver.find_all(id("nav-people")).await?.is_empty();
    seen.nav_audit = !j.driver.find_all(id("nav-audit")).await?.is_empty();
    j.click("nav-people").await?;
    j.wait(id("people")).await?;
    j.axe("people").await?;
    j.shot("people").await?;

    // Take the reviewer role away: cancel once, then confirm.
    let role_button = format!("remove-role-{keep}-reviewer");
    let button = j.wait(id(&role_button)).await?;
    seen.role_button_name = j
        .driver
        .execute("return arguments[0].textContent.replace(/\\s+/g, ' ').trim();", vec![button.to_json()?])
        .await?
        .json()
        .as_str()
        .unwrap_or_default()
        .to_string();
    button.click().await?;
    seen.confirm_question = j.text("confirm-heading").await?;
    seen.focus_on_confirm = j.wait_focus("confirm-heading").await?;
    j.axe("people, confirm taking a role away").await?;
    j.click("cancel-action").await?;
    seen.focus_after_cancel = j.wait_focus(&role_button).await?;
    // By keyboard this time: the focus is on the button.
    j.driver.active_element().await?.send_keys(Key::Enter).await?;
    j.wait(id("confirm-action")).await?.send_keys(Key::Enter).await?;
    seen.role_removed = j.wait_text("people-done", "removed").await?;
    seen.focus_on_banner = j.wait_focus("people-done").await?;
    seen.role_button_gone = j.wait_gone(&role_button, WAIT).await?;
    j.wait(id(&format!("remove-role-{keep}-referrer"))).await?;
    seen.row_after_role = j.text(&format!("person-{keep}")).await?;
    j.axe("people, role taken away").await?;

    // Disable an account.
    j.click(&format!("disable-{drop}")).await?;
    j.wait(id("confirm-heading")).await?;
    j.click("confirm-action").await?;
    seen.disabled = j.wait_text("people-done", "disabled").await?;
    seen.disable_button_gone = j.wait_gone(&format!("disable-{drop}"), WAIT).await?;
    seen.row_after_disable = j.wait_text(&format!("person-{drop}"), "Account disabled").await?;
    j.axe("people, account disabled").await?;

    // Someone else removes a person while the office is confirming: an error summary.
    j.click(&format!("remove-{gone}")).await?;
    j.wait(id("confirm-heading")).await?;
    let who = gone.to_string();
    tokio::task::spawn_blocking(move || {
        let r = tests::Api::shared().send(
            "DELETE",
            &format!("/api/v1/t/northvale/people/{who}"),
            Some(&tests::demo_token("northvale", "office")),
            None,
        );
        assert_eq!(r.status, 204, "{r:?}");
    })
    .await
    .unwrap();
    j.click("confirm-action").await?;
    seen.gone_meanwhile_summary = j.text("error-summary").await?;
    j.wait_gone(&format!("person-{gone}"), WAIT).await?;
    j.axe("people, error summary").await?;

    // The audit trail: by record (the disabled person), then by person (the office).
    j.click("nav-audit").await?;
    j.wait(id("audit")).await?;
    j.axe("audit trail").await?;
    j.wait(id("entity")).await?.send_keys(drop).await?;
    j.click("apply-filters").await?;
    let record = drop.to_string();
    seen.audit_by_record = audit_rows(j, |rows| !rows.is_empty() && rows.iter().all(|r| r.entity == record)).await?;
    seen.audit_by_record_url = j.driver.current_url().await?.to_string();
    j.axe("audit trail, by record").await?;
    j.shot("audit-trail").await?;
    j.replace("entity", "").await?;
    j.wait(id("entity")).await?.send_keys(Key::Backspace).await?;
    let office = tokio::task::spawn_blocking(|| tests::person_id("office@northvale.example")).await.unwrap();
    j.wait(By::Css(format!("#actor option[value='{office}']"))).await?.click().await?;
    j.click("apply-filters").await?;
    let actor = office.clone();
    seen.audit_by_person = audit_rows(j, |rows| {
        rows.iter().all(|r| r.actor == actor) && rows.iter().any(|r| r.text.contains("Took a role away"))
    })
    .await?;
    seen.office = office;
    j.axe("audit trail, by person").await?;
    seen.console_errors = j.console_errors().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_manages_people_and_reads_the_audit_trail() {
    let (keep, drop, gone) = tokio::task::spawn_blocking(|| {
        let id = |roles: &[Role]| tests::person_id(&tests::create_person("northvale", roles));
        (id(&[Role::Referrer, Role::Reviewer]), id(&[Role::Referrer]), id(&[Role::AgencyAuthor]))
    })
    .await
    .unwrap();
    let (_guard, mut j) = Journey::start().await;
    let mut seen = PeopleSeen::default();
    let outcome = people_journey(&mut j, &mut seen, &keep, &drop, &gone).await;
    if outcome.is_err() {
        let _ = j.shot("people-failure").await;
    }
    j.driver.clone().quit().await.ok();
    outcome.unwrap_or_else(|e| panic!("the journey stopped: {e}\nso far: {seen:#?}"));

    assert!(seen.nav_people && seen.nav_audit, "{seen:#?}");
    assert_eq!(seen.role_button_name, "Remove Reviewer from Test Person ×", "{seen:#?}");
    assert_eq!(seen.confirm_question, "Remove the role Reviewer from Test Person?");
    assert_eq!(seen.focus_on_confirm, "confirm-heading");
    assert_eq!(seen.focus_after_cancel, format!("remove-role-{keep}-reviewer"));
    assert!(seen.role_removed.contains("The role Reviewer was removed from Test Person"), "{seen:#?}");
    assert_eq!(seen.focus_on_banner, "people-done");
    assert!(seen.role_button_gone, "{seen:#?}");
    assert!(seen.row_after_role.contains("Referrer") && !seen.row_after_role.contains("Reviewer"), "{seen:#?}");
    assert!(seen.disabled.contains("The account of Test Person was disabled"), "{seen:#?}");
    assert!(seen.disable_button_gone, "{seen:#?}");
    assert!(seen.gone_meanwhile_summary.contains("There is a problem"), "{seen:#?}");
    assert!(seen.audit_by_record_url.contains(&format!("entity={drop}")), "{seen:#?}");
    assert!(seen.audit_by_record.iter().all(|r| r.entity == drop), "only the record's events: {seen:#?}");
    assert!(seen.audit_by_record.iter().any(|r| r.text.contains("Disabled an account")), "{seen:#?}");
    assert!(seen.audit_by_person.iter().all(|r| r.actor == seen.office), "only the office's events: {seen:#?}");
    assert!(seen.audit_by_person.iter().any(|r| r.text.contains("Took a role away")), "{seen:#?}");
    assert!(seen.audit_by_person.iter().any(|r| r.text.contains("Disabled an account")), "{seen:#?}");
    assert!(seen.console_errors.is_empty(), "console errors: {:#?}", seen.console_errors);
    assert!(j.pages_checked.len() >= 8, "axe ran on {} pages", j.pages_checked.len());
    assert!(j.violations.is_empty(), "axe-core violations:\n{}", j.violations.join("\n"));
}

#[derive(Default, Debug)]
struct IdleSeen {
    warning: String,
    time_left: String,
    warning_gone_after_stay: bool,
    warned_again: bool,
    farewell: String,
    signed_out_header: bool,
    console: Vec<String>,
}

async fn idle_journey(j: &mut Journey, seen: &mut IdleSeen) -> WebDriverResult<()> {
    j.driver.goto(&j.base).await?;
    j.sign_in("northvale", "referrer@northvale.example", tests::DEMO_PASSWORD).await?;
    j.wait(id("header-person")).await?;
    // Idle for 3 of 8 seconds: the warning (5 seconds before).
    seen.warning = j.wait(By::Css("#idle-warning [role='alert']")).await?.text().await?;
    seen.time_left = j.text("idle-time-left").await?;
    j.axe("idle warning").await?;
    j.click("stay-signed-in").await?;
    seen.warning_gone_after_stay = j.wait_gone("idle-warning", Duration::from_secs(2)).await?;
    // No input now: warned again, then signed out.
    seen.warned_again = j.wait(id("idle-warning")).await.is_ok();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        seen.farewell = match j.driver.find(id("sign-in-notice")).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if seen.farewell.contains("had not used") {
            break;
        }
        tokio::time::sleep(POLL).await;
    }
    seen.signed_out_header = j.driver.find_all(id("header-person")).await?.is_empty();
    j.axe("signed out when idle").await?;
    seen.console = j.console_messages().await?;
    Ok(())
}

/// "The browser's idle limit is tested with short settings": a server of its own (over the
/// same database) whose sessions go idle after 8 seconds, with the warning 5 seconds before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browser_signs_out_after_the_idle_limit() {
    let base = tokio::task::spawn_blocking(|| {
        tests::server(); // the demo data, once
        let mut config = tests::config(tests::lenient());
        config.sessions.idle_secs = 8;
        config.sessions.idle_warning_secs = 5;
        tests::start(config).base
    })
    .await
    .unwrap();
    let (_guard, mut j) = Journey::start_on(base).await;
    let mut seen = IdleSeen::default();
    let outcome = idle_journey(&mut j, &mut seen).await;
    if outcome.is_err() {
        let _ = j.shot("idle-failure").await;
    }
    j.driver.clone().quit().await.ok();
    outcome.unwrap_or_else(|e| panic!("the journey stopped: {e}\nso far: {seen:#?}"));

    assert!(seen.warning.contains("You will be signed out soon"), "{seen:#?}");
    assert!(seen.time_left.ends_with("seconds") || seen.time_left == "1 second", "{seen:#?}");
    assert!(seen.warning_gone_after_stay, "{seen:#?}");
    assert!(seen.warned_again, "{seen:#?}");
    assert!(seen.farewell.contains("You were signed out because you had not used CSPR Hub for a while."), "{seen:#?}");
    assert!(seen.signed_out_header, "{seen:#?}");
    let csp: Vec<_> = seen.console.iter().filter(|m| m.contains("Content Security Policy")).collect();
    assert!(csp.is_empty(), "the page broke its Content-Security-Policy: {csp:#?}");
    let errors: Vec<_> =
        seen.console.iter().filter(|m| m.starts_with("SEVERE") && !m.starts_with("SEVERE network")).collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    assert!(j.violations.is_empty(), "axe-core violations:\n{}", j.violations.join("\n"));
}
