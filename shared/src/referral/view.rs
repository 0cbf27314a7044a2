//! What the API answers about referrals.
use super::{Decision, Recommendation, ReferralAction, ReferralForm, ReferralStage, ReviewType};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReferralView {
    pub id: uuid::Uuid,
    pub stage: ReferralStage,
    /// The user who filed it.
    pub referrer_id: uuid::Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Date submitted to the business office (the last submission).
    pub submitted_at: Option<DateTime<Utc>>,
    pub form: ReferralForm,
    /// Why the office returned it, while it is returned.
    pub return_reason: Option<String>,
    pub recommendation: Option<Recommendation>,
    pub decision: Option<Decision>,
    /// The moves the caller may make now.
    pub allowed_actions: Vec<ReferralAction>,
    /// The clock of the decision on it, once it reached the business office.
    #[serde(default)]
    pub clock: Option<crate::calendar::ClockView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReferralSummary {
    pub id: uuid::Uuid,
    pub stage: ReferralStage,
    pub referrer_id: uuid::Uuid,
    pub review_type: Option<ReviewType>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// The child's name as the form has it (empty until it is filled in).
    #[serde(default)]
    pub child_name: String,
}
