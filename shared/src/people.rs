//! The partnership's people as its business office manages them, and its audit trail.
use crate::role::Role;
use crate::FieldError;
use serde::{Deserialize, Serialize};

/// Who manages the partnership's people and reads its audit trail.
pub const PEOPLE_ADMINS: &[Role] = &[Role::BusinessOffice];

/// What the business office does to a member's account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonChange {
    /// Take this role away.
    RevokeRole(Role),
    /// Take the membership of this partnership away.
    Remove,
    /// Disable the account (everywhere).
    Disable,
    /// Set the person's roles and agency here.
    Update,
}

/// Why a change to a member is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeRefusal {
    /// The office's own account: another office member does it.
    OwnAccount,
    /// Disabling an account that belongs to other partnerships too: remove it from this one.
    OtherPartnerships,
    /// Disabled already.
    Disabled,
}

impl ChangeRefusal {
    pub fn message(self) -> &'static str {
        match self {
            ChangeRefusal::OwnAccount => "You cannot do this to your own account",
            ChangeRefusal::OtherPartnerships => {
                "This person belongs to other partnerships too: remove them from yours instead"
            }
            ChangeRefusal::Disabled => "This account is disabled already",
        }
    }
}

impl PersonChange {
    /// Whether the change may be made to a member (the server refuses it with 409, and the
    /// page does not offer it).
    pub fn refusal(self, own: bool, other_partnerships: bool, disabled: bool) -> Option<ChangeRefusal> {
        match self {
            _ if own => Some(ChangeRefusal::OwnAccount),
            PersonChange::Disable if other_partnerships => Some(ChangeRefusal::OtherPartnerships),
            PersonChange::Disable if disabled => Some(ChangeRefusal::Disabled),
            _ => None,
        }
    }
}

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
    /// The agency's id (its name is `agency`).
    #[serde(default)]
    pub agency_id: Option<uuid::Uuid>,
    /// When the person last signed in to this partnership (never: not yet).
    #[serde(default)]
    pub last_sign_in: Option<chrono::DateTime<chrono::Utc>>,
}

/// Invite a person to the partnership: an account without a password and a membership with
/// these roles; a one-time link by e-mail sets the password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invitation {
    pub name: String,
    pub email: String,
    /// At least one.
    pub roles: Vec<Role>,
    /// An active agency of the partnership, or none.
    #[serde(default)]
    pub agency_id: Option<uuid::Uuid>,
}

/// The answer to an invitation: the person's id (the same answer whether the address had an
/// account elsewhere or not).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invited {
    pub id: uuid::Uuid,
}

/// Set a member's roles and agency (the roles replace those held).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonUpdate {
    /// At least one.
    pub roles: Vec<Role>,
    #[serde(default)]
    pub agency_id: Option<uuid::Uuid>,
}

/// Accept an invitation: the link's token and the password chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationAccept {
    /// The `token` of the link's fragment (`/accept-invitation#token=…`).
    pub token: String,
    /// At least 12 characters, and not a common password.
    pub new_password: String,
}

/// How long an invitation link works, in days.
pub const INVITATION_DAYS: i64 = 7;

fn roles_problem(roles: &[Role]) -> Option<FieldError> {
    roles.is_empty().then(|| FieldError::new("roles", "required", "Select at least one role"))
}

impl Invitation {
    pub fn problems(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if crate::text::is_blank(&self.name) {
            errors.push(FieldError::new("name", "required", "Enter the person's full name"));
        } else if self.name.trim().chars().count() > crate::text::MAX_SHORT {
            errors.push(FieldError::new("name", "too_long", "The name must be 500 characters or fewer"));
        }
        if crate::text::is_blank(&self.email) {
            errors.push(FieldError::new("email", "required", "Enter the person's email address"));
        } else if !crate::settings::is_email(&self.email) {
            errors.push(FieldError::new(
                "email",
                "invalid",
                "Enter an email address in the right format, like name@example.org",
            ));
        }
        errors.extend(roles_problem(&self.roles));
        errors
    }
}

impl PersonUpdate {
    pub fn problems(&self) -> Vec<FieldError> {
        roles_problem(&self.roles).into_iter().collect()
    }
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
    /// How many times (reads of one record by one person within a second are one
    /// event).
    #[serde(default = "one")]
    pub repeats: u32,
}

