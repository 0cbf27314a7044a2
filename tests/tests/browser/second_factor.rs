//! The second factor in the browser: a person of a partnership that requires one signs in
//! with a password, is shown only the set-up, reads the key (as an app would scan it), turns
//! the second factor on with the code an authenticator would show (computed here), keeps the
//! recovery codes and goes on; next time the sign-in asks for a code, and a recovery code
//! works once.
use crate::harness::*;
use backend::auth::totp;
use shared::Role;
use thirtyfour::prelude::*;

#[derive(Default, Debug)]
struct Seen {
    set_up_heading: String,
    qr_alt: String,
    turned_on: String,
    recovery_codes: Vec<String>,
    home_after_enrolment: String,
    code_asked: String,
    signed_in_with_code: String,
    used_recovery_again: String,
    signed_in_with_recovery: String,
    console_errors: Vec<String>,
    /// What an inline script injected at the end did (the policy must stop it), and what
    /// the console said of it (so the console check above would have seen a violation).
    inline_script_ran: bool,
    violation_logged: Vec<String>,
}

fn now() -> u64 {
    backend::auth::tokens::now_secs()
}

async fn journey(j: &mut Journey, seen: &mut Seen, tenant: &str, email: &str) -> WebDriverResult<()> {
    j.driver.goto(&j.base).await?;
    j.sign_in(tenant, email, tests::DEMO_PASSWORD).await?;
    seen.set_up_heading = j.wait_css_text("h1", "second factor").await?;
    let secret_box = j.wait(id("second-factor-secret")).await?;
    let secret = secret_box.attr("data-secret").await?.unwrap_or_default();
    seen.qr_alt = j.wait(id("second-factor-qr")).await?.attr("alt").await?.unwrap_or_default();
    j.axe("set up the second factor").await?;
    j.click("confirm-second-factor").await?;
    j.wait_text("error-summary", "6-digit code").await?;
    j.axe("set up the second factor, no code").await?;
    j.fill("code", &totp::code_at(&secret, now()).expect("a code")).await?;
    j.fill("current_password", tests::DEMO_PASSWORD).await?;
    j.click("confirm-second-factor").await?;
    seen.turned_on = j.text("second-factor-on").await?;
    let list = j.wait(id("recovery-codes")).await?;
    for item in list.find_all(By::Css("li")).await? {
        seen.recovery_codes.push(item.text().await?);
    }
    j.axe("recovery codes").await?;
    j.click("second-factor-continue").await?;
    seen.home_after_enrolment = j.wait_text("header-person", "Test Person").await?;
    j.sign_out().await?;

    // Next sign-in: the password, then the code (the next step's: this step's was used).
    j.sign_in(tenant, email, tests::DEMO_PASSWORD).await?;
    seen.code_asked = j.wait_text("error-summary", "authenticator").await?;
    j.wait(id("code")).await?;
    j.axe("sign in: the code").await?;
    j.fill("code", &totp::code_at(&secret, now() + 30).expect("a code")).await?;
    j.click("sign-in").await?;
    seen.signed_in_with_code = j.wait_text("header-person", "Test Person").await?;
    j.sign_out().await?;

    // A recovery code works once.
    let recovery = seen.recovery_codes.first().cloned().unwrap_or_default();
    for round in 0..2 {
        j.sign_in(tenant, email, tests::DEMO_PASSWORD).await?;
        j.wait(id("code")).await?;
        j.replace("code", &recovery).await?;
        j.click("sign-in").await?;
        if round == 0 {
            seen.signed_in_with_recovery = j.wait_text("header-person", "Test Person").await?;
            j.sign_out().await?;
        } else {
            seen.used_recovery_again = j.wait_text("error-summary", "has been used").await?;
        }
    }
    seen.console_errors = j.console_errors().await?;
    // The Content-Security-Policy holds in the browser: an inline script does not run, and
    // the refusal shows among the console errors the journeys check.
    let ran = j
        .driver
        .execute(
            "const s = document.createElement('script'); s.textContent = 'window.__inline = true;'; \
             document.body.appendChild(s); return window.__inline === true;",
            vec![],
        )
        .await?;
    seen.inline_script_ran = ran.json().as_bool().unwrap_or(true);
    seen.violation_logged = j.console_errors().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_second_factor_is_set_up_and_used_in_the_browser() {
    let (tenant, email) = tokio::task::spawn_blocking(|| {
        let s = tests::server();
        let mut conn = s.pool.get().unwrap();
        let slug = format!("totp-{}", &uuid::Uuid::new_v4().simple().to_string()[..10]);
        let region = shared::region::Region::EnglandAndWales;
        // As `cspr tenant create` makes it: the second factor required.
        backend::store::directory::create_tenant(&mut conn, &slug, "Second Factor Partnership", region).unwrap();
        let email = tests::create_person(&slug, &[Role::Reviewer]);
        (slug, email)
    })
    .await
    .unwrap();
    let (_guard, mut j) = Journey::start().await;
    let mut seen = Seen::default();
    let outcome = journey(&mut j, &mut seen, &tenant, &email).await;
    if outcome.is_err() {
        let _ = j.shot("second-factor-failure").await;
    }
    j.driver.clone().quit().await.ok();
    outcome.unwrap_or_else(|e| panic!("the journey stopped: {e}\nso far: {seen:#?}"));

    assert!(seen.set_up_heading.contains("Set up your second factor"), "{seen:#?}");
    assert!(seen.qr_alt.contains("QR code"), "{seen:#?}");
    assert!(seen.turned_on.contains("second factor is on"), "{seen:#?}");
    assert_eq!(seen.recovery_codes.len(), 10, "{seen:#?}");
    assert_eq!(seen.home_after_enrolment, "Test Person");
    assert!(seen.code_asked.contains("authenticator"), "{seen:#?}");
    assert_eq!(seen.signed_in_with_code, "Test Person");
    assert_eq!(seen.signed_in_with_recovery, "Test Person");
    assert!(seen.used_recovery_again.contains("has been used"), "{seen:#?}");
    assert!(seen.console_errors.is_empty(), "console errors: {:#?}", seen.console_errors);
    assert!(!seen.inline_script_ran, "an inline script ran: the CSP is not enforced");
    assert!(
        seen.violation_logged.iter().any(|e| e.contains("Content Security Policy")),
        "the violation is not among the console errors: {:#?}",
        seen.violation_logged
    );
    assert!(j.pages_checked.len() >= 4, "axe ran on {} pages", j.pages_checked.len());
    assert!(j.violations.is_empty(), "axe-core violations:\n{}", j.violations.join("\n"));
}
