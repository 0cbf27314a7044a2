//! Agencies of a partnership.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    Police,
    Health,
    ChildrensSocialCare,
    Education,
    Probation,
    Other,
}

impl AgencyKind {
    pub const ALL: [AgencyKind; 6] = [
        AgencyKind::Police,
        AgencyKind::Health,
        AgencyKind::ChildrensSocialCare,
        AgencyKind::Education,
        AgencyKind::Probation,
        AgencyKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::Police => "police",
            AgencyKind::Health => "health",
            AgencyKind::ChildrensSocialCare => "childrens_social_care",
            AgencyKind::Education => "education",
            AgencyKind::Probation => "probation",
            AgencyKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<AgencyKind> {
        AgencyKind::ALL.into_iter().find(|k| k.as_str() == s)
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
}
