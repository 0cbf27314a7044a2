//! Comments anchored to the report's text, as the W3C Web Annotation model anchors them: the
//! words quoted, with a little of the text either side (a text quote selector), and where they
//! stand (a text position selector), in one section.
//!
//! When a new version is saved, each quote is looked for again: its context chooses between
//! repeats of the same words, and its old position only breaks a tie. A quote that is no longer
//! anywhere in the report leaves its comment orphaned, keeping the anchor it last had.
use super::document::Section;
use serde::{Deserialize, Serialize};

/// How many characters of text before and after the quote an anchor keeps.
pub const CONTEXT: usize = 32;

/// Where a comment points: a quote with its prefix and suffix (the text quote selector) and
/// its place (the text position selector), in one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TextAnchor {
    /// The key of the section quoted.
    pub section: String,
    /// The words quoted, exactly as they stood.
    pub exact: String,
    /// Up to [`CONTEXT`] characters just before the quote (fewer at the start of the section).
    pub prefix: String,
    /// Up to [`CONTEXT`] characters just after the quote (fewer at the end of the section).
    pub suffix: String,
    /// Where the quote starts in the section's text, in characters.
    pub start: usize,
    /// Where the quote ends, in characters: the first character after it.
    pub end: usize,
}

/// The anchor of characters `start..end` of the section whose key is `section`; `None` when
/// there is no such section, or the range is empty or runs past the end of its text.
pub fn anchor_at(sections: &[Section], section: &str, start: usize, end: usize) -> Option<TextAnchor> {
    let found = sections.iter().find(|s| s.key == section)?;
    if start >= end {
        return None;
    }
    let from = byte_at(&found.text, start)?;
    let to = byte_at(&found.text, end)?;
    Some(anchor_from(&found.key, &found.text, from, to, start))
}

/// The anchor re-attached to new text: the same quote found again, with a fresh prefix, suffix
/// and position. The quote is looked for in its own section first and, only when it is not
/// there, in every other section (its paragraph may have moved). Among the places found, the
/// one whose surroundings best match the old prefix and suffix wins; on equal context, the one
/// nearest the old start (and, between sections, the earlier section). `None` when the quote
/// is nowhere in the report: the comment is then orphaned and keeps its last anchor.
pub fn reattach(anchor: &TextAnchor, sections: &[Section]) -> Option<TextAnchor> {
    if anchor.exact.is_empty() {
        return None;
    }
    let own = sections.iter().position(|s| s.key == anchor.section);
    let mut found: Vec<Candidate> = own.map(|i| candidates(anchor, i, &sections[i])).unwrap_or_default();
    if found.is_empty() {
        for (i, s) in sections.iter().enumerate().filter(|(i, _)| Some(*i) != own) {
            found.extend(candidates(anchor, i, s));
        }
    }
    let best = found.into_iter().min_by_key(|c| (std::cmp::Reverse(c.score), c.distance))?;
    let section = &sections[best.section];
    Some(anchor_from(&section.key, &section.text, best.byte, best.byte + anchor.exact.len(), best.start))
}

/// A place where the quote was found again.
struct Candidate {
    /// The index of the section in the report.
    section: usize,
    /// Where the quote starts, in bytes and in characters.
    byte: usize,
    start: usize,
    /// How many characters of the old prefix and suffix match the text around it.
    score: usize,
    /// How far it is from the old start, in characters.
    distance: usize,
}

/// Every place the anchor's quote occurs in one section, scored.
fn candidates(anchor: &TextAnchor, index: usize, section: &Section) -> Vec<Candidate> {
    let text = &section.text;
    occurrences(text, &anchor.exact)
        .into_iter()
        .map(|(byte, start)| Candidate {
            section: index,
            byte,
            start,
            score: context_score(text, byte, byte + anchor.exact.len(), anchor),
            distance: start.abs_diff(anchor.start),
        })
        .collect()
}

/// Where `exact` (not empty) occurs in `text`, overlapping occurrences included: the byte and
/// character offset of each start, in order. Characters are counted in one pass over the text.
fn occurrences(text: &str, exact: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut from, mut counted_to, mut chars) = (0, 0, 0);
    while let Some(i) = text[from..].find(exact) {
        let at = from + i;
        chars += text[counted_to..at].chars().count();
        counted_to = at;
        out.push((at, chars));
        from = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// How well the text around bytes `from..to` of `text` matches the anchor's context: the
/// characters of its prefix that match, read backwards from the quote, plus those of its
/// suffix that match, read forwards.
fn context_score(text: &str, from: usize, to: usize, anchor: &TextAnchor) -> usize {
    let before = text[..from].chars().rev().zip(anchor.prefix.chars().rev()).take(CONTEXT);
    let after = text[to..].chars().zip(anchor.suffix.chars()).take(CONTEXT);
    before.take_while(|(a, b)| a == b).count() + after.take_while(|(a, b)| a == b).count()
}

/// The anchor of bytes `from..to` of `text` (both on character boundaries), which starts at
/// character `start`.
fn anchor_from(key: &str, text: &str, from: usize, to: usize, start: usize) -> TextAnchor {
    let exact = &text[from..to];
    TextAnchor {
        section: key.to_string(),
        exact: exact.to_string(),
        prefix: last_chars(&text[..from], CONTEXT).to_string(),
        suffix: first_chars(&text[to..], CONTEXT).to_string(),
        start,
        end: start + exact.chars().count(),
    }
}

/// The byte offset of character `n` of `text` (its length for `n` equal to its number of
/// characters); `None` past the end.
fn byte_at(text: &str, n: usize) -> Option<usize> {
    text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).nth(n)
}

