//! 6-step learning briefings [157, 159]: one per Rapid Review decision and one per published
//! local CSPR, in six titled steps (the headings are the partnership's own), anonymised by the
//! same check as the overview report, approved by a strategic lead and then published to the
//! partnership's members.
use crate::overview::Section;
use crate::text::{is_blank, MAX_SHORT};
use crate::{FieldError, Role};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest step, in characters.
pub const MAX_STEP: usize = 20_000;

/// The six steps, in order: (key, the seed's heading).
pub const BRIEFING_STEPS: [(&str, &str); 6] = [
    ("case_in_brief", "The case in brief"),
    ("what_happened", "What happened"),
    ("what_we_learned", "What we learned"),
    ("practitioners_should", "What practitioners should do"),
    ("agencies_changed", "What agencies changed"),
    ("team_questions", "Questions for team meetings"),
];

crate::wire::wire_enum! {
    /// What a briefing shares the learning of.
    pub enum BriefingOccasion ["snake_case"] {
        /// The Rapid Review's decision (learning only, or a local CSPR).
        RapidReview,
        /// The published local CSPR.
        Cspr,
    }
}

impl BriefingOccasion {
    pub fn label(self) -> &'static str {
        match self {
            BriefingOccasion::RapidReview => "Rapid Review",
            BriefingOccasion::Cspr => "Local CSPR",
        }
    }
}

crate::wire::wire_enum! {
    pub enum BriefingStatus ["snake_case"] {
        Draft,
        /// Sent to the strategic leads, free of anything that identifies the family.
        AwaitingApproval,
        /// Approved by a lead and shared with the partnership's members.
        Published,
    }
}

impl BriefingStatus {
    pub fn label(self) -> &'static str {
        match self {
            BriefingStatus::Draft => "Draft",
            BriefingStatus::AwaitingApproval => "Awaiting a lead's approval",
            BriefingStatus::Published => "Published",
        }
    }
}

/// Who drafts a briefing and sends it for approval.
pub const BRIEFING_WRITERS: &[Role] = &[Role::BusinessOffice, Role::Reviewer, Role::StrategicLead];
/// Who approves (and so publishes) it.
pub const BRIEFING_APPROVERS: &[Role] = &[Role::StrategicLead];
/// Who sets the partnership's headings.
pub const BRIEFING_HEADING_SETTERS: &[Role] = &[Role::BusinessOffice];

/// The partnership's six headings, in the steps' order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BriefingHeadings {
    pub headings: Vec<String>,
}

impl Default for BriefingHeadings {
    fn default() -> Self {
        BriefingHeadings { headings: BRIEFING_STEPS.iter().map(|(_, h)| h.to_string()).collect() }
    }
}

/// Six headings, each given and short.
pub fn check_headings(h: &BriefingHeadings) -> Vec<FieldError> {
    if h.headings.len() != BRIEFING_STEPS.len() {
        return vec![FieldError::new("headings", "invalid", "Give exactly six headings, one per step")];
    }
    h.headings
        .iter()
        .enumerate()
        .filter_map(|(i, text)| {
            let field = format!("headings[{i}]");
            if is_blank(text) {
                Some(FieldError::new(field, "required", "Enter the step's heading"))
            } else if text.chars().count() > MAX_SHORT {
                Some(FieldError::new(field, "too_long", format!("Keep it within {MAX_SHORT} characters")))
            } else {
                None
            }
        })
        .collect()
}

/// A new briefing's steps: the partnership's headings, no text yet.
pub fn new_steps(h: &BriefingHeadings) -> Vec<Section> {
    BRIEFING_STEPS
        .iter()
        .zip(h.headings.iter().map(String::as_str).chain(std::iter::repeat("")))
        .map(|((key, seed), heading)| Section::new(key, if is_blank(heading) { seed } else { heading }, ""))
        .collect()
}

/// The steps' texts as saved: the six, by key (headings stay the partnership's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BriefingForm {
    /// The steps' texts, by the steps' order.
    pub texts: Vec<String>,
}

/// Six texts, none too long (an empty step may be saved in a draft).
pub fn check_texts(form: &BriefingForm) -> Vec<FieldError> {
    if form.texts.len() != BRIEFING_STEPS.len() {
        return vec![FieldError::new("texts", "invalid", "Give the six steps' texts, in order")];
    }
    form.texts
        .iter()
        .enumerate()
        .filter(|(_, t)| t.chars().count() > MAX_STEP)
        .map(|(i, _)| {
            FieldError::new(format!("texts[{i}]"), "too_long", format!("Keep it within {MAX_STEP} characters"))
        })
        .collect()
}

/// What a briefing needs before it goes to a lead: every step written.
pub fn check_complete(steps: &[Section]) -> Vec<FieldError> {
    steps
        .iter()
        .enumerate()
        .filter(|(_, s)| is_blank(&s.text))
        .map(|(i, s)| FieldError::new(format!("texts[{i}]"), "required", format!("Write \"{}\"", s.heading)))
        .collect()
}

/// A lead's answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct BriefingApproval {
    pub approve: bool,
    /// Required when not approving: what to change.
    pub note: String,
}

/// A briefing as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BriefingView {
    pub id: uuid::Uuid,
    pub case_id: uuid::Uuid,
    /// The case's reference.
    pub reference: String,
    pub occasion: BriefingOccasion,
    pub status: BriefingStatus,
    pub steps: Vec<Section>,
    /// What in it would identify the child or family (none before it can go to a lead).
    pub hits: Vec<crate::overview::anonymise::AnonymisationHit>,
    /// A lead's note when it was sent back.
    pub returned_note: Option<String>,
    pub approved_by: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub theme_ids: Vec<uuid::Uuid>,
    pub version: i32,
}

