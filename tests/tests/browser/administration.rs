//! The business office administers its partnership in the browser: in a partnership that
//! requires a second factor, the office (signed in with its code) adds an agency, works out
//! a due date with the working-days calculator, adds a closure day, checks the national
//! addresses (refused when wrong) and invites a person to the new agency. The person follows
//! the link from the mail (the test SMTP sink), chooses a password (the link then works no
//! more), signs in, sets up the second factor and is in with the new role; the office sees
//! the role and the sign-in on its People page, and adds a second role. axe-core runs on
//! every new page.
use crate::harness::*;
use backend::auth::totp;
use shared::Role;
use std::time::Duration;
use thirtyfour::prelude::*;

/// The office's second factor (set straight in the database).
const OFFICE_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const NEW_PASSWORD: &str = "orchard pebble lantern";

#[derive(Default, Debug)]
struct Seen {
    bad_retention: String,
    retention_saved: String,
    retention_due: String,
    settings: String,
    empty_agency: String,
    agencies_row: String,
    working_days: String,
    closure_added: String,
    bad_address: String,
    addresses_saved: String,
    blank_heading: String,
    headings_saved: String,
    invite_sent: String,
    mail_subject: String,
    address_after_link: String,
    account_ready: String,
    used_again: String,
    enrolment_heading: String,
    signed_in_as: String,
    people_row: String,
    people_row_after_change: String,
    console_errors: Vec<String>,
}

fn now() -> u64 {
    backend::auth::tokens::now_secs()
}

async fn office_sign_in(j: &Journey, tenant: &str, email: &str, at: u64) -> WebDriverResult<()> {
    j.sign_in(tenant, email, tests::DEMO_PASSWORD).await?;
    j.wait(id("code")).await?;
    j.fill("code", &totp::code_at(OFFICE_SECRET, at).expect("a code")).await?;
    j.click("sign-in").await?;
    j.wait_text("header-person", "Test Person").await.map(drop)
}

