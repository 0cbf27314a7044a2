//! The steps of a local CSPR up to the practitioner event, who may take each and when. The
//! server enforces them; the browser offers only the steps a person may take.
use crate::role::Role;
use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    pub enum CsprAction ["snake_case"] {
        /// Appoint the lead reviewer and assign the Independent Scrutineer.
        Commission,
        /// Record the notice to the National Panel, Ofsted and the DfE (queued to them).
        SendNotice,
        SetReviewGroup,
        /// Write a new version of the terms of reference (the lead reviewer).
        DraftTerms,
        /// Observe on a version (the scrutineer and the group's members).
        ObserveTerms,
        /// Record the review group's agreement of a version.
        AgreeTerms,
        RecordBriefing,
        AssignAuthor,
        /// Share the merged chronology with the review group (the lead reviewer).
        ShareChronology,
        RecordEvent,
        RecordFamily,
        /// Add or update a parallel process.
        RecordProcess,
    }
}

impl CsprAction {
    /// The roles that take this step. Where the reviewer role is named, only the case's lead
    /// reviewer takes it (except observing, which every member may).
    pub fn roles(self) -> &'static [Role] {
        use CsprAction as A;
        match self {
            A::Commission
            | A::SendNotice
            | A::SetReviewGroup
            | A::RecordBriefing
            | A::AssignAuthor
            | A::RecordProcess => &[Role::BusinessOffice],
            A::DraftTerms | A::ShareChronology => &[Role::Reviewer],
            A::ObserveTerms => &[Role::Scrutineer, Role::Reviewer, Role::StrategicLead],
            A::AgreeTerms | A::RecordEvent | A::RecordFamily => &[Role::Reviewer, Role::BusinessOffice],
        }
    }

    /// Whether a reviewer takes it only as the case's lead reviewer.
    fn lead_only(self) -> bool {
        self != CsprAction::ObserveTerms
    }

    pub fn label(self) -> &'static str {
        use CsprAction as A;
        match self {
            A::Commission => "Commission the review",
            A::SendNotice => "Record the commissioning notice",
            A::SetReviewGroup => "Set the review group",
            A::DraftTerms => "Write the terms of reference",
            A::ObserveTerms => "Observe on the terms of reference",
            A::AgreeTerms => "Record the agreement of the terms",
            A::RecordBriefing => "Record the author briefing",
            A::AssignAuthor => "Assign an agency's author",
            A::ShareChronology => "Share the merged chronology with the review group",
            A::RecordEvent => "Record the practitioner event",
            A::RecordFamily => "Record the family's part",
            A::RecordProcess => "Add a parallel process",
        }
    }
}

/// The role an observation on the terms is recorded under: the scrutineer's first, then a
/// member's.
pub fn observing_role(roles: &[Role]) -> Role {
    CsprAction::ObserveTerms.roles().iter().copied().find(|r| roles.contains(r)).unwrap_or(Role::Reviewer)
}

/// What the CSPR has so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CsprFacts {
    /// The case is a local CSPR whose final report has not gone to the National Panel.
    pub open: bool,
    /// The case is a local CSPR (open or not).
    pub local_cspr: bool,
    pub commissioned: bool,
    pub notice_sent: bool,
    pub group_set: bool,
    pub terms_versions: u32,
    pub terms_agreed: bool,
    pub chronology_shared: bool,
}

/// Why a step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsprMoveError {
    /// The person's roles do not take this step.
    NotPermitted,
    /// Only the case's lead reviewer takes it.
    NotLead,
    /// The case is not an open local CSPR.
    NotOpen,
    /// Something must come first.
    Needs(&'static str),
    /// It is done already.
    Already(&'static str),
}

impl std::fmt::Display for CsprMoveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CsprMoveError::NotPermitted => f.write_str("your roles do not allow this step"),
            CsprMoveError::NotLead => f.write_str("only the review's lead reviewer takes this step"),
            CsprMoveError::NotOpen => f.write_str("the case is not an open local CSPR"),
            CsprMoveError::Needs(s) | CsprMoveError::Already(s) => f.write_str(s),
        }
    }
}

