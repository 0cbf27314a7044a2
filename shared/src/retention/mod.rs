//! Retention: how long after a case is closed its records are kept, per partnership; which
//! cases are due for deletion; the office's confirmation. The rules live here for the server
//! and the page alike.
use crate::case::CaseStage;
use crate::FieldError;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Who sets the retention period and confirms deletions: the business office.
pub const RETENTION_ADMINS: &[crate::Role] = &[crate::Role::BusinessOffice];

/// The longest period that can be set: 100 years.
pub const MAX_MONTHS: u32 = 1200;

/// When a case closed, if it has: a decision of learning only or of a national review (the
/// partnership's part ends there), or a local CSPR whose final report was sent to the Panel
/// and the DfE. A case in its Rapid Review or awaiting a decision is open.
pub fn closed_on(
    stage: CaseStage,
    decided_on: Option<NaiveDate>,
    final_report_sent_on: Option<NaiveDate>,
) -> Option<NaiveDate> {
    match stage {
        CaseStage::RapidReview | CaseStage::AwaitingDecision => None,
        CaseStage::LearningOnly | CaseStage::NationalReview => decided_on,
        CaseStage::LocalCspr => final_report_sent_on,
    }
}

/// The day a case closed on `closed` may be deleted, `months` later.
pub fn due_on(closed: NaiveDate, months: u32) -> Option<NaiveDate> {
    closed.checked_add_months(Months::new(months))
}

/// Whether a case closed on `closed` is due for deletion `today`.
pub fn is_due(closed: NaiveDate, months: u32, today: NaiveDate) -> bool {
    due_on(closed, months).is_some_and(|d| d <= today)
}

/// The period as set by the office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RetentionForm {
    /// Months a closed case is kept; none: kept until a period is set.
    pub months: Option<u32>,
}

impl RetentionForm {
    pub fn problems(&self) -> Vec<FieldError> {
        match self.months {
            Some(m) if m == 0 || m > MAX_MONTHS => vec![FieldError::new(
                "months",
                "out_of_range",
                format!("Enter a number of months from 1 to {MAX_MONTHS}"),
            )],
            _ => Vec::new(),
        }
    }
}

/// A closed case past its retention period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DueCase {
    pub id: uuid::Uuid,
    /// The case reference (never the child's name).
    pub reference: String,
    pub stage: CaseStage,
    pub closed_on: NaiveDate,
    pub due_on: NaiveDate,
}

/// The partnership's period and the cases due for deletion now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RetentionView {
    pub months: Option<u32>,
    pub due: Vec<DueCase>,
}

/// The office's confirmation: these cases (each must be due) are deleted with everything
/// written about them (their referral, requests, clocks, review, reports).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Deletion {
    pub case_ids: Vec<uuid::Uuid>,
}

impl Deletion {
    pub fn problems(&self) -> Vec<FieldError> {
        if self.case_ids.is_empty() {
            return vec![FieldError::new("case_ids", "required", "Choose at least one case to delete")];
        }
        if self.case_ids.len() > 500 {
            return vec![FieldError::new("case_ids", "too_many", "Delete at most 500 cases at once")];
        }
        Vec::new()
    }
}

/// What was deleted: counts only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeletionReport {
    pub cases: u32,
    /// Rows deleted in all (the cases, their referrals, requests, clocks, reviews, reports).
    pub records: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_case_closes_with_its_decision_or_its_final_report() {
        assert_eq!(closed_on(CaseStage::RapidReview, Some(d("2026-01-01")), None), None);
        assert_eq!(closed_on(CaseStage::AwaitingDecision, None, None), None);
        assert_eq!(closed_on(CaseStage::LearningOnly, Some(d("2026-01-01")), None), Some(d("2026-01-01")));
        assert_eq!(closed_on(CaseStage::NationalReview, Some(d("2026-02-01")), None), Some(d("2026-02-01")));
        assert_eq!(closed_on(CaseStage::LocalCspr, Some(d("2026-01-01")), None), None, "still under review");
        assert_eq!(
            closed_on(CaseStage::LocalCspr, Some(d("2026-01-01")), Some(d("2026-07-01"))),
            Some(d("2026-07-01"))
        );
    }

    #[test]
    fn due_after_the_months_counted_from_closure() {
        assert_eq!(due_on(d("2026-01-31"), 1), Some(d("2026-02-28")));
        assert!(!is_due(d("2026-01-15"), 12, d("2027-01-14")));
        assert!(is_due(d("2026-01-15"), 12, d("2027-01-15")));
        assert!(RetentionForm { months: Some(0) }.problems().len() == 1);
        assert!(RetentionForm { months: Some(MAX_MONTHS + 1) }.problems().len() == 1);
        assert!(RetentionForm { months: Some(72) }.problems().is_empty());
        assert!(RetentionForm { months: None }.problems().is_empty());
        assert_eq!(Deletion::default().problems()[0].field, "case_ids");
    }
}
