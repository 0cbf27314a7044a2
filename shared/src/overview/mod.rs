//! The overview report, from the lead reviewer's first draft to publication: the text in
//! versioned sections ([`document`]), comments anchored to it ([`anchor`], [`comments`]), the
//! difference between two versions ([`diff`]), the check for the case's own identifiers
//! ([`anonymise`]), the sign-off chain bound to one version ([`signoff`]), and the submission
//! to the National Panel and the publication plan ([`publication`]).
//!
//! Who may take each step, and when, is in [`stage`]; what the API answers in [`view`].
//! Nothing here touches storage.
pub mod anchor;
pub mod anonymise;
pub mod comments;
pub mod diff;
pub mod document;
pub mod history;
pub mod identifiers;
pub mod publication;
pub mod signoff;
pub mod stage;
pub mod view;
pub mod waiver;

pub use comments::{
    check_comment, new_anchor, reanchor, Comment, CommentThread, NewThread, ReplyForm, Resolution, ResolveForm,
};
pub use document::{check_save, default_sections, ReportVersion, SaveReport, Section};
pub use history::overview_steps;
pub use publication::{
    check_after_publication, check_plan, check_response, check_submission, plan_clocks, PanelResponse, PlanClock,
    PlanStep, PublicationPlan, Submission, SubmitForm,
};
pub use signoff::{
    chain, check_sign_off, complete, signed_off_version, void_older, ChainLink, ChainSignOff, ChainStep, LeadAgency,
    SignOffForm, SignOffRefusal,
};
pub use stage::{
    commenting_role, next_overview_step, overview_actions, reads_overview, resolves, signs, OverviewAction,
    OverviewFacts, OverviewMoveError, CHAIN_SIGNERS, OVERVIEW_READERS,
};
pub use view::{DraftForComment, OverviewView, VersionDiff, VersionSummary};
pub use waiver::{check_waiver, with_waivers, HitView, WaiveForm, Waiver};
