//! The partnership's people as its business office manages them, and its audit trail.
use crate::role::Role;
use serde::{Deserialize, Serialize};

/// Who manages the partnership's people and reads its audit trail.
pub const PEOPLE_ADMINS: &[Role] = &[Role::BusinessOffice];

/// A member of the partnership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonView {
    pub id: uuid::Uuid,
    pub name: String,
    pub email: String,
    pub roles: Vec<Role>,
    pub agency: Option<String>,
    /// The account is disabled (everywhere).
    pub disabled: bool,
    /// The person belongs to other partnerships too (then the office removes them from its
    /// own, and only an operator disables the account).
    pub other_partnerships: bool,
}

/// One event of the audit trail: who did what to which record, when. Never content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEventView {
    /// Its place in the partnership's chain.
    pub seq: Option<i64>,
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor_id: Option<uuid::Uuid>,
    /// The person's name, when they are a member.
    pub actor_name: Option<String>,
    /// e.g. `case.read`, `auth.login_failed`.
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    /// The client's address (sign-in events only).
    pub address: Option<String>,
}

/// What the trail is filtered by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AuditQuery {
    /// Only this person's actions.
    pub actor: Option<uuid::Uuid>,
    /// Only events about this record.
    pub entity: Option<String>,
    /// At most this many, newest first (default 100, at most 500).
    pub limit: Option<u32>,
}

impl AuditQuery {
    pub fn limit(&self) -> Option<i64> {
        match self.limit {
            None => Some(100),
            Some(n @ 1..=500) => Some(i64::from(n)),
            Some(_) => None,
        }
    }
}
