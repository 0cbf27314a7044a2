use super::*;
use crate::calendar::BankHolidays;
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn calendar(region: Region, closures: &[&str]) -> WorkingCalendar {
    let all = BankHolidays::shipped();
    WorkingCalendar::new(region, all.division(region).unwrap(), closures.iter().map(|c| d(c)))
}

fn due(region: Region, from: &str, n: u32) -> NaiveDate {
    let r = calendar(region, &[]).add_working_days(d(from), n).unwrap();
    assert!(r.warnings.is_empty(), "{from} + {n}: {:?}", r.warnings);
    r.value
}

#[test]
fn christmas_and_new_year_2025_26_in_each_region() {
    // 24 Dec, then 25/26 Dec and the weekend, 29–31 Dec, 1 Jan off, 2 Jan (off in Scotland)
    assert_eq!(due(Region::EnglandAndWales, "2025-12-23", 5), d("2026-01-02"));
    assert_eq!(due(Region::NorthernIreland, "2025-12-23", 5), d("2026-01-02"));
    assert_eq!(due(Region::Scotland, "2025-12-23", 5), d("2026-01-05"));
}

#[test]
fn christmas_and_new_year_2026_27_with_substitute_days() {
    // Boxing Day 2026 is a Saturday: Monday 28 Dec is its substitute everywhere; 2 Jan 2027
    // is a Saturday: Monday 4 Jan is Scotland's substitute.
    assert_eq!(due(Region::EnglandAndWales, "2026-12-23", 5), d("2027-01-04"));
    assert_eq!(due(Region::NorthernIreland, "2026-12-23", 5), d("2027-01-04"));
    assert_eq!(due(Region::Scotland, "2026-12-23", 5), d("2027-01-05"));
    for region in Region::ALL {
        assert!(!calendar(region, &[]).is_working_day(d("2026-12-28")), "{region:?}");
    }
    assert!(calendar(Region::EnglandAndWales, &[]).is_working_day(d("2027-01-04")));
}

#[test]
fn easter_2026_differs_between_regions() {
    // Good Friday 3 April everywhere; Easter Monday 6 April not in Scotland
    assert_eq!(due(Region::EnglandAndWales, "2026-04-02", 1), d("2026-04-07"));
    assert_eq!(due(Region::NorthernIreland, "2026-04-02", 1), d("2026-04-07"));
    assert_eq!(due(Region::Scotland, "2026-04-02", 1), d("2026-04-06"));
}

#[test]
fn northern_ireland_substitute_for_the_twelfth() {
    // 12 July 2026 is a Sunday: Monday 13 July is off in Northern Ireland only
    assert_eq!(due(Region::NorthernIreland, "2026-07-10", 1), d("2026-07-14"));
    assert_eq!(due(Region::EnglandAndWales, "2026-07-10", 1), d("2026-07-13"));
}

#[test]
fn a_closure_day_is_not_a_working_day() {
    let cal = calendar(Region::EnglandAndWales, &["2026-12-24"]);
    assert!(!cal.is_working_day(d("2026-12-24")));
    assert_eq!(cal.add_working_days(d("2026-12-23"), 1).unwrap().value, d("2026-12-29"));
    assert_eq!(due(Region::EnglandAndWales, "2026-12-23", 1), d("2026-12-24"));
    // a closure on a holiday or weekend changes nothing
    let twice = calendar(Region::EnglandAndWales, &["2026-12-25", "2026-12-27"]);
    assert_eq!(twice.working_days_between(d("2026-12-23"), d("2027-01-04")), 5);
}

#[test]
fn the_statutory_clocks_from_a_plain_week() {
    // Monday 9 Nov 2026: 5 → Mon 16, 7 → Wed 18, 15 → Mon 30 Nov
    assert_eq!(due(Region::EnglandAndWales, "2026-11-09", 5), d("2026-11-16"));
    assert_eq!(due(Region::EnglandAndWales, "2026-11-09", 7), d("2026-11-18"));
    assert_eq!(due(Region::EnglandAndWales, "2026-11-09", 15), d("2026-11-30"));
    // from a Saturday, the first working day is the Monday
    assert_eq!(due(Region::EnglandAndWales, "2026-11-14", 1), d("2026-11-16"));
    assert_eq!(due(Region::EnglandAndWales, "2026-11-14", 0), d("2026-11-14"));
}

