//! One multi-agency chronology: every agency's submitted entries, ordered by date and time
//! (an entry without a time first on its day), then by agency, then in each agency's own
//! order; filtered by agency and period; as JSON or CSV. The browser draws it as lanes, one
//! per agency, over one time axis, with the quiet periods when no agency saw the child.
use super::report::ChronologyEntry;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An entry of the merged chronology, with its agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MergedEntry {
    pub agency_id: Uuid,
    pub agency_name: String,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub event: String,
    pub source: String,
    pub practitioner_role: String,
    pub outcome: String,
}

/// The filters of the merged chronology.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChronologyQuery {
    pub agency: Option<Uuid>,
    /// From this day (inclusive).
    pub from: Option<NaiveDate>,
    /// To this day (inclusive).
    pub to: Option<NaiveDate>,
}

impl ChronologyQuery {
    fn keeps(&self, agency: Uuid, date: NaiveDate) -> bool {
        self.agency.is_none_or(|a| a == agency)
            && self.from.is_none_or(|f| date >= f)
            && self.to.is_none_or(|t| date <= t)
    }
}

/// A span of days in which no agency recorded anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuietPeriod {
    /// The day after the last entry before it.
    pub from: NaiveDate,
    /// The day before the next entry.
    pub to: NaiveDate,
    pub days: i64,
}

/// The merged chronology as the API answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChronologyView {
    pub entries: Vec<MergedEntry>,
    /// The agencies whose submitted entries it holds (by name), whatever the filter.
    pub agencies: Vec<ChronologyAgency>,
    /// Gaps of at least [`QUIET_DAYS`] days between entries (of the entries shown).
    pub quiet_periods: Vec<QuietPeriod>,
    /// Whether the lead reviewer has shared it with the review group (before that an agency's
    /// author sees only their own agency's entries).
    pub shared: bool,
}

/// An agency of the merged chronology.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChronologyAgency {
    pub id: Uuid,
    pub name: String,
    pub entries: usize,
}

/// The shortest gap worth showing, in days.
pub const QUIET_DAYS: i64 = 28;

/// An entry of the merged chronology borrowed from its agency's chronology: what the API
/// writes (the same fields as [`MergedEntry`], which is its owned form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MergedRef<'a> {
    pub agency_id: Uuid,
    pub agency_name: &'a str,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub event: &'a str,
    pub source: &'a str,
    pub practitioner_role: &'a str,
    pub outcome: &'a str,
}

impl MergedRef<'_> {
    pub fn to_owned(&self) -> MergedEntry {
        MergedEntry {
            agency_id: self.agency_id,
            agency_name: self.agency_name.to_string(),
            date: self.date,
            time: self.time,
            event: self.event.to_string(),
            source: self.source.to_string(),
            practitioner_role: self.practitioner_role.to_string(),
            outcome: self.outcome.to_string(),
        }
    }
}

/// Merges the agencies' entries (each agency's id, name and its entries in its own order)
/// and keeps those the query asks for. Entries without a date (never submitted so) are left
/// out.
pub fn merge(agencies: Vec<(Uuid, String, Vec<ChronologyEntry>)>, q: &ChronologyQuery) -> Vec<MergedEntry> {
    let borrowed: Vec<(Uuid, &str, &[ChronologyEntry])> =
        agencies.iter().map(|(id, name, entries)| (*id, name.as_str(), entries.as_slice())).collect();
    merge_from(&borrowed, q).iter().map(MergedRef::to_owned).collect()
}

