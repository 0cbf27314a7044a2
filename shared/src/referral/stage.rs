//! The referral stage machine: which moves exist, and who may make them.
//!
//! ```text
//! Draft ──send_for_sign_off──► AwaitingSignOff ──sign_off──► Submitted ──recommend──► Recommended ──decide──► Decided
//!   ▲                             │  (the chosen manager)        │ (the business office)
//!   │   ReturnedByManager ◄───────┘ return_by_manager            │
//!   │   Returned ◄───────────────────────────────────────────────┘ return (office)
//!   └── the referrer edits either and sends it for sign-off again
//! ```
//!
//! The referrer sends the complete referral to one manager of their own agency (an
//! [`Role::AgencyManager`]); only that manager may sign it off or return it. Their
//! sign-off is the referral's "date submitted to the Business Office".
use crate::Role;

crate::wire::wire_enum! {
    pub enum ReferralStage ["snake_case"] {
        Draft,
        /// Sent to a manager of the referrer's agency, who has not yet signed it off.
        AwaitingSignOff,
        /// The manager returned it to the referrer with a reason.
        ReturnedByManager,
        Submitted,
        Returned,
        Recommended,
        Decided,
    }
}

impl ReferralStage {
    pub fn label(self) -> &'static str {
        match self {
            ReferralStage::Draft => "Draft",
            ReferralStage::AwaitingSignOff => "Awaiting sign-off",
            ReferralStage::ReturnedByManager => "Returned by the manager",
            ReferralStage::Submitted => "Submitted",
            ReferralStage::Returned => "Returned for completion",
            ReferralStage::Recommended => "Recommendation made",
            ReferralStage::Decided => "Decided",
        }
    }

    /// The referrer may still change the form.
    pub fn editable(self) -> bool {
        matches!(self, ReferralStage::Draft | ReferralStage::Returned | ReferralStage::ReturnedByManager)
    }

    /// The referral has reached the business office (signed off by the manager): the
    /// office, strategic leads and reviewers see it from then on.
    pub fn at_office(self) -> bool {
        matches!(
            self,
            ReferralStage::Submitted | ReferralStage::Returned | ReferralStage::Recommended | ReferralStage::Decided
        )
    }
}

crate::wire::wire_enum! {
    pub enum ReferralAction ["snake_case"] {
        Edit,
        SendForSignOff,
        SignOff,
        ReturnByManager,
        Return,
        Recommend,
        Decide,
    }
}

/// Why a move was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageError {
    /// The move does not exist from this stage.
    NotFromStage { stage: ReferralStage, action: ReferralAction },
    /// The person's roles (or not being the referrer) do not allow it.
    NotPermitted { action: ReferralAction },
}

impl std::fmt::Display for StageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StageError::NotFromStage { stage, action } => {
                write!(
                    f,
                    "a referral that is {} cannot be given the action `{}`",
                    stage.label().to_lowercase(),
                    action.as_str()
                )
            }
            StageError::NotPermitted { action } => {
                write!(f, "your roles do not allow the action `{}` on this referral", action.as_str())
            }
        }
    }
}

/// Who is acting: their roles in this tenant, whether they filed the referral, and whether
/// they are the manager it was sent to for sign-off.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub roles: &'a [Role],
    pub is_referrer: bool,
    pub is_manager: bool,
}

/// Who signs referrals off for their agency.
pub const SIGNS_OFF_REFERRALS: &[Role] = &[Role::AgencyManager];

/// Whether a member (their roles and agency) may sign off a referral of someone of
/// `referrer_agency`: a manager of the same agency, and not the referrer themselves.
pub fn may_sign_off_for(
    roles: &[Role],
    agency: Option<&str>,
    referrer_agency: Option<&str>,
    is_referrer: bool,
) -> bool {
    !is_referrer
        && agency.is_some()
        && agency == referrer_agency
        && roles.iter().any(|r| SIGNS_OFF_REFERRALS.contains(r))
}

