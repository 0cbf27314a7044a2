//! The anonymisation check of the overview report. A published report must hold nothing that
//! identifies the child or the family, so the report is scanned for the case's own
//! identifiers (names, dates of birth, addresses, places) and for anything shaped like a UK
//! postcode. Each hit names its section and its place there; sign-off waits while hits
//! remain that nobody has waived.
//!
//! Matching ignores case, takes any run of white space as one space and a curly apostrophe
//! as a straight one, and holds only at word boundaries: a hit is neither preceded nor
//! followed by a letter or digit, so "Smith" does not hit "Smithson". Positions are counted
//! in characters, never in bytes.
//!
//! The scan is one pass over the text. The text is folded to lower case character by
//! character, and only where the lower case letter has the same length in bytes (a few rare
//! capitals, such as "ẞ", are left as they are), so a byte offset in the folded text is one in
//! the original. At each word's start the word is looked up among the first words of the
//! identifiers' forms, and only those forms are tried there.
use super::document::Section;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// What the case holds that would identify the child or family.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CaseIdentifiers {
    /// Full names of the children and family members (e.g. "Jamie Lee Smith").
    pub people: Vec<String>,
    /// The children's and family members' dates of birth.
    pub dates_of_birth: Vec<NaiveDate>,
    /// Addresses as recorded, free text, e.g. "12 Acacia Road, Northtown NN1 1AA" or with
    /// line breaks.
    pub addresses: Vec<String>,
    /// Schools and other places recorded (e.g. "Northtown Primary School", "Riverside Park").
    pub places: Vec<String>,
}

crate::wire::wire_enum! {
    /// What kind of identifier a hit is.
    pub enum IdentifierKind ["snake_case"] {
        /// A person's name, in full or in part, or their initials.
        Name,
        /// A date of birth, in any common format.
        DateOfBirth,
        /// The first line of an address, or its street.
        Address,
        /// A UK postcode: the case's own, or any string shaped like one.
        Postcode,
        /// A school or other place, or the distinctive part of its name.
        Place,
    }
}

/// One identifier found in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnonymisationHit {
    /// The key of the section it is in.
    pub section: String,
    /// True when it is in the section's heading rather than its text.
    pub in_heading: bool,
    /// Where it starts, in characters from the start of the text (or heading).
    pub start: usize,
    /// Where it ends (exclusive), in characters.
    pub end: usize,
    /// The text found, as written.
    pub found: String,
    /// What kind of identifier it is.
    pub kind: IdentifierKind,
    /// A few words either side (about 30 characters), for the list; white space collapsed,
    /// and "…" where the text goes on.
    pub context: String,
}

/// Every hit of the case's identifiers in the sections (headings and texts), in section order
/// then position (a section's heading before its text). Where hits overlap, the longest is
/// kept ("Jamie Smith's" is one hit, not three).
pub fn scan(sections: &[Section], ids: &CaseIdentifiers) -> Vec<AnonymisationHit> {
    let forms = Forms::of(ids);
    let mut hits = Vec::new();
    for s in sections {
        hits.extend(scan_one(&s.key, &s.heading, true, &forms));
        hits.extend(scan_one(&s.key, &s.text, false, &forms));
    }
    hits
}

/// A waiver's key for a hit: the section and the found text folded to lower case with white
/// space collapsed (a waiver covers that text in that section).
pub fn waiver_key(hit: &AnonymisationHit) -> (String, String) {
    (hit.section.clone(), collapse(&hit.found).to_lowercase())
}

/// How many characters of context either side of a hit.
const CONTEXT: usize = 30;

/// Words that end a place's name without telling it apart ("Riverside Park").
const PLACE_ENDINGS: [&str; 10] =
    ["school", "academy", "nursery", "college", "park", "hospital", "surgery", "church", "centre", "center"];

/// Endings of a single-word street name ("Broadway", "Northgate", "Riverside").
const STREET_ENDINGS: [&str; 22] = [
    "road", "street", "lane", "avenue", "close", "drive", "way", "gate", "crescent", "gardens", "terrace", "grove",
    "hill", "walk", "mews", "court", "square", "place", "green", "row", "rise", "side",
];

/// The months' names, lower case.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The hits in one heading or text.
fn scan_one(key: &str, text: &str, in_heading: bool, forms: &Forms) -> Vec<AnonymisationHit> {
    let folded = fold(text);
    let mut chars = CharCounter { text, at: 0, chars: 0 };
    keep_longest(find(&folded, forms))
        .into_iter()
        .map(|s| AnonymisationHit {
            section: key.to_string(),
            in_heading,
            start: chars.to(s.start),
            end: chars.to(s.end),
            found: text.get(s.start..s.end).unwrap_or("").to_string(),
            kind: s.kind,
            context: context(text, s.start, s.end),
        })
        .collect()
}

/// A stretch of a text holding an identifier, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
    kind: IdentifierKind,
}