/// A briefing in a list (no text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BriefingSummary {
    pub id: uuid::Uuid,
    pub case_id: uuid::Uuid,
    pub reference: String,
    pub occasion: BriefingOccasion,
    pub status: BriefingStatus,
    pub published_on: Option<NaiveDate>,
}

/// A new briefing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewBriefing {
    pub occasion: BriefingOccasion,
}

/// Why a move of a briefing was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BriefingRefused {
    /// Not at this status (409).
    Stage(&'static str),
    /// The input or the briefing does not hold (422).
    Invalid(Vec<FieldError>),
}

/// Whether a case may have a briefing for this occasion: a Rapid Review's once it is decided,
/// a local CSPR's once its report is published.
pub fn may_open(occasion: BriefingOccasion, decided: bool, cspr_published: bool) -> Result<(), BriefingRefused> {
    match occasion {
        BriefingOccasion::RapidReview if !decided => {
            Err(BriefingRefused::Stage("a Rapid Review's briefing follows its decision: the case is not decided"))
        }
        BriefingOccasion::Cspr if !cspr_published => {
            Err(BriefingRefused::Stage("a local CSPR's briefing follows its publication: the report is not published"))
        }
        _ => Ok(()),
    }
}

/// Who reads a briefing that is not published yet.
pub fn reads_drafts(roles: &[Role]) -> bool {
    roles.iter().any(|r| BRIEFING_WRITERS.contains(r) || BRIEFING_APPROVERS.contains(r))
}

/// Saving the texts: a draft only (a briefing with a lead, or published, is not changed).
pub fn can_edit(status: BriefingStatus) -> Result<(), BriefingRefused> {
    match status {
        BriefingStatus::Draft => Ok(()),
        _ => Err(BriefingRefused::Stage("only a draft briefing is changed: it is with a lead, or published")),
    }
}

/// Sending to a lead: a draft, every step written, and nothing left that identifies the family.
pub fn submit(status: BriefingStatus, steps: &[Section], hits: usize) -> Result<BriefingStatus, BriefingRefused> {
    can_edit(status)?;
    let mut errors = check_complete(steps);
    if hits > 0 {
        errors.push(FieldError::new(
            "steps",
            "identifies_family",
            format!("Take out the {hits} thing(s) that would identify the child or family"),
        ));
    }
    if errors.is_empty() {
        Ok(BriefingStatus::AwaitingApproval)
    } else {
        Err(BriefingRefused::Invalid(errors))
    }
}

/// A lead's answer: approving publishes it; not approving sends it back as a draft with a note.
pub fn approve(status: BriefingStatus, answer: &BriefingApproval) -> Result<BriefingStatus, BriefingRefused> {
    if status != BriefingStatus::AwaitingApproval {
        return Err(BriefingRefused::Stage("the briefing is not awaiting approval"));
    }
    if answer.approve {
        return Ok(BriefingStatus::Published);
    }
    if is_blank(&answer.note) || answer.note.chars().count() > MAX_SHORT * 4 {
        return Err(BriefingRefused::Invalid(vec![FieldError::new(
            "note",
            "required",
            "Say what to change (at most 2000 characters)",
        )]));
    }
    Ok(BriefingStatus::Draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_briefing_goes_to_a_lead_only_written_and_anonymised() {
        let mut steps = new_steps(&BriefingHeadings::default());
        assert_eq!(steps.len(), 6);
        assert_eq!(steps[5].heading, "Questions for team meetings");
        assert!(matches!(submit(BriefingStatus::Draft, &steps, 0), Err(BriefingRefused::Invalid(e)) if e.len() == 6));
        for s in &mut steps {
            s.text = "Written.".into();
        }
        assert!(
            matches!(submit(BriefingStatus::Draft, &steps, 1), Err(BriefingRefused::Invalid(e)) if e[0].code == "identifies_family")
        );
        assert_eq!(submit(BriefingStatus::Draft, &steps, 0), Ok(BriefingStatus::AwaitingApproval));
        assert!(matches!(submit(BriefingStatus::Published, &steps, 0), Err(BriefingRefused::Stage(_))));
    }

    #[test]
    fn a_lead_publishes_or_sends_back_with_a_note() {
        let yes = BriefingApproval { approve: true, note: String::new() };
        assert_eq!(approve(BriefingStatus::AwaitingApproval, &yes), Ok(BriefingStatus::Published));
        assert!(matches!(approve(BriefingStatus::Draft, &yes), Err(BriefingRefused::Stage(_))));
        let bare = BriefingApproval { approve: false, note: " ".into() };
        assert!(matches!(approve(BriefingStatus::AwaitingApproval, &bare), Err(BriefingRefused::Invalid(_))));
        let back = BriefingApproval { approve: false, note: "Shorten step 2".into() };
        assert_eq!(approve(BriefingStatus::AwaitingApproval, &back), Ok(BriefingStatus::Draft));
    }

    #[test]
    fn headings_are_six_and_given() {
        assert!(check_headings(&BriefingHeadings::default()).is_empty());
        let mut h = BriefingHeadings::default();
        h.headings[2] = " ".into();
        assert_eq!(check_headings(&h)[0].field, "headings[2]");
        h.headings.pop();
        assert_eq!(check_headings(&h)[0].field, "headings");
        let own = BriefingHeadings { headings: vec!["A".into(); 6] };
        assert!(new_steps(&own).iter().all(|s| s.heading == "A"));
    }
}
