//! The stages of a case from notification to decision, the moves between them and who
//! may make each.
use super::meeting::RapidReviewOutcome;
use crate::role::Role;

crate::wire::wire_enum! {
    pub enum CaseStage ["snake_case"] {
        /// Notified; agencies are asked for information; the meeting is still to come.
        RapidReview,
        /// The meeting has recommended; the strategic leads decide.
        AwaitingDecision,
        /// Decided: learning identified, no CSPR.
        LearningOnly,
        /// Decided: a local CSPR, open with its 6-month clock.
        LocalCspr,
        /// Decided: referred to the National Panel for a national review.
        NationalReview,
    }
}

impl CaseStage {
    pub fn label(self) -> &'static str {
        match self {
            CaseStage::RapidReview => "Rapid Review",
            CaseStage::AwaitingDecision => "Awaiting decision",
            CaseStage::LearningOnly => "Learning only",
            CaseStage::LocalCspr => "Local CSPR",
            CaseStage::NationalReview => "National review",
        }
    }

    pub fn decided(self) -> bool {
        matches!(self, CaseStage::LearningOnly | CaseStage::LocalCspr | CaseStage::NationalReview)
    }

    fn of_outcome(o: RapidReviewOutcome) -> CaseStage {
        match o {
            RapidReviewOutcome::LearningOnly => CaseStage::LearningOnly,
            RapidReviewOutcome::LocalCspr => CaseStage::LocalCspr,
            RapidReviewOutcome::NationalReview => CaseStage::NationalReview,
        }
    }
}

crate::wire::wire_enum! {
    pub enum CaseAction ["snake_case"] {
        /// Record the date the notification was sent to the National Panel.
        RecordNotificationSent,
        SendRequests,
        Remind,
        RecordMeeting,
        Decide,
        /// Record the date the Rapid Review report was sent to the National Panel (after the
        /// strategic leads' decision).
        RecordReportSent,
        /// The Independent Scrutineer's observations, to inform the decision.
        AddObservation,
        /// Move a local CSPR's 6-month clock on, with the reason and whether the National
        /// Panel was advised.
        ExtendReview,
        /// Record the date the CSPR's final report went to the National Panel: its clock stops.
        RecordFinalReportSent,
    }
}

impl CaseAction {
    /// The roles that take this action: the strategic leads decide; the business office
    /// records everything else.
    pub fn roles(self) -> &'static [Role] {
        match self {
            CaseAction::Decide => &[Role::StrategicLead],
            CaseAction::AddObservation => &[Role::Scrutineer],
            _ => &[Role::BusinessOffice],
        }
    }

    fn permitted(self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.roles().contains(r))
    }
}

/// What has been recorded on a case besides its stage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseFacts {
    pub notification_sent: bool,
    pub report_sent: bool,
    pub final_report_sent: bool,
}

/// Why a move was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMoveError {
    NotFromStage {
        stage: CaseStage,
        action: CaseAction,
    },
    AlreadyRecorded {
        action: CaseAction,
    },
    /// A decision needs its outcome.
    NoOutcome,
    NotPermitted {
        action: CaseAction,
    },
}

impl std::fmt::Display for CaseMoveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CaseMoveError::NotFromStage { stage, action } => write!(
                f,
                "a case at the stage {} cannot be given the action `{}`",
                stage.label().to_lowercase(),
                action.as_str()
            ),
            CaseMoveError::AlreadyRecorded { action } => write!(f, "`{}` is already recorded", action.as_str()),
            CaseMoveError::NoOutcome => write!(f, "a decision needs its outcome"),
            CaseMoveError::NotPermitted { action } => {
                write!(f, "your roles do not allow the action `{}` on this case", action.as_str())
            }
        }
    }
}

/// The stage a move leads to (`outcome` for a decision), or why it is refused.
pub fn next_case_stage(
    stage: CaseStage,
    facts: CaseFacts,
    action: CaseAction,
    roles: &[Role],
    outcome: Option<RapidReviewOutcome>,
) -> Result<CaseStage, CaseMoveError> {
    use CaseAction as A;
    use CaseStage as S;
    // Who may, before anything about the stage: a refusal never tells a person the stage
    // of a case they may not act on.
    if !action.permitted(roles) {
        return Err(CaseMoveError::NotPermitted { action });
    }
    let to = match (stage, action) {
        (_, A::RecordNotificationSent) if facts.notification_sent => {
            return Err(CaseMoveError::AlreadyRecorded { action })
        }
        (_, A::RecordNotificationSent) => stage,
        (S::RapidReview, A::SendRequests | A::Remind) => stage,
        (S::RapidReview, A::RecordMeeting) => S::AwaitingDecision,
        (S::AwaitingDecision, A::Decide) => S::of_outcome(outcome.ok_or(CaseMoveError::NoOutcome)?),
        (_, A::RecordReportSent) if facts.report_sent => return Err(CaseMoveError::AlreadyRecorded { action }),
        // the report goes to the National Panel once the strategic leads have decided
        (s, A::RecordReportSent) if s.decided() => stage,
        // the scrutineer informs the decision, so observes before it
        (S::RapidReview | S::AwaitingDecision, A::AddObservation) => stage,
        (S::LocalCspr, A::RecordFinalReportSent | A::ExtendReview) if facts.final_report_sent => {
            return Err(CaseMoveError::AlreadyRecorded { action: A::RecordFinalReportSent })
        }
        (S::LocalCspr, A::RecordFinalReportSent | A::ExtendReview) => stage,
        _ => return Err(CaseMoveError::NotFromStage { stage, action }),
    };
    Ok(to)
}

