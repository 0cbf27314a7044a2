//! A partnership's themes: a list its business office keeps, seeded with the themes reviews
//! most often find, tagged on cases, learning and recommendations. Seen across cases over
//! time, a theme that keeps coming back stands out: the seed names "recurrent themes" as a
//! reason to review a case [67].
use crate::FieldError;
use serde::{Deserialize, Serialize};

/// The themes a new partnership's list starts with.
pub const SEEDED_THEMES: &[&str] = &[
    "Neglect",
    "Domestic abuse",
    "Parental mental health",
    "Substance misuse",
    "Online harm",
    "Child criminal exploitation",
    "Child sexual exploitation",
    "Child sexual abuse",
    "Physical abuse and non-accidental injury",
    "Sudden unexpected death in infancy",
    "Safer sleeping",
    "Adolescent risk",
    "Self-harm and suicide",
    "Children with disabilities",
    "Information sharing",
    "Professional curiosity",
    "Voice of the child",
    "Think family",
    "Escalation and challenge",
    "Multi-agency working",
];

/// The id of the `i`th seeded theme, the same in every partnership (a partnership's list is
/// written from the seed the first time it is changed or used).
pub fn seeded_id(i: usize) -> uuid::Uuid {
    uuid::Uuid::from_u128(0x5eed_7e3e_0000_4000_8000_0000_0000_0000 | i as u128)
}

/// A theme of the list, as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeView {
    pub id: uuid::Uuid,
    pub label: String,
    /// Kept for what was tagged with it; offered for no new tagging.
    pub retired: bool,
}

impl ThemeView {
    /// Whether a form offers this theme to something tagged with `chosen`: a retired theme
    /// only where it is already chosen (kept, never newly tagged).
    pub fn offered(&self, chosen: &[uuid::Uuid]) -> bool {
        !self.retired || chosen.contains(&self.id)
    }
}

/// The whole list, as the office saves it, in its order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeList {
    pub themes: Vec<ThemeForm>,
}

/// The themes a case is tagged with (the whole set: those left out are taken off).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseThemes {
    pub theme_ids: Vec<uuid::Uuid>,
}

/// What is wrong with tagging a case: each theme must be on the list and not retired (one
/// already on the case may stay), and named once.
pub fn check_tags(tags: &CaseThemes, list: &[ThemeView], already: &[uuid::Uuid]) -> Vec<FieldError> {
    let mut found = Vec::new();
    for (i, id) in tags.theme_ids.iter().enumerate() {
        let field = format!("theme_ids[{i}]");
        match list.iter().find(|t| t.id == *id) {
            None => found.push(FieldError::new(field, "unknown", "Choose a theme from the partnership's list")),
            Some(t) if !t.offered(already) => {
                found.push(FieldError::new(field, "retired", format!("\"{}\" is no longer in use", t.label)))
            }
            Some(_) if tags.theme_ids[..i].contains(id) => {
                found.push(FieldError::new(field, "duplicate", "This theme is chosen twice"))
            }
            Some(_) => {}
        }
    }
    found
}

/// The themes over time: the quarters shown (oldest first) and each theme's cases in each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemesOverTime {
    pub quarters: Vec<crate::learning::Quarter>,
    /// Every theme with a case in the quarters shown, the recurrent ones first.
    pub themes: Vec<ThemeTrend>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeTrend {
    #[serde(flatten)]
    pub tally: ThemeTally,
    /// See [`recurrent`].
    pub recurrent: bool,
}

/// The quarters shown in a view over time: at most this many.
pub const MAX_QUARTERS: usize = 20;

/// The themes over `quarters` (oldest first) from each tag as (theme, the day the local
/// authority became aware of its case): each theme of `known` with a case in them, its cases
/// per quarter, in [`trends`] order.
pub fn themes_over_time(
    known: Vec<ThemeView>,
    tags: &[(uuid::Uuid, chrono::NaiveDate)],
    quarters: Vec<crate::learning::Quarter>,
) -> ThemesOverTime {
    use crate::learning::Quarter;
    let tallies = known
        .into_iter()
        .filter_map(|t| {
            let by_quarter: Vec<u32> = quarters
                .iter()
                .map(|q| tags.iter().filter(|(theme, on)| *theme == t.id && Quarter::of(*on) == *q).count() as u32)
                .collect();
            by_quarter.iter().any(|n| *n > 0).then_some(ThemeTally { theme_id: t.id, label: t.label, by_quarter })
        })
        .collect();
    ThemesOverTime { quarters, themes: trends(tallies) }
}

