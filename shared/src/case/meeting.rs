//! The Rapid Review meeting: who attended (the seed's core members plus others), what it
//! found and what it recommends.
use crate::form_check::Check;
use crate::text::{MAX_ROWS, MAX_SHORT, MAX_TEXT};
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    /// The seat a member fills at the meeting.
    pub enum MemberRole ["snake_case"] {
        /// Designated Doctor for Safeguarding Children (chairs the Local Learning Review Sub Group).
        DesignatedDoctor,
        /// Head of the police Child Protection Team.
        PoliceChildProtection,
        /// Service Manager, children's social care.
        ChildrensServicesManager,
        /// Any other specialist professional.
        Other,
    }
}

impl MemberRole {
    /// The core members every Rapid Review meeting has.
    pub const CORE: [MemberRole; 3] =
        [MemberRole::DesignatedDoctor, MemberRole::PoliceChildProtection, MemberRole::ChildrensServicesManager];

    pub fn label(self) -> &'static str {
        match self {
            MemberRole::DesignatedDoctor => "Designated Doctor for Safeguarding Children",
            MemberRole::PoliceChildProtection => "Head of Child Protection Team, Police",
            MemberRole::ChildrensServicesManager => "Service Manager, Children's Services",
            MemberRole::Other => "Other specialist professional",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingMember {
    pub role: MemberRole,
    pub name: String,
    pub designation: String,
    #[serde(default)]
    pub agency: String,
}

crate::wire::wire_enum! {
    /// What the meeting recommends, and what the strategic leads decide.
    pub enum RapidReviewOutcome ["snake_case"] {
        /// Learning identified: no CSPR; the learning is taken forward by actions.
        LearningOnly,
        LocalCspr,
        /// Refer to the National Panel for a national review.
        NationalReview,
    }
}

impl RapidReviewOutcome {
    pub fn label(self) -> &'static str {
        match self {
            RapidReviewOutcome::LearningOnly => "Learning identified: no CSPR",
            RapidReviewOutcome::LocalCspr => "Local Child Safeguarding Practice Review",
            RapidReviewOutcome::NationalReview => "Refer for a national review",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct RapidReviewMeeting {
    pub held_on: Option<NaiveDate>,
    pub members: Vec<MeetingMember>,
    pub facts: String,
    pub immediate_safety_actions: String,
    pub immediate_learning: String,
    pub possible_improvements: String,
    pub recommendation: Option<RapidReviewOutcome>,
    pub rationale: String,
    /// Why the meeting went ahead while agencies' information was still outstanding (needed
    /// only then: the meeting follows the collated information).
    pub outstanding_reason: String,
}

pub fn validate_meeting(m: &RapidReviewMeeting, today: NaiveDate) -> Vec<FieldError> {
    let mut c = Check { errors: Vec::new(), today, strict: true, prefix: "" };
    c.date("held_on", m.held_on, "The date of the meeting");
    c.rows("members", m.members.len(), "The members");
    for core in MemberRole::CORE {
        if !m.members.is_empty() && !m.members.iter().any(|x| x.role == core) {
            c.errors.push(FieldError::new(
                "members",
                "missing_core_member",
                format!("Add the {} (a core member)", core.label()),
            ));
        }
    }
    if m.members.len() <= MAX_ROWS {
        for (i, member) in m.members.iter().enumerate() {
            c.nested(&format!("members[{i}]"), |c| {
                c.text("name", &member.name, MAX_SHORT, "The member's name");
                c.text("designation", &member.designation, MAX_SHORT, "The member's designation");
                c.text_optional("agency", &member.agency, MAX_SHORT, "The member's agency");
            });
        }
    }
    c.text("facts", &m.facts, MAX_TEXT, "The facts of the case");
    c.text("immediate_safety_actions", &m.immediate_safety_actions, MAX_TEXT, "The immediate safety actions");
    c.text("immediate_learning", &m.immediate_learning, MAX_TEXT, "The immediate learning");
    c.text("possible_improvements", &m.possible_improvements, MAX_TEXT, "The possible improvements");
    if m.recommendation.is_none() {
        c.errors.push(FieldError::new("recommendation", "required", "Select the meeting's recommendation"));
    }
    c.text("rationale", &m.rationale, MAX_TEXT, "The rationale for the recommendation");
    c.errors
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn complete() -> RapidReviewMeeting {
        let member = |role, name: &str| MeetingMember {
            role,
            name: name.into(),
            designation: role.label().into(),
            agency: String::new(),
        };
        RapidReviewMeeting {
            held_on: NaiveDate::from_ymd_opt(2026, 11, 20),
            members: vec![
                member(MemberRole::DesignatedDoctor, "Dr A"),
                member(MemberRole::PoliceChildProtection, "DI B"),
                member(MemberRole::ChildrensServicesManager, "C"),
            ],
            facts: "Facts".into(),
            immediate_safety_actions: "None needed".into(),
            immediate_learning: "Learning".into(),
            possible_improvements: "Improvements".into(),
            recommendation: Some(RapidReviewOutcome::LocalCspr),
            rationale: "Rationale".into(),
            outstanding_reason: String::new(),
        }
    }

    fn codes(m: &RapidReviewMeeting) -> Vec<(String, String)> {
        validate_meeting(m, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_meeting_needs_its_core_members() {
        assert!(codes(&complete()).is_empty());
        let mut m = complete();
        m.members.remove(1);
        assert_eq!(codes(&m), vec![("members".to_string(), "missing_core_member".to_string())]);
        let empty = codes(&RapidReviewMeeting::default());
        assert!(empty.contains(&("members".into(), "required".into())));
        assert!(empty.contains(&("recommendation".into(), "required".into())));
        assert!(empty.contains(&("held_on".into(), "required".into())));
    }
}