/// Every form's hit and every postcode-shaped string in a folded text.
fn find(text: &str, forms: &Forms) -> Vec<Span> {
    let mut spans = Vec::new();
    for (start, end) in Words::new(text, 0) {
        let word = text.get(start..end).unwrap_or("");
        let next = next_byte(text, end);
        for form in forms.starting(word).iter().filter(|f| f.next == 0 || f.next == next) {
            if let Some(e) = match_at(text, start, &form.text).filter(|&e| ends_word(text, e)) {
                spans.push(Span { start, end: e, kind: form.kind });
            }
        }
        if let Some(e) = postcode_at(text, start, end) {
            spans.push(Span { start, end: e, kind: IdentifierKind::Postcode });
        }
    }
    spans
}

/// Of overlapping spans, the longest (then the first, then the kind declared first); the
/// spans kept in order of position.
fn keep_longest(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable_by_key(|s| (s.start, Reverse(s.end), s.kind as u8));
    let mut kept = Vec::with_capacity(spans.len());
    let mut group: Vec<Span> = Vec::new();
    let mut reach = 0;
    for s in spans {
        if s.start >= reach {
            settle(&mut group, &mut kept);
        }
        reach = reach.max(s.end);
        group.push(s);
    }
    settle(&mut group, &mut kept);
    kept
}

/// Settles a run of spans each overlapping the run before it: longest first, each kept if it
/// overlaps none kept already.
fn settle(group: &mut Vec<Span>, kept: &mut Vec<Span>) {
    if group.len() < 2 {
        kept.append(group);
        return;
    }
    group.sort_unstable_by_key(|s| (Reverse(s.end.saturating_sub(s.start)), s.start, s.kind as u8));
    let mut chosen: BTreeMap<usize, Span> = BTreeMap::new();
    for s in group.drain(..) {
        // Chosen spans do not overlap, so the one starting last before `s` ends is the only
        // one that can reach into it.
        if chosen.range(..s.end).next_back().is_none_or(|(_, k)| k.end <= s.start) {
            chosen.insert(s.start, s);
        }
    }
    kept.extend(chosen.into_values());
}

/// Byte offsets of a text to character offsets, for offsets given in increasing order.
struct CharCounter<'a> {
    text: &'a str,
    at: usize,
    chars: usize,
}

impl CharCounter<'_> {
    fn to(&mut self, byte: usize) -> usize {
        self.chars += self.text.get(self.at..byte).map_or(0, |s| s.chars().count());
        self.at = self.at.max(byte);
        self.chars
    }
}

/// The hit at bytes `start..end` of `text` with whole words either side, up to about
/// [`CONTEXT`] characters, white space collapsed, and "…" where the text goes on.
fn context(text: &str, start: usize, end: usize) -> String {
    let mut from = back_chars(text, start, CONTEXT);
    if text.get(..from).and_then(|s| s.chars().next_back()).is_some_and(|c| !c.is_whitespace()) {
        from = text.get(from..start).and_then(|s| s.find(char::is_whitespace)).map_or(from, |i| from + i);
    }
    let mut to = forward_chars(text, end, CONTEXT);
    if text.get(to..).and_then(|s| s.chars().next()).is_some_and(|c| !c.is_whitespace()) {
        to = text.get(end..to).and_then(|s| s.rfind(char::is_whitespace)).map_or(to, |i| end + i);
    }
    let mut out = String::with_capacity(to.saturating_sub(from) + 8);
    if text.get(..from).is_some_and(|s| !s.trim_end().is_empty()) {
        out.push('…');
    }
    out.push_str(&collapse(text.get(from..to).unwrap_or("")));
    if text.get(to..).is_some_and(|s| !s.trim_start().is_empty()) {
        out.push('…');
    }
    out
}

/// The byte offset `n` characters before byte `at` (or 0).
fn back_chars(text: &str, at: usize, n: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut i, mut k) = (at.min(bytes.len()), 0);
    while i > 0 && k < n {
        i -= 1;
        if bytes[i] & 0xC0 != 0x80 {
            k += 1;
        }
    }
    i
}

/// The byte offset `n` characters after byte `at` (or the end).
fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut i, mut k) = (at.min(bytes.len()), 0);
    while i < bytes.len() && k < n {
        i += 1;
        while i < bytes.len() && bytes[i] & 0xC0 == 0x80 {
            i += 1;
        }
        k += 1;
    }
    i
}

// ---------------------------------------------------------------------------------------
// Folding and matching