impl ReferralAction {
    /// The roles that take this action (the referrer only on their own referral).
    pub fn roles(self) -> &'static [Role] {
        match self {
            ReferralAction::Edit | ReferralAction::SendForSignOff => &[Role::Referrer],
            ReferralAction::SignOff | ReferralAction::ReturnByManager => SIGNS_OFF_REFERRALS,
            ReferralAction::Return | ReferralAction::Recommend => &[Role::BusinessOffice],
            ReferralAction::Decide => &[Role::StrategicLead],
        }
    }
}

fn permitted(action: ReferralAction, actor: Actor<'_>) -> bool {
    let own = match action {
        ReferralAction::Edit | ReferralAction::SendForSignOff => actor.is_referrer,
        ReferralAction::SignOff | ReferralAction::ReturnByManager => actor.is_manager,
        _ => true,
    };
    own && actor.roles.iter().any(|r| action.roles().contains(r))
}

/// The stage a move leads to, or why it is refused.
pub fn next_stage(stage: ReferralStage, action: ReferralAction, actor: Actor<'_>) -> Result<ReferralStage, StageError> {
    use ReferralAction as A;
    use ReferralStage as S;
    // Who may, before anything about the stage: a refusal never tells the stage.
    if !permitted(action, actor) {
        return Err(StageError::NotPermitted { action });
    }
    let to = match (stage, action) {
        (S::Draft | S::Returned | S::ReturnedByManager, A::Edit) => stage,
        (S::Draft | S::Returned | S::ReturnedByManager, A::SendForSignOff) => S::AwaitingSignOff,
        (S::AwaitingSignOff, A::SignOff) => S::Submitted,
        (S::AwaitingSignOff, A::ReturnByManager) => S::ReturnedByManager,
        (S::Submitted, A::Return) => S::Returned,
        (S::Submitted, A::Recommend) => S::Recommended,
        (S::Recommended, A::Decide) => S::Decided,
        _ => return Err(StageError::NotFromStage { stage, action }),
    };
    Ok(to)
}

