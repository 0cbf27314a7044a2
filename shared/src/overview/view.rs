//! What the API answers about the overview report.
use super::comments::CommentThread;
use super::diff::SectionDiff;
use super::document::{ReportVersion, Section};
use super::publication::{PanelResponse, PlanClock, PublicationPlan, Submission};
use super::signoff::{ChainLink, ChainSignOff, ChainStep};
use super::stage::OverviewAction;
use super::waiver::HitView;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A version in the list of versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionSummary {
    pub version: u32,
    pub saved_by: String,
    pub saved_on: NaiveDate,
}

/// The overview report as the person asking may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverviewView {
    pub case_id: Uuid,
    pub reference: String,
    /// The latest version (none before the first save).
    pub latest: Option<ReportVersion>,
    /// The sections a first draft starts from: the partnership's headings.
    pub template: Vec<Section>,
    pub versions: Vec<VersionSummary>,
    /// Threads, open first, then in the order of the text.
    pub threads: Vec<CommentThread>,
    /// The anonymisation check of the latest version.
    pub hits: Vec<HitView>,
    /// Hits neither fixed nor waived: sign-off waits for none.
    pub hits_left: usize,
    /// The chain for the latest version.
    pub chain: Vec<ChainLink>,
    /// Every sign-off recorded, voided ones too.
    pub signoffs: Vec<ChainSignOff>,
    /// Sign-offs voided by an edit since the last sign-off: the page says so.
    pub voided: usize,
    /// The latest version signed off in full (exported and sent).
    pub signed_off_version: Option<u32>,
    pub submission: Option<Submission>,
    pub panel_response: Option<PanelResponse>,
    pub plan: PublicationPlan,
    pub plan_clocks: Vec<PlanClock>,
    /// An active prosecution or paused process holds publication.
    pub publication_hold: bool,
    pub is_lead: bool,
    pub allowed_actions: Vec<OverviewAction>,
    /// The links this person may record now.
    pub can_sign: Vec<ChainStep>,
}

/// The difference between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionDiff {
    pub from: u32,
    pub to: u32,
    pub sections: Vec<SectionDiff>,
    pub words_added: usize,
    pub words_removed: usize,
}

/// A draft waiting for the scrutineer's comments, in any partnership they belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DraftForComment {
    /// The partnership's slug (switch to it to comment).
    pub tenant_slug: String,
    pub tenant_name: String,
    pub case_id: Uuid,
    pub reference: String,
    pub version: u32,
    pub saved_on: NaiveDate,
    /// Threads open on it.
    pub open_threads: u32,
}
