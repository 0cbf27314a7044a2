//! Agencies of a partnership, and the business office's form to add or change one.
use crate::text::{is_blank, MAX_SHORT};
use crate::FieldError;
use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    /// What kind of agency: those the framework's referral lists.
    pub enum AgencyKind ["snake_case"] {
        ChildrensSocialCare,
        Mash,
        Education,
        Police,
        HealthIcb,
        HealthGp,
        HealthHospital,
        Probation,
        Other,
    }
}

impl AgencyKind {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            AgencyKind::ChildrensSocialCare => "Children's social care or trust",
            AgencyKind::Mash => "Multi-Agency Safeguarding Hub (MASH)",
            AgencyKind::Education => "Education",
            AgencyKind::Police => "Police",
            AgencyKind::HealthIcb => "Health: Integrated Care Board (ICB)",
            AgencyKind::HealthGp => "Health: GP practice",
            AgencyKind::HealthHospital => "Health: hospital trust",
            AgencyKind::Probation => "Probation",
            AgencyKind::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyView {
    pub id: uuid::Uuid,
    pub name: String,
    pub kind: AgencyKind,
    /// One of the three statutory safeguarding partners.
    pub strategic_lead: bool,
    /// An inactive agency is not offered for new information requests or new people; old
    /// records still name it.
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// Add or change an agency (the business office).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyForm {
    /// Unique in the partnership (ignoring case and spaces around it).
    pub name: String,
    pub kind: AgencyKind,
    #[serde(default)]
    pub strategic_lead: bool,
    #[serde(default = "yes")]
    pub active: bool,
}

impl Default for AgencyForm {
    fn default() -> Self {
        AgencyForm { name: String::new(), kind: AgencyKind::Other, strategic_lead: false, active: true }
    }
}

impl AgencyForm {
    /// The problems with the form: the name is required and short.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if is_blank(&self.name) {
            errors.push(FieldError::new("name", "required", "Enter the agency's name"));
        } else if self.name.trim().chars().count() > MAX_SHORT {
            errors.push(FieldError::new(
                "name",
                "too_long",
                format!("The name must be {MAX_SHORT} characters or fewer"),
            ));
        }
        errors
    }

    /// The name as stored.
    pub fn clean_name(&self) -> String {
        self.name.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Whether two agency names are the same name (one partnership has each once).
pub fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

/// The message of a duplicate name (409 `conflict`, on the `name` field).
pub const DUPLICATE_NAME: &str = "The partnership already has an agency with this name";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_required_and_names_compare_without_case_or_spaces() {
        let form = AgencyForm { name: "  ".into(), ..AgencyForm::default() };
        assert_eq!(form.problems()[0].code, "required");
        let form = AgencyForm { name: "Northvale  Police ".into(), ..AgencyForm::default() };
        assert!(form.problems().is_empty());
        assert_eq!(form.clean_name(), "Northvale Police");
        assert!(same_name("northvale police", " Northvale   Police"));
        assert!(!same_name("Northvale Police", "Northvale Health"));
    }

    #[test]
    fn every_kind_has_a_label_and_old_wire_names_are_gone() {
        for k in AgencyKind::ALL {
            assert!(!k.label().is_empty());
        }
        assert_eq!(AgencyKind::parse("health"), None);
        assert_eq!(AgencyKind::parse("health_icb"), Some(AgencyKind::HealthIcb));
    }
}
