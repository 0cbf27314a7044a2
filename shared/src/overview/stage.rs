//! The steps of the overview report, who may take each and when. The server enforces them;
//! the browser offers only the steps a person may take.
use super::signoff::ChainStep;
use crate::cspr::CsprActor;
use crate::role::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::wire::wire_enum! {
    pub enum OverviewAction ["snake_case"] {
        /// Save a new version (the lead reviewer).
        SaveDraft,
        /// Open a thread on words of the text, or reply to one.
        Comment,
        /// Waive an anonymisation hit with a reason (the lead reviewer).
        Waive,
        /// Record a link of the sign-off chain.
        SignOff,
        /// Record the signed-off version sent to the National Panel (the office).
        SubmitToPanel,
        /// Record the Panel's acknowledgement or feedback (the office).
        RecordPanelResponse,
        /// Keep the publication plan (the office).
        PlanPublication,
    }
}

/// Who reads the overview report: the whole-case readers, and the senior managers of the
/// agencies writing for the review (the review group's members).
pub const OVERVIEW_READERS: &[Role] =
    &[Role::Reviewer, Role::Scrutineer, Role::StrategicLead, Role::BusinessOffice, Role::AgencyManager];

/// Who signs off: the lead reviewer or the office for the review group, the office for the
/// sub group, a strategic lead for their agency.
pub const CHAIN_SIGNERS: &[Role] = &[Role::Reviewer, Role::BusinessOffice, Role::StrategicLead];

impl OverviewAction {
    /// The roles that take this step. Where the reviewer role is named for a step other than
    /// commenting, only the case's lead reviewer takes it.
    pub fn roles(self) -> &'static [Role] {
        use OverviewAction as A;
        match self {
            A::SaveDraft | A::Waive => &[Role::Reviewer],
            A::Comment => &[Role::Scrutineer, Role::Reviewer, Role::StrategicLead, Role::AgencyManager],
            A::SignOff => CHAIN_SIGNERS,
            A::SubmitToPanel | A::RecordPanelResponse | A::PlanPublication => &[Role::BusinessOffice],
        }
    }

    pub fn label(self) -> &'static str {
        use OverviewAction as A;
        match self {
            A::SaveDraft => "Save a new version",
            A::Comment => "Comment on the text",
            A::Waive => "Waive an anonymisation hit",
            A::SignOff => "Record a sign-off",
            A::SubmitToPanel => "Record the report sent to the National Panel",
            A::RecordPanelResponse => "Record the Panel's response",
            A::PlanPublication => "Keep the publication plan",
        }
    }
}

impl ChainStep {
    /// Who records this link.
    pub fn roles(self) -> &'static [Role] {
        match self {
            ChainStep::ReviewGroup => &[Role::Reviewer, Role::BusinessOffice],
            ChainStep::SubGroup => &[Role::BusinessOffice],
            ChainStep::StrategicLead => &[Role::StrategicLead],
        }
    }
}

/// Whether `actor` may record `step` (a reviewer only as the lead reviewer).
pub fn signs(actor: &CsprActor, step: ChainStep) -> bool {
    step.roles().iter().any(|r| actor.roles.contains(r) && (*r != Role::Reviewer || actor.lead))
}

/// What the report has so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewFacts {
    /// The case is a local CSPR.
    pub local_cspr: bool,
    pub commissioned: bool,
    /// Versions saved.
    pub versions: u32,
    /// The latest version's chain is complete.
    pub signed_off: bool,
    pub submitted: bool,
    pub published: bool,
}

/// Why a step was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverviewMoveError {
    NotPermitted,
    NotLead,
    Needs(&'static str),
    Already(&'static str),
}

impl std::fmt::Display for OverviewMoveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OverviewMoveError::NotPermitted => f.write_str("your roles do not allow this step"),
            OverviewMoveError::NotLead => f.write_str("only the review's lead reviewer takes this step"),
            OverviewMoveError::Needs(s) | OverviewMoveError::Already(s) => f.write_str(s),
        }
    }
}

/// Whether `actor` may take `action` now.
pub fn next_overview_step(
    facts: OverviewFacts,
    action: OverviewAction,
    actor: &CsprActor,
) -> Result<(), OverviewMoveError> {
    use OverviewAction as A;
    use OverviewMoveError as E;
    let allowed: Vec<Role> = actor.roles.iter().copied().filter(|r| action.roles().contains(r)).collect();
    if allowed.is_empty() {
        return Err(E::NotPermitted);
    }
    if action != A::Comment && !actor.lead && allowed.iter().all(|r| *r == Role::Reviewer) {
        return Err(E::NotLead);
    }
    let needs = |ok: bool, why: &'static str| if ok { Ok(()) } else { Err(E::Needs(why)) };
    needs(facts.local_cspr, "the case is not a local CSPR")?;
    needs(facts.commissioned, "the review must be commissioned first")?;
    let drafting = || {
        if facts.submitted {
            Err(E::Already("the report has gone to the National Panel"))
        } else {
            Ok(())
        }
    };
    match action {
        A::SaveDraft => drafting(),
        A::Comment | A::Waive | A::SignOff => {
            drafting()?;
            needs(facts.versions > 0, "the report has no version yet")
        }
        A::SubmitToPanel => {
            drafting()?;
            needs(facts.signed_off, "the latest version must be signed off in full first")
        }
        A::RecordPanelResponse => needs(facts.submitted, "the report must go to the National Panel first"),
        // after publication, the de-briefs are still recorded (the handler allows nothing else)
        A::PlanPublication => needs(facts.submitted, "the report must go to the National Panel first"),
    }
}

