//! The family's part [183–191]: the initial letter (when, and the practitioner who delivered
//! it), consent to access records, meetings with the lead reviewer, the mid-process letter,
//! the findings shared before publication; and the family members and their relationships,
//! from which the browser draws a genogram ([`genogram`] lays it out).
use crate::text::{is_blank, MAX_ROWS, MAX_SHORT, MAX_TEXT};
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

crate::wire::wire_enum! {
    pub enum Sex ["snake_case"] {
        Female,
        Male,
        Unknown,
    }
}

crate::wire::wire_enum! {
    /// How two family members are related.
    pub enum RelationKind ["snake_case"] {
        /// `from` is a parent of `to`.
        Parent,
        /// A couple.
        Partner,
        /// A couple who have separated.
        Separated,
    }
}

/// A family member (the subject child among them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FamilyMember {
    /// The member's key within the family (`m1`, …), which relationships name.
    pub key: String,
    pub name: String,
    pub sex: Sex,
    pub born_year: Option<i32>,
    pub deceased: bool,
    /// The child the review is about.
    pub subject: bool,
}

impl Default for FamilyMember {
    fn default() -> Self {
        FamilyMember {
            key: String::new(),
            name: String::new(),
            sex: Sex::Unknown,
            born_year: None,
            deceased: false,
            subject: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Relationship {
    pub from: String,
    pub to: String,
    pub kind: RelationKind,
}

/// A meeting of the family with the lead reviewer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FamilyMeeting {
    pub on: Option<NaiveDate>,
    /// Who of the family met the lead reviewer.
    pub with: String,
}

/// The family's part, as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FamilyEngagement {
    pub initial_letter_on: Option<NaiveDate>,
    /// The practitioner who delivered the initial letter.
    pub initial_letter_by: String,
    /// Whether the family consented to their records being accessed; unknown until asked.
    pub consent_given: Option<bool>,
    pub consent_on: Option<NaiveDate>,
    pub meetings: Vec<FamilyMeeting>,
    pub mid_letter_on: Option<NaiveDate>,
    /// When the findings were shared with the family, before publication.
    pub findings_shared_on: Option<NaiveDate>,
    pub notes: String,
    pub members: Vec<FamilyMember>,
    pub relationships: Vec<Relationship>,
}

/// The boxes: letters in order and not in the future, who delivered the first letter, the
/// consent's date once answered, members with a key and a name, relationships between known
/// members, at most two parents each and no one their own ancestor.
pub fn check_family(f: &FamilyEngagement, today: NaiveDate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let dates = [
        ("initial_letter_on", f.initial_letter_on),
        ("consent_on", f.consent_on),
        ("mid_letter_on", f.mid_letter_on),
        ("findings_shared_on", f.findings_shared_on),
    ];
    for (field, d) in dates {
        if d.is_some_and(|d| d > today) {
            errors.push(FieldError::new(field, "in_future", "The date must be today or in the past"));
        }
    }
    if f.initial_letter_on.is_some() && is_blank(&f.initial_letter_by) {
        errors.push(FieldError::new(
            "initial_letter_by",
            "required",
            "Enter the practitioner who delivered the letter",
        ));
    }
    if f.mid_letter_on.is_some_and(|m| f.initial_letter_on.is_none_or(|i| m < i)) {
        errors.push(FieldError::new(
            "mid_letter_on",
            "before_initial",
            "The mid-process letter follows the initial letter",
        ));
    }
    if f.consent_given.is_some() && f.consent_on.is_none() {
        errors.push(FieldError::new("consent_on", "required", "Enter when the family answered"));
    }
    if f.notes.chars().count() > MAX_TEXT || f.initial_letter_by.chars().count() > MAX_SHORT {
        errors.push(FieldError::new("notes", "too_long", "A box is too long"));
    }
    for (i, m) in f.meetings.iter().enumerate() {
        match m.on {
            None => {
                errors.push(FieldError::new(format!("meetings[{i}].on"), "required", "Enter the date of the meeting"))
            }
            Some(d) if d > today => errors.push(FieldError::new(
                format!("meetings[{i}].on"),
                "in_future",
                "The date must be today or in the past",
            )),
            _ => {}
        }
    }
    if f.members.len() > MAX_ROWS || f.relationships.len() > MAX_ROWS * 2 || f.meetings.len() > MAX_ROWS {
        errors.push(FieldError::new("members", "too_many", "Too many rows"));
        return errors;
    }
    let mut keys = BTreeMap::new();
    for (i, m) in f.members.iter().enumerate() {
        if is_blank(&m.key) || keys.insert(m.key.as_str(), i).is_some() {
            errors.push(FieldError::new(
                format!("members[{i}].key"),
                "invalid",
                "Each member needs a key of their own",
            ));
        }
        if is_blank(&m.name) {
            errors.push(FieldError::new(format!("members[{i}].name"), "required", "Enter the member's name"));
        } else if m.name.chars().count() > MAX_SHORT {
            errors.push(FieldError::new(format!("members[{i}].name"), "too_long", "The name is too long"));
        }
    }
    let mut parents: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (i, r) in f.relationships.iter().enumerate() {
        if !keys.contains_key(r.from.as_str()) || !keys.contains_key(r.to.as_str()) || r.from == r.to {
            errors.push(FieldError::new(
                format!("relationships[{i}]"),
                "invalid",
                "A relationship joins two different members of the family",
            ));
        } else if r.kind == RelationKind::Parent {
            parents.entry(r.to.as_str()).or_default().push(r.from.as_str());
        }
    }
    for (child, ps) in &parents {
        if ps.len() > 2 {
            let i = keys[child];
            errors.push(FieldError::new(
                format!("members[{i}]"),
                "too_many_parents",
                "A member has at most two parents here",
            ));
        }
    }
    if errors.is_empty() && generations(f).is_none() {
        errors.push(FieldError::new("relationships", "cycle", "A member cannot be their own ancestor"));
    }
    errors
}

/// Each member's generation (0 for the eldest), from the parent relationships and couples;
/// `None` when the parents go round in a circle.
fn generations(f: &FamilyEngagement) -> Option<BTreeMap<String, i32>> {
    let mut gen: BTreeMap<String, i32> = f.members.iter().map(|m| (m.key.clone(), 0)).collect();
    let rounds = f.members.len() + 2;
    for _ in 0..rounds {
        let mut changed = false;
        for r in &f.relationships {
            let (Some(&a), Some(&b)) = (gen.get(&r.from), gen.get(&r.to)) else { continue };
            let (na, nb) = match r.kind {
                RelationKind::Parent => (a, b.max(a + 1)),
                RelationKind::Partner | RelationKind::Separated => (a.max(b), a.max(b)),
            };
            if na != a || nb != b {
                gen.insert(r.from.clone(), na);
                gen.insert(r.to.clone(), nb);
                changed = true;
            }
        }
        if !changed {
            return Some(gen);
        }
        if gen.values().any(|g| *g as usize > rounds) {
            return None;
        }
    }
    None
}

/// A member placed on the genogram.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenogramNode {
    pub key: String,
    pub name: String,
    pub sex: Sex,
    pub born_year: Option<i32>,
    pub deceased: bool,
    pub subject: bool,
    /// Column and row (generation) on the grid.
    pub column: i32,
    pub generation: i32,
}

