//! The sections of the referral form, one page each, in the order of the task list.
use crate::referral::{validate_draft, validate_for_submission, ReferralForm};
use crate::FieldError;
use chrono::NaiveDate;

crate::wire::wire_enum! {
    /// A section; its wire name is the last part of its address, e.g. `/referrals/{id}/child`.
    pub enum Section ["kebab-case"] {
        Referrer,
        ReviewType,
        Child,
        Family,
        Background,
        OtherAgencies,
        Chronology,
        AreasOfLearning,
        Themes,
    }
}

crate::wire::wire_enum! {
    /// Where a section stands, as the task list shows it.
    pub enum SectionStatus ["snake_case"] {
        NotStarted,
        InProgress,
        Completed,
    }
}

impl SectionStatus {
    pub fn label(self) -> &'static str {
        match self {
            SectionStatus::NotStarted => "Not yet started",
            SectionStatus::InProgress => "In progress",
            SectionStatus::Completed => "Completed",
        }
    }
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Referrer => "Referrer",
            Section::ReviewType => "Review type and rationale",
            Section::Child => "Child's details",
            Section::Family => "Family",
            Section::Background => "Background to the incident",
            Section::OtherAgencies => "Other agencies known",
            Section::Chronology => "Key-event chronology",
            Section::AreasOfLearning => "Areas of learning",
            Section::Themes => "Themes and issues",
        }
    }

    /// The section after this one, if any.
    pub fn next(self) -> Option<Section> {
        let i = Section::ALL.iter().position(|s| *s == self)?;
        Section::ALL.get(i + 1).copied()
    }

    /// The section a field path (as in [`FieldError::field`]) belongs to.
    pub fn of_field(path: &str) -> Option<Section> {
        let head = path.split(['.', '[']).next().unwrap_or_default();
        Some(match head {
            "referrer" => Section::Referrer,
            "review_type" | "rationale" => Section::ReviewType,
            "child" => Section::Child,
            "genogram" | "family_members" => Section::Family,
            "background" => Section::Background,
            "other_agencies" => Section::OtherAgencies,
            "chronology" => Section::Chronology,
            "areas_of_learning" => Section::AreasOfLearning,
            "themes" => Section::Themes,
            _ => return None,
        })
    }

    /// The errors among `errors` that belong to this section.
    pub fn errors_in(self, errors: &[FieldError]) -> Vec<FieldError> {
        errors.iter().filter(|e| Section::of_field(&e.field) == Some(self)).cloned().collect()
    }

    /// What would stop this section being saved as a draft.
    pub fn draft_errors(self, form: &ReferralForm, today: NaiveDate) -> Vec<FieldError> {
        self.errors_in(&validate_draft(form, today))
    }

    /// What this section still needs before the referral can be submitted.
    pub fn submission_errors(self, form: &ReferralForm, today: NaiveDate) -> Vec<FieldError> {
        self.errors_in(&validate_for_submission(form, today))
    }

    /// True when anything in this section has been filled in.
    pub fn is_started(self, form: &ReferralForm) -> bool {
        let empty = ReferralForm::default();
        match self {
            Section::Referrer => form.referrer != empty.referrer,
            Section::ReviewType => form.review_type.is_some() || !form.rationale.trim().is_empty(),
            Section::Child => form.child != empty.child,
            Section::Family => !form.family_members.is_empty() || !form.genogram.trim().is_empty(),
            Section::Background => !form.background.trim().is_empty(),
            Section::OtherAgencies => !form.other_agencies.is_empty(),
            Section::Chronology => !form.chronology.is_empty(),
            Section::AreasOfLearning => !form.areas_of_learning.trim().is_empty(),
            Section::Themes => form.themes != empty.themes,
        }
    }

    /// Completed when nothing in it stops a submission, in progress when started.
    pub fn status(self, form: &ReferralForm, submission_errors: &[FieldError]) -> SectionStatus {
        if !self.is_started(form) {
            SectionStatus::NotStarted
        } else if self.errors_in(submission_errors).is_empty() {
            SectionStatus::Completed
        } else {
            SectionStatus::InProgress
        }
    }
}

/// How many sections are completed, of how many.
pub fn sections_completed(form: &ReferralForm, today: NaiveDate) -> (usize, usize) {
    let errors = validate_for_submission(form, today);
    let done = Section::ALL.iter().filter(|s| s.status(form, &errors) == SectionStatus::Completed).count();
    (done, Section::ALL.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::referral::{FamilyMember, KeyEvent, ReviewType};

    fn today() -> NaiveDate {
        "2026-11-26".parse().unwrap()
    }

    #[test]
    fn every_field_of_a_submission_check_belongs_to_a_section() {
        let errors = validate_for_submission(&ReferralForm::default(), today());
        assert!(!errors.is_empty());
        for e in &errors {
            assert!(Section::of_field(&e.field).is_some(), "{} has no section", e.field);
        }
        for s in Section::ALL {
            assert!(!s.errors_in(&errors).is_empty(), "an empty form leaves {s:?} with nothing to do");
        }
        assert_eq!(Section::of_field("family_members[3].name"), Some(Section::Family));
        assert_eq!(Section::of_field("rationale"), Some(Section::ReviewType));
        assert_eq!(Section::of_field("nothing"), None);
    }

    #[test]
    fn slugs_round_trip_and_sections_follow_each_other() {
        for s in Section::ALL {
            assert_eq!(Section::parse(s.as_str()), Some(s));
        }
        assert_eq!(Section::parse("elsewhere"), None);
        assert_eq!(Section::Referrer.next(), Some(Section::ReviewType));
        assert_eq!(Section::Themes.next(), None);
    }

    #[test]
    fn status_moves_from_not_started_to_completed() {
        let mut form = ReferralForm::default();
        let errors = validate_for_submission(&form, today());
        assert_eq!(Section::ReviewType.status(&form, &errors), SectionStatus::NotStarted);
        form.review_type = Some(ReviewType::Cspr);
        let errors = validate_for_submission(&form, today());
        assert_eq!(Section::ReviewType.status(&form, &errors), SectionStatus::InProgress);
        form.rationale = "Criteria met".into();
        let errors = validate_for_submission(&form, today());
        assert_eq!(Section::ReviewType.status(&form, &errors), SectionStatus::Completed);
        assert_eq!(sections_completed(&form, today()), (1, 9));
    }

    #[test]
    fn a_genogram_completes_the_family_section_without_rows() {
        let mut form = ReferralForm { genogram: "Mother, father, two siblings".into(), ..Default::default() };
        let errors = validate_for_submission(&form, today());
        assert_eq!(Section::Family.status(&form, &errors), SectionStatus::Completed);
        form.genogram.clear();
        form.family_members.push(FamilyMember { name: "M".into(), ..Default::default() });
        let errors = validate_for_submission(&form, today());
        assert_eq!(Section::Family.status(&form, &errors), SectionStatus::InProgress);
    }

    #[test]
    fn draft_errors_are_only_those_of_the_section() {
        let form = ReferralForm {
            chronology: vec![KeyEvent { date: None, time: "25:00".into(), event: String::new() }],
            ..Default::default()
        };
        let errors = Section::Chronology.draft_errors(&form, today());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "chronology[0].time");
        assert!(Section::Child.draft_errors(&form, today()).is_empty());
    }
}
