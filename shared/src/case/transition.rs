//! What each step of a case does: [`open`] a case from a notification, and [`transition`]
//! an open case by a [`CaseCommand`]. Each checks the move (stage and roles), then the
//! boxes (with the case's own dates), and answers the new stage with its [`CaseEffect`]s:
//! what to record, which agencies to ask, and which clocks start and which are met. The
//! server applies the effects as they are; nothing here touches storage.
use super::checks::{
    check_decision, check_meeting, check_notification, check_report_sent_on, check_send_requests, check_sent_on,
    CaseDates, Outstanding,
};
use super::decision::CaseDecision;
use super::information::{RequestStatus, SendRequests};
use super::meeting::{RapidReviewMeeting, RapidReviewOutcome};
use super::notification::Notification;
use super::review::{check_extension, validate_observation, Observation, ObservationRequest, ReviewExtension};
use super::stage::{next_case_stage, CaseAction, CaseFacts, CaseMoveError, CaseStage};
use crate::calendar::{ClockChange, ClockEvent, ClockExtension, ClockKind, ClockRule, ClockRules};
use crate::role::Role;
use crate::FieldError;
use chrono::NaiveDate;
use uuid::Uuid;

/// An open case as its steps see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseState {
    pub stage: CaseStage,
    pub dates: CaseDates,
    pub facts: CaseFacts,
    /// Requests to agencies not answered yet.
    pub outstanding: Outstanding,
    /// When the local CSPR's open clock is due, if it has one.
    pub review_due: Option<NaiveDate>,
}

/// The clocks a case carries itself (an agency's clock comes with its request).
pub const CASE_CLOCKS: [ClockKind; 3] =
    [ClockKind::NotificationToPanel, ClockKind::RapidReviewReport, ClockKind::CsprCompletion];

/// A step asked of an open case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseCommand {
    RecordNotificationSent {
        sent_on: NaiveDate,
    },
    /// Ask agencies; `known` are the partnership's agencies, `asked` those asked already.
    SendRequests {
        send: SendRequests,
        asked: Vec<Uuid>,
        known: Vec<Uuid>,
    },
    /// Remind the agency of a request of this case that stands at `status`.
    Remind {
        request: Uuid,
        status: RequestStatus,
    },
    RecordMeeting(RapidReviewMeeting),
    Decide(CaseDecision),
    RecordReportSent {
        sent_on: NaiveDate,
    },
    /// Observations by the scrutineer named `by`.
    AddObservation {
        observation: ObservationRequest,
        by: String,
    },
    ExtendReview(ReviewExtension),
    RecordFinalReportSent {
        sent_on: NaiveDate,
    },
}

impl CaseCommand {
    pub fn action(&self) -> CaseAction {
        match self {
            CaseCommand::RecordNotificationSent { .. } => CaseAction::RecordNotificationSent,
            CaseCommand::SendRequests { .. } => CaseAction::SendRequests,
            CaseCommand::Remind { .. } => CaseAction::Remind,
            CaseCommand::RecordMeeting(_) => CaseAction::RecordMeeting,
            CaseCommand::Decide(_) => CaseAction::Decide,
            CaseCommand::RecordReportSent { .. } => CaseAction::RecordReportSent,
            CaseCommand::AddObservation { .. } => CaseAction::AddObservation,
            CaseCommand::ExtendReview(_) => CaseAction::ExtendReview,
            CaseCommand::RecordFinalReportSent { .. } => CaseAction::RecordFinalReportSent,
        }
    }
}

/// What a step does, for the server to apply in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseEffect {
    /// Record the notification (a new case).
    Notification(Notification),
    NotificationSent(NaiveDate),
    /// Ask an agency: a request sent on `sent_on`, with its own clock of `clock` under `rule`.
    Ask {
        agency: Uuid,
        sent_on: NaiveDate,
        clock: ClockKind,
        rule: ClockRule,
    },
    /// A reminder sent on `on` for a request, which stood at `status` when it was checked.
    Remind {
        request: Uuid,
        status: RequestStatus,
        on: NaiveDate,
    },
    Meeting(RapidReviewMeeting),
    Decision {
        decision: CaseDecision,
        on: NaiveDate,
    },
    ReportSent(NaiveDate),
    /// The scrutineer's observations.
    Observation(Observation),
    FinalReportSent(NaiveDate),
    /// The partnership's clock rules as they stand when the case opens: the case's clocks run
    /// by these, whatever the partnership sets later.
    ClockRules(ClockRules),
    /// Start a clock of the case under `rule` (from the rules the case was opened under).
    StartClock {
        kind: ClockKind,
        from: NaiveDate,
        rule: ClockRule,
    },
    /// Move the due date of the case's open clock of a kind.
    ExtendClock {
        kind: ClockKind,
        extension: ClockExtension,
    },
    /// Stop the case's open clocks of a kind.
    MeetClock {
        kind: ClockKind,
        on: NaiveDate,
    },
}

