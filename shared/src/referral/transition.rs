//! What each move of a referral does: [`transition`] checks the move (stage, roles, being
//! the referrer), then the boxes, and answers the new stage with its [`ReferralEffect`]s.
use super::form::ReferralForm;
use super::outcome::{Decision, Recommendation, ReturnRequest, SignOffManager};
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
    /// Send the complete referral to a manager for sign-off: the server names the manager
    /// when the person chosen is one of the referrer's agency's managers, `None` otherwise.
    SendForSignOff(Option<SignOffManager>),
    /// The chosen manager agrees: the referral goes to the business office.
    SignOff,
    /// The chosen manager returns it to the referrer.
    ReturnByManager(ReturnRequest),
    Return(ReturnRequest),
    Recommend(Recommendation),
    Decide(Decision),
}

impl ReferralCommand {
    pub fn action(&self) -> ReferralAction {
        match self {
            ReferralCommand::Edit(_) => ReferralAction::Edit,
            ReferralCommand::SendForSignOff(_) => ReferralAction::SendForSignOff,
            ReferralCommand::SignOff => ReferralAction::SignOff,
            ReferralCommand::ReturnByManager(_) => ReferralAction::ReturnByManager,
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
    /// Sent to this manager for sign-off: they are recorded (as the form's Senior Manager
    /// box shows them), any earlier return reason and sign-off cleared.
    SentForSignOff(SignOffManager),
    /// The manager signed it off now (who: the manager it was sent to).
    SignedOff,
    /// The referral reaches the business office now (right after [`ReferralEffect::SignedOff`]):
    /// the time is stamped as the form's "date submitted to the Business Office" and any
    /// earlier return reason cleared. **The referral's 15-working-day clock starts here**;
    /// [`ReferralEffect::Decision`] stops it.
    Submitted,
    /// Returned to the referrer (by the office, or by the manager) with the reason.
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
        ReferralCommand::SendForSignOff(_) | ReferralCommand::SignOff => Vec::new(),
        ReferralCommand::Return(r) | ReferralCommand::ReturnByManager(r) => validate_return(r),
        ReferralCommand::Recommend(r) => validate_recommendation(r, today),
        ReferralCommand::Decide(d) => validate_decision(d, today),
    };
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ReferralRefusal::Invalid(errors))
    }
}

/// A command that passed [`check_command`]. A move takes only one of these, so a command is
/// checked once, where it is made: the server checks a request's before its write, and
/// SQLite's one writer does not check it again (a twentieth of its time under draft saves).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked(ReferralCommand);

impl Checked {
    pub fn command(&self) -> &ReferralCommand {
        &self.0
    }

    pub fn action(&self) -> ReferralAction {
        self.0.action()
    }
}