/// The moves this person may make now: the client shows only these.
pub fn allowed_actions(stage: ReferralStage, actor: Actor<'_>) -> Vec<ReferralAction> {
    ReferralAction::ALL.into_iter().filter(|a| next_stage(stage, *a, actor).is_ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReferralAction as A;
    use ReferralStage as S;

    const fn as_(roles: &'static [Role]) -> Actor<'static> {
        Actor { roles, is_referrer: false, is_manager: false }
    }
    const REFERRER: Actor<'static> = Actor { roles: &[Role::Referrer], is_referrer: true, is_manager: false };
    const OTHER_REFERRER: Actor<'static> = as_(&[Role::Referrer]);
    const MANAGER: Actor<'static> = Actor { roles: &[Role::AgencyManager], is_referrer: false, is_manager: true };
    const OTHER_MANAGER: Actor<'static> = as_(&[Role::AgencyManager]);
    const OFFICE: Actor<'static> = as_(&[Role::BusinessOffice]);
    const LEAD: Actor<'static> = as_(&[Role::StrategicLead]);
    const SCRUTINEER: Actor<'static> = as_(&[Role::Scrutineer]);

    #[test]
    fn the_happy_path() {
        let s = next_stage(S::Draft, A::SendForSignOff, REFERRER).unwrap();
        assert_eq!(s, S::AwaitingSignOff);
        let s = next_stage(s, A::SignOff, MANAGER).unwrap();
        assert_eq!(s, S::Submitted);
        let s = next_stage(s, A::Recommend, OFFICE).unwrap();
        assert_eq!(s, S::Recommended);
        assert_eq!(next_stage(s, A::Decide, LEAD).unwrap(), S::Decided);
    }

    #[test]
    fn returned_referrals_go_back_to_the_referrer() {
        assert_eq!(next_stage(S::Submitted, A::Return, OFFICE).unwrap(), S::Returned);
        assert_eq!(next_stage(S::Returned, A::Edit, REFERRER).unwrap(), S::Returned);
        assert_eq!(next_stage(S::Returned, A::SendForSignOff, REFERRER).unwrap(), S::AwaitingSignOff);
    }

    #[test]
    fn the_chosen_manager_signs_off_or_returns_and_the_referrer_sends_again() {
        assert_eq!(next_stage(S::AwaitingSignOff, A::ReturnByManager, MANAGER).unwrap(), S::ReturnedByManager);
        assert_eq!(next_stage(S::ReturnedByManager, A::Edit, REFERRER).unwrap(), S::ReturnedByManager);
        assert_eq!(next_stage(S::ReturnedByManager, A::SendForSignOff, REFERRER).unwrap(), S::AwaitingSignOff);
        assert_eq!(next_stage(S::AwaitingSignOff, A::SignOff, MANAGER).unwrap(), S::Submitted);
        // another manager, the referrer and the office may not; the permission comes first
        for who in [OTHER_MANAGER, REFERRER, OFFICE] {
            assert_eq!(
                next_stage(S::AwaitingSignOff, A::SignOff, who),
                Err(StageError::NotPermitted { action: A::SignOff })
            );
        }
        assert_eq!(
            next_stage(S::Draft, A::SignOff, MANAGER),
            Err(StageError::NotFromStage { stage: S::Draft, action: A::SignOff })
        );
        assert_eq!(
            next_stage(S::Submitted, A::ReturnByManager, MANAGER),
            Err(StageError::NotFromStage { stage: S::Submitted, action: A::ReturnByManager })
        );
        // awaiting sign-off, the referrer can neither edit nor send it again
        assert!(next_stage(S::AwaitingSignOff, A::Edit, REFERRER).is_err());
        assert!(next_stage(S::AwaitingSignOff, A::SendForSignOff, REFERRER).is_err());
        assert!(!S::AwaitingSignOff.at_office() && !S::ReturnedByManager.at_office() && S::Submitted.at_office());
    }

    #[test]
    fn only_a_manager_of_the_referrers_agency_signs_off() {
        let m = &[Role::AgencyManager][..];
        assert!(may_sign_off_for(m, Some("a"), Some("a"), false));
        assert!(!may_sign_off_for(m, Some("b"), Some("a"), false));
        assert!(!may_sign_off_for(m, None, None, false));
        assert!(!may_sign_off_for(m, Some("a"), Some("a"), true), "not their own referral");
        assert!(!may_sign_off_for(&[Role::BusinessOffice], Some("a"), Some("a"), false));
    }

    #[test]
    fn wrong_stage_and_wrong_role_are_refused() {
        assert_eq!(
            next_stage(S::Draft, A::Decide, LEAD),
            Err(StageError::NotFromStage { stage: S::Draft, action: A::Decide })
        );
        assert_eq!(
            next_stage(S::Submitted, A::Edit, REFERRER),
            Err(StageError::NotFromStage { stage: S::Submitted, action: A::Edit })
        );
        assert_eq!(next_stage(S::Recommended, A::Decide, OFFICE), Err(StageError::NotPermitted { action: A::Decide }));
        assert_eq!(
            next_stage(S::Draft, A::SendForSignOff, OTHER_REFERRER),
            Err(StageError::NotPermitted { action: A::SendForSignOff })
        );
        assert!(next_stage(S::Decided, A::Recommend, OFFICE).is_err());
    }

    #[test]
    fn allowed_actions_follow_the_machine() {
        assert_eq!(allowed_actions(S::Draft, REFERRER), vec![A::Edit, A::SendForSignOff]);
        assert_eq!(allowed_actions(S::AwaitingSignOff, MANAGER), vec![A::SignOff, A::ReturnByManager]);
        assert!(allowed_actions(S::AwaitingSignOff, REFERRER).is_empty());
        assert_eq!(allowed_actions(S::Submitted, OFFICE), vec![A::Return, A::Recommend]);
        assert_eq!(allowed_actions(S::Recommended, LEAD), vec![A::Decide]);
        for s in S::ALL {
            assert!(allowed_actions(s, SCRUTINEER).is_empty());
        }
        assert!(allowed_actions(S::Decided, REFERRER).is_empty());
    }

    #[test]
    fn stages_round_trip() {
        for s in S::ALL {
            assert_eq!(S::parse(s.as_str()), Some(s));
        }
    }
}
