//! Learning that changes practice (issue 15): the themes a partnership tags its cases,
//! learning and recommendations with, and the quarters its statistics and quality assurance
//! report are counted by. The rules live here for the server and the pages alike.
pub mod quarter;
pub mod themes;

use crate::Role;
pub use quarter::Quarter;
pub use themes::{
    check_tags, check_themes, recurrent, seeded_id, themes_over_time, trends, CaseThemes, ThemeForm, ThemeList,
    ThemeTally, ThemeTrend, ThemeView, ThemesOverTime, SEEDED_THEMES,
};

/// Who edits the partnership's list of themes: the business office.
pub const THEME_ADMINS: &[Role] = &[Role::BusinessOffice];
/// Who tags a case with themes: the office, the strategic leads and the reviewers.
pub const THEME_TAGGERS: &[Role] = &[Role::BusinessOffice, Role::StrategicLead, Role::Reviewer];
/// Who sees the themes across cases over time (counts of cases, never a case's details).
pub const THEME_READERS: &[Role] = &[Role::BusinessOffice, Role::StrategicLead, Role::Reviewer, Role::Scrutineer];
