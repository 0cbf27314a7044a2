//! The local CSPR, from commissioning to the practitioner event: the lead reviewer and the
//! Independent Scrutineer ([`commission`]), the review group and its composition rule
//! ([`group`]), the terms of reference and key lines of enquiry ([`terms`]), the author
//! briefing and each agency's author ([`authors`]), every agency's chronology and key event
//! analysis ([`report`]) merged into one multi-agency chronology ([`chronology`]), the
//! practitioner event ([`event`]), the family's part and its genogram ([`family`]), and the
//! parallel processes that may hold publication ([`parallel`]).
//!
//! Who may take each step, and when, is in [`stage`]; who reads what in [`scope`]; what the
//! API answers in [`view`]. Nothing here touches storage.
pub mod authors;
pub mod chronology;
pub mod commission;
pub mod event;
pub mod family;
pub mod group;
pub mod history;
pub mod parallel;
pub mod report;
pub mod scope;
pub mod stage;
pub mod terms;
pub mod view;
pub mod work;

pub use authors::{check_assignment, check_briefing, AssignAuthor, AuthorBriefing, Candidate};
pub use chronology::{
    merge, merge_from, quiet_periods, to_csv, ChronologyAgency, ChronologyQuery, ChronologyView, MergedEntry,
    MergedRef, QuietPeriod, QUIET_DAYS,
};
pub use commission::{check_commission, Commission, CommissionForm, NoticeForm};
pub use event::{check_event, EventFormat, Invitee, InviteeRole, PractitionerEvent};
pub use family::{check_family, genogram, FamilyEngagement, FamilyMember, Genogram, RelationKind, Relationship, Sex};
pub use group::{check_review_group, GroupAgency, GroupMember, ReviewGroup};
pub use history::{cspr_steps, CsprHistory};
pub use parallel::{check_process, holds_publication, ParallelProcess, ProcessForm, ProcessKind, ProcessStatus};
pub use report::{
    check_report, next_report_status, report_actions, AgencyReportBody, ChronologyEntry, KeyEvent, ReportAction,
    ReportRole, ReportStatus, ReportVersion, ReturnForm, SignOff,
};
pub use scope::{CsprActor, ReportAccess, CSPR_READERS, REPORT_SIGNERS, REPORT_WRITERS};
pub use stage::{cspr_actions, next_cspr_step, observing_role, CsprAction, CsprFacts, CsprMoveError};
pub use terms::{
    check_agreement, check_terms, AgreementForm, TermsAgreement, TermsForm, TermsObservation, TermsVersion,
};
pub use view::{AgencyReportSummary, AgencyReportView, CsprView, GroupMemberView};
pub use work::{tasks, ReportFacts, ReviewFacts, ReviewTask, TaskKind};
