//! A case: it starts from a Serious Incident Notification (or is raised from a referral),
//! gathers every agency's Additional Information for the Rapid Review, records the
//! meeting and the strategic leads' decision, and carries the statutory clocks.
//!
//! Everything about the stage lives here: its records ([`notification`], [`information`],
//! [`meeting`], [`decision`]), what the API answers ([`view`]), the checks of each step
//! with the case's own dates ([`checks`]), the moves ([`stage`]) and what each does
//! ([`transition`], [`answer`]), who sees what ([`scope`]), the [`timeline`], and the words
//! the browser shows ([`journey`]).
pub mod answer;
pub mod checks;
pub mod decision;
pub mod information;
pub mod journey;
pub mod meeting;
pub mod notification;
pub mod review;
pub mod scope;
pub mod stage;
pub mod timeline;
pub mod transition;
pub mod view;

pub use answer::{answer, check_draft, AnswerCommand, AnswerEffect, AnswerTransition};
pub use checks::{
    check_decision, check_meeting, check_notification, check_report_sent_on, check_send_requests, check_sent_on,
    check_sent_on_entered, CaseDates, Outstanding,
};
pub use decision::{validate_decision, CaseDecision, LearningAction};
pub use information::{
    validate_information, validate_send_requests, AdditionalInformation, RequestStatus, SendRequests,
};
pub use meeting::{validate_meeting, MeetingMember, MemberRole, RapidReviewMeeting, RapidReviewOutcome};
pub use notification::{
    validate_notification, LaDecisionMaker, Notification, NotificationCriteria, Notifier, MAX_CHILDREN,
};
pub use review::{check_extension, validate_observation, Observation, ObservationRequest, ReviewExtension};
pub use scope::{
    answers_requests, clock_kinds_acted_on, reads_cases, reads_only_requests, reports_incidents, CaseScope,
    ClockFilter, DashboardQuery, RequestAccess, CASE_READERS, INCIDENT_REPORTERS, REQUEST_ANSWERERS, REQUEST_READERS,
};
pub use stage::{case_actions, next_case_stage, CaseAction, CaseFacts, CaseMoveError, CaseStage};
pub use timeline::{dated_steps, AskedAgency, CaseHistory, DatedStep, TimelinePhase, TimelineStep};
pub use transition::{
    check_move, open, transition, CaseCommand, CaseEffect, CaseState, CaseTransition, Refusal, CASE_CLOCKS,
};
pub use view::{CaseClock, CaseSummary, CaseView, InformationRequestView, SentOn};
