//! What each person can act on in the partnership's local CSPRs, for their home page: the
//! lead reviewer's reviews and the reports waiting for them, an author's due report, a
//! manager's report to sign off, the scrutineer's version of the terms to observe on.
use super::report::{check_report, AgencyReportBody, ReportStatus};
use super::terms::TermsVersion;
use crate::role::Role;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::wire::wire_enum! {
    pub enum TaskKind ["snake_case"] {
        /// The person leads this review.
        LeadReview,
        /// A submitted report for the lead reviewer to read (and return if it needs revising),
    /// until the merged chronology is shared.
        ReadReport,
        /// The person's agency's report to write or revise.
        WriteReport,
        /// The person's agency's complete draft to sign off.
        SignOffReport,
        /// A version of the terms for the scrutineer or a member to observe on.
        ObserveTerms,
        /// The office is to send the officer in charge of a criminal process the terms of
        /// reference and the date of the practitioner event [616].
        InformOfficer,
    }
}

impl TaskKind {
    pub fn label(self) -> &'static str {
        match self {
            TaskKind::LeadReview => "Lead the review",
            TaskKind::ReadReport => "Read the submitted report",
            TaskKind::WriteReport => "Write the chronology and key event analysis",
            TaskKind::SignOffReport => "Sign off the report",
            TaskKind::ObserveTerms => "Observe on the terms of reference",
            TaskKind::InformOfficer => "Send the officer in charge the terms of reference and the event date",
        }
    }
}

/// One thing to act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewTask {
    pub kind: TaskKind,
    pub case_id: Uuid,
    pub case_reference: String,
    /// The report's agency, for a report's task.
    pub agency_id: Option<Uuid>,
    pub agency_name: Option<String>,
    pub due_on: Option<NaiveDate>,
}

/// A review as the tasks see it.
#[derive(Debug, Clone)]
pub struct ReviewFacts<'a> {
    pub case_id: Uuid,
    pub reference: &'a str,
    pub lead_reviewer: Option<Uuid>,
    pub scrutineer: Option<Uuid>,
    pub terms: &'a [TermsVersion],
    pub terms_agreed: bool,
    /// The lead reviewer has shared the merged chronology (the reports are read by then).
    pub chronology_shared: bool,
    /// A criminal process's officer in charge is still to be sent the terms and the date.
    pub officer_to_inform: bool,
    pub reports: Vec<ReportFacts<'a>>,
}

/// A report as the tasks see it.
#[derive(Debug, Clone)]
pub struct ReportFacts<'a> {
    pub agency_id: Uuid,
    pub agency_name: &'a str,
    pub status: ReportStatus,
    pub signed: bool,
    pub draft: &'a AgencyReportBody,
    pub due_on: NaiveDate,
}

/// The person's tasks in one open review: `user` with `roles`, writing or signing off for
/// `agency`, named `name` (their observations are recorded by name), on `today`.
pub fn tasks(
    r: &ReviewFacts<'_>,
    user: Uuid,
    name: &str,
    roles: &[Role],
    agency: Option<Uuid>,
    today: NaiveDate,
) -> Vec<ReviewTask> {
    let task = |kind, report: Option<&ReportFacts<'_>>| ReviewTask {
        kind,
        case_id: r.case_id,
        case_reference: r.reference.to_string(),
        agency_id: report.map(|x| x.agency_id),
        agency_name: report.map(|x| x.agency_name.to_string()),
        due_on: report.map(|x| x.due_on),
    };
    let mut out = Vec::new();
    let lead = r.lead_reviewer == Some(user) && roles.contains(&Role::Reviewer);
    if lead {
        out.push(task(TaskKind::LeadReview, None));
        for x in r.reports.iter().filter(|x| x.status == ReportStatus::Submitted && !r.chronology_shared) {
            out.push(task(TaskKind::ReadReport, Some(x)));
        }
    }
    for x in r.reports.iter().filter(|x| Some(x.agency_id) == agency && x.status.editable()) {
        if roles.contains(&Role::AgencyAuthor) {
            out.push(task(TaskKind::WriteReport, Some(x)));
        }
        if roles.contains(&Role::AgencyManager) && !x.signed && check_report(x.draft, today, true).is_empty() {
            out.push(task(TaskKind::SignOffReport, Some(x)));
        }
    }
    if r.officer_to_inform && roles.contains(&Role::BusinessOffice) {
        out.push(task(TaskKind::InformOfficer, None));
    }
    let observer =
        (r.scrutineer == Some(user) && roles.contains(&Role::Scrutineer)) || (roles.contains(&Role::Reviewer) && !lead);
    if observer && !r.terms_agreed {
        if let Some(latest) = r.terms.last() {
            if !latest.observations.iter().any(|o| o.by == name) {
                out.push(task(TaskKind::ObserveTerms, None));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cspr::report::tests::complete;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn each_person_sees_their_part() {
        let (lead, scrutineer, police) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(10));
        let body = complete();
        let empty = AgencyReportBody::default();
        let terms = vec![TermsVersion {
            version: 1,
            text: "t".into(),
            key_lines: vec!["k".into()],
            written_by: "Lead".into(),
            written_on: d("2026-11-01"),
            observations: vec![],
        }];
        let report = |status, draft| ReportFacts {
            agency_id: police,
            agency_name: "Police",
            status,
            signed: false,
            draft,
            due_on: d("2026-12-01"),
        };
        let r = ReviewFacts {
            case_id: Uuid::from_u128(99),
            reference: "2026-0001",
            lead_reviewer: Some(lead),
            scrutineer: Some(scrutineer),
            terms: &terms,
            terms_agreed: false,
            chronology_shared: false,
            officer_to_inform: true,
            reports: vec![report(ReportStatus::Draft, &body)],
        };
        let today = d("2026-11-20");
        let kinds = |user, roles: &[Role], agency| {
            tasks(&r, user, "Someone", roles, agency, today).into_iter().map(|t| t.kind).collect::<Vec<_>>()
        };
        assert_eq!(kinds(lead, &[Role::Reviewer], None), vec![TaskKind::LeadReview]);
        assert_eq!(kinds(Uuid::from_u128(3), &[Role::AgencyAuthor], Some(police)), vec![TaskKind::WriteReport]);
        assert_eq!(kinds(Uuid::from_u128(4), &[Role::AgencyManager], Some(police)), vec![TaskKind::SignOffReport]);
        assert_eq!(kinds(scrutineer, &[Role::Scrutineer], None), vec![TaskKind::ObserveTerms]);
        assert_eq!(kinds(Uuid::from_u128(6), &[Role::BusinessOffice], None), vec![TaskKind::InformOfficer]);
        assert_eq!(kinds(Uuid::from_u128(5), &[Role::Scrutineer], None), vec![], "not this review's scrutineer");
        let incomplete = ReviewFacts { reports: vec![report(ReportStatus::Draft, &empty)], ..r.clone() };
        let t = tasks(&incomplete, Uuid::from_u128(4), "M", &[Role::AgencyManager], Some(police), today);
        assert!(t.is_empty(), "nothing to sign off until the draft is complete");
        let submitted = ReviewFacts { reports: vec![report(ReportStatus::Submitted, &body)], ..r.clone() };
        let t = tasks(&submitted, lead, "Lead", &[Role::Reviewer], None, today);
        assert_eq!(t[1].kind, TaskKind::ReadReport);
        assert_eq!(t[1].agency_name.as_deref(), Some("Police"));
    }
}
