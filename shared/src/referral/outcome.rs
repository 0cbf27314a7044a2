//! The business office's recommendation and the strategic partners' decision.
use super::ReviewType;
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
}

/// The office returns a submitted referral for completion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnRequest {
    /// What the referrer needs to complete.
    pub reason: String,
}
