//! Every box of the Appendix 1 form. Boxes are plain strings or options so that a
//! draft can hold anything; `validate_for_submission` says what must be filled in.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    /// The review type a referrer asks for, or the office recommends.
    pub enum ReviewType ["snake_case"] {
        /// Child Safeguarding Practice Review.
        Cspr,
        /// Case Mapping Exercise.
        CaseMappingExercise,
    }
}

impl ReviewType {
    pub fn label(self) -> &'static str {
        match self {
            ReviewType::Cspr => "Child Safeguarding Practice Review",
            ReviewType::CaseMappingExercise => "Case Mapping Exercise",
        }
    }
}

/// The referrer, and the senior manager for safeguarding who signs the request off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SignOff {
    pub name: String,
    pub agency: String,
    pub designation: String,
    /// Address, telephone number and e-mail address.
    pub contact_details: String,
    /// The signature: the signer's name typed.
    pub signature: String,
    pub signed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct SeniorManagerSignOff {
    #[serde(flatten)]
    pub person: SignOff,
    /// "I agree with this request for consideration of a review".
    pub agrees: bool,
}

/// Section 1.1: the child's details.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ChildDetails {
    pub name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub date_of_incident: Option<NaiveDate>,
    pub home_address: String,
    pub ethnic_origin: String,
    pub faith: String,
    pub disability: String,
    /// Subject of a child protection plan now or before: when, for what, how long.
    pub child_protection_plan: String,
    pub incident_location: String,
    pub carer_at_incident: String,
    /// Known to be the subject of a criminal investigation.
    pub criminal_investigation: Option<bool>,
}

/// Section 1.2: one row of the family table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct FamilyMember {
    pub name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub address: String,
    pub relationship: String,
}

/// One row of "other agencies known".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct OtherAgency {
    pub agency: String,
    /// Address, telephone and e-mail.
    pub contact_details: String,
    pub reason_for_involvement: String,
}

/// One row of the key-event chronology.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct KeyEvent {
    pub date: Option<NaiveDate>,
    /// `HH:MM`, 24-hour; may be empty when the time is not known.
    pub time: String,
    pub event: String,
}

/// Section 4: themes and issues.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct Themes {
    pub actions_taken: String,
    pub good_practice: String,
}

/// The whole referral form as the referrer fills it in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ReferralForm {
    pub referrer: SignOff,
    pub senior_manager: SeniorManagerSignOff,
    pub review_type: Option<ReviewType>,
    /// Rationale against the criteria of the type asked for.
    pub rationale: String,
    pub child: ChildDetails,
    /// A genogram described or attached instead of the family table.
    pub genogram: String,
    pub family_members: Vec<FamilyMember>,
    /// Section 2.1: brief history of concerns and the incident.
    pub background: String,
    pub other_agencies: Vec<OtherAgency>,
    pub chronology: Vec<KeyEvent>,
    /// Section 3.2.
    pub areas_of_learning: String,
    pub themes: Themes,
}
