//! The overview report journey: the lead reviewer writes a draft; the Independent Scrutineer
//! finds it on their home page, selects a sentence and comments; the lead reviewer edits
//! around it (the comment stays on its sentence), replies and resolves it; a save on an older
//! version is refused and the page keeps what was typed; the anonymisation check blocks
//! sign-off until one identifier is removed and the other waived; the chain completes
//! (review group, sub group, three strategic lead agencies); a later edit voids it; the
//! signed-off version downloads as a Word document, which the test opens. axe-core runs on
//! every page.
use crate::harness::*;
use serde_json::json;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

const T: &str = "northvale";
const SENTENCE: &str = "Nobody asked why the appointments were missed.";

/// The review and the people, set up over blocking HTTP before the browser starts.
struct Cast {
    case: String,
    leads: Vec<String>,
}

impl Cast {
    fn load() -> Cast {
        let notification = json!({
            "criteria": {"abuse_or_neglect": true, "died_or_seriously_harmed": true},
            "decided_by": {"name": "D", "designation": "Director of Children's Services"},
            "incident_date": "2026-10-01",
            "incident_place": "Northtown",
            "la_aware_on": "2026-10-01",
            "children": [{"name": "Jamie Smith", "date_of_birth": "2015-04-03", "home_address": "12 Acacia Road, Northtown NN1 1AA"}],
            "notifier": {"name": "N", "agency": "Council", "designation": "Head of service", "contact_details": "01632 960000"}
        });
        let entries =
            [("2026-06-01", "Health visitor could not gain entry"), ("2026-07-14", "School nurse referral made")];
        let case = tests::review_with_a_report(T, &notification, &entries);
        let leads = ["Police", "Integrated Care Board", "Council Children's Services"]
            .iter()
            .map(|a| tests::create_person_in(T, &[shared::Role::StrategicLead], a))
            .collect();
        Cast { case, leads }
    }
}

#[derive(Default, Debug)]
struct Seen {
    first_version: String,
    home_draft: String,
    quote_filled: String,
    thread: String,
    mark_after_edit: String,
    anchored_after_edit: u64,
    diff: String,
    diff_marks: usize,
    resolved: String,
    stale: String,
    kept_after_stale: String,
    hits: String,
    blocked: String,
    after_waiver: String,
    signed_off: String,
    voided: String,
    docx_headings: Vec<String>,
    docx_table: String,
    console_errors: Vec<String>,
}

impl Journey {
    /// Signs out, then in as `email`.
    async fn switch_person(&mut self, email: &str) -> WebDriverResult<()> {
        self.sign_out().await?;
        self.as_person(email).await
    }

    /// Sets a box's text at once (as pasting would: one input event).
    async fn paste(&self, element_id: &str, text: &str) -> WebDriverResult<()> {
        let element = self.wait(id(element_id)).await?;
        self.driver
            .execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                vec![element.to_json()?, json!(text)],
            )
            .await
            .map(drop)
    }

    /// Selects `words` in the report's text, as a person dragging over them would.
    async fn select_words(&self, words: &str) -> WebDriverResult<()> {
        let script = r#"
            const words = arguments[0];
            const walker = document.createTreeWalker(document.getElementById('report-text'), NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const i = node.textContent.indexOf(words);
                if (i >= 0) {
                    const range = document.createRange();
                    range.setStart(node, i);
                    range.setEnd(node, i + words.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    document.getElementById('report-text').dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
                    return true;
                }
            }
            return false;
        "#;
        let found = self.driver.execute(script, vec![json!(words)]).await?;
        assert_eq!(found.json(), &json!(true), "the words to select are in the text");
        Ok(())
    }
}

fn texts(analysis: &str, case: &str) -> [String; 5] {
    [
        "This review was commissioned by the partnership after a serious incident.".into(),
        case.into(),
        analysis.into(),
        "Finding 1. Missed health appointments were not shared between agencies.".into(),
        "Recommendation 1. The partnership should audit how missed appointments are escalated.".into(),
    ]
}

const CASE_TEXT: &str = "The family lived at the Smith's rented flat. The boy, born on 3 April 2015, attended school.";
const CASE_FIXED: &str = "The family lived at the Smith's rented flat. The boy attended school.";

/// Opens the editor, writes every section's text, saves: back on the report.
async fn write(j: &mut Journey, case: &str, texts: &[String; 5], page: &str) -> WebDriverResult<()> {
    j.open_in_app(&format!("/cases/{case}/review/report")).await?;
    j.click("edit-report").await?;
    j.wait(id("save-report")).await?;
    for (i, t) in texts.iter().enumerate() {
        j.paste(&format!("sections[{i}].text"), t).await?;
    }
    j.axe(page).await?;
    j.click("save-report").await?;
    j.wait(id("version-line")).await.map(drop)
}

