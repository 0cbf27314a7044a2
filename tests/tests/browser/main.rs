//! The browser suite: headless Chromium through ChromeDriver against the real server and
//! the built front end, one journey a file. `cargo xtask test` builds the front end and sets
//! CHROME and CHROMEDRIVER.
//!
//! The journeys: [`referral`] (from a wrong password to the strategic partners' decision),
//! [`case`] (from a serious incident to a local CSPR), [`account`] (a forgotten password
//! reset through the mailed link, then changed) and [`people`] (the office takes a role away,
//! disables an account and reads the audit trail; the idle sign-out on a server with short
//! limits). axe-core runs on every page
//! visited (zero violations allowed) and the main pages are saved as screenshots under
//! `target/screenshots/`.
mod account;
mod administration;
mod case;
mod cspr;
mod harness;
mod learning;
mod overview;
mod people;
mod referral;
mod second_factor;
