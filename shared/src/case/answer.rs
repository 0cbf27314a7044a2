//! An agency's answer to an information request: its authors save drafts and submit once.
//! Submitting meets the request's 7-working-day clock.
//!
//! ```text
//! Sent ──save──► Draft ──submit──► Submitted
//!   └───────────submit (when the saved answer is complete)──┘
//! ```
use super::information::{validate_information, AdditionalInformation, RequestStatus};
use super::scope::RequestAccess;
use super::transition::Refusal;
use crate::calendar::ClockKind;
use chrono::NaiveDate;

/// A step of the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerCommand {
    /// Save the whole answer as a draft.
    Save(Box<AdditionalInformation>),
    /// Submit the answer saved so far.
    Submit,
}

/// What a step does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerEffect {
    /// Keep this as the answer.
    Response(Box<AdditionalInformation>),
    /// Submitted on this day.
    Submitted(NaiveDate),
    /// Stop the request's own clock of this kind.
    MeetClock { kind: ClockKind, on: NaiveDate },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerTransition {
    pub status: RequestStatus,
    pub effects: Vec<AnswerEffect>,
    /// `information_request.save` or `information_request.submit`.
    pub audit: &'static str,
}

/// The boxes of a draft, before anything is loaded (lengths only).
pub fn check_draft(answer: &AdditionalInformation) -> Result<(), Refusal> {
    let errors = validate_information(answer, false);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Refusal::Invalid(errors))
    }
}

/// A step of the answer to a request that stands at `status`, by a person with `access` to
/// it, on `today`. `saved` reads the answer saved so far; it is read only to submit, once
/// the access and the status allow.
pub fn answer<E: From<Refusal>>(
    status: RequestStatus,
    saved: impl FnOnce() -> Result<Option<AdditionalInformation>, E>,
    access: RequestAccess,
    command: AnswerCommand,
    today: NaiveDate,
) -> Result<AnswerTransition, E> {
    if !access.answer {
        return Err(Refusal::Forbidden.into());
    }
    if status == RequestStatus::Submitted {
        return Err(Refusal::Conflict("this request has been answered already").into());
    }
    match command {
        AnswerCommand::Save(a) => {
            check_draft(&a)?;
            Ok(AnswerTransition {
                status: RequestStatus::Draft,
                effects: vec![AnswerEffect::Response(a)],
                audit: "information_request.save",
            })
        }
        AnswerCommand::Submit => {
            let saved = saved()?.unwrap_or_default();
            let errors = validate_information(&saved, true);
            if !errors.is_empty() {
                return Err(Refusal::Invalid(errors).into());
            }
            Ok(AnswerTransition {
                status: RequestStatus::Submitted,
                effects: vec![
                    AnswerEffect::Submitted(today),
                    AnswerEffect::MeetClock { kind: ClockKind::AgencyInformation, on: today },
                ],
                audit: "information_request.submit",
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OWN: RequestAccess = RequestAccess { answer: true };

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    fn nothing() -> Result<Option<AdditionalInformation>, Refusal> {
        Ok(None)
    }

    /// What is saved is read only to submit.
    fn unread() -> Result<Option<AdditionalInformation>, Refusal> {
        panic!("the saved answer was read")
    }

    #[test]
    fn only_the_agency_asked_answers_and_only_once() {
        let save = AnswerCommand::Save(Box::default());
        let not_own = RequestAccess { answer: false };
        assert_eq!(
            answer(RequestStatus::Sent, unread, not_own, AnswerCommand::Submit, today()),
            Err(Refusal::Forbidden)
        );
        let answered = answer(RequestStatus::Submitted, unread, OWN, AnswerCommand::Submit, today());
        assert!(matches!(answered, Err(Refusal::Conflict(_))));
        let t = answer(RequestStatus::Sent, unread, OWN, save, today()).unwrap();
        assert_eq!((t.status, t.audit), (RequestStatus::Draft, "information_request.save"));
    }

    #[test]
    fn submitting_needs_every_box_and_meets_the_clock() {
        let empty = answer(RequestStatus::Draft, nothing, OWN, AnswerCommand::Submit, today());
        assert!(matches!(empty, Err(Refusal::Invalid(e)) if !e.is_empty()));
        let mut full = AdditionalInformation::default();
        full.completed_by.name = "n".into();
        full.completed_by.agency = "a".into();
        full.completed_by.designation = "d".into();
        full.completed_by.contact_details = "c".into();
        full.background = "b".into();
        full.involvement = "i".into();
        full.areas_of_learning = "l".into();
        full.themes.actions_taken = "t".into();
        full.themes.good_practice = "g".into();
        let saved = move || Ok::<_, Refusal>(Some(full));
        let t = answer(RequestStatus::Draft, saved, OWN, AnswerCommand::Submit, today()).unwrap();
        assert_eq!(t.status, RequestStatus::Submitted);
        assert!(t.effects.contains(&AnswerEffect::MeetClock { kind: ClockKind::AgencyInformation, on: today() }));
    }
}