impl CaseEffect {
    /// Whether the effect is on the case's own record (rather than its requests or clocks).
    pub fn is_record(&self) -> bool {
        matches!(
            self,
            CaseEffect::Notification(_)
                | CaseEffect::NotificationSent(_)
                | CaseEffect::Meeting(_)
                | CaseEffect::Decision { .. }
                | CaseEffect::ReportSent(_)
                | CaseEffect::Observation(_)
                | CaseEffect::FinalReportSent(_)
                | CaseEffect::ClockRules(_)
        )
    }
}

/// The outcome of a step: the stage it leads to, its effects, and what the audit trail
/// records (the action, never the content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseTransition {
    pub to: CaseStage,
    pub effects: Vec<CaseEffect>,
    /// `case.<action>`.
    pub audit: String,
}

/// Why a step was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not from this stage, already recorded, or not for these roles.
    Move(CaseMoveError),
    /// Boxes need attention.
    Invalid(Vec<FieldError>),
    /// The thing the step is about has moved on (e.g. the agency has answered).
    Conflict(&'static str),
    /// The caller may see it but not do this.
    Forbidden,
}

fn invalid(errors: Vec<FieldError>) -> Result<(), Refusal> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Refusal::Invalid(errors))
    }
}

/// The clocks an event of a case starts and meets, by the partnership's `rules`.
fn clocks_on(rules: &ClockRules, event: ClockEvent, on: NaiveDate) -> Vec<CaseEffect> {
    rules
        .on_event(&CASE_CLOCKS, event, on)
        .into_iter()
        .map(|c| match c {
            ClockChange::Start { kind, from, rule } => CaseEffect::StartClock { kind, from, rule },
            ClockChange::Meet { kind, on } => CaseEffect::MeetClock { kind, on },
        })
        .collect()
}

/// Opens a case from a notification: the Rapid Review begins, and the clocks that start
/// at the incident or at the local authority's awareness start (by default the 5 working
/// days to notify the National Panel and the 15 working days of the Rapid Review, both
/// from the day the local authority became aware, whenever the notification is sent).
pub fn open(
    notification: Notification,
    referral_found: bool,
    today: NaiveDate,
    rules: &ClockRules,
) -> Result<CaseTransition, Refusal> {
    invalid(check_notification(&notification, referral_found, today))?;
    let (Some(incident), Some(aware)) = (notification.incident_date, notification.la_aware_on) else {
        return Err(Refusal::Invalid(Vec::new()));
    };
    let mut effects = vec![CaseEffect::Notification(notification), CaseEffect::ClockRules(rules.resolved())];
    effects.extend(clocks_on(rules, ClockEvent::Incident, incident));
    effects.extend(clocks_on(rules, ClockEvent::LaAware, aware));
    Ok(CaseTransition { to: CaseStage::RapidReview, effects, audit: "case.create".into() })
}

/// Whether `roles` may take `action` on the case as it stands: the move alone, before what
/// the step needs is read or its boxes are checked (a decision is placed as learning only).
pub fn check_move(case: &CaseState, action: CaseAction, roles: &[Role]) -> Result<(), Refusal> {
    let placed = (action == CaseAction::Decide).then_some(RapidReviewOutcome::LearningOnly);
    next_case_stage(case.stage, case.facts, action, roles, placed).map(drop).map_err(Refusal::Move)
}