/// Orders the tallies: recurrent first, then by cases in the quarters shown, then by label.
pub fn trends(tallies: Vec<ThemeTally>) -> Vec<ThemeTrend> {
    let mut out: Vec<ThemeTrend> =
        tallies.into_iter().map(|tally| ThemeTrend { recurrent: recurrent(&tally), tally }).collect();
    out.sort_by(|a, b| {
        let total = |t: &ThemeTrend| t.tally.by_quarter.iter().sum::<u32>();
        b.recurrent.cmp(&a.recurrent).then(total(b).cmp(&total(a))).then(a.tally.label.cmp(&b.tally.label))
    });
    out
}

/// The most themes a partnership keeps.
pub const MAX_THEMES: usize = 100;
/// The longest label.
pub const MAX_LABEL: usize = 80;
/// A theme recurs when this many cases or more were tagged with it …
pub const RECURRENT_CASES: u32 = 3;
/// … within this many quarters.
pub const RECURRENT_QUARTERS: usize = 4;

/// One theme of the list as the office saves it: a new one has no id; one in use is retired,
/// not removed, so that what was tagged with it keeps its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeForm {
    pub id: Option<uuid::Uuid>,
    pub label: String,
    #[serde(default)]
    pub retired: bool,
}

/// What is wrong with a list of themes: each label is needed, at most [`MAX_LABEL`]
/// characters and unlike every other (ignoring case and spaces at either end); at least one
/// theme and at most [`MAX_THEMES`].
pub fn check_themes(themes: &[ThemeForm]) -> Vec<FieldError> {
    let mut found = Vec::new();
    if themes.is_empty() {
        // none at all would read as the seed again
        found.push(FieldError::new("themes", "required", "Keep at least one theme"));
    }
    if themes.len() > MAX_THEMES {
        found.push(FieldError::new("themes", "too_many", format!("Keep at most {MAX_THEMES} themes")));
    }
    let mut seen: Vec<String> = Vec::new();
    for (i, t) in themes.iter().enumerate() {
        let field = format!("themes[{i}].label");
        let label = t.label.trim();
        if label.is_empty() {
            found.push(FieldError::new(field, "required", "Enter the theme"));
        } else if label.chars().count() > MAX_LABEL {
            found.push(FieldError::new(
                field,
                "too_long",
                format!("The theme must be {MAX_LABEL} characters or fewer"),
            ));
        } else if seen.contains(&label.to_lowercase()) {
            found.push(FieldError::new(field, "duplicate", format!("\"{label}\" is in the list already")));
        }
        seen.push(label.to_lowercase());
    }
    found
}

/// How many cases were tagged with a theme in each quarter shown, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThemeTally {
    pub theme_id: uuid::Uuid,
    pub label: String,
    pub by_quarter: Vec<u32>,
}

