//! The difference between two versions of the report, word by word and section by section:
//! what the reader sees when comparing a draft with the one before it.
//!
//! The words are compared with Myers' O((N+M)D) algorithm, in its linear-space form (the
//! middle snake, found from both ends): a long section with a few changes is compared quickly.
//! A comparison that would need more than [`COST_LIMIT`] rounds of the search is cut at the
//! furthest point reached instead: the result is still a true account of both texts, only
//! perhaps not the shortest one.
use super::document::Section;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;

crate::wire::wire_enum! {
    /// Whether a piece of text, or a section, is in both versions, only the new one, or only
    /// the old one.
    pub enum DiffKind ["snake_case"] {
        /// In both versions.
        Same,
        /// Only in the new version.
        Added,
        /// Only in the old version.
        Removed,
    }
}

/// A run of text that is in both versions, or only in one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiffPart {
    /// Whether the text is in both versions, or only the new or the old one.
    pub kind: DiffKind,
    /// The text itself, white space and punctuation included.
    pub text: String,
}

/// One section compared between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionDiff {
    /// The section's key, by which the two versions are matched.
    pub key: String,
    /// The heading in the new version, or in the old one for a section removed.
    pub heading: String,
    /// True when the section is in both versions under different headings.
    pub heading_changed: bool,
    /// `Added` for a section only in the new version, `Removed` for one only in the old,
    /// `Same` for one in both (even when its text changed).
    pub status: DiffKind,
    /// The section's text, word by word.
    pub parts: Vec<DiffPart>,
}

/// How many rounds of the search a single comparison may take before it settles for a
/// shorter, less exact answer.
pub const COST_LIMIT: usize = 1024;

/// The word-level difference between two texts. Tokens are runs of word characters, runs of
/// white space, and single other characters (punctuation). Adjacent parts of the same kind are
/// merged, and where text was both removed and added at one place, the removed part comes
/// first. The `Same` and `Removed` parts, in order, make the old text; the `Same` and `Added`
/// parts make the new one.
pub fn diff_words(old: &str, new: &str) -> Vec<DiffPart> {
    let (a, b) = (tokens(old), tokens(new));
    let (ia, ib) = token_ids(&a, &b);
    let mut myers = Myers { a: &ia, b: &ib, ops: Vec::new() };
    myers.diff(0..ia.len(), 0..ib.len());
    parts(&myers.ops, &a, &b)
}

/// The difference section by section. Sections are matched by key and listed in the new
/// version's order; a section removed comes just after the section that preceded it in the
/// old version (at the end when it was the first).
pub fn diff_sections(old: &[Section], new: &[Section]) -> Vec<SectionDiff> {
    let mut out: Vec<SectionDiff> = new
        .iter()
        .map(|n| match old.iter().find(|o| o.key == n.key) {
            Some(o) => SectionDiff {
                key: n.key.clone(),
                heading: n.heading.clone(),
                heading_changed: o.heading != n.heading,
                status: DiffKind::Same,
                parts: diff_words(&o.text, &n.text),
            },
            None => whole_section(n, DiffKind::Added),
        })
        .collect();
    for (i, o) in old.iter().enumerate() {
        if new.iter().any(|n| n.key == o.key) {
            continue;
        }
        let after = i.checked_sub(1).and_then(|p| out.iter().position(|d| d.key == old[p].key));
        out.insert(after.map_or(out.len(), |p| p + 1), whole_section(o, DiffKind::Removed));
    }
    out
}

/// How many words were added and how many removed, in that order (word tokens only: white
/// space and punctuation are not counted).
pub fn counts(parts: &[DiffPart]) -> (usize, usize) {
    parts.iter().fold((0, 0), |(added, removed), p| match p.kind {
        DiffKind::Added => (added + words(&p.text), removed),
        DiffKind::Removed => (added, removed + words(&p.text)),
        DiffKind::Same => (added, removed),
    })
}

/// A section that is only in one version, all of its text of that kind.
fn whole_section(s: &Section, kind: DiffKind) -> SectionDiff {
    let parts = if s.text.is_empty() { vec![] } else { vec![DiffPart { kind, text: s.text.clone() }] };
    SectionDiff { key: s.key.clone(), heading: s.heading.clone(), heading_changed: false, status: kind, parts }
}