/// A text in lower case, each character folded by [`fold_char`]: the same length in bytes.
fn fold(text: &str) -> String {
    let mut bytes = text.as_bytes().to_ascii_lowercase();
    if !text.is_ascii() {
        let src = text.as_bytes();
        let mut i = 0;
        while i < src.len() {
            if src[i] < 0x80 {
                i += 1;
                continue;
            }
            let Some(c) = text.get(i..).and_then(|s| s.chars().next()) else { break };
            let n = c.len_utf8();
            if let Some(dst) = bytes.get_mut(i..i + n) {
                fold_char(c).encode_utf8(dst);
            }
            i += n;
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// A character in lower case, when that is one character of the same length in bytes.
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// A form as matched: folded like the text, each run of white space one space, curly
/// apostrophes straight, and starting at a letter or digit (a hit starts at a word's start).
fn fold_form(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| if matches!(c, '\u{2018}' | '\u{2019}') { '\'' } else { fold_char(c) }));
    }
    out.trim_start_matches(|c: char| !c.is_alphanumeric()).to_string()
}

/// Where a form matches the folded text at byte `at`: the form's space takes any run of white
/// space, its apostrophe a straight or curly one.
fn match_at(text: &str, at: usize, form: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = at;
    for &f in form.as_bytes() {
        i += match f {
            b' ' => Some(space_at(text, i)).filter(|&n| n > 0)?,
            b'\'' if bytes.get(i) == Some(&b'\'') => 1,
            b'\'' => ["\u{2019}", "\u{2018}"].iter().find(|a| text.get(i..).is_some_and(|s| s.starts_with(*a)))?.len(),
            _ if bytes.get(i) == Some(&f) => 1,
            _ => return None,
        };
    }
    Some(i)
}

/// How many bytes of white space start at byte `at`.
fn space_at(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    rest.len() - rest.trim_start().len()
}

/// The byte at `at` as a form would have it after its first word: white space as a space,
/// a curly apostrophe as a straight one, 0 at the end.
fn next_byte(text: &str, at: usize) -> u8 {
    match text.as_bytes().get(at) {
        None => 0,
        Some(&b) if b < 0x80 => {
            if b.is_ascii_whitespace() || b == 0x0B {
                b' '
            } else {
                b
            }
        }
        Some(&b) => match text.get(at..).and_then(|s| s.chars().next()) {
            Some(c) if c.is_whitespace() => b' ',
            Some('\u{2018}' | '\u{2019}') => b'\'',
            _ => b,
        },
    }
}

/// Whether the character at byte `at` is a letter or digit, and its length in bytes.
fn alnum_at(text: &str, at: usize) -> Option<(bool, usize)> {
    let b = *text.as_bytes().get(at)?;
    if b < 0x80 {
        return Some((b.is_ascii_alphanumeric(), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c.is_alphanumeric(), c.len_utf8()))
}

/// True when no letter or digit follows byte `at`.
fn ends_word(text: &str, at: usize) -> bool {
    !matches!(alnum_at(text, at), Some((true, _)))
}

/// The words of a text from byte `at` on (runs of letters and digits), as byte spans.
struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Words<'a> {
    fn new(text: &'a str, at: usize) -> Words<'a> {
        Words { text, at }
    }
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            let (alnum, n) = alnum_at(self.text, self.at)?;
            if alnum {
                break;
            }
            self.at += n;
        }
        let start = self.at;
        while let Some((true, n)) = alnum_at(self.text, self.at) {
            self.at += n;
        }
        Some((start, self.at))
    }
}

/// White space runs as one space, trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// How many letters a word has.
fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

// ---------------------------------------------------------------------------------------
// Forms of the case's identifiers

/// One way an identifier may be written, folded.
struct Form {
    text: String,
    kind: IdentifierKind,
    /// The byte after the first word (0 for a form of one word): a quick "no" before the
    /// form is matched.
    next: u8,
}

/// Every form of the case's identifiers, by its first word.
struct Forms {
    by_first_word: HashMap<String, Vec<Form>, BuildHasherDefault<Fnv>>,
    /// For each first byte of a first word, a bit for each length (31 for 31 and longer): a
    /// quick "no" before the map is asked.
    lengths: [u32; 256],
}

impl Forms {
    fn of(ids: &CaseIdentifiers) -> Forms {
        let mut forms = Forms { by_first_word: HashMap::default(), lengths: [0; 256] };
        for person in &ids.people {
            forms.add_all(name_forms(person), IdentifierKind::Name);
        }
        for &date in &ids.dates_of_birth {
            forms.add_all(date_forms(date), IdentifierKind::DateOfBirth);
        }
        for address in &ids.addresses {
            forms.add_all(address_forms(address), IdentifierKind::Address);
            forms.add_all(postcode_forms(address), IdentifierKind::Postcode);
        }
        for place in &ids.places {
            forms.add_all(place_forms(place), IdentifierKind::Place);
        }
        forms
    }

