//! Timeliness statistics by quarter: of the deadlines that fell due in a quarter, the share
//! met on time. A deadline counts once it is decided: met (on time or late), or still unmet
//! after its due date (late). One not yet due and not yet met is not counted. The server
//! counts in SQL; the percentages and the series' order are worked out here.
use super::Quarter;
use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    /// What a series measures.
    pub enum Measure ["snake_case"] {
        /// Serious Incident Notifications within their rule (by default 5 working days).
        Notifications,
        /// Agencies' Additional Information within 7 working days.
        AdditionalInformation,
        /// Rapid Reviews within 15 working days.
        RapidReviews,
        /// Local CSPRs within 6 months.
        Csprs,
        /// Actions closed by their due date.
        Actions,
    }
}

impl Measure {
    pub fn label(self) -> &'static str {
        match self {
            Measure::Notifications => "Notifications within their rule",
            Measure::AdditionalInformation => "Additional information within 7 working days",
            Measure::RapidReviews => "Rapid Reviews within 15 working days",
            Measure::Csprs => "Local CSPRs within 6 months",
            Measure::Actions => "Actions closed on time",
        }
    }

    /// The clock kind a measure counts (actions have none: they count themselves).
    pub fn clock_kind(self) -> Option<crate::calendar::ClockKind> {
        use crate::calendar::ClockKind as K;
        match self {
            Measure::Notifications => Some(K::NotificationToPanel),
            Measure::AdditionalInformation => Some(K::AgencyInformation),
            Measure::RapidReviews => Some(K::RapidReviewReport),
            Measure::Csprs => Some(K::CsprCompletion),
            Measure::Actions => None,
        }
    }
}

/// One measure in one quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuarterFigure {
    /// "2026 Q3".
    pub quarter: String,
    /// Deadlines decided in the quarter.
    pub counted: i64,
    /// Of those, met on time.
    pub on_time: i64,
    /// `on_time` as a percentage of `counted`, to one decimal place; none when nothing counted.
    pub percent: Option<f64>,
}

/// One measure across the quarters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Series {
    pub measure: Measure,
    pub label: String,
    pub figures: Vec<QuarterFigure>,
}

/// The statistics for a run of quarters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Timeliness {
    /// "2026 Q3", oldest first.
    pub quarters: Vec<String>,
    /// A series per measure, in the order of [`Measure::ALL`].
    pub series: Vec<Series>,
}

/// A count as the SQL gives it: the measure, the quarter's index, counted, on time.
pub type Count = (Measure, i64, i64, i64);

/// The percentage to one decimal place (none of none).
pub fn percent(on_time: i64, counted: i64) -> Option<f64> {
    (counted > 0).then(|| (on_time as f64 * 1000.0 / counted as f64).round() / 10.0)
}

/// The series of every measure over `quarters` (oldest first) from the counts; a quarter with
/// no count has 0 counted and no percentage.
pub fn timeliness(quarters: &[Quarter], counts: &[Count]) -> Timeliness {
    let series = Measure::ALL
        .iter()
        .map(|&measure| Series {
            measure,
            label: measure.label().to_string(),
            figures: quarters
                .iter()
                .map(|q| {
                    let (counted, on_time) = counts
                        .iter()
                        .filter(|(m, i, _, _)| *m == measure && *i == q.index())
                        .fold((0, 0), |(c, o), (_, _, counted, on_time)| (c + counted, o + on_time));
                    QuarterFigure { quarter: q.label(), counted, on_time, percent: percent(on_time, counted) }
                })
                .collect(),
        })
        .collect();
    Timeliness { quarters: quarters.iter().map(|q| q.label()).collect(), series }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_to_one_place_and_none_of_nothing() {
        assert_eq!(percent(2, 3), Some(66.7));
        assert_eq!(percent(1, 8), Some(12.5));
        assert_eq!(percent(0, 0), None);
        assert_eq!(percent(5, 5), Some(100.0));
    }

    #[test]
    fn counts_land_in_their_quarter_and_measure() {
        let q3 = Quarter { year: 2026, q: 3 };
        let quarters = q3.last(2);
        let counts = vec![(Measure::RapidReviews, q3.index(), 4, 3), (Measure::Actions, q3.previous().index(), 2, 0)];
        let t = timeliness(&quarters, &counts);
        assert_eq!(t.quarters, vec!["2026 Q2", "2026 Q3"]);
        let rr = t.series.iter().find(|s| s.measure == Measure::RapidReviews).unwrap();
        assert_eq!(rr.figures[1].percent, Some(75.0));
        assert_eq!(rr.figures[0].counted, 0);
        let actions = t.series.iter().find(|s| s.measure == Measure::Actions).unwrap();
        assert_eq!((actions.figures[0].counted, actions.figures[0].percent), (2, Some(0.0)));
        assert_eq!(Quarter::from_index(q3.index()), q3);
        assert_eq!(Quarter::from_index(Quarter { year: 2027, q: 1 }.index()), Quarter { year: 2027, q: 1 });
    }
}
