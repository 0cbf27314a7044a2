//! Who sees what of cases: the whole case (the office, strategic leads, reviewers, the
//! Independent Scrutineer), or only their own agency's requests (agency authors), or
//! nothing (referrers). The server reads through a [`CaseScope`]; the browser shows pages
//! by the same rules.
use super::stage::CaseStage;
use crate::calendar::ClockKind;
use crate::role::Role;
use uuid::Uuid;

/// The roles that read whole cases: the Rapid Review, every agency's answer, the decision.
pub const CASE_READERS: &[Role] = &[Role::Reviewer, Role::Scrutineer, Role::StrategicLead, Role::BusinessOffice];

/// The roles that answer information requests for their agency.
pub const REQUEST_ANSWERERS: &[Role] = &[Role::AgencyAuthor];

/// The roles that read an information request: its agency's authors and whole-case readers.
pub const REQUEST_READERS: &[Role] =
    &[Role::AgencyAuthor, Role::Reviewer, Role::Scrutineer, Role::StrategicLead, Role::BusinessOffice];

/// The roles that report serious incidents (open cases).
pub const INCIDENT_REPORTERS: &[Role] = &[Role::BusinessOffice];

fn any_of(roles: &[Role], of: &[Role]) -> bool {
    roles.iter().any(|r| of.contains(r))
}

/// Whether these roles read whole cases.
pub fn reads_cases(roles: &[Role]) -> bool {
    any_of(roles, CASE_READERS)
}

/// Whether these roles answer information requests for an agency.
pub fn answers_requests(roles: &[Role]) -> bool {
    any_of(roles, REQUEST_ANSWERERS)
}

/// Whether these roles meet cases only through their agency's requests (an author who reads
/// no whole case): their way into cases is their requests.
pub fn reads_only_requests(roles: &[Role]) -> bool {
    answers_requests(roles) && !reads_cases(roles)
}

/// Whether these roles report serious incidents (open cases).
pub fn reports_incidents(roles: &[Role]) -> bool {
    any_of(roles, INCIDENT_REPORTERS)
}

/// What one person may see of the partnership's cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseScope {
    /// Every case, whole.
    whole: bool,
    /// The agency the person answers for, if they are its author.
    agency: Option<Uuid>,
}

/// What a person may do with one information request they may see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestAccess {
    /// They write for the agency asked: they may save and submit its answer.
    pub answer: bool,
}

impl RequestAccess {
    /// Whether the agency's answer may be read: by the agency's own authors always, by
    /// every other reader only once it is submitted (a draft is the agency's own).
    pub fn sees_answer(&self, status: super::RequestStatus) -> bool {
        self.answer || status == super::RequestStatus::Submitted
    }
}

/// The dashboard's filters, as asked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DashboardQuery {
    pub stage: Option<CaseStage>,
    pub agency: Option<Uuid>,
    /// Only the clocks the person's roles act on (their home page).
    pub mine: bool,
}

/// Which open clocks to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClockFilter {
    pub stage: Option<CaseStage>,
    pub agency: Option<Uuid>,
    /// Only these kinds; every kind when `None`.
    pub kinds: Option<Vec<ClockKind>>,
}

impl CaseScope {
    /// Whether the person's agency is needed to know their scope (they are an author).
    pub fn needs_agency(roles: &[Role]) -> bool {
        answers_requests(roles)
    }

    /// The scope of a person with these roles, writing for `agency` if they are an author.
    pub fn of(roles: &[Role], agency: Option<Uuid>) -> CaseScope {
        CaseScope { whole: reads_cases(roles), agency: agency.filter(|_| answers_requests(roles)) }
    }

    /// Whether whole cases may be read.
    pub fn whole(&self) -> bool {
        self.whole
    }

    /// The agency whose requests the person answers.
    pub fn own_agency(&self) -> Option<Uuid> {
        self.agency
    }

    /// How the person may use a request to `agency`; `None` when they may not know of it.
    pub fn request(&self, agency: Uuid) -> Option<RequestAccess> {
        let own = self.agency == Some(agency);
        (own || self.whole).then_some(RequestAccess { answer: own })
    }

    /// The open clocks the person may list for this query; `None` when none can match.
    /// Whole-case readers filter as they ask; an author sees only their agency's
    /// information clocks.
    pub fn clocks(&self, q: &DashboardQuery, roles: &[Role]) -> Option<ClockFilter> {
        let mut filter = ClockFilter { stage: q.stage, agency: q.agency, kinds: None };
        if !self.whole {
            let own = self.agency?;
            if q.agency.is_some_and(|a| a != own) {
                return None;
            }
            filter.agency = Some(own);
            filter.kinds = Some(vec![ClockKind::AgencyInformation, ClockKind::AgencyReport]);
        }
        if q.mine {
            let mine = clock_kinds_acted_on(roles);
            filter.kinds = Some(match filter.kinds.take() {
                Some(kinds) => kinds.into_iter().filter(|k| mine.contains(k)).collect(),
                None => mine,
            });
        }
        if filter.kinds.as_ref().is_some_and(|k| k.len() == ClockKind::ALL.len()) {
            filter.kinds = None;
        }
        Some(filter)
    }
}