/// Whether `roles` (with `lead` when the person is the case's lead reviewer) may take
/// `action` now.
pub fn next_cspr_step(facts: CsprFacts, action: CsprAction, roles: &[Role], lead: bool) -> Result<(), CsprMoveError> {
    use CsprAction as A;
    use CsprMoveError as E;
    let allowed: Vec<Role> = roles.iter().copied().filter(|r| action.roles().contains(r)).collect();
    if allowed.is_empty() {
        return Err(E::NotPermitted);
    }
    let open = if action == A::RecordProcess { facts.local_cspr } else { facts.open };
    if !open {
        return Err(E::NotOpen);
    }
    if action.lead_only() && !lead && allowed.iter().all(|r| *r == Role::Reviewer) {
        return Err(E::NotLead);
    }
    let needs = |ok: bool, why: &'static str| if ok { Ok(()) } else { Err(E::Needs(why)) };
    let commissioned = || needs(facts.commissioned, "the review must be commissioned first");
    let agreed = || needs(facts.terms_agreed, "the terms of reference must be agreed first");
    match action {
        A::Commission | A::RecordProcess => Ok(()),
        A::SendNotice if facts.notice_sent => Err(E::Already("the commissioning notice is recorded already")),
        A::SendNotice | A::SetReviewGroup | A::RecordFamily => commissioned(),
        A::DraftTerms | A::ObserveTerms | A::AgreeTerms if facts.terms_agreed => {
            Err(E::Already("the terms of reference are agreed"))
        }
        A::DraftTerms => commissioned(),
        A::ObserveTerms => needs(facts.terms_versions > 0, "the terms of reference have no version yet"),
        A::AgreeTerms => {
            needs(facts.group_set, "the review group must be set first")?;
            needs(facts.terms_versions > 0, "the terms of reference have no version yet")
        }
        A::RecordBriefing | A::AssignAuthor | A::RecordEvent => agreed(),
        A::ShareChronology if facts.chronology_shared => Err(E::Already("the merged chronology is shared already")),
        A::ShareChronology => commissioned(),
    }
}

/// The steps this person may take now; the browser shows only these.
pub fn cspr_actions(facts: CsprFacts, roles: &[Role], lead: bool) -> Vec<CsprAction> {
    CsprAction::ALL.into_iter().filter(|a| next_cspr_step(facts, *a, roles, lead).is_ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICE: &[Role] = &[Role::BusinessOffice];
    const REVIEWER: &[Role] = &[Role::Reviewer];

    fn open() -> CsprFacts {
        CsprFacts { open: true, local_cspr: true, ..CsprFacts::default() }
    }

    #[test]
    fn the_steps_come_in_order() {
        let f = open();
        assert_eq!(cspr_actions(f, OFFICE, false), vec![CsprAction::Commission, CsprAction::RecordProcess]);
        let f = CsprFacts { commissioned: true, ..f };
        assert_eq!(
            cspr_actions(f, REVIEWER, true),
            vec![CsprAction::DraftTerms, CsprAction::ShareChronology, CsprAction::RecordFamily]
        );
        assert_eq!(
            next_cspr_step(f, CsprAction::AgreeTerms, OFFICE, false),
            Err(CsprMoveError::Needs("the review group must be set first"))
        );
        let f = CsprFacts { group_set: true, terms_versions: 1, ..f };
        assert!(next_cspr_step(f, CsprAction::AgreeTerms, OFFICE, false).is_ok());
        assert!(next_cspr_step(f, CsprAction::AssignAuthor, OFFICE, false).is_err());
        let f = CsprFacts { terms_agreed: true, ..f };
        assert!(next_cspr_step(f, CsprAction::AssignAuthor, OFFICE, false).is_ok());
        assert!(matches!(next_cspr_step(f, CsprAction::DraftTerms, REVIEWER, true), Err(CsprMoveError::Already(_))));
    }

    #[test]
    fn a_reviewer_who_does_not_lead_only_observes_and_the_scrutineer_edits_nothing() {
        let f = CsprFacts { commissioned: true, terms_versions: 1, group_set: true, ..open() };
        assert_eq!(cspr_actions(f, REVIEWER, false), vec![CsprAction::ObserveTerms]);
        assert_eq!(next_cspr_step(f, CsprAction::DraftTerms, REVIEWER, false), Err(CsprMoveError::NotLead));
        assert_eq!(cspr_actions(f, &[Role::Scrutineer], false), vec![CsprAction::ObserveTerms]);
        assert_eq!(
            next_cspr_step(f, CsprAction::AgreeTerms, &[Role::Scrutineer], false),
            Err(CsprMoveError::NotPermitted)
        );
    }

    #[test]
    fn an_observation_is_the_scrutineers_before_a_members() {
        assert_eq!(observing_role(&[Role::Reviewer, Role::Scrutineer]), Role::Scrutineer);
        assert_eq!(observing_role(&[Role::StrategicLead]), Role::StrategicLead);
    }

    #[test]
    fn nothing_but_processes_once_the_review_is_closed() {
        let closed = CsprFacts { open: false, local_cspr: true, commissioned: true, ..CsprFacts::default() };
        assert_eq!(cspr_actions(closed, OFFICE, false), vec![CsprAction::RecordProcess]);
        let not = CsprFacts::default();
        assert_eq!(next_cspr_step(not, CsprAction::Commission, OFFICE, false), Err(CsprMoveError::NotOpen));
    }
}