/// The last `n` characters of `s` (all of it when shorter).
fn last_chars(s: &str, n: usize) -> &str {
    match n.checked_sub(1) {
        Some(k) => &s[s.char_indices().rev().nth(k).map_or(0, |(i, _)| i)..],
        None => "",
    }
}

/// The first `n` characters of `s` (all of it when shorter).
fn first_chars(s: &str, n: usize) -> &str {
    &s[..s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::overview::document::char_slice;

    fn report(sections: &[(&str, &str)]) -> Vec<Section> {
        sections.iter().map(|(k, t)| Section::new(k, &k.to_uppercase(), t)).collect()
    }

    /// The anchor of the first occurrence of `quote` in section `key`.
    fn anchor_on(sections: &[Section], key: &str, quote: &str) -> TextAnchor {
        let text = &sections.iter().find(|s| s.key == key).expect("the section").text;
        let byte = text.find(quote).expect("the quote");
        let start = text[..byte].chars().count();
        anchor_at(sections, key, start, start + quote.chars().count()).expect("an anchor")
    }

    /// The anchor points at its own quote in `sections`.
    fn assert_points_at_quote(anchor: &TextAnchor, sections: &[Section]) {
        let text = &sections.iter().find(|s| s.key == anchor.section).expect("the section").text;
        assert_eq!(char_slice(text, anchor.start, anchor.end), anchor.exact);
        assert!(text[..].contains(&format!("{}{}{}", anchor.prefix, anchor.exact, anchor.suffix)));
    }

    const CASE: &str = "Amira was seen by the health visitor at home in March.\n\nThe school raised a \
                        concern in April. No referral followed.";

    #[test]
    fn a_quote_survives_insertions_before_it_in_its_section() {
        let old = report(&[("the_case", CASE)]);
        let anchor = anchor_on(&old, "the_case", "raised a concern");
        let new = report(&[("the_case", &format!("A new opening paragraph.\n\n{CASE}"))]);
        let moved = reattach(&anchor, &new).expect("found");
        assert_eq!(moved.start, anchor.start + 26);
        assert_eq!(moved.end, anchor.end + 26);
        assert_eq!(moved.exact, anchor.exact);
        assert_points_at_quote(&moved, &new);
    }

    #[test]
    fn a_quote_survives_insertions_after_it_and_changes_right_next_to_it() {
        let old = report(&[("the_case", CASE)]);
        let anchor = anchor_on(&old, "the_case", "raised a concern");
        let text = CASE.replace("The school", "Her school").replace(" in April.", " on 3 April, in writing.")
            + "\n\nA paragraph added at the end.";
        let new = report(&[("the_case", &text)]);
        let moved = reattach(&anchor, &new).expect("found");
        assert_eq!(moved.start, anchor.start);
        assert_eq!(moved.suffix, " on 3 April, in writing. No refe");
        assert_points_at_quote(&moved, &new);
    }

    #[test]
    fn a_quote_survives_edits_elsewhere_and_a_new_section_before_its_own() {
        let old = report(&[("introduction", "This review was commissioned in May."), ("the_case", CASE)]);
        let anchor = anchor_on(&old, "the_case", "No referral followed");
        let new = report(&[
            ("introduction", "This review was commissioned by the partnership in May 2024."),
            ("terms", "The terms of reference are in the appendix."),
            ("the_case", CASE),
        ]);
        let moved = reattach(&anchor, &new).expect("found");
        assert_eq!(moved, anchor);
    }

    #[test]
    fn an_ambiguous_quote_resolves_by_its_prefix_and_suffix() {
        let text = "Mother said she was fine. She was seen. Father said she was tired. She was seen. Nobody asked.";
        let old = report(&[("findings", text)]);
        let second = text.rfind("She was seen").expect("twice");
        let anchor = anchor_at(&old, "findings", second, second + 12).expect("an anchor");
        // A long insertion puts the first occurrence nearer the old position than the second.
        let new = report(&[("findings", &format!("{}{text}", "x".repeat(45)))]);
        let moved = reattach(&anchor, &new).expect("found");
        assert_eq!(moved.start, second + 45);
        assert!(moved.prefix.ends_with("Father said she was tired. "));
        assert_points_at_quote(&moved, &new);
    }

    #[test]
    fn an_ambiguous_quote_with_the_same_context_resolves_by_position() {
        let text = "Seen. ".repeat(40);
        let old = report(&[("findings", &text)]);
        let anchor = anchor_at(&old, "findings", 120, 125).expect("an anchor");
        let new = report(&[("findings", &format!("Note: {text}Added at the end."))]);
        let moved = reattach(&anchor, &new).expect("found");
        assert_eq!((moved.start, moved.end), (120, 125));
        assert_eq!(reattach(&anchor, &old), Some(anchor));
    }

    #[test]
    fn a_deleted_quote_is_orphaned() {
        let old = report(&[("the_case", CASE), ("findings", "Agencies did not share information.")]);
        let anchor = anchor_on(&old, "the_case", "No referral followed");
        let new = report(&[("the_case", &CASE.replace(" No referral followed.", "")), ("findings", "None.")]);
        assert_eq!(reattach(&anchor, &new), None);
        assert_eq!(reattach(&anchor, &[]), None);
    }

    #[test]
    fn a_quote_whose_paragraph_moved_to_another_section_is_found_there() {
        let old = report(&[("the_case", CASE), ("findings", "Agencies did not share information.")]);
        let anchor = anchor_on(&old, "the_case", "raised a concern");
        let (first, second) = CASE.split_once("\n\n").expect("two paragraphs");
        let new =
            report(&[("the_case", first), ("findings", &format!("Agencies did not share information.\n\n{second}"))]);
        let moved = reattach(&anchor, &new).expect("found");
        assert_eq!(moved.section, "findings");
        assert_eq!(moved.start, 37 + "The school ".len());
        assert_points_at_quote(&moved, &new);
    }

    #[test]
    fn non_ascii_text_keeps_character_offsets() {
        let text = "Zoë's café was closed. Zoë's café reopened in June.";
        let old = report(&[("the_case", text)]);
        let anchor = anchor_at(&old, "the_case", 23, 34).expect("an anchor");
        assert_eq!(anchor.exact, "Zoë's café ");
        assert_eq!(anchor.prefix, "Zoë's café was closed. ");
        assert_eq!(anchor.suffix, "reopened in June.");
        let new = report(&[("the_case", &format!("Ça va, Zoë? {text}"))]);
        let moved = reattach(&anchor, &new).expect("found");
        assert_eq!((moved.start, moved.end), (35, 46));
        assert_points_at_quote(&moved, &new);
    }

    #[test]
    fn anchor_at_refuses_empty_or_out_of_range_ranges_and_unknown_sections() {
        let old = report(&[("the_case", "Zoë's café.")]);
        assert_eq!(anchor_at(&old, "the_case", 3, 3), None);
        assert_eq!(anchor_at(&old, "the_case", 5, 3), None);
        assert_eq!(anchor_at(&old, "the_case", 6, 12), None);
        assert_eq!(anchor_at(&old, "the_case", 12, 13), None);
        assert_eq!(anchor_at(&old, "findings", 0, 3), None);
        let whole = anchor_at(&old, "the_case", 0, 11).expect("the whole text");
        assert_eq!((whole.exact.as_str(), whole.prefix.as_str(), whole.suffix.as_str()), ("Zoë's café.", "", ""));
    }

    #[test]
    fn the_context_kept_is_at_most_32_characters_either_side() {
        let text = format!("{}quote{}", "é".repeat(50), "ü".repeat(50));
        let old = report(&[("analysis", &text)]);
        let anchor = anchor_at(&old, "analysis", 50, 55).expect("an anchor");
        assert_eq!(anchor.prefix, "é".repeat(CONTEXT));
        assert_eq!(anchor.suffix, "ü".repeat(CONTEXT));
    }

    #[test]
    fn a_few_hundred_anchors_reattach_on_a_long_section() {
        let text: String = (0..2_500).map(|i| format!("Sentence {i} is here. ")).collect();
        assert!(text.chars().count() > 50_000);
        let old = report(&[("analysis", &text)]);
        let anchors: Vec<TextAnchor> =
            (0..300).map(|i| anchor_on(&old, "analysis", &format!("Sentence {} is", i * 8))).collect();
        let new = report(&[("analysis", &format!("Préambule.\n\n{text}"))]);
        for a in &anchors {
            let moved = reattach(a, &new).expect("found");
            assert_eq!(moved.start, a.start + 12);
            assert_points_at_quote(&moved, &new);
        }
    }
}