/// The clocks a person's roles act on (their home page shows these): the office sends the
/// notification and report and chases agencies; authors answer their agency's request;
/// strategic leads decide before the report is due.
pub fn clock_kinds_acted_on(roles: &[Role]) -> Vec<ClockKind> {
    let office = roles.contains(&Role::BusinessOffice);
    ClockKind::ALL
        .into_iter()
        .filter(|k| match k {
            ClockKind::NotificationToPanel | ClockKind::CsprCompletion => office,
            ClockKind::AgencyInformation | ClockKind::AgencyReport => office || roles.contains(&Role::AgencyAuthor),
            ClockKind::RapidReviewReport | ClockKind::ReferralDecision => {
                office || roles.contains(&Role::StrategicLead)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICE: Uuid = Uuid::from_u128(1);
    const HEALTH: Uuid = Uuid::from_u128(2);

    #[test]
    fn readers_see_whole_cases_and_authors_their_agency() {
        assert!(
            reads_cases(&[Role::Scrutineer]) && reads_cases(&[Role::StrategicLead]) && reads_cases(&[Role::Reviewer])
        );
        assert!(!reads_cases(&[Role::AgencyAuthor]) && !reads_cases(&[Role::Referrer]));
        let office = CaseScope::of(&[Role::BusinessOffice], Some(POLICE));
        assert_eq!(office.request(HEALTH), Some(RequestAccess { answer: false }));
        // A draft is the agency's own until it is submitted.
        use crate::case::RequestStatus;
        let (other, own) = (RequestAccess { answer: false }, RequestAccess { answer: true });
        assert!(!other.sees_answer(RequestStatus::Draft) && other.sees_answer(RequestStatus::Submitted));
        assert!(own.sees_answer(RequestStatus::Draft));
        assert_eq!(office.own_agency(), None, "not an author: no agency of their own");
        let author = CaseScope::of(&[Role::AgencyAuthor], Some(POLICE));
        assert_eq!(author.request(POLICE), Some(RequestAccess { answer: true }));
        assert_eq!(author.request(HEALTH), None);
        assert_eq!(CaseScope::of(&[Role::AgencyAuthor], None).request(POLICE), None);
        assert_eq!(CaseScope::of(&[Role::Referrer], None).request(POLICE), None);
        assert!(CaseScope::needs_agency(&[Role::AgencyAuthor]) && !CaseScope::needs_agency(&[Role::Scrutineer]));
    }

    #[test]
    fn the_dashboard_shows_each_person_what_they_may_see() {
        let q = DashboardQuery::default();
        let office = CaseScope::of(&[Role::BusinessOffice], None);
        assert_eq!(office.clocks(&q, &[Role::BusinessOffice]), Some(ClockFilter::default()));
        let mine = DashboardQuery { mine: true, ..q.clone() };
        assert_eq!(
            office.clocks(&mine, &[Role::BusinessOffice]),
            Some(ClockFilter::default()),
            "every kind: no filter"
        );
        let lead = CaseScope::of(&[Role::StrategicLead], None);
        assert_eq!(
            lead.clocks(&mine, &[Role::StrategicLead]).unwrap().kinds,
            Some(vec![ClockKind::RapidReviewReport, ClockKind::ReferralDecision])
        );
        let author = CaseScope::of(&[Role::AgencyAuthor], Some(POLICE));
        let own = author.clocks(&q, &[Role::AgencyAuthor]).unwrap();
        assert_eq!(
            (own.agency, own.kinds),
            (Some(POLICE), Some(vec![ClockKind::AgencyInformation, ClockKind::AgencyReport]))
        );
        let other = DashboardQuery { agency: Some(HEALTH), ..q.clone() };
        assert_eq!(author.clocks(&other, &[Role::AgencyAuthor]), None);
        assert_eq!(CaseScope::of(&[Role::AgencyAuthor], None).clocks(&q, &[Role::AgencyAuthor]), None);
        let staged = DashboardQuery { stage: Some(CaseStage::LocalCspr), agency: Some(HEALTH), mine: false };
        let f = office.clocks(&staged, &[Role::BusinessOffice]).unwrap();
        assert_eq!((f.stage, f.agency), (Some(CaseStage::LocalCspr), Some(HEALTH)));
    }

    #[test]
    fn request_readers_are_the_answerers_and_the_case_readers() {
        for role in Role::ALL {
            let expected = REQUEST_ANSWERERS.contains(&role) || CASE_READERS.contains(&role);
            assert_eq!(REQUEST_READERS.contains(&role), expected, "{role}");
        }
        assert!(
            reads_only_requests(&[Role::AgencyAuthor]) && !reads_only_requests(&[Role::AgencyAuthor, Role::Reviewer])
        );
    }

    #[test]
    fn each_role_acts_on_its_clocks() {
        assert_eq!(
            clock_kinds_acted_on(&[Role::AgencyAuthor]),
            vec![ClockKind::AgencyInformation, ClockKind::AgencyReport]
        );
        assert_eq!(clock_kinds_acted_on(&[Role::BusinessOffice]).len(), ClockKind::ALL.len());
        assert!(clock_kinds_acted_on(&[Role::Referrer]).is_empty());
        assert!(clock_kinds_acted_on(&[Role::Scrutineer]).is_empty());
    }
}