/// [`check_command`], keeping the command as [`Checked`].
pub fn check(command: ReferralCommand, today: NaiveDate) -> Result<Checked, ReferralRefusal> {
    check_command(&command, today)?;
    Ok(Checked(command))
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

/// A move of a referral at `stage`, by `actor`, on `today`, with a command already checked.
/// `saved` reads the form as saved; it is read only to send it for sign-off, once the move is
/// allowed.
pub fn transition<E: From<ReferralRefusal>>(
    stage: ReferralStage,
    saved: impl FnOnce() -> Result<ReferralForm, E>,
    command: Checked,
    actor: Actor<'_>,
    today: NaiveDate,
) -> Result<ReferralTransition, E> {
    let action = command.action();
    let to = next_stage(stage, action, actor).map_err(ReferralRefusal::Move)?;
    let effects = match command.0 {
        ReferralCommand::Edit(form) => vec![ReferralEffect::Form(form)],
        ReferralCommand::SendForSignOff(manager) => {
            let mut errors = validate_for_submission(&saved()?, today);
            if manager.is_none() {
                errors.push(FieldError::new("manager_id", "invalid", "Choose a manager of your agency"));
            }
            match manager {
                Some(m) if errors.is_empty() => vec![ReferralEffect::SentForSignOff(m)],
                _ => return Err(ReferralRefusal::Invalid(errors).into()),
            }
        }
        ReferralCommand::SignOff => vec![ReferralEffect::SignedOff, ReferralEffect::Submitted],
        ReferralCommand::Return(r) | ReferralCommand::ReturnByManager(r) => {
            vec![ReferralEffect::Returned { reason: r.reason }]
        }
        ReferralCommand::Recommend(r) => vec![ReferralEffect::Recommendation(r)],
        ReferralCommand::Decide(d) => vec![ReferralEffect::Decision(d)],
    };
    Ok(ReferralTransition { to, effects, audit: format!("referral.{}", action.as_str()) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Role;

    const REFERRER: Actor<'static> = Actor { roles: &[Role::Referrer], is_referrer: true, is_manager: false };
    const MANAGER: Actor<'static> = Actor { roles: &[Role::AgencyManager], is_referrer: false, is_manager: true };
    const OFFICE: Actor<'static> = Actor { roles: &[Role::BusinessOffice], is_referrer: false, is_manager: false };

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    fn empty() -> Result<ReferralForm, ReferralRefusal> {
        Ok(ReferralForm::default())
    }

    fn complete() -> Result<ReferralForm, ReferralRefusal> {
        Ok(crate::referral::validation::tests::complete())
    }

    /// The form is read only to send it for sign-off, once the move is allowed.
    fn unread() -> Result<ReferralForm, ReferralRefusal> {
        panic!("the saved form was read")
    }

    fn manager() -> SignOffManager {
        SignOffManager { id: uuid::Uuid::from_u128(7), name: "Jo Manager".into(), agency: "Schools".into() }
    }

    #[test]
    fn an_empty_referral_is_not_sent_and_the_move_comes_first() {
        let send = || check(ReferralCommand::SendForSignOff(Some(manager())), today()).unwrap();
        let t = transition(ReferralStage::Draft, empty, send(), REFERRER, today());
        assert!(matches!(t, Err(ReferralRefusal::Invalid(e)) if !e.is_empty()));
        let t = transition(ReferralStage::Draft, unread, send(), OFFICE, today());
        assert!(matches!(t, Err(ReferralRefusal::Move(StageError::NotPermitted { .. }))));
        let t = transition(ReferralStage::AwaitingSignOff, unread, send(), REFERRER, today());
        assert!(matches!(t, Err(ReferralRefusal::Move(StageError::NotFromStage { .. }))));
    }

    #[test]
    fn a_complete_referral_goes_to_the_chosen_manager_who_signs_it_off() {
        let none = check(ReferralCommand::SendForSignOff(None), today()).unwrap();
        let t = transition(ReferralStage::Draft, complete, none, REFERRER, today());
        assert!(matches!(t, Err(ReferralRefusal::Invalid(e)) if e[0].field == "manager_id"));
        let send = check(ReferralCommand::SendForSignOff(Some(manager())), today()).unwrap();
        let t = transition(ReferralStage::Draft, complete, send, REFERRER, today()).unwrap();
        assert_eq!(t.to, ReferralStage::AwaitingSignOff);
        assert_eq!(t.effects, vec![ReferralEffect::SentForSignOff(manager())]);
        assert_eq!(t.audit, "referral.send_for_sign_off");
        let sign = check(ReferralCommand::SignOff, today()).unwrap();
        let t = transition(ReferralStage::AwaitingSignOff, unread, sign, MANAGER, today()).unwrap();
        assert_eq!(t.to, ReferralStage::Submitted);
        assert_eq!(t.effects, vec![ReferralEffect::SignedOff, ReferralEffect::Submitted]);
        assert_eq!(t.audit, "referral.sign_off");
    }

    #[test]
    fn the_manager_returns_with_a_reason() {
        let none = ReferralCommand::ReturnByManager(ReturnRequest { reason: "".into() });
        assert!(matches!(check(none, today()), Err(ReferralRefusal::Invalid(_))));
        let why =
            check(ReferralCommand::ReturnByManager(ReturnRequest { reason: "add the GP".into() }), today()).unwrap();
        let t = transition(ReferralStage::AwaitingSignOff, unread, why, MANAGER, today()).unwrap();
        assert_eq!(t.to, ReferralStage::ReturnedByManager);
        assert_eq!(t.effects, vec![ReferralEffect::Returned { reason: "add the GP".into() }]);
        assert_eq!(t.audit, "referral.return_by_manager");
    }

    #[test]
    fn a_return_needs_its_reason_and_records_it() {
        let none = ReferralCommand::Return(ReturnRequest { reason: " ".into() });
        assert!(matches!(check(none, today()), Err(ReferralRefusal::Invalid(_))));
        let why = check(ReferralCommand::Return(ReturnRequest { reason: "the chronology".into() }), today()).unwrap();
        let t = transition(ReferralStage::Submitted, unread, why, OFFICE, today()).unwrap();
        assert_eq!(t.to, ReferralStage::Returned);
        assert_eq!(t.effects, vec![ReferralEffect::Returned { reason: "the chronology".into() }]);
        assert_eq!(t.audit, "referral.return");
    }
}