fn one() -> u32 {
    1
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

/// Whether these roles manage the partnership's people and read its audit trail.
pub fn manages_people(roles: &[Role]) -> bool {
    roles.iter().any(|r| PEOPLE_ADMINS.contains(r))
}

/// What an audit event's action code says, for people ("Read a case" for `case.read`); a
/// code not known here is shown as it is.
pub fn action_label(action: &str) -> &str {
    match action {
        "auth.login" => "Signed in",
        "auth.login_failed" => "Failed sign-in",
        "auth.login_refused_disabled" => "Sign-in refused (account disabled)",
        "auth.logout" => "Signed out",
        "auth.refresh_reused" => "Session ended (a used token was sent again)",
        "auth.switch" => "Switched to this partnership",
        "auth.switch_away" => "Switched to another partnership",
        "account.disabled" => "Disabled an account",
        "account.enabled" => "Enabled an account",
        "account.membership_removed" => "Removed someone from the partnership",
        "account.role_revoked" => "Took a role away",
        "account.invited" => "Invited someone to the partnership",
        "account.updated" => "Changed someone's roles or agency",
        "account.invitation_accepted" => "Accepted an invitation",
        "agency.create" => "Added an agency",
        "agency.update" => "Changed an agency",
        "settings.addresses" => "Changed the national email addresses",
        "account.password_changed" => "Changed their password",
        "account.password_reset" => "Reset their password",
        "account.password_reset_requested" => "Asked for a password reset link",
        "account.password_reset_throttled" => "Password reset link refused (too many)",
        "calendar.set_closures" => "Set the partnership's closure days",
        "referral.list" => "Listed referrals",
        "referral.read" => "Read a referral",
        "referral.create" => "Started a referral",
        "referral.edit" => "Saved a referral",
        "referral.submit" => "Submitted a referral",
        "referral.send_for_sign_off" => "Sent a referral for sign-off",
        "referral.sign_off" => "Signed off a referral",
        "referral.return_by_manager" => "Returned a referral (manager)",
        "referral.return" => "Returned a referral",
        "referral.recommend" => "Recommended on a referral",
        "referral.decide" => "Decided on a referral",
        "case.read" => "Read a case",
        "case.create" => "Reported a serious incident",
        "case.update" => "Changed a case",
        "case.record_notification_sent" => "Recorded the notification sent",
        "case.send_requests" => "Asked agencies for information",
        "case.remind" => "Reminded an agency",
        "case.record_meeting" => "Recorded the Rapid Review meeting",
        "case.decide" => "Decided on a case",
        "case.record_report_sent" => "Recorded the Rapid Review report sent",
        "case.add_observation" => "Added the scrutineer's observations",
        "case.extend_review" => "Extended a local CSPR",
        "case.record_final_report_sent" => "Recorded the final report sent",
        "clock_rule.update" => "Changed a clock rule",
        "information_request.read" => "Read an information request",
        "information_request.save" => "Saved an agency's answer",
        "information_request.submit" => "Submitted an agency's answer",
        other => other,
    }
}

/// What kind of record an audit event is about, for people; unknown kinds as they are.
pub fn record_label(entity_type: &str) -> &str {
    match entity_type {
        "account" => "Account",
        "case" => "Case",
        "referral" => "Referral",
        "information_request" => "Information request",
        "user" => "Account",
        "session" => "Session",
        "tenant" => "Partnership",
        "agency" => "Agency",
        "settings" => "Settings",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::CaseAction;
    use crate::referral::ReferralAction;

    #[test]
    fn every_action_of_the_stage_machines_has_a_label() {
        for a in CaseAction::ALL {
            let code = format!("case.{}", a.as_str());
            assert_ne!(action_label(&code), code, "{code}");
        }
        for a in ReferralAction::ALL {
            let code = format!("referral.{}", a.as_str());
            assert_ne!(action_label(&code), code, "{code}");
        }
        assert_eq!(action_label("case.read"), "Read a case");
        assert_eq!(action_label("auth.login_failed"), "Failed sign-in");
        assert_eq!(action_label("something.new"), "something.new");
    }

    #[test]
    fn only_the_business_office_manages_people() {
        assert!(manages_people(&[Role::Referrer, Role::BusinessOffice]));
        assert!(!manages_people(&[Role::StrategicLead, Role::Scrutineer]));
    }
}

#[cfg(test)]
mod change_tests {
    use super::*;

    #[test]
    fn the_office_cannot_change_itself_nor_disable_a_shared_or_disabled_account() {
        let role = PersonChange::RevokeRole(Role::Reviewer);
        assert_eq!(role.refusal(true, false, false), Some(ChangeRefusal::OwnAccount));
        assert_eq!(role.refusal(false, true, true), None);
        assert_eq!(PersonChange::Remove.refusal(false, true, false), None);
        assert_eq!(PersonChange::Disable.refusal(false, true, false), Some(ChangeRefusal::OtherPartnerships));
        assert_eq!(PersonChange::Disable.refusal(false, false, true), Some(ChangeRefusal::Disabled));
        assert_eq!(PersonChange::Disable.refusal(false, false, false), None);
    }
}
