//! The local CSPR's dated steps on the case's timeline.
use super::authors::AuthorBriefing;
use super::commission::Commission;
use super::event::PractitionerEvent;
use super::family::FamilyEngagement;
use super::terms::TermsAgreement;
use crate::case::timeline::step;
use crate::case::{DatedStep, TimelineStep};
use chrono::NaiveDate;

/// What the steps are made from.
#[derive(Debug, Clone, Default)]
pub struct CsprHistory<'a> {
    pub commission: Option<&'a Commission>,
    pub agreement: Option<&'a TermsAgreement>,
    pub briefing: Option<&'a AuthorBriefing>,
    /// Each agency's submissions: its name, the day, and whether a revision.
    pub submitted: Vec<(&'a str, NaiveDate, bool)>,
    pub event: Option<&'a PractitionerEvent>,
    pub family: Option<&'a FamilyEngagement>,
    /// Each agency's report deadline moved on: the agency, recorded on, the new due date.
    pub report_extensions: Vec<(&'a str, NaiveDate, NaiveDate)>,
}

/// The CSPR's dated steps (unsorted: the case's timeline sorts them with its own).
pub fn cspr_steps(h: &CsprHistory<'_>) -> Vec<DatedStep> {
    let mut steps = Vec::new();
    if let Some(c) = h.commission {
        steps.push(step(TimelineStep::Commissioned, c.commissioned_on, "Review commissioned: lead reviewer appointed"));
        if let Some(on) = c.notice_sent_on {
            steps.push(step(
                TimelineStep::CommissioningNotice,
                on,
                "National Panel, Ofsted and DfE told of the review",
            ));
        }
    }
    if let Some(a) = h.agreement {
        let label = format!("Terms of reference agreed (version {})", a.version);
        steps.push(step(TimelineStep::TermsAgreed, a.agreed_on, label));
    }
    if let Some(on) = h.briefing.and_then(|b| b.held_on) {
        steps.push(step(TimelineStep::AuthorBriefing, on, "Author briefing"));
    }
    for (agency, on, revision) in &h.submitted {
        let label = if *revision {
            format!("Revised report submitted by {agency}")
        } else {
            format!("Chronology and key event analysis submitted by {agency}")
        };
        steps.push(step(TimelineStep::AgencyReportSubmitted, *on, label));
    }
    for (agency, on, due) in &h.report_extensions {
        let label = format!("{agency}'s report deadline extended: now due {}", due.format("%-d %B %Y"));
        steps.push(step(TimelineStep::ReviewExtended, *on, label));
    }
    if let Some(on) = h.event.and_then(|e| e.held_on) {
        steps.push(step(TimelineStep::PractitionerEvent, on, "Practitioner event"));
    }
    if let Some(f) = h.family {
        for (on, label) in [
            (f.initial_letter_on, "Initial letter to the family"),
            (f.mid_letter_on, "Mid-process letter to the family"),
            (f.findings_shared_on, "Findings shared with the family"),
        ] {
            if let Some(on) = on {
                steps.push(step(TimelineStep::FamilyContact, on, label));
            }
        }
    }
    steps
}
