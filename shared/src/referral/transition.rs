//! What each move of a referral does: [`transition`] checks the move (stage, roles, being
//! the referrer), then the boxes, and answers the new stage with its [`ReferralEffect`]s.
use super::form::ReferralForm;
use super::outcome::{Decision, Recommendation, ReturnRequest};
use super::stage::{next_stage, Actor, ReferralAction, ReferralStage, StageError};
use super::validation::{
    validate_decision, validate_draft, validate_for_submission, validate_recommendation, validate_return,
};
use crate::FieldError;
use chrono::NaiveDate;

/// A move asked of a referral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferralCommand {
    /// Save the whole form.
    Edit(Box<ReferralForm>),
    Submit,
    Return(ReturnRequest),
    Recommend(Recommendation),
    Decide(Decision),
}

impl ReferralCommand {
    pub fn action(&self) -> ReferralAction {
        match self {
            ReferralCommand::Edit(_) => ReferralAction::Edit,
            ReferralCommand::Submit => ReferralAction::Submit,
            ReferralCommand::Return(_) => ReferralAction::Return,
            ReferralCommand::Recommend(_) => ReferralAction::Recommend,
            ReferralCommand::Decide(_) => ReferralAction::Decide,
        }
    }
}

/// What a move does, for the server to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferralEffect {
    Form(Box<ReferralForm>),
    /// Submitted now: the time is stamped and any earlier return reason cleared.
    Submitted,
    Returned {
        reason: String,
    },
    Recommendation(Recommendation),
    Decision(Decision),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralTransition {
    pub to: ReferralStage,
    pub effects: Vec<ReferralEffect>,
    /// `referral.<action>`.
    pub audit: String,
}

/// Why a move was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferralRefusal {
    Move(StageError),
    Invalid(Vec<FieldError>),
}

/// The boxes of a command that can be checked before the referral is read (a malformed
/// form is refused whoever sends it).
pub fn check_command(command: &ReferralCommand, today: NaiveDate) -> Result<(), ReferralRefusal> {
    let errors = match command {
        ReferralCommand::Edit(form) => validate_draft(form, today),
        ReferralCommand::Submit => Vec::new(),
        ReferralCommand::Return(r) => validate_return(r),
        ReferralCommand::Recommend(r) => validate_recommendation(r, today),
        ReferralCommand::Decide(d) => validate_decision(d, today),
    };
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ReferralRefusal::Invalid(errors))
    }
}

/// Starts a referral as a draft with whatever boxes are filled in so far.
pub fn start(form: Box<ReferralForm>, today: NaiveDate) -> Result<ReferralTransition, ReferralRefusal> {
    let command = ReferralCommand::Edit(form);
    check_command(&command, today)?;
    let ReferralCommand::Edit(form) = command else {
        return Err(ReferralRefusal::Invalid(Vec::new()));
    };
    Ok(ReferralTransition {
        to: ReferralStage::Draft,
        effects: vec![ReferralEffect::Form(form)],
        audit: "referral.create".into(),
    })
}

/// A move of a referral at `stage`, by `actor`, on `today`. `saved` reads the form as saved;
/// it is read only to submit, once the move is allowed.
pub fn transition<E: From<ReferralRefusal>>(
    stage: ReferralStage,
    saved: impl FnOnce() -> Result<ReferralForm, E>,
    command: ReferralCommand,
    actor: Actor<'_>,
    today: NaiveDate,
) -> Result<ReferralTransition, E> {
    let action = command.action();
    let to = next_stage(stage, action, actor).map_err(ReferralRefusal::Move)?;
    check_command(&command, today)?;
    let effects = match command {
        ReferralCommand::Edit(form) => vec![ReferralEffect::Form(form)],
        ReferralCommand::Submit => {
            let errors = validate_for_submission(&saved()?, today);
            if !errors.is_empty() {
                return Err(ReferralRefusal::Invalid(errors).into());
            }
            vec![ReferralEffect::Submitted]
        }
        ReferralCommand::Return(r) => vec![ReferralEffect::Returned { reason: r.reason }],
        ReferralCommand::Recommend(r) => vec![ReferralEffect::Recommendation(r)],
        ReferralCommand::Decide(d) => vec![ReferralEffect::Decision(d)],
    };
    Ok(ReferralTransition { to, effects, audit: format!("referral.{}", action.as_str()) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;

    const REFERRER: Actor<'static> = Actor { roles: &[Role::Referrer], is_referrer: true };
    const OFFICE: Actor<'static> = Actor { roles: &[Role::BusinessOffice], is_referrer: false };

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    fn empty() -> Result<ReferralForm, ReferralRefusal> {
        Ok(ReferralForm::default())
    }

    /// The form is read only to submit, once the move is allowed.
    fn unread() -> Result<ReferralForm, ReferralRefusal> {
        panic!("the saved form was read")
    }

    #[test]
    fn an_empty_referral_is_not_submitted_and_the_move_comes_first() {
        let t = transition(ReferralStage::Draft, empty, ReferralCommand::Submit, REFERRER, today());
        assert!(matches!(t, Err(ReferralRefusal::Invalid(e)) if !e.is_empty()));
        let t = transition(ReferralStage::Draft, unread, ReferralCommand::Submit, OFFICE, today());
        assert!(matches!(t, Err(ReferralRefusal::Move(StageError::NotPermitted { .. }))));
    }

    #[test]
    fn a_return_needs_its_reason_and_records_it() {
        let none = ReferralCommand::Return(ReturnRequest { reason: " ".into() });
        let t = transition(ReferralStage::Submitted, unread, none, OFFICE, today());
        assert!(matches!(t, Err(ReferralRefusal::Invalid(_))));
        let why = ReferralCommand::Return(ReturnRequest { reason: "the chronology".into() });
        let t = transition(ReferralStage::Submitted, unread, why, OFFICE, today()).unwrap();
        assert_eq!(t.to, ReferralStage::Returned);
        assert_eq!(t.effects, vec![ReferralEffect::Returned { reason: "the chronology".into() }]);
        assert_eq!(t.audit, "referral.return");
    }
}
