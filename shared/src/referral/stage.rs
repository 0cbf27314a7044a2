//! The referral stage machine: which moves exist, and who may make them.
//!
//! ```text
//! Draft ──submit──► Submitted ──recommend──► Recommended ──decide──► Decided
//!   ▲                   │
//!   └──── Returned ◄────┘ return (office); the referrer edits and submits again
//! ```
use crate::Role;

crate::wire::wire_enum! {
    pub enum ReferralStage ["snake_case"] {
        Draft,
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
            ReferralStage::Submitted => "Submitted",
            ReferralStage::Returned => "Returned for completion",
            ReferralStage::Recommended => "Recommendation made",
            ReferralStage::Decided => "Decided",
        }
    }

    /// The referrer may still change the form.
    pub fn editable(self) -> bool {
        matches!(self, ReferralStage::Draft | ReferralStage::Returned)
    }
}

crate::wire::wire_enum! {
    pub enum ReferralAction ["snake_case"] {
        Edit,
        Submit,
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

/// Who is acting: their roles in this tenant, and whether they filed the referral.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub roles: &'a [Role],
    pub is_referrer: bool,
}

impl ReferralAction {
    /// The roles that take this action (the referrer only on their own referral).
    pub fn roles(self) -> &'static [Role] {
        match self {
            ReferralAction::Edit | ReferralAction::Submit => &[Role::Referrer],
            ReferralAction::Return | ReferralAction::Recommend => &[Role::BusinessOffice],
            ReferralAction::Decide => &[Role::StrategicLead],
        }
    }
}

fn permitted(action: ReferralAction, actor: Actor<'_>) -> bool {
    let own = !matches!(action, ReferralAction::Edit | ReferralAction::Submit) || actor.is_referrer;
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
        (S::Draft, A::Edit) => S::Draft,
        (S::Returned, A::Edit) => S::Returned,
        (S::Draft | S::Returned, A::Submit) => S::Submitted,
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

    const REFERRER: Actor<'static> = Actor { roles: &[Role::Referrer], is_referrer: true };
    const OTHER_REFERRER: Actor<'static> = Actor { roles: &[Role::Referrer], is_referrer: false };
    const OFFICE: Actor<'static> = Actor { roles: &[Role::BusinessOffice], is_referrer: false };
    const LEAD: Actor<'static> = Actor { roles: &[Role::StrategicLead], is_referrer: false };
    const SCRUTINEER: Actor<'static> = Actor { roles: &[Role::Scrutineer], is_referrer: false };

    #[test]
    fn the_happy_path() {
        let s = next_stage(S::Draft, A::Submit, REFERRER).unwrap();
        assert_eq!(s, S::Submitted);
        let s = next_stage(s, A::Recommend, OFFICE).unwrap();
        assert_eq!(s, S::Recommended);
        assert_eq!(next_stage(s, A::Decide, LEAD).unwrap(), S::Decided);
    }

    #[test]
    fn returned_referrals_go_back_to_the_referrer() {
        assert_eq!(next_stage(S::Submitted, A::Return, OFFICE).unwrap(), S::Returned);
        assert_eq!(next_stage(S::Returned, A::Edit, REFERRER).unwrap(), S::Returned);
        assert_eq!(next_stage(S::Returned, A::Submit, REFERRER).unwrap(), S::Submitted);
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
            next_stage(S::Draft, A::Submit, OTHER_REFERRER),
            Err(StageError::NotPermitted { action: A::Submit })
        );
        assert!(next_stage(S::Decided, A::Recommend, OFFICE).is_err());
    }

    #[test]
    fn allowed_actions_follow_the_machine() {
        assert_eq!(allowed_actions(S::Draft, REFERRER), vec![A::Edit, A::Submit]);
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