/// A couple's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenogramCouple {
    pub a: String,
    pub b: String,
    pub separated: bool,
}

/// A child's line down from their parents (one or two).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenogramDescent {
    pub parents: Vec<String>,
    pub child: String,
}

/// The laid-out genogram: a grid of columns and generations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Genogram {
    pub nodes: Vec<GenogramNode>,
    pub couples: Vec<GenogramCouple>,
    pub descents: Vec<GenogramDescent>,
    pub columns: i32,
    pub generations: i32,
}

/// Lays out the family: one row per generation; in each row, couples side by side and
/// children in the order of their parents' columns, then as entered. `None` when the
/// relationships go round in a circle.
pub fn genogram(f: &FamilyEngagement) -> Option<Genogram> {
    let gen = generations(f)?;
    let parents_of = |key: &str| -> Vec<String> {
        f.relationships
            .iter()
            .filter(|r| r.kind == RelationKind::Parent && r.to == key)
            .map(|r| r.from.clone())
            .collect()
    };
    let partner_of = |key: &str| -> Option<String> {
        f.relationships.iter().find_map(|r| match r.kind {
            RelationKind::Partner | RelationKind::Separated if r.from == key => Some(r.to.clone()),
            RelationKind::Partner | RelationKind::Separated if r.to == key => Some(r.from.clone()),
            _ => None,
        })
    };
    let max_gen = gen.values().copied().max().unwrap_or(0);
    let mut column: BTreeMap<String, i32> = BTreeMap::new();
    let mut width = 0;
    for g in 0..=max_gen {
        let mut row: Vec<(f64, usize, &FamilyMember)> = f
            .members
            .iter()
            .enumerate()
            .filter(|(_, m)| gen.get(&m.key) == Some(&g))
            .map(|(i, m)| {
                let ps: Vec<i32> = parents_of(&m.key).iter().filter_map(|p| column.get(p).copied()).collect();
                let at = if ps.is_empty() { f64::MAX } else { ps.iter().sum::<i32>() as f64 / ps.len() as f64 };
                (at, i, m)
            })
            .collect();
        row.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut placed: Vec<&FamilyMember> = Vec::new();
        for (_, _, m) in &row {
            if placed.iter().any(|p| p.key == m.key) {
                continue;
            }
            placed.push(m);
            if let Some(partner) = partner_of(&m.key) {
                if let Some((_, _, p)) = row.iter().find(|(_, _, p)| p.key == partner) {
                    if !placed.iter().any(|q| q.key == p.key) {
                        placed.push(p);
                    }
                }
            }
        }
        for (c, m) in placed.iter().enumerate() {
            column.insert(m.key.clone(), c as i32);
        }
        width = width.max(placed.len() as i32);
    }
    let nodes = f
        .members
        .iter()
        .map(|m| GenogramNode {
            key: m.key.clone(),
            name: m.name.clone(),
            sex: m.sex,
            born_year: m.born_year,
            deceased: m.deceased,
            subject: m.subject,
            column: column[&m.key],
            generation: gen[&m.key],
        })
        .collect();
    let couples = f
        .relationships
        .iter()
        .filter(|r| r.kind != RelationKind::Parent)
        .map(|r| GenogramCouple { a: r.from.clone(), b: r.to.clone(), separated: r.kind == RelationKind::Separated })
        .collect();
    let descents = f
        .members
        .iter()
        .filter_map(|m| {
            let parents = parents_of(&m.key);
            (!parents.is_empty()).then(|| GenogramDescent { parents, child: m.key.clone() })
        })
        .collect();
    Some(Genogram { nodes, couples, descents, columns: width, generations: max_gen + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn member(key: &str, sex: Sex) -> FamilyMember {
        FamilyMember { key: key.into(), name: key.to_uppercase(), sex, ..FamilyMember::default() }
    }

    fn rel(from: &str, to: &str, kind: RelationKind) -> Relationship {
        Relationship { from: from.into(), to: to.into(), kind }
    }

    fn family() -> FamilyEngagement {
        FamilyEngagement {
            members: vec![
                member("child", Sex::Female),
                member("mum", Sex::Female),
                member("dad", Sex::Male),
                member("gran", Sex::Female),
                member("brother", Sex::Male),
            ],
            relationships: vec![
                rel("mum", "child", RelationKind::Parent),
                rel("dad", "child", RelationKind::Parent),
                rel("mum", "dad", RelationKind::Separated),
                rel("gran", "mum", RelationKind::Parent),
                rel("mum", "brother", RelationKind::Parent),
            ],
            ..FamilyEngagement::default()
        }
    }

    #[test]
    fn the_genogram_puts_each_generation_on_its_row_and_couples_together() {
        let g = genogram(&family()).unwrap();
        let at = |k: &str| g.nodes.iter().find(|n| n.key == k).map(|n| (n.generation, n.column)).unwrap();
        assert_eq!(at("gran"), (0, 0));
        assert_eq!((at("mum").0, at("dad").0), (1, 1));
        assert_eq!((at("mum").1 - at("dad").1).abs(), 1, "the couple side by side");
        assert_eq!((at("child").0, at("brother").0), (2, 2));
        assert_eq!(g.generations, 3);
        assert!(g.couples[0].separated);
        assert_eq!(g.descents.iter().find(|x| x.child == "child").unwrap().parents.len(), 2);
    }

    #[test]
    fn relationships_join_known_members_without_circles() {
        assert!(check_family(&family(), d("2026-11-20")).is_empty());
        let mut f = family();
        f.relationships.push(rel("child", "gran", RelationKind::Parent));
        assert_eq!(check_family(&f, d("2026-11-20"))[0].code, "cycle");
        let mut f = family();
        f.relationships.push(rel("child", "nobody", RelationKind::Partner));
        assert_eq!(check_family(&f, d("2026-11-20"))[0].field, "relationships[5]");
        let mut f = family();
        f.mid_letter_on = Some(d("2026-11-01"));
        assert_eq!(check_family(&f, d("2026-11-20"))[0].code, "before_initial");
        f.initial_letter_on = Some(d("2026-10-01"));
        assert_eq!(check_family(&f, d("2026-11-20"))[0].field, "initial_letter_by");
    }
}
