//! Who sees which referrals: the referrer their own; the office, strategic leads and
//! reviewers every referral that has reached the office (and their own drafts); a manager
//! also those sent to them for sign-off (in either scope). The server reads through a
//! [`ReferralScope`].
use crate::Role;

/// The roles that read referrals at all (each through their [`ReferralScope`]).
pub const REFERRAL_READERS: &[Role] =
    &[Role::Referrer, Role::Reviewer, Role::StrategicLead, Role::BusinessOffice, Role::AgencyManager];

/// Need-to-know: which referrals a person may see in their tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferralScope {
    /// Only the referrals they filed (a referrer), or that were sent to them for sign-off.
    OwnOnly,
    /// Every referral that has reached the office ([`crate::referral::ReferralStage::at_office`]),
    /// and their own and those sent to them for sign-off.
    SubmittedAndOwn,
}

/// Those who consider submitted referrals.
const CONSIDERS_REFERRALS: &[Role] = &[Role::BusinessOffice, Role::StrategicLead, Role::Reviewer];

/// The office, strategic leads and reviewers consider submitted referrals; everyone else
/// with access sees only their own.
pub fn referral_scope(roles: &[Role]) -> ReferralScope {
    if roles.iter().any(|r| CONSIDERS_REFERRALS.contains(r)) {
        ReferralScope::SubmittedAndOwn
    } else {
        ReferralScope::OwnOnly
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn those_who_consider_referrals_see_the_submitted_ones() {
        assert_eq!(referral_scope(&[Role::Referrer]), ReferralScope::OwnOnly);
        assert_eq!(referral_scope(&[Role::Referrer, Role::Reviewer]), ReferralScope::SubmittedAndOwn);
        assert_eq!(referral_scope(&[Role::BusinessOffice]), ReferralScope::SubmittedAndOwn);
        for role in REFERRAL_READERS {
            assert!(Role::ALL.contains(role));
        }
    }
}
