//! A stored time read and written quickly on the list paths. SQLite keeps timestamps as text
//! (`YYYY-MM-DD HH:MM:SS.ffffff`, as diesel writes them); diesel parses that by trying
//! several chrono formats, and chrono writes RFC 3339 through its general formatter. Both
//! showed in `perf` profiles of the list route under `cargo xtask bench`; this type reads
//! the fixed layout directly (falling back to chrono for anything else) and writes the same
//! RFC 3339 text as chrono's serde does.
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use diesel::deserialize::{self, FromSql, FromSqlRow};
use diesel::pg::{Pg, PgValue};
use diesel::sql_types::{Text, Timestamp};
use diesel::sqlite::{Sqlite, SqliteValue};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, FromSqlRow)]
pub struct Stamp(pub NaiveDateTime);

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
}

/// `YYYY-MM-DD HH:MM:SS[.f…]` (or with `T`), the layout diesel writes.
pub fn parse_fixed(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || !(b[10] == b' ' || b[10] == b'T')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(digits(&b[0..4])? as i32, digits(&b[5..7])?, digits(&b[8..10])?)?;
    let mut nanos = 0;
    if b.len() > 19 {
        let frac = &b[20..];
        if b[19] != b'.' || frac.is_empty() || frac.len() > 9 {
            return None;
        }
        nanos = digits(frac)? * 10u32.pow(9 - frac.len() as u32);
    }
    let time = NaiveTime::from_hms_nano_opt(digits(&b[11..13])?, digits(&b[14..16])?, digits(&b[17..19])?, nanos)?;
    Some(NaiveDateTime::new(date, time))
}

impl FromSql<Timestamp, Sqlite> for Stamp {
    fn from_sql(value: SqliteValue<'_, '_, '_>) -> deserialize::Result<Self> {
        let text = <*const str as FromSql<Text, Sqlite>>::from_sql(value)?;
        // SAFETY: diesel's pointer is valid until the next step of the statement, and the
        // text is read here, before this function returns.
        let text = unsafe { &*text };
        if let Some(t) = parse_fixed(text) {
            return Ok(Stamp(t));
        }
        for format in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M", "%Y-%m-%d"] {
            if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
                return Ok(Stamp(t));
            }
        }
        Err(format!("not a timestamp: {} characters", text.len()).into())
    }
}

impl FromSql<Timestamp, Pg> for Stamp {
    fn from_sql(value: PgValue<'_>) -> deserialize::Result<Self> {
        <NaiveDateTime as FromSql<Timestamp, Pg>>::from_sql(value).map(Stamp)
    }
}

fn push2(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// A stored time (UTC, without its zone) as a UTC time.
pub fn utc(t: NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_naive_utc_and_offset(t, chrono::Utc)
}

/// RFC 3339 in UTC as chrono's serde writes it (`SecondsFormat::AutoSi`, `Z`).
pub fn rfc3339(t: NaiveDateTime) -> String {
    let mut out = String::with_capacity(32);
    let year = t.year();
    if !(0..=9999).contains(&year) {
        return chrono::DateTime::<chrono::Utc>::from_naive_utc_and_offset(t, chrono::Utc)
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
    }
    push2(&mut out, year as u32 / 100);
    push2(&mut out, year as u32 % 100);
    out.push('-');
    push2(&mut out, t.month());
    out.push('-');
    push2(&mut out, t.day());
    out.push('T');
    push2(&mut out, t.hour());
    out.push(':');
    push2(&mut out, t.minute());
    out.push(':');
    // a leap second shows as second 60 in chrono's nanoseconds
    let nanos = t.nanosecond();
    push2(&mut out, t.second() + nanos / 1_000_000_000);
    let nanos = nanos % 1_000_000_000;
    if nanos != 0 {
        out.push('.');
        let (value, width) = if nanos.is_multiple_of(1_000_000) {
            (nanos / 1_000_000, 3)
        } else if nanos.is_multiple_of(1_000) {
            (nanos / 1_000, 6)
        } else {
            (nanos, 9)
        };
        let s = value.to_string();
        for _ in s.len()..width {
            out.push('0');
        }
        out.push_str(&s);
    }
    out.push('Z');
    out
}

impl serde::Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&rfc3339(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    #[test]
    fn reads_the_stored_layout_and_writes_what_chrono_writes() {
        for text in [
            "2026-11-26 09:11:56",
            "2026-11-26 09:11:56.123",
            "2026-11-26 09:11:56.123456",
            "2026-02-28T23:59:59.000001",
        ] {
            let fast = parse_fixed(text).unwrap();
            let slow = NaiveDateTime::parse_from_str(&text.replace('T', " "), "%Y-%m-%d %H:%M:%S%.f").unwrap();
            assert_eq!(fast, slow, "{text}");
            let chrono_json = serde_json::to_string(&DateTime::<Utc>::from_naive_utc_and_offset(fast, Utc)).unwrap();
            assert_eq!(serde_json::to_string(&Stamp(fast)).unwrap(), chrono_json, "{text}");
        }
        for bad in [
            "",
            "2026-11-26",
            "2026-13-26 09:11:56",
            "2026-11-26 25:00:00",
            "2026-11-26 09:11:56.",
            "2026-11-26 09:11:56x1",
        ] {
            assert_eq!(parse_fixed(bad), None, "{bad}");
        }
    }
}
