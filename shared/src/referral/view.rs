//! What the API answers about referrals.
use super::{Decision, Recommendation, ReferralAction, ReferralForm, ReferralStage, ReviewType, SignOffManager};
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
    /// Date submitted to the business office (the manager's last sign-off).
    pub submitted_at: Option<DateTime<Utc>>,
    /// The manager it was last sent to for sign-off (the form's Senior Manager box).
    #[serde(default)]
    pub manager: Option<SignOffManager>,
    /// When that manager signed it off.
    #[serde(default)]
    pub signed_off_at: Option<DateTime<Utc>>,
    /// The Rapid Review opened from it.
    #[serde(default)]
    pub case_id: Option<uuid::Uuid>,
    pub form: ReferralForm,
    /// Why the office or the manager returned it, while it is returned.
    pub return_reason: Option<String>,
    pub recommendation: Option<Recommendation>,
    pub decision: Option<Decision>,
    /// The moves the caller may make now.
    pub allowed_actions: Vec<ReferralAction>,
    /// The clock of the decision on it, once it reached the business office.
    #[serde(default)]
    pub clock: Option<crate::calendar::ClockView>,
    /// Its version, raised by every write (also its `ETag`): a save naming it in `If-Match`
    /// is refused with 409 `edit_conflict` when someone saved since.
    #[serde(default)]
    pub version: i32,
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

impl ReferralView {
    /// Whether someone with `roles` is offered to open the Rapid Review from this referral
    /// (the business office, once the decision agreed a review, until it is opened).
    pub fn offers_rapid_review(&self, roles: &[crate::Role]) -> bool {
        crate::case::reports_incidents(roles)
            && super::may_open_rapid_review(self.stage, self.decision.as_ref(), self.case_id.is_some()).is_ok()
    }
}
