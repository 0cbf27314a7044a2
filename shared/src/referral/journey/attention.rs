//! What the home page lists for a person: the referrals that need them, by role.
use crate::referral::{ReferralStage, ReferralSummary};
use crate::Role;

/// One list on the home page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queue {
    /// An id for the list on the page.
    pub key: &'static str,
    pub heading: &'static str,
    /// Said when the list is empty.
    pub empty: &'static str,
    pub stages: &'static [ReferralStage],
    /// Only referrals the person filed.
    pub own_only: bool,
}

const RETURNED: Queue = Queue {
    key: "returned",
    heading: "Returned to you for completion",
    empty: "No referrals have been returned to you.",
    stages: &[ReferralStage::Returned, ReferralStage::ReturnedByManager],
    own_only: true,
};
const DRAFTS: Queue = Queue {
    key: "drafts",
    heading: "Drafts to finish",
    empty: "You have no drafts.",
    stages: &[ReferralStage::Draft],
    own_only: true,
};
const SENT: Queue = Queue {
    key: "sent",
    heading: "Your referrals being considered",
    empty: "None of your referrals is being considered.",
    stages: &[ReferralStage::AwaitingSignOff, ReferralStage::Submitted, ReferralStage::Recommended],
    own_only: true,
};
const OUTCOMES: Queue = Queue {
    key: "outcomes",
    heading: "Decisions on your referrals",
    empty: "No decisions have been made on your referrals yet.",
    stages: &[ReferralStage::Decided],
    own_only: true,
};
/// A manager's list: the referrals sent to them (a manager sees no others awaiting sign-off).
const TO_SIGN_OFF: Queue = Queue {
    key: "to-sign-off",
    heading: "Referrals awaiting your sign-off",
    empty: "No referrals are waiting for your sign-off.",
    stages: &[ReferralStage::AwaitingSignOff],
    own_only: false,
};
const TO_RECOMMEND: Queue = Queue {
    key: "to-recommend",
    heading: "Awaiting your recommendation",
    empty: "No submitted referrals are waiting for a recommendation.",
    stages: &[ReferralStage::Submitted],
    own_only: false,
};
const TO_DECIDE: Queue = Queue {
    key: "to-decide",
    heading: "Awaiting the strategic partners' decision",
    empty: "No recommendations are waiting for a decision.",
    stages: &[ReferralStage::Recommended],
    own_only: false,
};
const UNDER_CONSIDERATION: Queue = Queue {
    key: "under-consideration",
    heading: "Referrals under consideration",
    empty: "No referrals are under consideration.",
    stages: &[ReferralStage::Submitted, ReferralStage::Recommended],
    own_only: false,
};

/// The lists for someone with these roles, most pressing first.
pub fn queues(roles: &[Role]) -> Vec<Queue> {
    let mut out = Vec::new();
    if roles.contains(&Role::AgencyManager) {
        out.push(TO_SIGN_OFF);
    }
    if roles.contains(&Role::BusinessOffice) {
        out.push(TO_RECOMMEND);
    }
    if roles.contains(&Role::StrategicLead) {
        out.push(TO_DECIDE);
    }
    if roles.contains(&Role::Referrer) {
        out.extend([RETURNED, DRAFTS, SENT, OUTCOMES]);
    }
    if roles.contains(&Role::Reviewer) && !roles.iter().any(|r| matches!(r, Role::BusinessOffice | Role::StrategicLead))
    {
        out.push(UNDER_CONSIDERATION);
    }
    out
}

impl Queue {
    /// True when the referral belongs in this list for the person `user_id`.
    pub fn holds(&self, referral: &ReferralSummary, user_id: uuid::Uuid) -> bool {
        self.stages.contains(&referral.stage) && (!self.own_only || referral.referrer_id == user_id)
    }
}

/// Roles that may list referrals at all (the others see no lists).
pub fn may_list_referrals(roles: &[Role]) -> bool {
    roles.iter().any(|r| crate::referral::REFERRAL_READERS.contains(r))
}

/// Roles that may start a referral.
pub fn may_start_referral(roles: &[Role]) -> bool {
    roles.contains(&Role::Referrer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn summary(stage: ReferralStage, referrer_id: uuid::Uuid) -> ReferralSummary {
        ReferralSummary {
            id: uuid::Uuid::nil(),
            stage,
            referrer_id,
            review_type: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
            submitted_at: None,
            child_name: String::new(),
        }
    }

    #[test]
    fn each_role_sees_what_it_acts_on() {
        let keys = |roles: &[Role]| queues(roles).iter().map(|q| q.key).collect::<Vec<_>>();
        assert_eq!(keys(&[Role::BusinessOffice]), ["to-recommend"]);
        assert_eq!(keys(&[Role::StrategicLead]), ["to-decide"]);
        assert_eq!(keys(&[Role::Referrer]), ["returned", "drafts", "sent", "outcomes"]);
        assert_eq!(keys(&[Role::Reviewer]), ["under-consideration"]);
        assert_eq!(keys(&[Role::AgencyManager]), ["to-sign-off"]);
        assert!(may_list_referrals(&[Role::AgencyManager]));
        assert!(keys(&[Role::Scrutineer]).is_empty());
        assert!(!may_list_referrals(&[Role::Scrutineer, Role::AgencyAuthor]));
        assert!(may_list_referrals(&[Role::StrategicLead]));
        assert!(may_start_referral(&[Role::Referrer]) && !may_start_referral(&[Role::BusinessOffice]));
    }

    #[test]
    fn own_lists_hold_only_the_persons_referrals() {
        let me = uuid::Uuid::from_u128(1);
        let someone = uuid::Uuid::from_u128(2);
        assert!(DRAFTS.holds(&summary(ReferralStage::Draft, me), me));
        assert!(!DRAFTS.holds(&summary(ReferralStage::Draft, someone), me));
        assert!(!DRAFTS.holds(&summary(ReferralStage::Submitted, me), me));
        assert!(TO_RECOMMEND.holds(&summary(ReferralStage::Submitted, someone), me));
        assert!(OUTCOMES.holds(&summary(ReferralStage::Decided, me), me));
        assert!(TO_SIGN_OFF.holds(&summary(ReferralStage::AwaitingSignOff, someone), me));
        assert!(RETURNED.holds(&summary(ReferralStage::ReturnedByManager, me), me));
    }
}