/// The steps this person may take now.
pub fn overview_actions(facts: OverviewFacts, actor: &CsprActor) -> Vec<OverviewAction> {
    OverviewAction::ALL.into_iter().filter(|a| next_overview_step(facts, *a, actor).is_ok()).collect()
}

/// Whether `actor` reads the overview report of a review whose reports come from `agencies`.
pub fn reads_overview(actor: &CsprActor, agencies: &[Uuid]) -> bool {
    actor.whole() || (actor.roles.contains(&Role::AgencyManager) && actor.agency.is_some_and(|a| agencies.contains(&a)))
}

/// Whether `actor` may resolve or reopen a thread opened by `opened_by`: the lead reviewer
/// and the person who opened it.
pub fn resolves(actor: &CsprActor, opened_by: Uuid, actor_id: Uuid) -> bool {
    (actor.lead && actor.roles.contains(&Role::Reviewer)) || opened_by == actor_id
}

/// The role a comment is recorded under: the lead reviewer's, the scrutineer's, then a
/// member's.
pub fn commenting_role(actor: &CsprActor) -> Role {
    if actor.lead && actor.roles.contains(&Role::Reviewer) {
        return Role::Reviewer;
    }
    [Role::Scrutineer, Role::StrategicLead, Role::AgencyManager, Role::Reviewer]
        .into_iter()
        .find(|r| actor.roles.contains(r))
        .unwrap_or(Role::Reviewer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(roles: &[Role], lead: bool) -> CsprActor {
        CsprActor { roles: roles.to_vec(), agency: None, lead }
    }

    fn drafted() -> OverviewFacts {
        OverviewFacts { local_cspr: true, commissioned: true, versions: 1, ..OverviewFacts::default() }
    }

    #[test]
    fn the_lead_writes_the_scrutineer_and_members_comment() {
        let lead = actor(&[Role::Reviewer], true);
        assert_eq!(
            overview_actions(drafted(), &lead),
            vec![OverviewAction::SaveDraft, OverviewAction::Comment, OverviewAction::Waive, OverviewAction::SignOff]
        );
        let other = actor(&[Role::Reviewer], false);
        assert_eq!(overview_actions(drafted(), &other), vec![OverviewAction::Comment]);
        let scrutineer = actor(&[Role::Scrutineer], false);
        assert_eq!(overview_actions(drafted(), &scrutineer), vec![OverviewAction::Comment]);
        assert_eq!(
            next_overview_step(drafted(), OverviewAction::SaveDraft, &scrutineer),
            Err(OverviewMoveError::NotPermitted)
        );
        let none = OverviewFacts { versions: 0, ..drafted() };
        assert!(next_overview_step(none, OverviewAction::Comment, &scrutineer).is_err());
        assert!(signs(&lead, ChainStep::ReviewGroup) && !signs(&other, ChainStep::ReviewGroup));
        assert!(signs(&actor(&[Role::BusinessOffice], false), ChainStep::SubGroup));
        assert_eq!(commenting_role(&actor(&[Role::Reviewer, Role::Scrutineer], false)), Role::Scrutineer);
    }

    #[test]
    fn after_sign_off_the_office_sends_and_plans() {
        let office = actor(&[Role::BusinessOffice], false);
        assert!(next_overview_step(drafted(), OverviewAction::SubmitToPanel, &office).is_err());
        let signed = OverviewFacts { signed_off: true, ..drafted() };
        assert_eq!(overview_actions(signed, &office), vec![OverviewAction::SignOff, OverviewAction::SubmitToPanel]);
        let sent = OverviewFacts { submitted: true, ..signed };
        assert_eq!(
            overview_actions(sent, &office),
            vec![OverviewAction::RecordPanelResponse, OverviewAction::PlanPublication]
        );
        let lead = actor(&[Role::Reviewer], true);
        assert!(overview_actions(sent, &lead).is_empty(), "no edits once sent");
    }

    #[test]
    fn a_groups_manager_reads_an_author_does_not() {
        let a = Uuid::from_u128(1);
        let manager = CsprActor { roles: vec![Role::AgencyManager], agency: Some(a), lead: false };
        assert!(reads_overview(&manager, &[a]) && !reads_overview(&manager, &[]));
        let author = CsprActor { roles: vec![Role::AgencyAuthor], agency: Some(a), lead: false };
        assert!(!reads_overview(&author, &[a]));
        assert!(resolves(&actor(&[Role::Scrutineer], false), a, a));
        assert!(!resolves(&actor(&[Role::Scrutineer], false), a, Uuid::nil()));
    }
}
