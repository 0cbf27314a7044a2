//! The business office's recommendation and the strategic partners' decision.
use super::ReviewType;
use crate::case::LearningAction;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// "For internal use only: to be completed by the Business Office once considered".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recommendation {
    /// Is a review recommended?
    pub review_recommended: bool,
    /// Which type, when one is recommended.
    #[serde(default)]
    pub review_type: Option<ReviewType>,
    #[serde(default)]
    pub comments: String,
    pub recommended_on: NaiveDate,
    /// Reason for the recommendation.
    pub reason: String,
    pub legal_advice_sought: bool,
}

/// The strategic partners' decision on the recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    /// Is a review agreed?
    pub review_agreed: bool,
    #[serde(default)]
    pub comments: String,
    /// Date agreed with the recommendation.
    pub decided_on: NaiveDate,
    /// When no review is agreed ("learning only"): the learning identified ...
    #[serde(default)]
    pub learning_identified: String,
    /// ... and the actions to take it forward (as a Rapid Review's learning-only decision).
    #[serde(default)]
    pub actions: Vec<LearningAction>,
}

impl Decision {
    /// A review is agreed: the business office opens the Rapid Review from the referral.
    pub fn opens_rapid_review(&self) -> bool {
        self.review_agreed
    }
}

/// Whether the business office may open a Rapid Review from a referral: decided with a
/// review agreed, and none opened from it yet. The refusal says why (answered as 409).
pub fn may_open_rapid_review(
    stage: super::ReferralStage,
    decision: Option<&Decision>,
    case_opened: bool,
) -> Result<(), &'static str> {
    if stage != super::ReferralStage::Decided || !decision.is_some_and(Decision::opens_rapid_review) {
        return Err("a Rapid Review is opened only from a referral whose decision agreed a review");
    }
    if case_opened {
        return Err("a Rapid Review was opened from this referral already");
    }
    Ok(())
}

/// The referrer sends the referral to a manager of their agency for sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignOffRequest {
    /// One of the referrer's agency's managers (`GET /referrals/sign-off-managers`).
    pub manager_id: uuid::Uuid,
}

/// A manager who signs off referrals: as chosen by the referrer, and as the form's Senior
/// Manager box shows them (from their account at the time it was sent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignOffManager {
    pub id: uuid::Uuid,
    pub name: String,
    /// Their agency's name.
    pub agency: String,
}

/// The office returns a submitted referral for completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnRequest {
    /// What the referrer needs to complete.
    pub reason: String,
}