/// Whether a theme recurs: [`RECURRENT_CASES`] cases or more in its last
/// [`RECURRENT_QUARTERS`] quarters.
pub fn recurrent(tally: &ThemeTally) -> bool {
    let recent = tally.by_quarter.iter().rev().take(RECURRENT_QUARTERS);
    recent.sum::<u32>() >= RECURRENT_CASES
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_retired_theme_is_offered_only_where_already_chosen() {
        let id = seeded_id(3);
        let live = ThemeView { id, label: "Online harm".into(), retired: false };
        let retired = ThemeView { retired: true, ..live.clone() };
        assert!(live.offered(&[]));
        assert!(!retired.offered(&[]));
        assert!(!retired.offered(&[seeded_id(4)]));
        assert!(retired.offered(&[id]));
    }

    use super::*;

    fn form(label: &str) -> ThemeForm {
        ThemeForm { label: label.into(), ..Default::default() }
    }

    #[test]
    fn the_seeded_list_passes_its_own_checks() {
        let seeded: Vec<ThemeForm> = SEEDED_THEMES.iter().map(|l| form(l)).collect();
        assert!(check_themes(&seeded).is_empty());
        for named in ["Neglect", "Domestic abuse", "Sudden unexpected death in infancy", "Professional curiosity"] {
            assert!(SEEDED_THEMES.contains(&named), "{named}");
        }
    }

    #[test]
    fn a_label_is_needed_short_enough_and_unlike_the_others() {
        let long = "x".repeat(MAX_LABEL + 1);
        let list = [form("Neglect"), form("  "), form(" neglect "), form(&long), form("Online harm")];
        let found: Vec<(String, String)> = check_themes(&list).into_iter().map(|f| (f.field, f.code)).collect();
        assert_eq!(
            found,
            [
                ("themes[1].label".to_string(), "required".to_string()),
                ("themes[2].label".to_string(), "duplicate".to_string()),
                ("themes[3].label".to_string(), "too_long".to_string()),
            ]
        );
        let many: Vec<ThemeForm> = (0..=MAX_THEMES).map(|i| form(&format!("Theme {i}"))).collect();
        assert_eq!(check_themes(&many)[0].code, "too_many");
        assert_eq!(check_themes(&[])[0].code, "required");
    }

    #[test]
    fn a_case_is_tagged_with_themes_of_the_list_once_each() {
        let list = vec![
            ThemeView { id: seeded_id(0), label: "Neglect".into(), retired: false },
            ThemeView { id: seeded_id(1), label: "Old".into(), retired: true },
        ];
        let tags = |ids: Vec<uuid::Uuid>| CaseThemes { theme_ids: ids };
        assert!(check_tags(&tags(vec![seeded_id(0)]), &list, &[]).is_empty());
        let codes = |found: Vec<FieldError>| found.into_iter().map(|f| f.code).collect::<Vec<_>>();
        assert_eq!(codes(check_tags(&tags(vec![seeded_id(1)]), &list, &[])), ["retired"]);
        assert!(check_tags(&tags(vec![seeded_id(1)]), &list, &[seeded_id(1)]).is_empty(), "a retired tag may stay");
        assert_eq!(codes(check_tags(&tags(vec![seeded_id(9)]), &list, &[])), ["unknown"]);
        assert_eq!(codes(check_tags(&tags(vec![seeded_id(0), seeded_id(0)]), &list, &[])), ["duplicate"]);
        assert_ne!(seeded_id(0), seeded_id(1));
    }

    #[test]
    fn tags_are_counted_by_the_quarter_their_case_began_in() {
        use crate::learning::Quarter;
        let theme = |i: usize, label: &str| ThemeView { id: seeded_id(i), label: label.into(), retired: false };
        let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let tags = [
            (seeded_id(0), day("2026-01-05")),
            (seeded_id(0), day("2026-03-31")),
            (seeded_id(0), day("2026-04-01")),
            (seeded_id(1), day("2025-12-31")), // before the quarters shown
        ];
        let view = themes_over_time(
            vec![theme(0, "Neglect"), theme(1, "Online harm")],
            &tags,
            Quarter { year: 2026, q: 2 }.last(2),
        );
        assert_eq!(view.quarters.len(), 2);
        let shown: Vec<(String, Vec<u32>)> =
            view.themes.into_iter().map(|t| (t.tally.label, t.tally.by_quarter)).collect();
        assert_eq!(shown, [("Neglect".to_string(), vec![2, 1])], "a theme with no case shown is left out");
    }

    #[test]
    fn recurrent_themes_come_first() {
        let tally = |label: &str, by_quarter: Vec<u32>| ThemeTally {
            theme_id: uuid::Uuid::nil(),
            label: label.into(),
            by_quarter,
        };
        let ordered: Vec<(String, bool)> = trends(vec![
            tally("Online harm", vec![5, 0, 0, 0, 0]),
            tally("Neglect", vec![0, 1, 1, 1, 0]),
            tally("Adolescent risk", vec![0, 0, 0, 0, 1]),
        ])
        .into_iter()
        .map(|t| (t.tally.label, t.recurrent))
        .collect();
        assert_eq!(
            ordered,
            [("Neglect".into(), true), ("Online harm".into(), false), ("Adolescent risk".into(), false)]
        );
    }

    #[test]
    fn a_theme_recurs_with_enough_cases_in_its_last_four_quarters() {
        let tally =
            |by_quarter: Vec<u32>| ThemeTally { theme_id: uuid::Uuid::nil(), label: "Neglect".into(), by_quarter };
        assert!(recurrent(&tally(vec![0, 1, 0, 1, 1])));
        assert!(!recurrent(&tally(vec![3, 0, 1, 0, 1])), "the fifth quarter back does not count");
        assert!(!recurrent(&tally(vec![])));
    }
}