/// What a character counts as when the text is cut into tokens.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Space,
    Other,
}

fn class(c: char) -> Class {
    if c.is_alphanumeric() || c == '_' {
        Class::Word
    } else if c.is_whitespace() {
        Class::Space
    } else {
        Class::Other
    }
}

/// The tokens of `text`: runs of word characters, runs of white space, single other
/// characters.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut previous = None;
    for (i, c) in text.char_indices() {
        let k = class(c);
        if previous.is_some_and(|p| p != k || k == Class::Other) {
            out.push(&text[start..i]);
            start = i;
        }
        previous = Some(k);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// How many word tokens `text` holds.
fn words(text: &str) -> usize {
    tokens(text).iter().filter(|t| t.chars().next().is_some_and(|c| class(c) == Class::Word)).count()
}

/// The tokens of both texts as numbers, equal tokens getting the same number.
fn token_ids<'t>(a: &[&'t str], b: &[&'t str]) -> (Vec<u32>, Vec<u32>) {
    let mut ids: HashMap<&'t str, u32> = HashMap::new();
    let mut id = |t: &'t str| {
        let next = ids.len() as u32;
        *ids.entry(t).or_insert(next)
    };
    let ia = a.iter().map(|&t| id(t)).collect();
    let ib = b.iter().map(|&t| id(t)).collect();
    (ia, ib)
}

/// One step of the edit script: a run of tokens of the old text (`Same`, `Removed`) or of the
/// new one (`Added`).
struct Op {
    kind: DiffKind,
    tokens: Range<usize>,
}

/// The parts of the edit script, as text: the removed and added tokens between two runs of
/// the same gathered (removed first), and neighbouring runs of one kind joined.
fn parts(ops: &[Op], a: &[&str], b: &[&str]) -> Vec<DiffPart> {
    let mut out: Vec<DiffPart> = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    for op in ops {
        match op.kind {
            DiffKind::Removed => removed.extend(a[op.tokens.clone()].iter().copied()),
            DiffKind::Added => added.extend(b[op.tokens.clone()].iter().copied()),
            DiffKind::Same => {
                flush(&mut out, &mut removed, &mut added);
                push(&mut out, DiffKind::Same, a[op.tokens.clone()].concat());
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    out
}

/// Adds the removed text, then the added text, gathered since the last run of the same.
fn flush(out: &mut Vec<DiffPart>, removed: &mut String, added: &mut String) {
    push(out, DiffKind::Removed, std::mem::take(removed));
    push(out, DiffKind::Added, std::mem::take(added));
}

/// Adds a part, joined to the last one when of the same kind; nothing when empty.
fn push(out: &mut Vec<DiffPart>, kind: DiffKind, text: String) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(&text),
        _ => out.push(DiffPart { kind, text }),
    }
}

/// Myers' comparison of two token sequences, in linear space.
struct Myers<'a> {
    a: &'a [u32],
    b: &'a [u32],
    ops: Vec<Op>,
}