    /// Adds each form not already there (the first kind given for a form is kept).
    fn add_all(&mut self, raw: Vec<String>, kind: IdentifierKind) {
        for r in raw {
            let text = fold_form(&r);
            let Some((_, end)) = Words::new(&text, 0).next() else { continue };
            let first = text.get(..end).unwrap_or("").to_string();
            if let Some(bit) = Forms::bit(&first) {
                self.lengths[bit.0] |= bit.1;
            }
            let slot = self.by_first_word.entry(first).or_default();
            if !slot.iter().any(|f| f.text == text) {
                let next = text.as_bytes().get(end).copied().unwrap_or(0);
                slot.push(Form { text, kind, next });
            }
        }
    }

    /// The forms whose first word is `word`.
    fn starting(&self, word: &str) -> &[Form] {
        match Forms::bit(word) {
            Some((b, bit)) if self.lengths[b] & bit != 0 => self.by_first_word.get(word).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// A word's first byte and its length's bit.
    fn bit(word: &str) -> Option<(usize, u32)> {
        let first = *word.as_bytes().first()?;
        Some((usize::from(first), 1 << word.len().min(31)))
    }
}

/// A person's name as it may be written: in full; first name and surname alone (two letters
/// or more); first name and surname without middle names; initials with the surname; each of
/// these with a possessive; and the initials alone, with dots ("J.S.").
fn name_forms(person: &str) -> Vec<String> {
    let words: Vec<&str> = person.split_whitespace().collect();
    let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
        return Vec::new();
    };
    let mut names = Vec::new();
    let full = words.join(" ");
    if letters(&full) >= 2 {
        names.push(full);
    }
    if words.len() > 1 {
        names.extend([first, last].into_iter().filter(|w| letters(w) >= 2).map(str::to_string));
        names.push(format!("{first} {last}"));
        let given: Vec<char> = words[..words.len() - 1].iter().filter_map(|w| initial(w)).collect();
        names.extend(initialled(given.get(..1).unwrap_or(&[]), last));
        if given.len() > 1 {
            names.extend(initialled(&given, last));
        }
    }
    let mut forms: Vec<String> = names.iter().flat_map(|n| [n.clone(), format!("{n}'s"), format!("{n}s'")]).collect();
    let all: Vec<char> = words.iter().filter_map(|w| initial(w)).collect();
    let ends: Vec<char> = [first, last].iter().filter_map(|w| initial(w)).collect();
    for set in [all, ends] {
        if words.len() > 1 && set.len() > 1 {
            forms.push(set.iter().map(|c| format!("{c}.")).collect());
            forms.push(set.iter().map(|c| format!("{c}.")).collect::<Vec<_>>().join(" "));
        }
    }
    forms
}

/// A word's first letter.
fn initial(word: &str) -> Option<char> {
    word.chars().find(|c| c.is_alphabetic())
}

/// Initials before a surname: "J.L. Smith", "J. L. Smith", "J L Smith".
fn initialled(given: &[char], surname: &str) -> Vec<String> {
    if given.is_empty() {
        return Vec::new();
    }
    let dotted: Vec<String> = given.iter().map(|c| format!("{c}.")).collect();
    let plain: Vec<String> = given.iter().map(char::to_string).collect();
    [dotted.concat(), dotted.join(" "), plain.join(" ")].into_iter().map(|g| format!("{g} {surname}")).collect()
}

/// A date of birth as it may be written: day first with '/', '.' or '-' and a two or four
/// digit year; ISO; and with the month's name, day first or month first.
fn date_forms(date: NaiveDate) -> Vec<String> {
    let (day, month, year) = (date.day(), date.month(), date.year());
    let yyyy = format!("{year:04}");
    let yy = format!("{:02}", year.rem_euclid(100));
    let days = [day.to_string(), format!("{day:02}")];
    let months = [month.to_string(), format!("{month:02}")];
    let mut forms = vec![format!("{yyyy}-{month:02}-{day:02}")];
    for d in &days {
        for m in &months {
            for y in [&yyyy, &yy] {
                forms.extend(['/', '.', '-'].map(|sep| format!("{d}{sep}{m}{sep}{y}")));
            }
        }
    }
    let ordinal = format!("{day}{}", ordinal_suffix(day));
    for m in month_names(month) {
        for d in [&days[0], &days[1], &ordinal] {
            forms.extend([
                format!("{d} {m} {yyyy}"),
                format!("{d} {m}, {yyyy}"),
                format!("{d} of {m} {yyyy}"),
                format!("{m} {d} {yyyy}"),
                format!("{m} {d}, {yyyy}"),
            ]);
        }
    }
    forms
}

/// "st", "nd", "rd" or "th".
fn ordinal_suffix(day: u32) -> &'static str {
    match day {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    }
}

/// A month's name in full and shortened, with and without a dot ("april", "apr", "apr.").
fn month_names(month: u32) -> Vec<String> {
    let Some(full) = (month as usize).checked_sub(1).and_then(|i| MONTHS.get(i)) else {
        return Vec::new();
    };
    let mut names = vec![full.to_string()];
    let mut short = vec![full.get(..3).unwrap_or(full)];
    if month == 9 {
        short.push("sept");
    }
    for s in short {
        names.extend([s.to_string(), format!("{s}.")]);
    }
    names
}

