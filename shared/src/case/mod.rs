//! A case: it starts from a Serious Incident Notification (or is raised from a referral),
//! gathers every agency's Additional Information for the Rapid Review, records the
//! meeting and the strategic leads' decision, and carries the statutory clocks.
pub mod decision;
pub mod information;
pub mod meeting;
pub mod notification;
pub mod stage;
pub mod view;

pub use decision::{validate_decision, CaseDecision, LearningAction};
pub use information::{
    validate_information, validate_send_requests, AdditionalInformation, RequestStatus, SendRequests,
};
pub use meeting::{validate_meeting, MeetingMember, MemberRole, RapidReviewMeeting, RapidReviewOutcome};
pub use notification::{validate_notification, Notification, Notifier, MAX_CHILDREN};
pub use stage::{
    case_actions, clock_kinds_acted_on, next_case_stage, reads_cases, CaseAction, CaseFacts, CaseMoveError, CaseStage,
};
pub use view::{CaseClock, CaseSummary, CaseView, DatedStep, InformationRequestView, SentOn};