/// [`merge`] over entries kept elsewhere (decoded once and shared), copying nothing.
pub fn merge_from<'a>(agencies: &[(Uuid, &'a str, &'a [ChronologyEntry])], q: &ChronologyQuery) -> Vec<MergedRef<'a>> {
    // each kept entry with its index in its agency's own order
    let mut order: Vec<(usize, MergedRef<'a>)> = Vec::new();
    for (agency_id, name, entries) in agencies {
        for (i, e) in entries.iter().enumerate() {
            let Some(date) = e.date else { continue };
            if q.keeps(*agency_id, date) {
                let entry = MergedRef {
                    agency_id: *agency_id,
                    agency_name: name,
                    date,
                    time: e.time,
                    event: &e.event,
                    source: &e.source,
                    practitioner_role: &e.practitioner_role,
                    outcome: &e.outcome,
                };
                order.push((i, entry));
            }
        }
    }
    order.sort_unstable_by(|(ia, a), (ib, b)| {
        (a.date, a.time, a.agency_name, a.agency_id, ia).cmp(&(b.date, b.time, b.agency_name, b.agency_id, ib))
    });
    order.into_iter().map(|(_, e)| e).collect()
}

/// The gaps of at least `min_days` between consecutive days with entries (`days`: each
/// entry's day).
pub fn quiet_periods(days: impl IntoIterator<Item = NaiveDate>, min_days: i64) -> Vec<QuietPeriod> {
    let mut days: Vec<NaiveDate> = days.into_iter().collect();
    days.sort_unstable();
    days.dedup();
    days.windows(2)
        .filter_map(|w| {
            let gap = (w[1] - w[0]).num_days() - 1;
            (gap >= min_days).then(|| QuietPeriod {
                from: w[0].succ_opt().unwrap_or(w[0]),
                to: w[1].pred_opt().unwrap_or(w[1]),
                days: gap,
            })
        })
        .collect()
}

/// The CSV header.
pub const CSV_HEADER: &str = "date,time,agency,event,source,practitioner_role,outcome";

/// One cell: quoted when it holds a comma, quote or line break; a cell a spreadsheet would
/// take for a formula (`=`, `+`, `-`, `@`, tab or carriage return first) starts with `'`.
fn cell(s: &str) -> String {
    let s = match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The rows as CSV (RFC 4180, CRLF line ends), with a header.
pub fn to_csv(entries: &[MergedRef<'_>]) -> String {
    let mut out = String::with_capacity(64 * (entries.len() + 1));
    out.push_str(CSV_HEADER);
    out.push_str("\r\n");
    for e in entries {
        let time = e.time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
        let row = [
            e.date.to_string(),
            time,
            cell(e.agency_name),
            cell(e.event),
            cell(e.source),
            cell(e.practitioner_role),
            cell(e.outcome),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cspr::report::tests::entry;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn entries_merge_by_date_and_time_then_agency_then_their_own_order() {
        let (police, health) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let merged = merge(
            vec![
                (
                    police,
                    "Police".into(),
                    vec![
                        entry("2026-03-02", Some("09:00:00"), "P1"),
                        entry("2026-03-01", None, "P0"),
                        entry("2026-03-02", Some("09:00:00"), "P2"),
                    ],
                ),
                (
                    health,
                    "Health".into(),
                    vec![entry("2026-03-02", Some("09:00:00"), "H1"), entry("2026-03-02", Some("08:00:00"), "H0")],
                ),
            ],
            &ChronologyQuery::default(),
        );
        let order: Vec<&str> = merged.iter().map(|e| e.event.as_str()).collect();
        // the same timestamp from two agencies: by agency name; within one agency, as written
        assert_eq!(order, ["P0", "H0", "H1", "P1", "P2"]);
        let only = merge(
            vec![(police, "Police".into(), vec![entry("2026-03-02", None, "P1"), entry("2026-04-02", None, "P2")])],
            &ChronologyQuery { agency: Some(police), from: Some(d("2026-04-01")), to: None },
        );
        assert_eq!(only.len(), 1);
        assert!(merge(
            vec![(police, "Police".into(), vec![entry("2026-03-02", None, "P1")])],
            &ChronologyQuery { agency: Some(health), ..ChronologyQuery::default() }
        )
        .is_empty());
    }

    #[test]
    fn a_borrowed_entry_is_written_as_its_owned_form() {
        let e = entry("2026-01-01", Some("10:30:00"), "Seen");
        let entries = [e];
        let refs = merge_from(&[(Uuid::from_u128(1), "Police", &entries)], &ChronologyQuery::default());
        assert_eq!(serde_json::to_value(refs[0]).unwrap(), serde_json::to_value(refs[0].to_owned()).unwrap());
    }

    #[test]
    fn quiet_periods_are_the_long_gaps() {
        let p = Uuid::from_u128(1);
        let merged = merge(
            vec![(
                p,
                "P".into(),
                vec![entry("2026-01-01", None, "a"), entry("2026-01-10", None, "b"), entry("2026-03-01", None, "c")],
            )],
            &ChronologyQuery::default(),
        );
        assert_eq!(
            quiet_periods(merged.iter().map(|e| e.date), QUIET_DAYS),
            vec![QuietPeriod { from: d("2026-01-11"), to: d("2026-02-28"), days: 49 }]
        );
    }

    #[test]
    fn csv_quotes_what_it_must_and_defuses_formulas() {
        let p = Uuid::from_u128(1);
        let mut e = entry("2026-01-01", Some("10:30:00"), "Said \"no\", left");
        e.outcome = "=HYPERLINK(\"x\")".into();
        let entries = [e];
        let csv = to_csv(&merge_from(&[(p, "Police", &entries)], &ChronologyQuery::default()));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER);
        assert_eq!(
            lines[1],
            "2026-01-01,10:30,Police,\"Said \"\"no\"\", left\",Case record,Social worker,\"'=HYPERLINK(\"\"x\"\")\""
        );
    }
}