async fn journey(j: &mut Journey, seen: &mut Seen, cast: &Cast) -> WebDriverResult<()> {
    let case = &cast.case;
    let report = format!("/cases/{case}/review/report");
    let reviewer = format!("reviewer@{T}.example");
    j.driver.goto(&j.base).await?;

    // The lead reviewer writes the first draft from the partnership's headings.
    j.as_person(&reviewer).await?;
    j.open_in_app(&format!("/cases/{case}/review")).await?;
    j.click("open-overview").await?;
    j.wait(id("no-version")).await?;
    j.axe("overview report (no version)").await?;
    let analysis =
        format!("Key line of enquiry 1: how agencies shared information. {SENTENCE} The school was not asked.");
    write(j, case, &texts(&analysis, CASE_TEXT), "overview editor (first draft)").await?;
    seen.first_version = j.text("version-line").await?;
    j.axe("overview report (version 1)").await?;

    // The scrutineer finds it on their home page, selects the sentence and comments.
    j.switch_person("scrutineer@independent.example").await?;
    seen.home_draft = j.wait_text("drafts-for-comment", "version 1").await?;
    j.axe("home (drafts for comment)").await?;
    j.wait(By::Css(format!("a[data-draft='{case}']"))).await?.click().await?;
    j.wait(id("comment-form")).await?;
    j.select_words(SENTENCE).await?;
    j.click("comment-selection").await?;
    seen.quote_filled = j.wait(id("quote")).await?.prop("value").await?.unwrap_or_default();
    j.fill("comment", "Which agencies knew of the missed appointments, and when?").await?;
    j.click("add-comment").await?;
    seen.thread = j.wait_text("thread-1", "Which agencies knew").await?;
    j.wait(By::Css("mark[data-thread='1']")).await?;
    j.axe("overview report (commented)").await?;

    // The lead reviewer edits around the sentence: a paragraph before it, words changed
    // beside it, another section changed.
    j.switch_person(&reviewer).await?;
    let edited = format!(
        "The review group met twice.\n\nKey line of enquiry 1 (health and education): how agencies shared what they knew. {SENTENCE} The school was never asked, and nor was the GP."
    );
    write(j, case, &texts(&edited, CASE_TEXT), "overview editor (version 2)").await?;
    seen.mark_after_edit = j.css_text("mark[data-thread='1']").await?;
    j.click("show-diff").await?;
    seen.diff = j.wait_text("diff-summary", "added").await?;
    seen.diff_marks = j.driver.find_all(By::Css("#diff ins, #diff del")).await?.len();
    j.axe("overview report (changes between versions)").await?;
    let api_view = tokio::task::block_in_place(|| {
        tests::Api::shared().get(&format!("/api/v1/t/{T}/cases/{case}/report"), &tests::sign_in(T, &reviewer).0)
    });
    seen.anchored_after_edit = api_view.body["threads"][0]["anchored_version"].as_u64().unwrap_or(0);
    j.fill("reply-1", "Health and the school nurse: dates added from the merged chronology.").await?;
    j.click("reply-1-send").await?;
    j.wait_text("thread-1", "school nurse").await?;
    j.click("thread-1-toggle").await?;
    seen.resolved = j.wait_text("thread-1", "Resolved").await?;
    j.axe("overview report (resolved)").await?;

    // A save based on an older version: someone (the lead in another window) saved first.
    j.click("edit-report").await?;
    j.wait(id("save-report")).await?;
    let r = tokio::task::block_in_place(|| {
        let path = format!("/api/v1/t/{T}/cases/{case}/report");
        let token = tests::sign_in(T, &reviewer).0;
        let latest = tests::Api::shared().get(&path, &token);
        let mut sections = latest.body["latest"]["sections"].clone();
        sections[0]["text"] =
            json!("This review was commissioned by the partnership after a serious incident in 2026.");
        tests::Api::shared().put(&path, &token, &json!({"base_version": 2, "sections": sections}))
    });
    assert_eq!(r.status, 200, "the other window's save: {r:?}");
    j.paste("sections[4].text", "Recommendation 1, typed in the stale window.").await?;
    j.click("save-report").await?;
    seen.stale = j.wait_css_text(".govuk-error-summary", "saved a change first").await?;
    seen.kept_after_stale = j.wait(id("sections[4].text")).await?.prop("value").await?.unwrap_or_default();
    j.axe("overview editor (stale save refused)").await?;

    // The anonymisation check: sign-off waits until the date of birth is removed and the
    // surname waived.
    j.open_in_app(&report).await?;
    seen.hits = j.wait_text("hits", "3 April 2015").await?;
    seen.blocked = j.text("sign-off-blocked").await?;
    assert!(j.driver.find(id("sign-review_group")).await.is_err(), "no sign-off while identifiers remain");
    j.click("edit-report").await?;
    j.wait(id("save-report")).await?;
    j.paste("sections[1].text", CASE_FIXED).await?;
    j.click("save-report").await?;
    j.wait_text("hits-summary", "1 not yet fixed").await?;
    j.wait(By::Css("#hit-1 summary")).await?.click().await?;
    j.fill("waive-1", "Smith is the landlord's name here, not the family's.").await?;
    j.click("waive-1-send").await?;
    seen.after_waiver = j.wait_text("hits-summary", "0 not yet fixed").await?;
    j.axe("overview report (hit waived)").await?;

    // The chain: the review group (the lead reviewer), the sub group (the office), each
    // strategic lead agency.
    j.click("sign-review_group").await?;
    j.wait_text("chain-links", "Signed by").await?;
    j.switch_person(&format!("office@{T}.example")).await?;
    j.open_in_app(&report).await?;
    j.click("sign-sub_group").await?;
    j.wait_text("saved", "sign-off is recorded").await?;
    for lead in &cast.leads {
        j.switch_person(lead).await?;
        j.open_in_app(&report).await?;
        j.click("sign-strategic_lead").await?;
        j.wait_text("saved", "sign-off is recorded").await?;
    }
    seen.signed_off = j.text("signed-off").await?;
    j.axe("overview report (signed off)").await?;

    // The Word document of the signed-off version.
    let downloads = tests::downloads_dir();
    let file = downloads.join(format!("overview-report-{case}.docx"));
    let _ = std::fs::remove_file(&file);
    j.click("export-docx").await?;
    let started = Instant::now();
    while !file.exists() && started.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("the download {}: {e}", file.display()));
    let docx = docx_rs::read_docx(&bytes).expect("a Word document");
    for child in &docx.document.children {
        match child {
            docx_rs::DocumentChild::Paragraph(p) if p.property.style.as_ref().is_some_and(|s| s.val == "Heading1") => {
                seen.docx_headings.push(p.raw_text());
            }
            docx_rs::DocumentChild::Table(t) => seen.docx_table = serde_json::to_string(t).unwrap_or_default(),
            _ => {}
        }
    }

    // A later edit voids the sign-offs, and the page says so.
    j.switch_person(&reviewer).await?;
    let mut later = texts(&edited, CASE_FIXED);
    later[3] = "Finding 1. Missed health appointments were not shared between agencies or with the GP.".into();
    write(j, case, &later, "overview editor (after sign-off)").await?;
    seen.voided = j.text("voided").await?;
    j.axe("overview report (sign-offs voided)").await?;
    j.shot("overview-report").await?;
    seen.console_errors = j.console_errors().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_overview_report_from_draft_to_sign_off_and_export() {
    let cast = tokio::task::spawn_blocking(Cast::load).await.unwrap();
    let (_guard, mut j) = Journey::start().await;
    let started = Instant::now();
    let mut seen = Seen::default();
    let outcome = journey(&mut j, &mut seen, &cast).await;
    if outcome.is_err() {
        let _ = j.shot("overview-failure").await;
    }
    j.driver.clone().quit().await.ok();
    tests::forget_tokens();
    outcome.unwrap_or_else(|e| panic!("the journey stopped: {e}\nso far: {seen:#?}"));
    assert!(seen.first_version.contains("Version 1"), "{}", seen.first_version);
    assert!(seen.home_draft.contains("Northvale") || seen.home_draft.contains("version 1"), "{}", seen.home_draft);
    assert_eq!(seen.quote_filled, SENTENCE, "the selection fills the comment form");
    assert!(seen.thread.contains(SENTENCE), "{}", seen.thread);
    assert_eq!(seen.mark_after_edit, SENTENCE, "the comment stays on its sentence after the edit");
    assert_eq!(seen.anchored_after_edit, 2, "re-attached to version 2");
    assert!(seen.diff.contains("From version 1 to version 2") && seen.diff.contains("removed"), "{}", seen.diff);
    assert!(seen.diff_marks >= 2, "words added and removed are marked: {}", seen.diff_marks);
    assert!(seen.resolved.contains("Resolved by"), "{}", seen.resolved);
    assert!(seen.stale.contains("Someone else saved a change first"), "{}", seen.stale);
    assert_eq!(seen.kept_after_stale, "Recommendation 1, typed in the stale window.", "what was typed is kept");
    assert!(seen.hits.contains("Smith's") && seen.hits.contains("Date of birth"), "{}", seen.hits);
    assert!(seen.blocked.contains("Sign-off waits"), "{}", seen.blocked);
    assert!(seen.after_waiver.contains("0 not yet fixed"), "{}", seen.after_waiver);
    assert!(seen.signed_off.contains("signed off in full"), "{}", seen.signed_off);
    for heading in ["Introduction", "The case", "Analysis by key lines of enquiry", "Findings", "Recommendations"] {
        assert!(seen.docx_headings.iter().any(|h| h == heading), "{heading} in {:?}", seen.docx_headings);
    }
    assert!(seen.docx_headings.iter().any(|h| h.contains("chronology")), "{:?}", seen.docx_headings);
    assert!(seen.docx_table.contains("Practitioner role"), "the chronology table's header");
    assert!(seen.docx_table.contains("Health visitor could not gain entry"), "the chronology's entries");
    assert!(seen.voided.contains("no longer stand"), "{}", seen.voided);
    assert!(seen.console_errors.is_empty(), "console errors: {:#?}", seen.console_errors);
    assert!(j.pages_checked.len() >= 12, "axe ran on {} pages", j.pages_checked.len());
    assert!(j.violations.is_empty(), "axe-core violations:\n{}", j.violations.join("\n"));
    eprintln!(
        "overview report journey: axe-core clean on {} pages in {:.1} s",
        j.pages_checked.len(),
        started.elapsed().as_secs_f64()
    );
}