/// The moves this person may make now; the client shows only these.
pub fn case_actions(stage: CaseStage, facts: CaseFacts, roles: &[Role]) -> Vec<CaseAction> {
    CaseAction::ALL
        .into_iter()
        .filter(|a| next_case_stage(stage, facts, *a, roles, Some(RapidReviewOutcome::LocalCspr)).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFICE: &[Role] = &[Role::BusinessOffice];
    const LEAD: &[Role] = &[Role::StrategicLead];
    const SCRUTINEER: &[Role] = &[Role::Scrutineer];

    #[test]
    fn the_path_from_notification_to_a_local_cspr() {
        let f = CaseFacts::default();
        let s = next_case_stage(CaseStage::RapidReview, f, CaseAction::SendRequests, OFFICE, None).unwrap();
        let s = next_case_stage(s, f, CaseAction::RecordMeeting, OFFICE, None).unwrap();
        assert_eq!(s, CaseStage::AwaitingDecision);
        assert_eq!(
            next_case_stage(s, f, CaseAction::Decide, OFFICE, Some(RapidReviewOutcome::LocalCspr)),
            Err(CaseMoveError::NotPermitted { action: CaseAction::Decide })
        );
        assert_eq!(next_case_stage(s, f, CaseAction::Decide, LEAD, None), Err(CaseMoveError::NoOutcome));
        let s = next_case_stage(s, f, CaseAction::Decide, LEAD, Some(RapidReviewOutcome::LocalCspr)).unwrap();
        assert_eq!(s, CaseStage::LocalCspr);
        assert!(s.decided());
    }

    #[test]
    fn a_person_who_may_not_act_learns_nothing_of_the_stage() {
        let f = CaseFacts::default();
        for stage in [CaseStage::RapidReview, CaseStage::AwaitingDecision, CaseStage::LocalCspr] {
            assert_eq!(
                next_case_stage(stage, f, CaseAction::Decide, SCRUTINEER, Some(RapidReviewOutcome::LocalCspr)),
                Err(CaseMoveError::NotPermitted { action: CaseAction::Decide }),
                "{stage:?}"
            );
        }
    }

    #[test]
    fn moves_out_of_order_or_twice_are_refused() {
        let f = CaseFacts::default();
        assert!(matches!(
            next_case_stage(
                CaseStage::RapidReview,
                f,
                CaseAction::Decide,
                LEAD,
                Some(RapidReviewOutcome::LearningOnly)
            ),
            Err(CaseMoveError::NotFromStage { .. })
        ));
        assert!(matches!(
            next_case_stage(CaseStage::RapidReview, f, CaseAction::RecordReportSent, OFFICE, None),
            Err(CaseMoveError::NotFromStage { .. })
        ));
        assert!(matches!(
            next_case_stage(CaseStage::LocalCspr, f, CaseAction::SendRequests, OFFICE, None),
            Err(CaseMoveError::NotFromStage { .. })
        ));
        // the report goes after the decision, not while it is awaited
        assert!(matches!(
            next_case_stage(CaseStage::AwaitingDecision, f, CaseAction::RecordReportSent, OFFICE, None),
            Err(CaseMoveError::NotFromStage { .. })
        ));
        assert_eq!(
            next_case_stage(CaseStage::LearningOnly, f, CaseAction::RecordReportSent, OFFICE, None),
            Ok(CaseStage::LearningOnly)
        );
        let sent = CaseFacts { notification_sent: true, report_sent: true, final_report_sent: true };
        assert_eq!(
            next_case_stage(CaseStage::LocalCspr, sent, CaseAction::ExtendReview, OFFICE, None),
            Err(CaseMoveError::AlreadyRecorded { action: CaseAction::RecordFinalReportSent })
        );
        assert_eq!(
            next_case_stage(CaseStage::RapidReview, sent, CaseAction::RecordNotificationSent, OFFICE, None),
            Err(CaseMoveError::AlreadyRecorded { action: CaseAction::RecordNotificationSent })
        );
        assert_eq!(
            next_case_stage(CaseStage::LocalCspr, sent, CaseAction::RecordReportSent, OFFICE, None),
            Err(CaseMoveError::AlreadyRecorded { action: CaseAction::RecordReportSent })
        );
    }

    #[test]
    fn the_scrutineer_observes_before_the_decision_and_each_role_sees_its_moves() {
        for stage in CaseStage::ALL {
            let observes = !stage.decided();
            assert_eq!(
                case_actions(stage, CaseFacts::default(), SCRUTINEER),
                if observes { vec![CaseAction::AddObservation] } else { vec![] },
                "{stage:?}"
            );
        }
        assert_eq!(
            case_actions(CaseStage::RapidReview, CaseFacts::default(), OFFICE),
            vec![
                CaseAction::RecordNotificationSent,
                CaseAction::SendRequests,
                CaseAction::Remind,
                CaseAction::RecordMeeting
            ]
        );
        assert_eq!(case_actions(CaseStage::AwaitingDecision, CaseFacts::default(), LEAD), vec![CaseAction::Decide]);
    }

    #[test]
    fn stage_names_round_trip() {
        for s in CaseStage::ALL {
            assert_eq!(CaseStage::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }
}