/// An address's first line (before the first comma or line break; a line that is only a
/// house number takes the next with it) and its street without the house number, when that
/// has two words or more or is one word ending like a street ("Broadway").
fn address_forms(address: &str) -> Vec<String> {
    let mut lines = address.split([',', '\n', '\r']).map(str::trim).filter(|l| !l.is_empty());
    let Some(mut first) = lines.next().map(str::to_string) else {
        return Vec::new();
    };
    if letters(&first) < 2 {
        if let Some(next) = lines.next() {
            first = format!("{first} {next}");
        }
    }
    if letters(&first) < 2 {
        return Vec::new();
    }
    let words: Vec<&str> = first.split_whitespace().collect();
    let after_number = words.iter().rposition(|w| w.chars().any(|c| c.is_ascii_digit())).map_or(0, |i| i + 1);
    let street = words.get(after_number..).unwrap_or(&[]);
    let mut forms = vec![first.clone()];
    if after_number > 0 && is_street(street) {
        forms.push(street.join(" "));
    }
    forms
}

/// True for a street name that tells a street apart: two words or more, or one word ending
/// like a street.
fn is_street(words: &[&str]) -> bool {
    match words {
        [] => false,
        [word] => {
            let w = word.to_lowercase();
            STREET_ENDINGS.iter().any(|e| w.len() > e.len() && w.ends_with(e))
        }
        _ => true,
    }
}

/// A place's name, and the distinctive part alone when the name ends in a generic word and
/// the rest is two words or more or a word of four letters or more ("Riverside" for
/// "Riverside Park"). A name of generic words only is not a form.
fn place_forms(place: &str) -> Vec<String> {
    let words: Vec<&str> = place.split_whitespace().collect();
    let generic = |w: &&str| {
        let w = w.to_lowercase();
        w == "primary" || PLACE_ENDINGS.contains(&w.as_str())
    };
    if words.iter().all(generic) {
        return Vec::new();
    }
    let mut forms = vec![words.join(" ")];
    if let Some((last, rest)) = words.split_last() {
        let distinctive = rest.len() >= 2 || rest.first().is_some_and(|w| letters(w) >= 4);
        if PLACE_ENDINGS.contains(&last.to_lowercase().as_str()) && distinctive && !rest.iter().all(generic) {
            forms.push(rest.join(" "));
        }
    }
    forms
}

/// The FNV-1a hash: quick for the few bytes of a word, and the map is only read with the
/// report's words, never filled from them.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

// ---------------------------------------------------------------------------------------
// Postcodes

/// The postcodes in an address, with and without their space.
fn postcode_forms(address: &str) -> Vec<String> {
    let text = fold(address);
    let mut forms = Vec::new();
    for (start, end) in Words::new(&text, 0) {
        if let Some(code) = postcode_at(&text, start, end).and_then(|e| text.get(start..e)) {
            let compact: String = code.chars().filter(|c| !c.is_whitespace()).collect();
            let split = compact.len().saturating_sub(3);
            let spaced = format!("{} {}", compact.get(..split).unwrap_or(""), compact.get(split..).unwrap_or(""));
            forms.extend([compact, spaced]);
        }
    }
    forms
}

/// Where a postcode-shaped string starting with the word at bytes `start..end` of a folded
/// text ends: an outward code (one or two letters, a digit, and perhaps a letter or digit),
/// perhaps white space, and an inward code (a digit and two letters), as whole words.
fn postcode_at(text: &str, start: usize, end: usize) -> Option<usize> {
    let word = text.get(start..end)?;
    if is_whole_postcode(word) {
        return Some(end);
    }
    if !is_outward(word) {
        return None;
    }
    let space = space_at(text, end);
    let (from, to) = Words::new(text, end + space).next()?;
    (space > 0 && from == end + space && text.get(from..to).is_some_and(is_inward)).then_some(to)
}

/// "nn11aa", "ec1a1bb".
fn is_whole_postcode(word: &str) -> bool {
    let n = word.len();
    word.is_ascii()
        && (5..=7).contains(&n)
        && word.get(..n - 3).is_some_and(is_outward)
        && word.get(n - 3..).is_some_and(is_inward)
}

/// "nn1", "ec1a", "m1", "b33".
fn is_outward(word: &str) -> bool {
    let b = word.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    (1..=2).contains(&letters)
        && b.get(letters).is_some_and(u8::is_ascii_digit)
        && match b.get(letters + 1..) {
            Some([]) => true,
            Some([c]) => c.is_ascii_alphanumeric(),
            _ => false,
        }
}

