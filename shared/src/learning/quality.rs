//! The quarterly quality assurance report [382]: for a quarter, the actions opened, closed and
//! overdue by agency, the briefings published, and the reviews started and finished.
use serde::{Deserialize, Serialize};

/// One agency's actions in the quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyActions {
    pub agency: String,
    /// Added in the quarter.
    pub opened: i64,
    /// Closed in the quarter.
    pub closed: i64,
    /// Open at the quarter's end (or today, for this quarter) and past their due date.
    pub overdue: i64,
}

/// Reviews started and finished in the quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewCounts {
    /// Rapid Reviews begun (the local authority became aware).
    pub rapid_reviews_started: i64,
    /// Rapid Reviews whose report went to the National Panel.
    pub rapid_reviews_finished: i64,
    /// Local CSPRs decided on.
    pub csprs_started: i64,
    /// Local CSPRs whose final report went to the National Panel.
    pub csprs_finished: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QualityReport {
    /// "2026 Q3".
    pub quarter: String,
    /// By agency, by name; agencies with nothing to count left out.
    pub actions: Vec<AgencyActions>,
    /// Every agency's together.
    pub total: AgencyActions,
    pub briefings_published: i64,
    pub reviews: ReviewCounts,
}

/// The totals of the agencies' rows.
pub fn total(rows: &[AgencyActions]) -> AgencyActions {
    rows.iter().fold(AgencyActions { agency: "All agencies".into(), opened: 0, closed: 0, overdue: 0 }, |mut t, r| {
        t.opened += r.opened;
        t.closed += r.closed;
        t.overdue += r.overdue;
        t
    })
}