impl Myers<'_> {
    /// Writes the edit script turning `a[ra]` into `b[rb]`: the common ends are kept, and the
    /// rest is cut at a point of a shortest edit path and each side compared in turn.
    fn diff(&mut self, ra: Range<usize>, rb: Range<usize>) {
        let head = common_prefix(&self.a[ra.clone()], &self.b[rb.clone()]);
        let tail = common_suffix(&self.a[ra.start + head..ra.end], &self.b[rb.start + head..rb.end]);
        let (a0, a1, b0, b1) = (ra.start + head, ra.end - tail, rb.start + head, rb.end - tail);
        self.op(DiffKind::Same, ra.start..a0);
        if a0 == a1 || b0 == b1 {
            self.op(DiffKind::Removed, a0..a1);
            self.op(DiffKind::Added, b0..b1);
        } else {
            match self.split(a0..a1, b0..b1) {
                Some((x, y)) if (x, y) != (a0, b0) && (x, y) != (a1, b1) => {
                    self.diff(a0..x, b0..y);
                    self.diff(x..a1, y..b1);
                }
                _ => {
                    self.op(DiffKind::Removed, a0..a1);
                    self.op(DiffKind::Added, b0..b1);
                }
            }
        }
        self.op(DiffKind::Same, a1..ra.end);
    }

    fn op(&mut self, kind: DiffKind, tokens: Range<usize>) {
        if !tokens.is_empty() {
            self.ops.push(Op { kind, tokens });
        }
    }

    /// Where to cut the comparison of `a[ra]` with `b[rb]` (neither empty, their first tokens
    /// different and their last tokens different): where the searches from the start and
    /// from the end first meet, which lies on a shortest edit path. Past [`COST_LIMIT`]
    /// rounds, the furthest point the search from the start has reached.
    fn split(&self, ra: Range<usize>, rb: Range<usize>) -> Option<(usize, usize)> {
        let (a, b) = (&self.a[ra.clone()], &self.b[rb.clone()]);
        let at = |x: isize, y: isize| (ra.start + x as usize, rb.start + y as usize);
        let mut search = Search::new(a.len() as isize, b.len() as isize);
        for d in 0..search.max_d {
            if d > COST_LIMIT as isize {
                return search.furthest(d - 1).map(|(x, y)| at(x, y));
            }
            if let Some((x, y)) = search.forward(d, a, b) {
                return Some(at(x, y));
            }
            if let Some((x, y)) = search.backward(d, a, b) {
                return Some(at(x, y));
            }
        }
        None
    }
}

/// The state of the search for the middle snake, from the start (`v1`: the furthest `x`
/// reached on each diagonal `k = x - y`) and from the end (`v2`, counted from the end).
struct Search {
    n: isize,
    m: isize,
    max_d: isize,
    offset: isize,
    v1: Vec<isize>,
    v2: Vec<isize>,
    /// The diagonals each search no longer follows, having left the grid, at either side.
    k1: (isize, isize),
    k2: (isize, isize),
}

impl Search {
    fn new(n: isize, m: isize) -> Search {
        let max_d = (n + m + 1) / 2;
        let len = (2 * max_d + 2) as usize;
        let mut search =
            Search { n, m, max_d, offset: max_d, v1: vec![-1; len], v2: vec![-1; len], k1: (0, 0), k2: (0, 0) };
        search.v1[(max_d + 1) as usize] = 0;
        search.v2[(max_d + 1) as usize] = 0;
        search
    }

    /// True when the difference in length is odd: the searches can then only meet while the
    /// search from the start is moving.
    fn odd(&self) -> bool {
        (self.n - self.m) % 2 != 0
    }

    /// The furthest `x` on diagonal `k` of `v`, if reached and on the grid.
    fn reached(&self, v: &[isize], k: isize) -> Option<isize> {
        let i = self.offset + k;
        let x = *v.get(usize::try_from(i).ok()?)?;
        (x >= 0 && x <= self.n && x - k >= 0 && x - k <= self.m).then_some(x)
    }

    /// Round `d` of the search from the start; the point where it meets the other, if it does.
    fn forward(&mut self, d: isize, a: &[u32], b: &[u32]) -> Option<(isize, isize)> {
        let mut k = -d + self.k1.0;
        while k <= d - self.k1.1 {
            let i = (self.offset + k) as usize;
            let mut x = if k == -d || (k != d && self.v1[i - 1] < self.v1[i + 1]) {
                self.v1[i + 1]
            } else {
                self.v1[i - 1] + 1
            };
            let mut y = x - k;
            while x < self.n && y < self.m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            self.v1[i] = x;
            if x > self.n {
                self.k1.1 += 2;
            } else if y > self.m {
                self.k1.0 += 2;
            } else if self.odd() {
                let other = self.n - self.m - k;
                if self.reached(&self.v2, other).is_some_and(|x2| x >= self.n - x2) {
                    return Some((x, y));
                }
            }
            k += 2;
        }
        None
    }

