//! Bank holidays per UK region, in the shape of GOV.UK's public bank-holidays JSON:
//! `{division: {division, events: [{title, date, notes}]}}`.
use crate::region::Region;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The list shipped with CSPR Hub (2018–2030, from the GOV.UK list's shape).
pub const SHIPPED_JSON: &str = include_str!("../../data/uk-bank-holidays.json");

/// One region's holidays and the whole years the list covers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Division {
    pub dates: BTreeSet<NaiveDate>,
    /// Whole years the list covers: a date outside them cannot be trusted to be a working day.
    pub years: BTreeSet<i32>,
}

impl Division {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.years.contains(&date.year())
    }

    pub fn first_year(&self) -> Option<i32> {
        self.years.first().copied()
    }

    pub fn last_year(&self) -> Option<i32> {
        self.years.last().copied()
    }
}

/// Bank holidays of every region known.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BankHolidays {
    pub divisions: BTreeMap<Region, Division>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolidayListError {
    /// The text is not the GOV.UK bank-holidays JSON shape.
    Shape(String),
    /// A date is not `YYYY-MM-DD`.
    Date(String),
    /// None of the three UK divisions is in the list.
    NoDivision,
}

impl std::fmt::Display for HolidayListError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HolidayListError::Shape(e) => write!(f, "not a GOV.UK bank-holidays list: {e}"),
            HolidayListError::Date(d) => write!(f, "not a date (YYYY-MM-DD): {d:?}"),
            HolidayListError::NoDivision => {
                write!(f, "the list has none of england-and-wales, scotland, northern-ireland")
            }
        }
    }
}

impl std::error::Error for HolidayListError {}

#[derive(Deserialize)]
struct WireDivision {
    events: Vec<WireEvent>,
}

#[derive(Deserialize)]
struct WireEvent {
    date: String,
}

impl BankHolidays {
    /// Parses a GOV.UK bank-holidays JSON text. A year counts as covered when the list
    /// has at least one holiday in it (every UK region has New Year and Christmas).
    pub fn parse(json: &str) -> Result<BankHolidays, HolidayListError> {
        let wire: BTreeMap<String, WireDivision> =
            serde_json::from_str(json).map_err(|e| HolidayListError::Shape(e.to_string()))?;
        let mut divisions = BTreeMap::new();
        for (name, wire) in wire {
            let Some(region) = Region::parse(&name) else { continue };
            let mut division = Division::default();
            for event in wire.events {
                let date = NaiveDate::parse_from_str(&event.date, "%Y-%m-%d")
                    .map_err(|_| HolidayListError::Date(event.date.clone()))?;
                division.years.insert(date.year());
                division.dates.insert(date);
            }
            divisions.insert(region, division);
        }
        if divisions.is_empty() {
            return Err(HolidayListError::NoDivision);
        }
        Ok(BankHolidays { divisions })
    }

    /// The list shipped in the repository.
    pub fn shipped() -> BankHolidays {
        BankHolidays::parse(SHIPPED_JSON).expect("the shipped bank-holiday list parses (tested)")
    }

    /// Lays `newer` over `self`: for each region and each year `newer` covers, its dates
    /// replace ours; years only we cover stay as they were.
    pub fn overlay(&mut self, newer: &BankHolidays) {
        for (region, new) in &newer.divisions {
            let ours = self.divisions.entry(*region).or_default();
            ours.dates.retain(|d| !new.years.contains(&d.year()));
            ours.dates.extend(new.dates.iter().copied());
            ours.years.extend(new.years.iter().copied());
        }
    }

    pub fn division(&self, region: Region) -> Option<&Division> {
        self.divisions.get(&region)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn shipped_list_covers_2018_to_2030_in_every_region() {
        let all = BankHolidays::shipped();
        for region in Region::ALL {
            let div = all.division(region).unwrap();
            assert_eq!(div.first_year(), Some(2018), "{region:?}");
            assert_eq!(div.last_year(), Some(2030), "{region:?}");
            assert!(div.dates.contains(&d("2026-12-25")));
        }
    }

    #[test]
    fn bad_lists_are_refused_with_a_reason() {
        assert!(matches!(BankHolidays::parse("[]"), Err(HolidayListError::Shape(_))));
        assert_eq!(BankHolidays::parse("{}"), Err(HolidayListError::NoDivision));
        let bad_date =
            r#"{"scotland": {"division": "scotland", "events": [{"title": "x", "date": "2031-13-01", "notes": ""}]}}"#;
        assert_eq!(BankHolidays::parse(bad_date), Err(HolidayListError::Date("2031-13-01".into())));
    }

    #[test]
    fn overlay_replaces_the_years_the_newer_list_covers() {
        let mut all = BankHolidays::shipped();
        let newer = r#"{"england-and-wales": {"division": "england-and-wales", "events": [
            {"title": "New Year's Day", "date": "2030-01-01", "notes": ""},
            {"title": "A new one-off", "date": "2030-06-03", "notes": ""},
            {"title": "New Year's Day", "date": "2031-01-01", "notes": ""}]}}"#;
        all.overlay(&BankHolidays::parse(newer).unwrap());
        let ew = all.division(Region::EnglandAndWales).unwrap();
        assert!(ew.dates.contains(&d("2030-06-03")));
        assert!(!ew.dates.contains(&d("2030-12-25")), "2030 replaced by the newer list");
        assert!(ew.dates.contains(&d("2029-12-25")), "2029 kept");
        assert_eq!(ew.last_year(), Some(2031));
        assert!(all.division(Region::Scotland).unwrap().dates.contains(&d("2030-12-25")));
    }
}