/// A step of an open case, by a person with `roles`, on `today` (the UK date); its clocks
/// start and stop by `rules`, the rules the case was opened under.
pub fn transition(
    case: &CaseState,
    command: CaseCommand,
    roles: &[Role],
    today: NaiveDate,
    rules: &ClockRules,
) -> Result<CaseTransition, Refusal> {
    let action = command.action();
    // The move first: who may, and from which stage. A decision without an outcome is
    // placed as if learning only, so that its boxes are what gets reported.
    let placed = match &command {
        CaseCommand::Decide(d) => Some(d.outcome.unwrap_or(RapidReviewOutcome::LearningOnly)),
        _ => None,
    };
    let to = next_case_stage(case.stage, case.facts, action, roles, placed).map_err(Refusal::Move)?;
    let effects = match command {
        CaseCommand::RecordNotificationSent { sent_on } => {
            invalid(check_sent_on(sent_on, &case.dates, today, "the notification"))?;
            let mut effects = vec![CaseEffect::NotificationSent(sent_on)];
            effects.extend(clocks_on(rules, ClockEvent::NotificationSent, sent_on));
            effects
        }
        CaseCommand::SendRequests { send, asked, known } => {
            invalid(check_send_requests(&send, &asked, &known, today))?;
            let sent_on = send.sent_on.unwrap_or(today);
            let rule = rules.of(ClockKind::AgencyInformation);
            send.agency_ids
                .into_iter()
                .map(|agency| CaseEffect::Ask {
                    agency,
                    sent_on,
                    clock: ClockKind::AgencyInformation,
                    rule: rule.clone(),
                })
                .collect()
        }
        CaseCommand::Remind { request, status } => {
            if status == RequestStatus::Submitted {
                return Err(Refusal::Conflict("the agency has answered already"));
            }
            vec![CaseEffect::Remind { request, status, on: today }]
        }
        CaseCommand::RecordMeeting(m) => {
            invalid(check_meeting(&m, &case.dates, case.outstanding, today))?;
            vec![CaseEffect::Meeting(m)]
        }
        CaseCommand::Decide(d) => {
            invalid(check_decision(&d, &case.dates, today))?;
            let (Some(outcome), Some(on)) = (d.outcome, d.decided_on) else {
                return Err(Refusal::Invalid(Vec::new()));
            };
            let mut effects = vec![CaseEffect::Decision { decision: d, on }];
            if outcome == RapidReviewOutcome::LocalCspr {
                effects.extend(clocks_on(rules, ClockEvent::CsprDecided, on));
            }
            effects
        }
        CaseCommand::RecordReportSent { sent_on } => {
            invalid(check_report_sent_on(sent_on, &case.dates, today, "the report"))?;
            let mut effects = vec![CaseEffect::ReportSent(sent_on)];
            effects.extend(clocks_on(rules, ClockEvent::ReportSent, sent_on));
            effects
        }
        CaseCommand::AddObservation { observation, by } => {
            invalid(validate_observation(&observation))?;
            vec![CaseEffect::Observation(Observation { by, on: today, text: observation.text })]
        }
        CaseCommand::ExtendReview(e) => {
            let due = case.review_due.ok_or(Refusal::Conflict("the review has no open clock to extend"))?;
            invalid(check_extension(&e, due, today))?;
            let Some(to) = e.due_on else { return Err(Refusal::Invalid(Vec::new())) };
            vec![CaseEffect::ExtendClock {
                kind: ClockKind::CsprCompletion,
                extension: ClockExtension {
                    previous_due_on: due,
                    due_on: to,
                    reason: e.reason,
                    panel_advised: e.panel_advised,
                    panel_advised_on: e.panel_advised_on,
                    recorded_on: today,
                },
            }]
        }
        CaseCommand::RecordFinalReportSent { sent_on } => {
            invalid(check_report_sent_on(sent_on, &case.dates, today, "the final report"))?;
            let mut effects = vec![CaseEffect::FinalReportSent(sent_on)];
            effects.extend(clocks_on(rules, ClockEvent::FinalReportSent, sent_on));
            effects
        }
    };
    // A decision leads to the stage of its outcome.
    let to = match placed {
        Some(_) => {
            next_case_stage(case.stage, case.facts, action, roles, decided_outcome(&effects)).map_err(Refusal::Move)?
        }
        None => to,
    };
    Ok(CaseTransition { to, effects, audit: format!("case.{}", action.as_str()) })
}

