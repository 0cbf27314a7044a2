//! Learning that changes practice (issue 15): 6-step learning briefings, actions followed to
//! the evidence of their impact, the themes a partnership tags its cases, learning and
//! recommendations with, the timeliness statistics and the quarterly quality assurance report,
//! counted by calendar quarter. The rules live here for the server and the pages alike.
pub mod actions;
pub mod briefing;
pub mod feed;
pub mod quality;
pub mod quarter;
pub mod statistics;
pub mod themes;

use crate::Role;
pub use actions::{
    ActionAgreement, ActionFilter, ActionForm, ActionSource, ActionStatus, ActionUpdate, ActionUpdateForm,
    ActionUpdateKind, ActionView,
};
pub use briefing::{
    BriefingApproval, BriefingForm, BriefingHeadings, BriefingOccasion, BriefingStatus, BriefingSummary, BriefingView,
    NewBriefing,
};
pub use quality::{AgencyActions, QualityReport, ReviewCounts};
pub use quarter::Quarter;
pub use statistics::{Measure, QuarterFigure, Series, Timeliness};
pub use themes::{
    check_tags, check_themes, recurrent, seeded_id, themes_over_time, trends, CaseThemes, ThemeForm, ThemeList,
    ThemeTally, ThemeTrend, ThemeView, ThemesOverTime, SEEDED_THEMES,
};

/// Who edits the partnership's list of themes: the business office.
pub const THEME_ADMINS: &[Role] = &[Role::BusinessOffice];
/// Who tags a case with themes: the office, the strategic leads and the reviewers.
pub const THEME_TAGGERS: &[Role] = &[Role::BusinessOffice, Role::StrategicLead, Role::Reviewer];
/// Who sees the themes across cases over time (counts of cases, never a case's details), the
/// timeliness statistics and the quarterly report.
pub const THEME_READERS: &[Role] = &[Role::BusinessOffice, Role::StrategicLead, Role::Reviewer, Role::Scrutineer];