#[test]
fn dates_beyond_the_shipped_list_are_warned() {
    let cal = calendar(Region::Scotland, &[]);
    let r = cal.add_working_days(d("2030-12-20"), 10).unwrap();
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].code, CalendarWarning::HOLIDAYS_UNKNOWN);
    assert_eq!(r.warnings[0].year, 2031);
    assert!(r.warnings[0].message.contains("scotland"));
    // Scotland's 2030 holidays (25, 26 Dec) are still skipped, 2031 days are counted
    assert_eq!(r.value, d("2031-01-07"));
    let before = cal.add_working_days(d("2017-12-20"), 3).unwrap();
    assert_eq!(before.warnings.iter().map(|w| w.year).collect::<Vec<_>>(), vec![2017]);
    assert!(cal.add_working_days(d("2030-12-02"), 5).unwrap().warnings.is_empty());
}

#[test]
fn working_days_left_counts_to_and_past_the_due_date() {
    let cal = calendar(Region::EnglandAndWales, &[]);
    assert_eq!(cal.working_days_between(d("2026-11-26"), d("2026-11-26")), 0);
    assert_eq!(cal.working_days_between(d("2026-11-26"), d("2026-11-27")), 1);
    assert_eq!(cal.working_days_between(d("2026-11-26"), d("2026-11-30")), 2);
    assert_eq!(cal.working_days_between(d("2026-11-30"), d("2026-11-26")), -2);
    assert_eq!(cal.working_days_between(d("2026-12-24"), d("2026-12-29")), 1);
}

#[test]
fn six_calendar_months_keep_the_day_or_clamp_to_month_end() {
    assert_eq!(WorkingCalendar::add_months(d("2026-11-26"), 6), Some(d("2027-05-26")));
    assert_eq!(WorkingCalendar::add_months(d("2026-08-31"), 6), Some(d("2027-02-28")));
}

fn naive_count(cal: &WorkingCalendar, from: NaiveDate, to: NaiveDate) -> i64 {
    from.iter_days().skip(1).take_while(|x| *x <= to).filter(|x| cal.is_working_day(*x)).count() as i64
}

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    // 2017 to 2032: inside and on both sides of the shipped list
    (0i64..(16 * 366)).prop_map(|n| d("2017-01-01") + chrono::Duration::days(n))
}

fn arb_calendar() -> impl Strategy<Value = WorkingCalendar> {
    (0usize..3, proptest::collection::vec(arb_date(), 0..20)).prop_map(|(r, closures)| {
        let region = Region::ALL[r];
        WorkingCalendar::new(region, BankHolidays::shipped().division(region).unwrap(), closures)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn due_is_the_nth_working_day_after(cal in arb_calendar(), from in arb_date(), n in 1u32..200) {
        let due = cal.add_working_days(from, n).unwrap().value;
        prop_assert!(due > from);
        prop_assert!(cal.is_working_day(due));
        prop_assert_eq!(naive_count(&cal, from, due), i64::from(n));
        prop_assert_eq!(cal.working_days_between(from, due), i64::from(n));
    }

    #[test]
    fn adding_in_two_steps_is_adding_once(cal in arb_calendar(), from in arb_date(), a in 0u32..60, b in 0u32..60) {
        let once = cal.add_working_days(from, a + b).unwrap().value;
        let mid = cal.add_working_days(from, a).unwrap().value;
        prop_assert_eq!(cal.add_working_days(mid, b).unwrap().value, once);
    }

    #[test]
    fn between_is_antisymmetric_and_matches_counting(cal in arb_calendar(), a in arb_date(), b in arb_date()) {
        prop_assert_eq!(cal.working_days_between(a, b), -cal.working_days_between(b, a));
        if a <= b {
            prop_assert_eq!(cal.working_days_between(a, b), naive_count(&cal, a, b));
        }
    }

    #[test]
    fn warned_exactly_when_an_unknown_year_is_crossed(cal in arb_calendar(), from in arb_date(), n in 1u32..100) {
        let r = cal.add_working_days(from, n).unwrap();
        let crosses = (from.succ_opt().unwrap().year()..=r.value.year()).any(|y| !(2018..=2030).contains(&y));
        prop_assert_eq!(!r.warnings.is_empty(), crosses);
    }
}
