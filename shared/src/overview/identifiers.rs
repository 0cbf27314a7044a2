//! What the case holds that would identify the child or family, gathered for the
//! anonymisation check: the names, dates of birth and addresses on the referral, the family
//! members of the review, the place of the incident, and the schools and other places the
//! case records.
use super::anonymise::CaseIdentifiers;
use crate::cspr::FamilyEngagement;
use crate::referral::{ChildDetails, ReferralForm};

/// Words in an organisation's name that make it a place a child attends.
const SCHOOL_WORDS: [&str; 6] = ["school", "academy", "nursery", "college", "pre-school", "preschool"];

/// Words that name a relationship, not a person: a family member recorded as "Mother" or
/// "Mother's partner" is already anonymous.
const RELATION_WORDS: [&str; 22] = [
    "mother",
    "father",
    "parent",
    "partner",
    "grandmother",
    "grandfather",
    "grandparent",
    "brother",
    "sister",
    "half-brother",
    "half-sister",
    "step-father",
    "stepfather",
    "step-mother",
    "stepmother",
    "sibling",
    "aunt",
    "uncle",
    "cousin",
    "carer",
    "baby",
    "infant",
];

/// Whether a recorded name is already a pseudonym, not an identifier: "Child G" (the
/// framework's way of naming a child in a published report), or words of relationship only
/// ("Mother", "Mother's partner").
pub fn is_pseudonym(name: &str) -> bool {
    let words: Vec<String> =
        name.split_whitespace().map(|w| w.trim_end_matches("'s").trim_end_matches("’s").to_lowercase()).collect();
    match words.as_slice() {
        [] => true,
        [first, letter] if first == "child" && letter.chars().count() == 1 => true,
        ws => ws.iter().all(|w| RELATION_WORDS.contains(&w.as_str())),
    }
}

/// The identifiers of a case: the children its notification names (`children`), its
/// referral (`form`), the review's family engagement, and `places` (the schools among the
/// agencies involved). Names that are already pseudonyms are left out.
pub fn of_case(
    children: &[ChildDetails],
    form: Option<&ReferralForm>,
    family: Option<&FamilyEngagement>,
    places: &[String],
) -> CaseIdentifiers {
    let mut ids = CaseIdentifiers::default();
    for c in children {
        ids.people.push(c.name.clone());
        ids.dates_of_birth.extend(c.date_of_birth);
        ids.addresses.push(c.home_address.clone());
        ids.places.push(c.incident_location.clone());
    }
    if let Some(f) = form {
        ids.people.push(f.child.name.clone());
        ids.dates_of_birth.extend(f.child.date_of_birth);
        ids.addresses.push(f.child.home_address.clone());
        ids.places.push(f.child.incident_location.clone());
        for m in &f.family_members {
            ids.people.push(m.name.clone());
            ids.dates_of_birth.extend(m.date_of_birth);
            ids.addresses.push(m.address.clone());
        }
        for a in &f.other_agencies {
            let lower = a.agency.to_lowercase();
            if SCHOOL_WORDS.iter().any(|w| lower.contains(w)) {
                ids.places.push(a.agency.clone());
            }
        }
    }
    if let Some(fam) = family {
        ids.people.extend(fam.members.iter().map(|m| m.name.clone()));
    }
    ids.places.extend(places.iter().cloned());
    ids.people.retain(|n| !is_pseudonym(n));
    for list in [&mut ids.people, &mut ids.addresses, &mut ids.places] {
        list.retain(|s| !s.trim().is_empty());
        list.sort();
        list.dedup();
    }
    ids.dates_of_birth.sort();
    ids.dates_of_birth.dedup();
    ids
}

/// Whether an agency's name makes it a school (its name is then an identifier).
pub fn is_school(name: &str) -> bool {
    let lower = name.to_lowercase();
    SCHOOL_WORDS.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_not_identifiers() {
        assert!(is_pseudonym("Child G") && is_pseudonym("Mother's partner") && is_pseudonym("Half-brother"));
        assert!(!is_pseudonym("Jamie Smith") && !is_pseudonym("Child Grace"));
        let child = ChildDetails {
            name: "Child G".into(),
            date_of_birth: chrono::NaiveDate::from_ymd_opt(2019, 3, 14),
            home_address: "12 Sample Street, Northtown".into(),
            ..ChildDetails::default()
        };
        let ids = of_case(&[child], None, None, &["Northtown Primary School".into()]);
        assert!(ids.people.is_empty());
        assert_eq!(ids.dates_of_birth.len(), 1);
        assert_eq!(ids.addresses, vec!["12 Sample Street, Northtown".to_string()]);
        assert_eq!(ids.places, vec!["Northtown Primary School".to_string()]);
    }
}
