//! The review group [223–229]: a representative of each of the partnership's strategic lead
//! agencies, plus at least two further partner agencies, at least one of which had no
//! involvement with the family. The rule is checked here, and each way it fails is named.
use crate::text::{is_blank, MAX_ROWS, MAX_SHORT};
use crate::FieldError;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A member: a person with their agency.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct GroupMember {
    pub name: String,
    pub agency_id: Option<Uuid>,
    pub designation: String,
    /// Whether their agency had involvement with the family.
    pub involved: bool,
}

/// The whole group, as `PUT …/review-group` sets it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ReviewGroup {
    pub members: Vec<GroupMember>,
}

/// An agency of the partnership, as the rule sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupAgency {
    pub id: Uuid,
    pub name: String,
    pub strategic_lead: bool,
}

/// The codes of the composition rule's parts (the `members` field).
pub const MISSING_STRATEGIC_LEAD: &str = "missing_strategic_lead";
pub const TOO_FEW_PARTNERS: &str = "too_few_partner_agencies";
pub const NO_UNINVOLVED_PARTNER: &str = "no_uninvolved_partner_agency";

/// Checks the group against the rule. `agencies` are the partnership's; `known_involved` the
/// agencies the case shows were involved (asked for information, or writing a report), which
/// a member cannot declare uninvolved.
pub fn check_review_group(group: &ReviewGroup, agencies: &[GroupAgency], known_involved: &[Uuid]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if group.members.len() > MAX_ROWS {
        errors.push(FieldError::new("members", "too_many", format!("A group can have at most {MAX_ROWS} members")));
        return errors;
    }
    for (i, m) in group.members.iter().enumerate() {
        let at = |f: &str| format!("members[{i}].{f}");
        if is_blank(&m.name) {
            errors.push(FieldError::new(at("name"), "required", "Enter the member's name"));
        } else if m.name.chars().count() > MAX_SHORT {
            errors.push(FieldError::new(
                at("name"),
                "too_long",
                format!("The name must be {MAX_SHORT} characters or fewer"),
            ));
        }
        if m.designation.chars().count() > MAX_SHORT {
            errors.push(FieldError::new(
                at("designation"),
                "too_long",
                format!("The designation must be {MAX_SHORT} characters or fewer"),
            ));
        }
        match m.agency_id.and_then(|id| agencies.iter().find(|a| a.id == id)) {
            None if m.agency_id.is_none() => {
                errors.push(FieldError::new(at("agency_id"), "required", "Choose the member's agency"))
            }
            None => {
                errors.push(FieldError::new(at("agency_id"), "invalid", "Choose one of the partnership's agencies"))
            }
            Some(a) if !m.involved && known_involved.contains(&a.id) => errors.push(FieldError::new(
                at("involved"),
                "involved",
                format!(
                    "{} was involved with the family in this case (it was asked for information or writes a report)",
                    a.name
                ),
            )),
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        return errors;
    }
    let of = |id: Uuid| group.members.iter().filter(move |m| m.agency_id == Some(id));
    let missing: Vec<&str> =
        agencies.iter().filter(|a| a.strategic_lead && of(a.id).next().is_none()).map(|a| a.name.as_str()).collect();
    if !missing.is_empty() {
        errors.push(FieldError::new(
            "members",
            MISSING_STRATEGIC_LEAD,
            format!(
                "The review group needs a representative of each strategic lead agency: {} {} none",
                missing.join(", "),
                if missing.len() == 1 { "has" } else { "have" }
            ),
        ));
    }
    let partners: Vec<&GroupAgency> =
        agencies.iter().filter(|a| !a.strategic_lead && of(a.id).next().is_some()).collect();
    if partners.len() < 2 {
        errors.push(FieldError::new(
            "members",
            TOO_FEW_PARTNERS,
            format!(
                "The review group needs at least two further partner agencies besides the strategic leads: it has {}",
                partners.len()
            ),
        ));
    }
    let uninvolved = partners.iter().any(|a| of(a.id).all(|m| !m.involved) && !known_involved.contains(&a.id));
    if !partners.is_empty() && !uninvolved {
        errors.push(FieldError::new(
            "members",
            NO_UNINVOLVED_PARTNER,
            "At least one of the further partner agencies must have had no involvement with the family",
        ));
    }
    errors
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn agencies() -> Vec<GroupAgency> {
        let a =
            |n: u128, name: &str, lead| GroupAgency { id: Uuid::from_u128(n), name: name.into(), strategic_lead: lead };
        vec![
            a(1, "Police", true),
            a(2, "Health", true),
            a(3, "Council", true),
            a(4, "Schools", false),
            a(5, "Probation", false),
            a(6, "GP", false),
        ]
    }

    pub(crate) fn member(agency: u128, involved: bool) -> GroupMember {
        GroupMember {
            name: format!("Member {agency}"),
            agency_id: Some(Uuid::from_u128(agency)),
            designation: "Head of safeguarding".into(),
            involved,
        }
    }

    pub(crate) fn complete() -> ReviewGroup {
        ReviewGroup {
            members: vec![member(1, true), member(2, true), member(3, true), member(4, true), member(5, false)],
        }
    }

    fn codes(g: &ReviewGroup, involved: &[Uuid]) -> Vec<String> {
        check_review_group(g, &agencies(), involved).into_iter().map(|e| e.code).collect()
    }

    #[test]
    fn a_complete_group_meets_the_rule() {
        assert!(codes(&complete(), &[]).is_empty());
    }

    #[test]
    fn each_part_of_the_rule_is_named_when_it_fails() {
        let mut g = complete();
        g.members.remove(1);
        let e = check_review_group(&g, &agencies(), &[]);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].code, MISSING_STRATEGIC_LEAD);
        assert!(e[0].message.contains("Health has none"), "{}", e[0].message);
        let mut g = complete();
        g.members.remove(3);
        assert_eq!(codes(&g, &[]), vec![TOO_FEW_PARTNERS]);
        let mut g = complete();
        g.members[4].involved = true;
        assert_eq!(codes(&g, &[]), vec![NO_UNINVOLVED_PARTNER]);
        // two members of one partner agency count once
        let g = ReviewGroup {
            members: vec![member(1, true), member(2, true), member(3, true), member(4, false), member(4, false)],
        };
        assert_eq!(codes(&g, &[]), vec![TOO_FEW_PARTNERS]);
        assert_eq!(codes(&ReviewGroup::default(), &[]), vec![MISSING_STRATEGIC_LEAD, TOO_FEW_PARTNERS]);
    }

    #[test]
    fn an_agency_the_case_shows_involved_cannot_be_declared_uninvolved() {
        let e = check_review_group(&complete(), &agencies(), &[Uuid::from_u128(5)]);
        assert_eq!((e[0].field.as_str(), e[0].code.as_str()), ("members[4].involved", "involved"));
    }

    #[test]
    fn members_need_a_name_and_an_agency_of_the_partnership() {
        let mut g = complete();
        g.members[0].name = " ".into();
        g.members[1].agency_id = None;
        g.members[2].agency_id = Some(Uuid::from_u128(99));
        let fields: Vec<_> = check_review_group(&g, &agencies(), &[]).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["members[0].name", "members[1].agency_id", "members[2].agency_id"]);
    }
}
