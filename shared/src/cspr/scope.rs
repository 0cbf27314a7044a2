//! Who sees what of a local CSPR. Whole-case readers (the office, strategic leads,
//! reviewers, the Independent Scrutineer) read the whole review, and every agency's
//! submitted report; an agency's authors and senior managers read the review's terms and
//! their own agency's report (its draft too), and the merged chronology only once the lead
//! reviewer has shared it with the review group (until then, their own agency's entries).
use super::report::ReportRole;
use crate::case::reads_cases;
use crate::role::Role;
use uuid::Uuid;

/// The roles that may open a CSPR (their scope decides what they see).
pub const CSPR_READERS: &[Role] = &[
    Role::Reviewer,
    Role::Scrutineer,
    Role::StrategicLead,
    Role::BusinessOffice,
    Role::AgencyAuthor,
    Role::AgencyManager,
];

/// The roles that write or sign off an agency's report.
pub const REPORT_WRITERS: &[Role] = &[Role::AgencyAuthor];
pub const REPORT_SIGNERS: &[Role] = &[Role::AgencyManager];

/// A person, as a CSPR sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsprActor {
    pub roles: Vec<Role>,
    /// The agency they write or sign off for, if any.
    pub agency: Option<Uuid>,
    /// They are the case's lead reviewer.
    pub lead: bool,
}

/// What a person may do with one agency's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportAccess {
    pub role: ReportRole,
    /// The draft is theirs to read (their own agency's).
    pub own: bool,
}

impl CsprActor {
    /// Whether they read the whole review.
    pub fn whole(&self) -> bool {
        reads_cases(&self.roles)
    }

    fn own(&self, agency: Uuid) -> (bool, bool) {
        let mine = self.agency == Some(agency);
        (mine && self.roles.contains(&Role::AgencyAuthor), mine && self.roles.contains(&Role::AgencyManager))
    }

    /// How they may use the report of `agency`; `None` when they may not know of it.
    pub fn report(&self, agency: Uuid) -> Option<ReportAccess> {
        let (author, manager) = self.own(agency);
        let role = ReportRole {
            author,
            manager,
            lead: self.lead && self.roles.contains(&Role::Reviewer),
            office: self.roles.contains(&Role::BusinessOffice),
        };
        (author || manager || self.whole()).then_some(ReportAccess { role, own: author || manager })
    }

    /// Whether they may open the review at all: whole readers, and an agency's people when
    /// their agency writes a report for it (`agencies`).
    pub fn opens(&self, agencies: &[Uuid]) -> bool {
        self.whole() || agencies.iter().any(|a| self.report(*a).is_some())
    }

    /// The agency whose entries alone they see in the merged chronology (`None`: every
    /// agency's): an agency's people see their own until it is shared.
    pub fn chronology_agency(&self, shared: bool) -> Option<Uuid> {
        if self.whole() || shared {
            None
        } else {
            self.agency
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICE: Uuid = Uuid::from_u128(1);
    const HEALTH: Uuid = Uuid::from_u128(2);

    #[test]
    fn an_agency_sees_its_own_report_and_readers_see_every_one() {
        let author = CsprActor { roles: vec![Role::AgencyAuthor], agency: Some(POLICE), lead: false };
        assert!(author.report(POLICE).unwrap().role.author && author.report(POLICE).unwrap().own);
        assert_eq!(author.report(HEALTH), None);
        assert!(author.opens(&[POLICE, HEALTH]) && !author.opens(&[HEALTH]));
        assert_eq!(author.chronology_agency(false), Some(POLICE));
        assert_eq!(author.chronology_agency(true), None);
        let manager = CsprActor { roles: vec![Role::AgencyManager], agency: Some(POLICE), lead: false };
        let m = manager.report(POLICE).unwrap();
        assert!(m.role.manager && !m.role.author);
        let scrutineer = CsprActor { roles: vec![Role::Scrutineer], agency: None, lead: false };
        let s = scrutineer.report(HEALTH).unwrap();
        assert!(!s.own && s.role == ReportRole::default(), "reads, edits nothing");
        assert_eq!(scrutineer.chronology_agency(false), None);
        let lead = CsprActor { roles: vec![Role::Reviewer], agency: None, lead: true };
        assert!(lead.report(HEALTH).unwrap().role.lead);
        let referrer = CsprActor { roles: vec![Role::Referrer], agency: Some(POLICE), lead: false };
        assert!(!referrer.opens(&[POLICE]));
    }
}