    /// Round `d` of the search from the end; the point where it meets the other, if it does.
    fn backward(&mut self, d: isize, a: &[u32], b: &[u32]) -> Option<(isize, isize)> {
        let (n, m) = (self.n, self.m);
        let mut k = -d + self.k2.0;
        while k <= d - self.k2.1 {
            let i = (self.offset + k) as usize;
            let mut x = if k == -d || (k != d && self.v2[i - 1] < self.v2[i + 1]) {
                self.v2[i + 1]
            } else {
                self.v2[i - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[(n - x - 1) as usize] == b[(m - y - 1) as usize] {
                x += 1;
                y += 1;
            }
            self.v2[i] = x;
            if x > n {
                self.k2.1 += 2;
            } else if y > m {
                self.k2.0 += 2;
            } else if !self.odd() {
                let other = n - m - k;
                if let Some(x1) = self.reached(&self.v1, other).filter(|x1| *x1 >= n - x) {
                    return Some((x1, x1 - other));
                }
            }
            k += 2;
        }
        None
    }

    /// The point furthest from the start that the search from the start reached in round `d`.
    fn furthest(&self, d: isize) -> Option<(isize, isize)> {
        (-d..=d).step_by(2).filter_map(|k| self.reached(&self.v1, k).map(|x| (x, x - k))).max_by_key(|(x, y)| x + y)
    }
}

fn common_prefix(a: &[u32], b: &[u32]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &[u32], b: &[u32]) -> usize {
    a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn part(kind: DiffKind, text: &str) -> DiffPart {
        DiffPart { kind, text: text.into() }
    }

    use DiffKind::{Added, Removed, Same};

    /// The old text (`Same` and `Removed` parts) and the new one (`Same` and `Added`).
    fn sides(parts: &[DiffPart]) -> (String, String) {
        let side = |skip: DiffKind| parts.iter().filter(|p| p.kind != skip).map(|p| p.text.as_str()).collect();
        (side(Added), side(Removed))
    }

    #[test]
    fn a_word_inserted() {
        let parts = diff_words("The child was seen.", "The child was not seen.");
        assert_eq!(parts, vec![part(Same, "The child was "), part(Added, "not "), part(Same, "seen.")]);
        assert_eq!(counts(&parts), (1, 0));
    }

    #[test]
    fn a_word_removed() {
        let parts = diff_words("The school quickly raised a concern.", "The school raised a concern.");
        assert_eq!(parts, vec![part(Same, "The school "), part(Removed, "quickly "), part(Same, "raised a concern.")]);
        assert_eq!(counts(&parts), (0, 1));
    }

    #[test]
    fn a_word_replaced_shows_removed_before_added() {
        let parts = diff_words("Seen by the nurse at home.", "Seen by the doctor at home.");
        assert_eq!(
            parts,
            vec![part(Same, "Seen by the "), part(Removed, "nurse"), part(Added, "doctor"), part(Same, " at home.")]
        );
        assert_eq!(counts(&parts), (1, 1));
    }

    #[test]
    fn punctuation_changes_are_parts_of_their_own() {
        let parts = diff_words("Zoë's mother, who was unwell, called.", "Zoë's mother (who was unwell) called!");
        assert_eq!(
            parts,
            vec![
                part(Same, "Zoë's mother"),
                part(Removed, ","),
                part(Same, " "),
                part(Added, "("),
                part(Same, "who was unwell"),
                part(Removed, ","),
                part(Added, ")"),
                part(Same, " called"),
                part(Removed, "."),
                part(Added, "!"),
            ]
        );
        assert_eq!(counts(&parts), (0, 0));
    }

    #[test]
    fn empty_old_text_is_all_added() {
        assert_eq!(diff_words("", "A new section."), vec![part(Added, "A new section.")]);
        assert_eq!(diff_words("Gone.", ""), vec![part(Removed, "Gone.")]);
        assert_eq!(diff_words("", ""), vec![]);
        assert_eq!(counts(&diff_words("", "A new section.")), (3, 0));
    }

    #[test]
    fn identical_texts_give_one_same_part() {
        let text = "The review found that agencies did not share information.\n\nLessons follow.";
        assert_eq!(diff_words(text, text), vec![part(Same, text)]);
    }

    #[test]
    fn twenty_thousand_words_with_three_changes_are_compared_quickly() {
        let words: Vec<String> = (0..20_000).map(|i| format!("w{}", i % 997)).collect();
        let old = words.join(" ");
        let mut changed = words.clone();
        changed[100] = "inserted w100".into();
        changed.remove(10_000);
        changed[15_000] = "replaced".into();
        let new = changed.join(" ");
        let started = std::time::Instant::now();
        let parts = diff_words(&old, &new);
        assert!(started.elapsed().as_secs() < 5, "took {:?}", started.elapsed());
        assert_eq!(counts(&parts), (2, 2));
        assert_eq!(sides(&parts), (old, new));
    }

    #[test]
    fn texts_rewritten_completely_still_give_both_texts() {
        let old: String = (0..6_000).map(|i| format!("old{} said {}. ", i % 50, i % 7)).collect();
        let new: String = (0..6_000).map(|i| format!("new{} wrote {}, ", i % 60, i % 11)).collect();
        let parts = diff_words(&old, &new);
        assert_eq!(sides(&parts), (old, new));
    }

    fn section(key: &str, heading: &str, text: &str) -> Section {
        Section::new(key, heading, text)
    }

    #[test]
    fn sections_added_removed_and_renamed() {
        let old = vec![
            section("introduction", "Introduction", "Intro."),
            section("the_case", "The case", "Amira was seen."),
            section("context", "Context", "Old context."),
            section("findings", "Findings", "Found."),
        ];
        let new = vec![
            section("introduction", "Introduction", "Intro."),
            section("lessons", "Lessons", "New lessons."),
            section("findings", "Findings", "Found."),
            section("the_case", "The case in brief", "Amira was seen twice."),
        ];
        let diff = diff_sections(&old, &new);
        let keys: Vec<(&str, DiffKind)> = diff.iter().map(|d| (d.key.as_str(), d.status)).collect();
        assert_eq!(
            keys,
            vec![
                ("introduction", Same),
                ("lessons", Added),
                ("findings", Same),
                ("the_case", Same),
                ("context", Removed)
            ]
        );
        assert_eq!(diff[0].parts, vec![part(Same, "Intro.")]);
        assert_eq!(diff[1].parts, vec![part(Added, "New lessons.")]);
        assert!(!diff[1].heading_changed);
        assert_eq!((diff[3].heading.as_str(), diff[3].heading_changed), ("The case in brief", true));
        assert_eq!(counts(&diff[3].parts), (1, 0));
        assert_eq!((diff[4].heading.as_str(), diff[4].parts.clone()), ("Context", vec![part(Removed, "Old context.")]));
    }

    #[test]
    fn a_removed_first_section_goes_to_the_end() {
        let old = vec![section("a", "A", "a"), section("b", "B", "b"), section("c", "C", "c")];
        let new = vec![section("c", "C", "c")];
        let keys: Vec<String> = diff_sections(&old, &new).into_iter().map(|d| d.key).collect();
        assert_eq!(keys, vec!["c", "a", "b"]);
    }

    /// The length of a longest common subsequence, by the full table: the reference for small
    /// inputs.
    fn lcs(a: &[&str], b: &[&str]) -> usize {
        let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in 0..a.len() {
            for j in 0..b.len() {
                table[i + 1][j + 1] = if a[i] == b[j] { table[i][j] + 1 } else { table[i][j + 1].max(table[i + 1][j]) };
            }
        }
        table[a.len()][b.len()]
    }

    fn token_count(parts: &[DiffPart], kind: DiffKind) -> usize {
        parts.iter().filter(|p| p.kind == kind).map(|p| tokens(&p.text).len()).sum()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Any two texts: both come back whole, and the edit is a shortest one.
        #[test]
        fn the_difference_is_exact_and_shortest(old in "[ab .,]{0,40}", new in "[ab .,]{0,40}") {
            let parts = diff_words(&old, &new);
            prop_assert_eq!(sides(&parts), (old.clone(), new.clone()));
            let (ta, tb) = (tokens(&old), tokens(&new));
            let common = lcs(&ta, &tb);
            prop_assert_eq!(token_count(&parts, Removed), ta.len() - common);
            prop_assert_eq!(token_count(&parts, Added), tb.len() - common);
            for pair in parts.windows(2) {
                prop_assert!(pair[0].kind != pair[1].kind);
                prop_assert!(!(pair[0].kind == Added && pair[1].kind == Removed));
            }
        }
    }
}
