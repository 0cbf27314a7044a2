//! The overview report's dated steps on the case's timeline: each version saved, each
//! sign-off (and its voiding), publication.
use super::publication::PublicationPlan;
use super::signoff::{ChainSignOff, ChainStep};
use crate::case::timeline::step;
use crate::case::{DatedStep, TimelineStep};
use chrono::NaiveDate;

/// The steps (unsorted: the case's timeline sorts them). `versions` is each version and the
/// day it was saved.
pub fn overview_steps(
    versions: &[(u32, NaiveDate)],
    signoffs: &[ChainSignOff],
    plan: Option<&PublicationPlan>,
) -> Vec<DatedStep> {
    let mut steps: Vec<DatedStep> = versions
        .iter()
        .map(|(v, on)| step(TimelineStep::OverviewVersion, *on, format!("Overview report version {v} saved")))
        .collect();
    for s in signoffs {
        let who = match (s.step, &s.agency_name) {
            (ChainStep::StrategicLead, Some(a)) => format!("Signed off by {a}"),
            (step, _) => step.label().to_string(),
        };
        let void = s.voided_by.map(|v| format!(" (voided by version {v})")).unwrap_or_default();
        steps.push(step(TimelineStep::OverviewSignOff, s.on, format!("{who}: version {}{void}", s.version)));
    }
    if let Some(on) = plan.and_then(|p| p.published_on) {
        steps.push(step(TimelineStep::OverviewPublished, on, "Overview report published"));
    }
    steps
}
