//! Calendar quarters (January–March is Q1), by which the timeliness statistics and the
//! quarterly quality assurance report count.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub q: u8,
}

impl Quarter {
    /// The quarter a day falls in.
    pub fn of(day: NaiveDate) -> Quarter {
        Quarter { year: day.year(), q: (day.month0() / 3 + 1) as u8 }
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        let month = u32::from(self.q.clamp(1, 4) - 1) * 3 + 1;
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// Its last day.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    pub fn next(self) -> Quarter {
        if self.q >= 4 {
            Quarter { year: self.year + 1, q: 1 }
        } else {
            Quarter { year: self.year, q: self.q + 1 }
        }
    }

    pub fn previous(self) -> Quarter {
        if self.q <= 1 {
            Quarter { year: self.year - 1, q: 4 }
        } else {
            Quarter { year: self.year, q: self.q - 1 }
        }
    }

    /// The `count` quarters ending with this one, oldest first.
    pub fn last(self, count: usize) -> Vec<Quarter> {
        let mut out: Vec<Quarter> = std::iter::successors(Some(self), |q| Some(q.previous())).take(count).collect();
        out.reverse();
        out
    }

    /// A number for the quarter that counts on by one each quarter (`year * 4 + q - 1`): the
    /// statistics' SQL groups by it.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 4 + i64::from(self.q.clamp(1, 4)) - 1
    }

    /// The quarter of an [`index`](Quarter::index).
    pub fn from_index(index: i64) -> Quarter {
        Quarter { year: index.div_euclid(4) as i32, q: (index.rem_euclid(4) + 1) as u8 }
    }

    /// "2026 Q3", for headings and chart axes.
    pub fn label(self) -> String {
        format!("{} Q{}", self.year, self.q)
    }

    /// Reads "2026-Q3" (as in a query string) or "2026 Q3".
    pub fn parse(text: &str) -> Option<Quarter> {
        let (year, q) = text.trim().split_once(['-', ' '])?;
        let q: u8 = q.trim().strip_prefix(['Q', 'q'])?.parse().ok()?;
        let year: i32 = year.parse().ok()?;
        ((1..=4).contains(&q) && (1900..=9999).contains(&year)).then_some(Quarter { year, q })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_day_falls_in_its_calendar_quarter_with_its_first_and_last_days() {
        assert_eq!(Quarter::of(d("2026-03-31")), Quarter { year: 2026, q: 1 });
        assert_eq!(Quarter::of(d("2026-04-01")), Quarter { year: 2026, q: 2 });
        let q4 = Quarter::of(d("2026-11-30"));
        assert_eq!((q4.first_day(), q4.last_day()), (d("2026-10-01"), d("2026-12-31")));
        assert_eq!(Quarter { year: 2028, q: 1 }.last_day(), d("2028-03-31"));
        assert_eq!(q4.next(), Quarter { year: 2027, q: 1 });
        assert_eq!(Quarter { year: 2027, q: 1 }.previous(), q4);
    }

    #[test]
    fn the_last_quarters_run_oldest_first_across_a_year_end() {
        let labels: Vec<String> = Quarter { year: 2027, q: 2 }.last(4).into_iter().map(Quarter::label).collect();
        assert_eq!(labels, ["2026 Q3", "2026 Q4", "2027 Q1", "2027 Q2"]);
    }

    #[test]
    fn quarters_parse_from_a_query_or_a_label() {
        assert_eq!(Quarter::parse("2026-Q3"), Some(Quarter { year: 2026, q: 3 }));
        assert_eq!(Quarter::parse("2026 q1"), Some(Quarter { year: 2026, q: 1 }));
        for bad in ["2026-Q5", "2026-Q0", "Q3", "2026", "twenty-Q1", ""] {
            assert_eq!(Quarter::parse(bad), None, "{bad}");
        }
    }
}
