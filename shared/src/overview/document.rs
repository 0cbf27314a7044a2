//! The overview report's text: sections with headings, each a run of paragraphs separated by
//! blank lines, and every saved version kept. Positions in a section's text are counted in
//! characters (Unicode scalar values), as the W3C Web Annotation position selector counts
//! them, never in bytes.
use crate::text::{is_blank, MAX_SHORT};
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest section text we accept, in characters.
pub const MAX_SECTION: usize = 100_000;
/// The most sections a report has.
pub const MAX_SECTIONS: usize = 30;

/// The seed's sections, in order: (key, heading). A partnership may set its own.
pub const DEFAULT_SECTIONS: [(&str, &str); 5] = [
    ("introduction", "Introduction"),
    ("the_case", "The case"),
    ("analysis", "Analysis by key lines of enquiry"),
    ("findings", "Findings"),
    ("recommendations", "Recommendations"),
];

/// One section of the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Section {
    /// Stable within the report (lower case letters, digits and `_`): comments and hits
    /// name it.
    pub key: String,
    pub heading: String,
    /// Paragraphs separated by a blank line.
    pub text: String,
}

impl Section {
    pub fn new(key: &str, heading: &str, text: &str) -> Section {
        Section { key: key.into(), heading: heading.into(), text: text.into() }
    }
}

/// The default sections, empty.
pub fn default_sections() -> Vec<Section> {
    DEFAULT_SECTIONS.iter().map(|(k, h)| Section::new(k, h, "")).collect()
}

/// A paragraph of a section's text: where it starts (in characters) and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph<'a> {
    pub start: usize,
    pub text: &'a str,
}

/// The paragraphs of a section's text: split at blank lines, trimmed of the line breaks
/// around them, empty ones left out. `start` counts characters from the start of `text`.
pub fn paragraphs(text: &str) -> Vec<Paragraph<'_>> {
    let mut out = Vec::new();
    let mut chars = 0usize;
    for block in text.split("\n\n") {
        let lead = block.len() - block.trim_start_matches('\n').len();
        let body = block.trim_matches('\n');
        if !body.trim().is_empty() {
            let start = chars + block[..lead].chars().count();
            out.push(Paragraph { start, text: body });
        }
        chars += block.chars().count() + 2;
    }
    out
}

/// Characters `start..end` of `s` (clamped to its length).
pub fn char_slice(s: &str, start: usize, end: usize) -> &str {
    let b = |n: usize| s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    let (a, z) = (b(start), b(end.max(start)));
    &s[a..z]
}

/// Where `quote` starts in `text`, each time it occurs (character offsets): a person who
/// types the words they comment on is asked for more words when there is more than one.
pub fn occurrences(text: &str, quote: &str) -> Vec<usize> {
    if quote.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(b) = text[from..].find(quote) {
        let at = from + b;
        out.push(text[..at].chars().count());
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// A version as kept: never changed once saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportVersion {
    /// 1, 2, …
    pub version: u32,
    pub sections: Vec<Section>,
    pub saved_by: String,
    pub saved_on: NaiveDate,
}

/// A save, as the lead reviewer sends it: the version it was written on, and every section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SaveReport {
    /// The version the text was written on (0 for the first save): a save on an older
    /// version than the latest is refused (409 `edit_conflict`).
    pub base_version: u32,
    pub sections: Vec<Section>,
}

/// The problems with a save: at least one section, keys well formed and unique, every
/// heading present and short, texts within bounds.
pub fn check_save(form: &SaveReport) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if form.sections.is_empty() {
        errors.push(FieldError::new("sections", "required", "The report needs at least one section"));
    }
    if form.sections.len() > MAX_SECTIONS {
        errors.push(FieldError::new("sections", "too_many", format!("A report has at most {MAX_SECTIONS} sections")));
    }
    for (i, s) in form.sections.iter().enumerate() {
        let field = |f: &str| format!("sections[{i}].{f}");
        if !key_ok(&s.key) {
            errors.push(FieldError::new(
                field("key"),
                "invalid",
                "A section's key is lower case letters, digits and _",
            ));
        } else if form.sections[..i].iter().any(|o| o.key == s.key) {
            errors.push(FieldError::new(field("key"), "duplicate", "Two sections have the same key"));
        }
        if is_blank(&s.heading) {
            errors.push(FieldError::new(field("heading"), "required", "Enter the section's heading"));
        } else if s.heading.chars().count() > MAX_SHORT {
            errors.push(FieldError::new(field("heading"), "too_long", "The heading is too long"));
        }
        if s.text.chars().count() > MAX_SECTION {
            errors.push(FieldError::new(field("text"), "too_long", "The section is too long"));
        }
    }
    errors
}

fn key_ok(key: &str) -> bool {
    !key.is_empty() && key.len() <= 64 && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A key for a new heading: its words, lower case, joined by `_`.
pub fn key_for(heading: &str) -> String {
    let words: Vec<String> = heading
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let key = words.join("_");
    if key.is_empty() {
        "section".into()
    } else {
        key.chars().take(64).collect()
    }
}

/// The sections as the server keeps them: texts with Windows line breaks made plain, and
/// headings trimmed.
pub fn clean(sections: &[Section]) -> Vec<Section> {
    sections
        .iter()
        .map(|s| Section {
            key: s.key.clone(),
            heading: s.heading.trim().to_string(),
            text: s.text.replace("\r\n", "\n").trim_end().to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_blank_lines_and_count_characters() {
        let text = "Première phrase.\n\nSecond one.\n\n\n\nThird.";
        let ps = paragraphs(text);
        assert_eq!(ps.len(), 3);
        assert_eq!(ps[0], Paragraph { start: 0, text: "Première phrase." });
        assert_eq!(ps[1].start, 18);
        assert_eq!(char_slice(text, ps[1].start, ps[1].start + 6), "Second");
        assert_eq!(char_slice(text, ps[2].start, ps[2].start + 6), "Third.");
        assert_eq!(occurrences("aé b aé", "aé"), vec![0, 5]);
        assert!(occurrences("abc", "").is_empty() && occurrences("abc", "x").is_empty());
    }

    #[test]
    fn a_save_needs_sections_with_headings_and_unique_keys() {
        let ok = SaveReport { base_version: 0, sections: default_sections() };
        assert!(check_save(&ok).is_empty());
        let mut bad = ok.clone();
        bad.sections[1].key = "introduction".into();
        bad.sections[2].heading = " ".into();
        bad.sections[3].key = "Bad Key".into();
        let codes: Vec<_> = check_save(&bad).into_iter().map(|e| (e.field, e.code)).collect();
        assert!(codes.contains(&("sections[1].key".into(), "duplicate".into())));
        assert!(codes.contains(&("sections[2].heading".into(), "required".into())));
        assert!(codes.contains(&("sections[3].key".into(), "invalid".into())));
        assert!(!check_save(&SaveReport::default()).is_empty());
        assert_eq!(key_for("Lessons: what changed?"), "lessons_what_changed");
    }
}