async fn journey(j: &mut Journey, seen: &mut Seen, tenant: &str, office: &str) -> WebDriverResult<()> {
    j.driver.goto(&j.base).await?;
    office_sign_in(j, tenant, office, now()).await?;

    // The settings, then the agencies: one added (after an empty try)
    j.click("nav-partnership").await?;
    seen.settings = j.text("settings").await?;
    j.axe("partnership settings").await?;
    j.click("settings-agencies").await?;
    j.wait(id("agencies")).await?;
    j.axe("agencies, none yet").await?;
    j.click("add-agency").await?;
    j.wait(id("save-agency")).await?;
    j.axe("add an agency").await?;
    j.click("save-agency").await?;
    seen.empty_agency = j.wait_text("error-summary", "name").await?;
    j.axe("add an agency, no name").await?;
    j.fill("name", "Adminton Police").await?;
    j.wait(By::Css("input[name='kind'][value='police']")).await?.click().await?;
    j.click("strategic_lead").await?;
    j.click("save-agency").await?;
    let row = By::Css("#agencies tr[data-agency='Adminton Police']");
    seen.agencies_row = j.wait(row).await?.text().await?;
    j.axe("agencies").await?;

    // The working-days calculator, from the Deadlines dashboard
    j.click("nav-dashboard").await?;
    j.click("working-days-link").await?;
    j.wait(id("calculate")).await?;
    j.axe("working days calculator").await?;
    j.fill_date("from", "1", "12", "2026").await?;
    j.click("calculate").await?;
    seen.working_days = j.wait_text("working-days-answer", "2026").await?;
    j.axe("working days calculator, answered").await?;

    // A closure day
    j.open_in_app("/partnership/closures").await?;
    j.wait(id("add-closure")).await?;
    j.axe("closure days").await?;
    j.fill_date("day", "24", "12", "2026").await?;
    j.click("add-closure").await?;
    seen.closure_added = j.wait_text("closures-done", "added").await?;
    j.axe("closure days, one added").await?;

    // The national addresses: a wrong one refused, then saved
    j.open_in_app("/partnership/addresses").await?;
    j.wait(id("save-addresses")).await?;
    j.axe("national addresses").await?;
    j.replace("ofsted", "not an address").await?;
    j.click("save-addresses").await?;
    seen.bad_address = j.wait_text("error-summary", "Ofsted").await?;
    j.axe("national addresses, wrong").await?;
    j.replace("ofsted", "SCR.SIN@ofsted.gov.uk").await?;
    j.click("save-addresses").await?;
    seen.addresses_saved = j.wait_text("addresses-done", "saved").await?;

    // The overview report's headings: a section added (a blank heading refused first), then
    // taken away again (other journeys write reports from the framework's headings)
    j.open_in_app("/partnership/report-sections").await?;
    j.wait(id("save-headings")).await?;
    j.axe("overview report sections").await?;
    j.click("add-heading").await?;
    j.click("save-headings").await?;
    seen.blank_heading = j.wait_text("error-summary", "heading").await?;
    j.fill("sections[5].heading", "Appendix: the family's words").await?;
    j.click("save-headings").await?;
    seen.headings_saved = j.wait_text("headings-done", "saved").await?;
    j.click("remove-heading-6").await?;
    j.click("save-headings").await?;
    j.wait_text("headings-done", "saved").await?;

    // How long closed cases are kept: a period of none refused, then six years set
    j.open_in_app("/partnership/retention").await?;
    j.wait(id("save-retention")).await?;
    j.axe("keeping and deleting closed cases").await?;
    j.replace("months", "0").await?;
    j.click("save-retention").await?;
    seen.bad_retention = j.wait_text("error-summary", "months").await?;
    j.axe("keeping closed cases, wrong").await?;
    j.replace("months", "72").await?;
    j.click("save-retention").await?;
    seen.retention_saved = j.wait_text("retention-done", "72 months").await?;
    seen.retention_due = j.text("retention-none").await?;

    // Invite a person to the new agency
    let email = format!("newcomer-{}@example.org", uuid::Uuid::new_v4().simple());
    j.click("nav-people").await?;
    j.click("invite-person").await?;
    j.wait(id("send-invitation")).await?;
    j.axe("invite a person").await?;
    j.fill("name", "Nia Newcomer").await?;
    j.fill("email", &email).await?;
    j.wait(By::Css("input[name='roles'][value='reviewer']")).await?.click().await?;
    j.wait(By::XPath("//select[@id='agency_id']/option[contains(., 'Adminton Police')]")).await?.click().await?;
    j.click("send-invitation").await?;
    seen.invite_sent = j.wait_text("invite-sent", &email).await?;
    j.axe("invite a person, sent").await?;
    j.sign_out().await?;

    // The person: the link from the mail, a password, once only
    let who = email.clone();
    let mails = tokio::task::spawn_blocking(move || tests::mail_sink().wait_for(&who, 1, Duration::from_secs(15)))
        .await
        .unwrap();
    let mail = mails.first().expect("the invitation");
    seen.mail_subject = mail.subject.clone();
    let start = mail.body.find("http").expect("a link");
    let link: String = mail.body[start..].split_whitespace().next().unwrap_or_default().to_string();
    j.driver.goto(&link).await?;
    j.wait(id("new_password")).await?;
    seen.address_after_link = j.driver.current_url().await?.to_string();
    j.axe("accept the invitation").await?;
    j.fill("new_password", NEW_PASSWORD).await?;
    j.fill("confirm_password", NEW_PASSWORD).await?;
    j.click("accept-invitation").await?;
    seen.account_ready = j.text("invitation-done").await?;
    j.axe("account ready").await?;
    j.driver.goto(&link).await?;
    j.fill("new_password", "another long password").await?;
    j.fill("confirm_password", "another long password").await?;
    j.click("accept-invitation").await?;
    seen.used_again = j.wait_text("error-summary", "been used").await?;

    // Signs in, sets up the second factor, and is in with the role
    j.driver.goto(&j.base).await?;
    j.sign_in(tenant, &email, NEW_PASSWORD).await?;
    seen.enrolment_heading = j.wait_css_text("h1", "second factor").await?;
    let secret = j.wait(id("second-factor-secret")).await?.attr("data-secret").await?.unwrap_or_default();
    j.fill("code", &totp::code_at(&secret, now()).expect("a code")).await?;
    j.fill("current_password", NEW_PASSWORD).await?;
    j.click("confirm-second-factor").await?;
    j.wait(id("second-factor-on")).await?;
    j.click("second-factor-continue").await?;
    seen.signed_in_as = j.wait_text("header-person", "Nia").await?;
    j.sign_out().await?;

    // The office sees the role, the agency and the sign-in
    office_sign_in(j, tenant, office, now() + 30).await?;
    j.click("nav-people").await?;
    let row = By::XPath(format!("//table[@id='people']//tr[contains(., '{email}')]"));
    seen.people_row = j.wait(row).await?.text().await?;
    j.axe("people, with the last sign-in").await?;

    // … and gives the person a second role
    let change =
        By::XPath(format!("//table[@id='people']//tr[contains(., '{email}')]//a[contains(., 'Change roles')]"));
    j.wait(change).await?.click().await?;
    j.wait(id("save-person")).await?;
    j.axe("change roles and agency").await?;
    j.wait(By::Css("input[name='roles'][value='strategic_lead']")).await?.click().await?;
    j.click("save-person").await?;
    let row = By::XPath(format!("//table[@id='people']//tr[contains(., '{email}') and contains(., 'Strategic lead')]"));
    seen.people_row_after_change = j.wait(row).await?.text().await?;
    seen.console_errors = j.console_errors().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_administers_its_partnership_and_a_person_joins_by_invitation() {
    let (tenant, office) = tokio::task::spawn_blocking(|| {
        use diesel::prelude::*;
        let s = tests::server();
        let mut conn = s.pool.get().unwrap();
        let slug = format!("adm-{}", &uuid::Uuid::new_v4().simple().to_string()[..10]);
        let region = shared::region::Region::EnglandAndWales;
        // As `cspr tenant create` makes it: the second factor required.
        backend::store::directory::create_tenant(&mut conn, &slug, "Adminton Partnership", region).unwrap();
        let office = tests::create_person(&slug, &[Role::BusinessOffice]);
        use backend::schema::users;
        diesel::update(users::table.filter(users::email.eq(&office)))
            .set(users::totp_secret.eq(Some(OFFICE_SECRET)))
            .execute(&mut conn)
            .unwrap();
        (slug, office)
    })
    .await
    .unwrap();
    let (_guard, mut j) = Journey::start().await;
    let mut seen = Seen::default();
    let outcome = journey(&mut j, &mut seen, &tenant, &office).await;
    if outcome.is_err() {
        let _ = j.shot("administration-failure").await;
    }
    j.driver.clone().quit().await.ok();
    outcome.unwrap_or_else(|e| panic!("the journey stopped: {e}\nso far: {seen:#?}"));

    assert!(seen.bad_retention.contains("from 1 to 1200"), "{}", seen.bad_retention);
    assert!(seen.retention_saved.contains("kept for 72 months"), "{}", seen.retention_saved);
    assert!(seen.retention_due.contains("No closed case"), "{}", seen.retention_due);
    assert!(seen.settings.contains("Agencies") && seen.settings.contains("Closure days"), "{seen:#?}");
    assert!(seen.empty_agency.contains("Enter the agency's name"), "{seen:#?}");
    assert!(seen.agencies_row.contains("Police") && seen.agencies_row.contains("Active"), "{seen:#?}");
    // 15 working days after 1 December 2026 (Christmas and Boxing Day on the way)
    assert!(seen.working_days.contains("December 2026"), "{seen:#?}");
    assert!(seen.closure_added.contains("24 December 2026 was added"), "{seen:#?}");
    assert!(seen.bad_address.contains("Ofsted"), "{seen:#?}");
    assert!(seen.addresses_saved.contains("saved"), "{seen:#?}");
    assert!(seen.blank_heading.contains("Enter the section's heading"), "{}", seen.blank_heading);
    assert!(seen.headings_saved.contains("saved"), "{}", seen.headings_saved);
    assert!(seen.invite_sent.contains("invitation was sent"), "{seen:#?}");
    assert_eq!(seen.mail_subject, "You are invited to CSPR Hub");
    assert!(!seen.address_after_link.contains("token"), "the token stays in the address: {seen:#?}");
    assert!(seen.account_ready.contains("Sign in"), "{seen:#?}");
    assert!(seen.used_again.contains("been used"), "{seen:#?}");
    assert!(seen.enrolment_heading.contains("Set up your second factor"), "{seen:#?}");
    assert_eq!(seen.signed_in_as, "Nia Newcomer");
    assert!(seen.people_row.contains("Reviewer") && seen.people_row.contains("Adminton Police"), "{seen:#?}");
    assert!(!seen.people_row.contains("Never"), "the sign-in is shown: {seen:#?}");
    assert!(seen.people_row_after_change.contains("Reviewer"), "{seen:#?}");
    assert!(seen.console_errors.is_empty(), "console errors: {:#?}", seen.console_errors);
    assert!(j.pages_checked.len() >= 14, "axe ran on {} pages", j.pages_checked.len());
    assert!(j.violations.is_empty(), "axe-core violations:\n{}", j.violations.join("\n"));
}
