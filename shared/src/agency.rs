//! Agencies of a partnership.
use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    pub enum AgencyKind ["snake_case"] {
        Police,
        Health,
        ChildrensSocialCare,
        Education,
        Probation,
        Other,
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