/// "1aa".
fn is_inward(word: &str) -> bool {
    matches!(word.as_bytes(), [d, x, y] if d.is_ascii_digit() && x.is_ascii_alphabetic() && y.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::overview::document::char_slice;
    use proptest::prelude::*;

    fn ids() -> CaseIdentifiers {
        CaseIdentifiers {
            people: vec!["Jamie Lee Smith".into(), "Jo Brown".into()],
            dates_of_birth: vec![NaiveDate::from_ymd_opt(2015, 4, 3).unwrap()],
            addresses: vec!["12 Acacia Road, Northtown NN1 1AA".into()],
            places: vec!["Northtown Primary School".into(), "Riverside Park".into()],
        }
    }

    fn section(text: &str) -> Vec<Section> {
        vec![Section::new("the_case", "The case", text)]
    }

    /// The texts found in `text` for the test case's identifiers.
    fn found(text: &str) -> Vec<String> {
        scan(&section(text), &ids()).into_iter().map(|h| h.found).collect()
    }

    fn kinds(text: &str) -> Vec<IdentifierKind> {
        scan(&section(text), &ids()).into_iter().map(|h| h.kind).collect()
    }

    #[test]
    fn a_full_name_hits_with_any_possessive() {
        assert_eq!(found("We met Jamie Lee Smith today."), ["Jamie Lee Smith"]);
        assert_eq!(found("Smith's mother"), ["Smith's"]);
        assert_eq!(found("the Smiths' home"), ["Smiths'"]);
        assert_eq!(found("Jamie Lee Smith’s school"), ["Jamie Lee Smith’s"]);
        assert_eq!(kinds("JAMIE LEE SMITH"), [IdentifierKind::Name]);
    }

    #[test]
    fn a_first_name_alone_hits() {
        assert_eq!(found("Then jamie said no."), ["jamie"]);
        assert_eq!(found("Jo was seen."), ["Jo"]);
    }

    #[test]
    fn a_surname_alone_hits() {
        assert_eq!(found("Mrs Smith called."), ["Smith"]);
    }

    #[test]
    fn first_name_and_surname_without_middle_names_hit() {
        assert_eq!(found("Jamie Smith was seen"), ["Jamie Smith"]);
    }

    #[test]
    fn a_name_hits_across_a_line_break() {
        let hits = scan(&section("Jamie\n  Smith"), &ids());
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].start, hits[0].end, hits[0].found.as_str()), (0, 13, "Jamie\n  Smith"));
        assert_eq!(found("Jamie\u{a0}Lee\r\nSmith’s"), ["Jamie\u{a0}Lee\r\nSmith’s"]);
    }

    #[test]
    fn initials_with_the_surname_hit() {
        for s in ["J. Smith", "J Smith", "J.L. Smith", "J. L. Smith", "J L Smith"] {
            assert_eq!(found(&format!("Seen by {s} today")), [s], "{s}");
        }
    }

    #[test]
    fn initials_alone_hit_only_with_dots() {
        assert_eq!(found("J.S. was seen"), ["J.S."]);
        assert_eq!(found("J.L.S. was seen"), ["J.L.S."]);
        assert!(found("J S was seen").is_empty());
    }

    #[test]
    fn dates_of_birth_hit_in_common_formats() {
        for s in [
            "3/4/2015",
            "03/04/2015",
            "3.4.15",
            "03-04-2015",
            "2015-04-03",
            "3 April 2015",
            "3rd April 2015",
            "3 Apr 2015",
            "3 Apr. 2015",
            "April 3, 2015",
            "April 3rd 2015",
            "3rd of April 2015",
            "3 APRIL 2015",
        ] {
            let text = format!("born on {s}, as recorded");
            assert_eq!(found(&text), [s], "{s}");
            assert_eq!(kinds(&text), [IdentifierKind::DateOfBirth], "{s}");
        }
    }

    #[test]
    fn dates_hit_day_first_only_and_not_inside_longer_numbers() {
        assert!(found("on 4/3/2015").is_empty());
        assert!(found("on 13/4/2015").is_empty());
        assert!(found("ref 3/4/20155").is_empty());
    }

    #[test]
    fn an_address_first_line_and_its_street_hit() {
        assert_eq!(found("lived at 12 Acacia Road then"), ["12 Acacia Road"]);
        assert_eq!(found("a flat on acacia road"), ["acacia road"]);
        assert_eq!(kinds("Acacia Road"), [IdentifierKind::Address]);
    }

    #[test]
    fn an_address_on_several_lines_gives_its_first_line() {
        let ids = CaseIdentifiers { addresses: vec!["Flat 2\n7 Mill Lane\nSouthby".into()], ..Default::default() };
        let hits = scan(&section("Flat 2 was cold"), &ids);
        assert_eq!(hits.iter().map(|h| h.found.as_str()).collect::<Vec<_>>(), ["Flat 2"]);
        assert!(address_forms("7 Broadway").contains(&"Broadway".to_string()));
        assert_eq!(address_forms("7, Mill Lane, Southby"), ["7 Mill Lane", "Mill Lane"]);
    }

    #[test]
    fn the_case_postcode_hits_with_or_without_its_space_in_any_case() {
        for s in ["NN1 1AA", "NN11AA", "nn1 1aa", "Nn11aA"] {
            let text = format!("postcode {s}.");
            assert_eq!(found(&text), [s], "{s}");
            assert_eq!(kinds(&text), [IdentifierKind::Postcode], "{s}");
        }
        let forms = postcode_forms("12 Acacia Road, Northtown NN1 1AA");
        assert!(forms.contains(&"nn11aa".to_string()) && forms.contains(&"nn1 1aa".to_string()));
    }

    #[test]
    fn an_unknown_postcode_shaped_string_hits() {
        for s in ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "EC1A1BB", "w1a 0ax"] {
            let text = format!("near {s} again");
            assert_eq!(kinds(&text), [IdentifierKind::Postcode], "{s}");
            assert_eq!(found(&text), [s], "{s}");
        }
        assert!(found("in year 2015 at 10am, ABC123 and NN1 and 1AA and NNN1 1AA").is_empty());
    }

    #[test]
    fn a_place_and_its_distinctive_part_hit() {
        assert_eq!(found("at Northtown Primary School."), ["Northtown Primary School"]);
        assert_eq!(found("at Northtown Primary."), ["Northtown Primary"]);
        assert_eq!(found("played in riverside park"), ["riverside park"]);
        assert_eq!(found("played by the Riverside"), ["Riverside"]);
        assert_eq!(kinds("Riverside"), [IdentifierKind::Place]);
    }

    #[test]
    fn a_generic_word_alone_is_not_a_hit() {
        assert!(found("the school and the park and the primary").is_empty());
        let ids = CaseIdentifiers { places: vec!["Primary School".into(), "Oak Park".into()], ..Default::default() };
        assert!(scan(&section("primary school, the park, Oak"), &ids).is_empty());
    }

    #[test]
    fn there_are_no_hits_inside_longer_words() {
        assert!(found("Smithson and Joanne met Jamieson at Riversides").is_empty());
        assert!(found("blacksmith, bigjo, MNN1 1AA").is_empty());
    }

    #[test]
    fn overlapping_hits_keep_the_longest() {
        let hits = scan(&section("Jamie Smith's school"), &ids());
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].found.as_str(), hits[0].start, hits[0].end), ("Jamie Smith's", 0, 13));
        assert_eq!(found("12 Acacia Road, NN1 1AA"), ["12 Acacia Road", "NN1 1AA"]);
    }

    #[test]
    fn hits_in_a_heading_are_marked() {
        let sections = vec![Section::new("jamie", "What Jamie said", "Nothing.")];
        let hits = scan(&sections, &ids());
        assert_eq!(hits.len(), 1);
        assert!(hits[0].in_heading);
        assert_eq!((hits[0].section.as_str(), hits[0].start, hits[0].end), ("jamie", 5, 10));
        assert!(!scan(&section("Jamie"), &ids())[0].in_heading);
    }

    #[test]
    fn char_offsets_are_right_with_non_ascii_text() {
        let ids = CaseIdentifiers { people: vec!["Zoë Smith".into()], ..Default::default() };
        let text = "Zoë Smith's café";
        let hits = scan(&section(text), &ids);
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].start, hits[0].end, hits[0].found.as_str()), (0, 11, "Zoë Smith's"));
        // The ohm sign (3 bytes) lower-cases to ω (2 bytes), ẞ (3) to ß (2), İ to two
        // characters: left as they are, they must not shift what follows.
        let text = "\u{2126}\u{1E9E}\u{130}É café — zoë  SMITH’s, then ZOË.";
        let hits = scan(&section(text), &ids);
        let got: Vec<_> = hits.iter().map(|h| (h.start, h.end, h.found.as_str())).collect();
        assert_eq!(got, [(12, 24, "zoë  SMITH’s"), (31, 34, "ZOË")]);
        assert_eq!(hits[1].context, "…café — zoë SMITH’s, then ZOË.");
        for h in &hits {
            assert_eq!(char_slice(text, h.start, h.end), h.found);
        }
    }

    #[test]
    fn blank_identifiers_are_ignored() {
        let ids = CaseIdentifiers {
            people: vec!["".into(), "  ".into(), "J".into()],
            dates_of_birth: vec![],
            addresses: vec![" \n ".into(), ",".into()],
            places: vec!["".into(), " ".into()],
        };
        assert!(scan(&section("J went to the shop on the road, a b c."), &ids).is_empty());
    }

    #[test]
    fn results_are_ordered_by_section_then_position() {
        let sections = vec![
            Section::new("introduction", "Introduction", "Smith and then Jamie."),
            Section::new("the_case", "About Jo", "At Riverside Park on 3/4/2015."),
        ];
        let got: Vec<_> =
            scan(&sections, &ids()).into_iter().map(|h| (h.section, h.in_heading, h.start, h.found)).collect();
        let want = [
            ("introduction", false, 0, "Smith"),
            ("introduction", false, 15, "Jamie"),
            ("the_case", true, 6, "Jo"),
            ("the_case", false, 3, "Riverside Park"),
            ("the_case", false, 21, "3/4/2015"),
        ];
        assert_eq!(got, want.map(|(s, h, p, f)| (s.to_string(), h, p, f.to_string())));
    }

    #[test]
    fn waiver_key_folds_case_and_white_space() {
        let a = &scan(&section("JAMIE\n  Smith"), &ids())[0];
        let b = &scan(&section("and jamie smith"), &ids())[0];
        assert_eq!(waiver_key(a), ("the_case".to_string(), "jamie smith".to_string()));
        assert_eq!(waiver_key(a), waiver_key(b));
    }

    #[test]
    fn context_shows_whole_words_either_side() {
        let text = "The first paragraph is long enough here and Jamie was seen at the front door of the house.";
        let hit = &scan(&section(text), &ids())[0];
        assert_eq!(hit.context, "…is long enough here and Jamie was seen at the front door of…");
        let text = "Thewordsherearejoinedupwithoutspaces Jamie andthesewordsaretoowithoutanyspace";
        let hit = &scan(&section(text), &ids())[0];
        assert_eq!(hit.context, "…Jamie…", "a word cut by the window is left out");
        assert_eq!(scan(&section("Jamie\nleft"), &ids())[0].context, "Jamie left");
    }

    #[test]
    fn kinds_and_identifiers_travel_as_json() {
        assert_eq!(serde_json::to_value(IdentifierKind::DateOfBirth).unwrap(), "date_of_birth");
        let ids: CaseIdentifiers = serde_json::from_str(r#"{"dates_of_birth":["2015-04-03"]}"#).unwrap();
        assert_eq!(ids.dates_of_birth.len(), 1);
        assert!(ids.people.is_empty());
    }

    #[test]
    fn a_long_report_is_scanned_quickly() {
        let mut ids = ids();
        for i in 0..12 {
            ids.people.push(format!("Person{i} Middle{i} Family{i}"));
            ids.dates_of_birth.push(NaiveDate::from_ymd_opt(2010 + i, (i % 12) as u32 + 1, 9).unwrap());
            ids.addresses.push(format!("{i} Long Street{i}, Town{i} AB{i} 2CD"));
            ids.places.push(format!("Place{i} Academy"));
        }
        let paragraph = "On 3 May 2016 the school nurse, the 12 officers and Mrs Family3 met at 10:30 on \
                         3/4/2015 near NN1 1AA; Jamie's views were recorded at Riverside Park. ";
        let text = paragraph.repeat(100_000 / paragraph.chars().count());
        assert!(text.chars().count() > 95_000);
        let started = std::time::Instant::now();
        let hits = scan(&section(&text), &ids);
        let took = started.elapsed();
        assert!(hits.len() > 1000);
        // About 25 ms in a debug build on a quiet machine (the issue asks for well under
        // 100 ms); the bound is generous so a busy machine does not fail the test.
        assert!(took < std::time::Duration::from_millis(250), "took {took:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any text and any identifiers: no panic, and each hit is where it says it is, in
        /// order, without overlaps.
        #[test]
        fn any_text_gives_hits_where_they_say(
            text in "(Jamie|Smith|J\\.|Lee|NN1|1AA|nn11aa|3|4|2015|April|Apr\\.|of|Zoë|ẞ|İ|\u{2126}|’s|'s|s'| |  |\n|\u{a0}|/|\\.|-|,|x){0,40}",
            person in "[A-Za-zéË’'. ]{0,16}",
            place in "[A-Za-z ]{0,16}",
            address in "[A-Za-z0-9 ,\n]{0,24}",
            noise in any::<String>(),
        ) {
            let ids = CaseIdentifiers {
                people: vec![person, "Jamie Lee Smith".into(), "Zoë İz".into(), noise.clone()],
                dates_of_birth: vec![NaiveDate::from_ymd_opt(2015, 4, 3).unwrap()],
                addresses: vec![address, noise.clone()],
                places: vec![place, noise.clone()],
            };
            let sections = vec![Section::new("a", &noise, &text), Section::new("b", &text, &noise)];
            let hits = scan(&sections, &ids);
            for h in &hits {
                let s = sections.iter().find(|s| s.key == h.section).unwrap();
                let field = if h.in_heading { &s.heading } else { &s.text };
                prop_assert!(h.start < h.end);
                prop_assert_eq!(char_slice(field, h.start, h.end), h.found.as_str());
            }
            for pair in hits.windows(2) {
                if (&pair[0].section, pair[0].in_heading) == (&pair[1].section, pair[1].in_heading) {
                    prop_assert!(pair[0].end <= pair[1].start);
                }
            }
        }
    }
}