fn decided_outcome(effects: &[CaseEffect]) -> Option<RapidReviewOutcome> {
    effects.iter().find_map(|e| match e {
        CaseEffect::Decision { decision, .. } => decision.outcome,
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::LearningAction;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    const OFFICE: &[Role] = &[Role::BusinessOffice];
    const LEAD: &[Role] = &[Role::StrategicLead];

    fn case(stage: CaseStage) -> CaseState {
        CaseState {
            stage,
            dates: CaseDates { la_aware_on: d("2026-11-02"), decided_on: None },
            facts: CaseFacts::default(),
            outstanding: 0,
            review_due: None,
        }
    }

    fn rules() -> ClockRules {
        ClockRules::default()
    }

    fn start(kind: ClockKind, from: NaiveDate) -> CaseEffect {
        CaseEffect::StartClock { kind, from, rule: kind.default_rule() }
    }

    #[test]
    fn the_notification_sent_meets_its_clock_only() {
        let t = transition(
            &case(CaseStage::RapidReview),
            CaseCommand::RecordNotificationSent { sent_on: d("2026-11-04") },
            OFFICE,
            d("2026-11-20"),
            &rules(),
        )
        .unwrap();
        assert_eq!(t.to, CaseStage::RapidReview);
        assert_eq!(t.audit, "case.record_notification_sent");
        assert_eq!(
            t.effects[1..],
            [CaseEffect::MeetClock { kind: ClockKind::NotificationToPanel, on: d("2026-11-04") }]
        );
    }

    #[test]
    fn each_agency_asked_gets_its_own_clock_from_the_day_sent() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let send = SendRequests { agency_ids: vec![a, b], sent_on: None };
        let today = d("2026-11-20");
        let rule = ClockKind::AgencyInformation.default_rule();
        let t = transition(
            &case(CaseStage::RapidReview),
            CaseCommand::SendRequests { send, asked: vec![], known: vec![a, b] },
            OFFICE,
            today,
            &rules(),
        )
        .unwrap();
        assert_eq!(
            t.effects,
            vec![
                CaseEffect::Ask { agency: a, sent_on: today, clock: ClockKind::AgencyInformation, rule: rule.clone() },
                CaseEffect::Ask { agency: b, sent_on: today, clock: ClockKind::AgencyInformation, rule },
            ]
        );
    }

    #[test]
    fn the_move_is_checked_before_the_boxes() {
        let empty = CaseCommand::Decide(CaseDecision::default());
        let scrutineer = transition(
            &case(CaseStage::AwaitingDecision),
            empty.clone(),
            &[Role::Scrutineer],
            d("2026-11-20"),
            &rules(),
        );
        assert_eq!(scrutineer, Err(Refusal::Move(CaseMoveError::NotPermitted { action: CaseAction::Decide })));
        let lead = transition(&case(CaseStage::AwaitingDecision), empty, LEAD, d("2026-11-20"), &rules());
        assert!(matches!(lead, Err(Refusal::Invalid(ref e)) if e.iter().any(|e| e.field == "outcome")));
        let early = transition(
            &case(CaseStage::RapidReview),
            CaseCommand::RecordReportSent { sent_on: d("2026-11-04") },
            OFFICE,
            d("2026-11-20"),
            &rules(),
        );
        assert!(matches!(early, Err(Refusal::Move(CaseMoveError::NotFromStage { .. }))));
    }

    #[test]
    fn a_local_cspr_opens_with_its_six_month_clock_and_learning_only_does_not() {
        let on = d("2026-11-16");
        let decide = |outcome| {
            let decision = CaseDecision {
                outcome: Some(outcome),
                rationale: "r".into(),
                decided_on: Some(on),
                learning_identified: "l".into(),
                actions: vec![LearningAction { action: "a".into(), owner: "o".into(), due_on: Some(on) }],
            };
            transition(
                &case(CaseStage::AwaitingDecision),
                CaseCommand::Decide(decision),
                LEAD,
                d("2026-11-20"),
                &rules(),
            )
            .unwrap()
        };
        let cspr = decide(RapidReviewOutcome::LocalCspr);
        assert_eq!(cspr.to, CaseStage::LocalCspr);
        assert!(cspr.effects.contains(&start(ClockKind::CsprCompletion, on)));
        let learning = decide(RapidReviewOutcome::LearningOnly);
        assert_eq!(learning.to, CaseStage::LearningOnly);
        assert!(!learning.effects.iter().any(|e| matches!(e, CaseEffect::StartClock { .. })));
    }

    #[test]
    fn an_answered_request_is_not_reminded() {
        let r = Uuid::from_u128(5);
        let t = transition(
            &case(CaseStage::RapidReview),
            CaseCommand::Remind { request: r, status: RequestStatus::Submitted },
            OFFICE,
            d("2026-11-20"),
            &rules(),
        );
        assert_eq!(t, Err(Refusal::Conflict("the agency has answered already")));
    }

    fn notification() -> Notification {
        crate::case::notification::tests::complete()
    }

    #[test]
    fn a_case_opens_with_both_clocks_from_the_day_the_local_authority_became_aware() {
        let n = Notification { la_aware_on: Some(d("2026-11-02")), ..Default::default() };
        assert!(matches!(open(n, false, d("2026-11-20"), &rules()), Err(Refusal::Invalid(_))));
        let n = notification();
        let aware = n.la_aware_on.unwrap();
        let t = open(n, false, d("2026-11-20"), &rules()).unwrap();
        assert_eq!(
            t.effects[2..],
            [start(ClockKind::NotificationToPanel, aware), start(ClockKind::RapidReviewReport, aware)]
        );
        assert_eq!(t.effects[1], CaseEffect::ClockRules(rules().resolved()), "the case keeps its rules");
    }

    #[test]
    fn a_partnerships_rule_starts_its_clock_at_its_own_event() {
        let seed = ClockRule {
            start: ClockEvent::Incident,
            length: 5,
            unit: crate::calendar::ClockUnit::CalendarDays,
            stop: ClockEvent::NotificationSent,
            source: "The framework: within 5 days of the incident occurring".into(),
        };
        let rules = ClockRules::new([(ClockKind::NotificationToPanel, seed.clone())]);
        let n = notification();
        let incident = n.incident_date.unwrap();
        let t = open(n, false, d("2026-11-20"), &rules).unwrap();
        assert!(t.effects.contains(&CaseEffect::StartClock {
            kind: ClockKind::NotificationToPanel,
            from: incident,
            rule: seed
        }));
    }

    #[test]
    fn the_report_goes_after_the_decision_and_the_review_stops_at_its_final_report() {
        let sent = CaseCommand::RecordReportSent { sent_on: d("2026-11-18") };
        let awaiting = transition(&case(CaseStage::AwaitingDecision), sent.clone(), OFFICE, d("2026-11-20"), &rules());
        assert!(matches!(awaiting, Err(Refusal::Move(CaseMoveError::NotFromStage { .. }))));
        let decided = transition(&case(CaseStage::LocalCspr), sent, OFFICE, d("2026-11-20"), &rules()).unwrap();
        assert!(decided
            .effects
            .contains(&CaseEffect::MeetClock { kind: ClockKind::RapidReviewReport, on: d("2026-11-18") }));
        let final_report = CaseCommand::RecordFinalReportSent { sent_on: d("2027-04-01") };
        let t = transition(&case(CaseStage::LocalCspr), final_report, OFFICE, d("2027-04-02"), &rules()).unwrap();
        assert!(t.effects.contains(&CaseEffect::MeetClock { kind: ClockKind::CsprCompletion, on: d("2027-04-01") }));
    }

    #[test]
    fn a_review_is_extended_from_its_due_date() {
        let extension = ReviewExtension {
            due_on: Some(d("2027-07-16")),
            reason: "A criminal trial".into(),
            panel_advised: false,
            panel_advised_on: None,
        };
        let none = transition(
            &case(CaseStage::LocalCspr),
            CaseCommand::ExtendReview(extension.clone()),
            OFFICE,
            d("2027-04-02"),
            &rules(),
        );
        assert!(matches!(none, Err(Refusal::Conflict(_))));
        let open = CaseState { review_due: Some(d("2027-05-16")), ..case(CaseStage::LocalCspr) };
        let t = transition(&open, CaseCommand::ExtendReview(extension), OFFICE, d("2027-04-02"), &rules()).unwrap();
        assert!(matches!(
            &t.effects[..],
            [CaseEffect::ExtendClock { kind: ClockKind::CsprCompletion, extension }]
                if extension.previous_due_on == d("2027-05-16") && extension.due_on == d("2027-07-16")
        ));
    }

    #[test]
    fn a_meeting_with_requests_outstanding_needs_a_reason() {
        let waiting = CaseState { outstanding: 1, ..case(CaseStage::RapidReview) };
        let meeting = crate::case::meeting::tests::complete();
        let refused =
            transition(&waiting, CaseCommand::RecordMeeting(meeting.clone()), OFFICE, d("2026-11-20"), &rules());
        assert!(matches!(refused, Err(Refusal::Invalid(ref e)) if e[0].field == "outstanding_reason"));
        let explained = RapidReviewMeeting { outstanding_reason: "The GP could not answer in time".into(), ..meeting };
        assert!(transition(&waiting, CaseCommand::RecordMeeting(explained), OFFICE, d("2026-11-20"), &rules()).is_ok());
    }
}
