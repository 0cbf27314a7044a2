//! The account journey: a person who forgot their password asks for a link (by keyboard from
//! the sign-in page), finds it in the mail (the test SMTP sink), is refused a common password,
//! sets a good one, cannot use the link twice, signs in with the new password, and changes it
//! again from the header; the business office sees the message sent in its outbox.
use crate::harness::*;
use shared::Role;
use std::time::Duration;
use thirtyfour::prelude::*;

#[derive(Default, Debug)]
struct AccountSeen {
    empty_summary: String,
    check_email: String,
    mail_subject: String,
    weak_summary: String,
    focus_after_weak: String,
    weak_field_error: String,
    reset_done: String,
    address_after_reset: String,
    used_again: String,
    signed_in_as: String,
    wrong_current: String,
    after_change: String,
    signed_in_after_change: String,
    outbox_row: String,
    console_errors: Vec<String>,
}

const RESET_PASSWORD: &str = "tulip engine harbour";
const CHANGED_PASSWORD: &str = "violet canal lantern";

async fn account_journey(j: &mut Journey, seen: &mut AccountSeen, email: &str) -> WebDriverResult<()> {
    j.driver.goto(&j.base).await?;
    // "Forgotten your password?", by keyboard
    let link = j.wait(id("forgot-password")).await?;
    link.send_keys(Key::Enter).await?;
    j.wait(id("send-reset-link")).await?;
    j.axe("forgot password").await?;
    j.click("send-reset-link").await?;
    seen.empty_summary = j.text("error-summary").await?;
    j.axe("forgot password, empty").await?;
    j.fill("tenant", "northvale").await?;
    j.fill("email", email).await?;
    j.click("send-reset-link").await?;
    seen.check_email = j.text("reset-sent").await?;
    j.axe("check your email").await?;

    // The link from the message
    let who = email.to_string();
    let mails = tokio::task::spawn_blocking(move || tests::mail_sink().wait_for(&who, 1, Duration::from_secs(15)))
        .await
        .unwrap();
    let mail = mails.first().expect("the reset message");
    seen.mail_subject = mail.subject.clone();
    let start = mail.body.find("http").expect("a link");
    let link: String = mail.body[start..].split_whitespace().next().unwrap_or_default().to_string();

    j.driver.goto(&link).await?;
    j.wait(id("new_password")).await?;
    seen.address_after_reset = j.driver.current_url().await?.to_string();
    j.axe("choose a new password").await?;
    j.fill("new_password", "Password2026!").await?;
    j.fill("confirm_password", "Password2026!").await?;
    j.click("save-password").await?;
    seen.weak_summary = j.wait_text("error-summary", "common").await?;
    seen.focus_after_weak = j.wait_focus("error-summary").await?;
    seen.weak_field_error = j.text("new_password-error").await?;
    j.axe("choose a new password, too common").await?;
    j.replace("new_password", RESET_PASSWORD).await?;
    j.replace("confirm_password", RESET_PASSWORD).await?;
    j.click("save-password").await?;
    seen.reset_done = j.text("reset-done").await?;
    j.axe("password changed").await?;

    // The link works once
    j.driver.goto(&link).await?;
    j.fill("new_password", "another long password").await?;
    j.fill("confirm_password", "another long password").await?;
    j.click("save-password").await?;
    seen.used_again = j.wait_text("error-summary", "used").await?;

    // Sign in with the new password; change it from the header
    j.driver.goto(&j.base).await?;
    j.sign_in("northvale", email, RESET_PASSWORD).await?;
    seen.signed_in_as = j.text("header-person").await?;
    j.click("nav-password").await?;
    j.wait(id("current_password")).await?;
    j.axe("change your password").await?;
    j.fill("current_password", "not my password").await?;
    j.fill("new_password", CHANGED_PASSWORD).await?;
    j.fill("confirm_password", CHANGED_PASSWORD).await?;
    j.click("change-password").await?;
    seen.wrong_current = j.wait_text("error-summary", "current password").await?;
    j.axe("change your password, wrong current").await?;
    j.replace("current_password", RESET_PASSWORD).await?;
    j.click("change-password").await?;
    seen.after_change = j.wait_text("sign-in-notice", "changed").await?;
    j.axe("signed out after the change").await?;
    j.sign_in("northvale", email, CHANGED_PASSWORD).await?;
    seen.signed_in_after_change = j.text("header-person").await?;
    j.sign_out().await?;

    // The office's outbox
    j.sign_in("northvale", "office@northvale.example", tests::DEMO_PASSWORD).await?;
    j.click("nav-outbox").await?;
    j.wait(id("outbox")).await?;
    let row = By::XPath(format!("//table[@id='outbox']//tr[contains(., '{email}')]"));
    seen.outbox_row = j.wait(row).await?.text().await?;
    j.axe("outbox").await?;
    j.shot("outbox").await?;
    seen.console_errors = j.console_errors().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_password_reset_journey_in_the_browser() {
    let email = tokio::task::spawn_blocking(|| tests::create_person("northvale", &[Role::Referrer])).await.unwrap();
    let (_guard, mut j) = Journey::start().await;
    let mut seen = AccountSeen::default();
    let outcome = account_journey(&mut j, &mut seen, &email).await;
    if outcome.is_err() {
        let _ = j.shot("account-failure").await;
    }
    j.driver.clone().quit().await.ok();
    outcome.unwrap_or_else(|e| panic!("the journey stopped: {e}\nso far: {seen:#?}"));

    assert!(seen.empty_summary.contains("Enter the short name"), "{seen:#?}");
    assert!(seen.check_email.contains(&email), "{seen:#?}");
    assert_eq!(seen.mail_subject, "Reset your CSPR Hub password");
    assert!(!seen.address_after_reset.contains("token"), "the token stays in the address: {seen:#?}");
    assert!(seen.weak_summary.contains("too common"), "{seen:#?}");
    assert_eq!(seen.focus_after_weak, "error-summary");
    assert!(seen.weak_field_error.contains("too common"), "{seen:#?}");
    assert!(seen.reset_done.contains("Sign in with your new password"), "{seen:#?}");
    assert!(seen.used_again.contains("has been used"), "{seen:#?}");
    assert_eq!(seen.signed_in_as, "Test Person");
    assert!(seen.wrong_current.contains("current password is not right"), "{seen:#?}");
    assert!(seen.after_change.contains("Your password has been changed"), "{seen:#?}");
    assert_eq!(seen.signed_in_after_change, "Test Person");
    assert!(seen.outbox_row.contains(&email) && seen.outbox_row.contains("Sent"), "{seen:#?}");
    assert!(seen.console_errors.is_empty(), "console errors: {:#?}", seen.console_errors);
    assert!(j.pages_checked.len() >= 9, "axe ran on {} pages", j.pages_checked.len());
    assert!(j.violations.is_empty(), "axe-core violations:\n{}", j.violations.join("\n"));
}
