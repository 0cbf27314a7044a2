//! A person's calendar feed (iCalendar, RFC 5545): the clocks, meetings, events and actions
//! they are part of, as all-day events. A feed is read by calendar programs outside the
//! system, so it holds no child's or family's name: a title names the case's reference and the
//! step, nothing else.
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    /// What a feed entry is.
    pub enum FeedKind ["snake_case"] {
        /// A statutory clock's due date.
        Clock,
        /// A Rapid Review meeting.
        Meeting,
        /// A practitioner learning event.
        Event,
        /// An action's due date.
        Action,
    }
}

/// Those whose feed holds every case's clocks, meetings and events (others: their agency's
/// clocks only).
pub const FOLLOW_EVERY_CASE: &[crate::Role] =
    &[crate::Role::BusinessOffice, crate::Role::StrategicLead, crate::Role::Reviewer];

/// One entry: an all-day event on `on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// Stable across reads (a calendar program updates the event rather than adding another).
    pub uid: String,
    pub on: NaiveDate,
    pub kind: FeedKind,
    /// The case's reference.
    pub reference: String,
    /// The step, in words ("Rapid Review report to the National Panel due").
    pub step: String,
}

impl FeedItem {
    /// "CSPR-2026-0007: Rapid Review meeting".
    pub fn title(&self) -> String {
        if self.reference.is_empty() {
            self.step.clone()
        } else {
            format!("{}: {}", self.reference, self.step)
        }
    }
}

/// Whether a person's feed exists, and when it was made (its address is shown once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedStatus {
    pub active: bool,
    pub created_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The secret address: given only when the feed is made (keep it; making a new one
    /// revokes the old).
    pub url: Option<String>,
}

/// Escapes a TEXT value (RFC 5545 3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (RFC 5545 3.1), never inside a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// The feed as an iCalendar document, stamped `stamp` (UTC).
pub fn ics(calendar_name: &str, items: &[FeedItem], stamp: NaiveDateTime) -> String {
    let mut out = String::new();
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//CSPR Hub//Calendar feed//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", escape(calendar_name)),
    ] {
        fold(&line, &mut out);
    }
    for item in items {
        let next = item.on.succ_opt().unwrap_or(item.on);
        for line in [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}", escape(&item.uid)),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", item.on.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
            format!("SUMMARY:{}", escape(&item.title())),
            format!("CATEGORIES:{}", item.kind.as_str().to_uppercase()),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ] {
            fold(&line, &mut out);
        }
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_all_day_escaped_and_folded() {
        let on = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let item = FeedItem {
            uid: "clock-1@cspr-hub".into(),
            on,
            kind: FeedKind::Clock,
            reference: "NV-2026-0001".into(),
            step: format!("Report; due, now {}", "x".repeat(80)),
        };
        let text = ics("CSPR Hub", &[item], on.and_hms_opt(9, 0, 0).unwrap());
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20261203\r\nDTEND;VALUE=DATE:20261204\r\n"));
        assert!(text.contains("SUMMARY:NV-2026-0001: Report\\; due\\, now"));
        assert!(text.lines().all(|l| l.len() <= 75), "every line folded");
        assert!(text.contains("\r\n x"), "a long line goes on after a space");
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }
}
