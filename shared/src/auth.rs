//! Sign-in, tokens and "who am I".
use crate::{region::Region, role::Role};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    /// The partnership's slug, e.g. `northvale`.
    pub tenant: String,
    pub email: String,
    pub password: String,
    /// The second factor, for a person who has one: the 6-digit code of their authenticator
    /// app, or one of their recovery codes (each works once). Without it, such a person's
    /// right password gets 401 `second_factor_required`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

crate::wire::wire_enum! {
    /// Who in a partnership must use a second factor.
    pub enum SecondFactorRule ["snake_case"] {
        /// Everyone (the default, and of every partnership `cspr tenant create` makes).
        Required,
        /// Everyone but a person whose only role is referrer.
        NotForReferrers,
        /// No one (the demo partnerships, so that the README's examples work with a password).
        Off,
    }
}

impl SecondFactorRule {
    /// Whether a person with these roles must have a second factor.
    pub fn requires(self, roles: &[Role]) -> bool {
        match self {
            SecondFactorRule::Required => true,
            SecondFactorRule::NotForReferrers => roles.iter().any(|r| *r != Role::Referrer),
            SecondFactorRule::Off => false,
        }
    }

    /// Whether a person with these roles, signed in with a password alone, may only enrol.
    pub fn must_enrol(self, roles: &[Role], enrolled: bool) -> bool {
        !enrolled && self.requires(roles)
    }
}

/// The person's second factor, as `/me` tells it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecondFactorState {
    /// They have one.
    pub enrolled: bool,
    /// This session may only enrol (a password alone where one is required).
    pub must_enrol: bool,
}

/// A second factor being set up: scan the QR code (or type the secret), then confirm a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecondFactorSetup {
    /// The secret, base32, for typing into an app.
    pub secret: String,
    /// The `otpauth://` address the QR code holds.
    pub otpauth_uri: String,
    /// The QR code as an SVG `data:` address.
    pub qr_code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConfirmSecondFactor {
    /// A code the app shows now.
    pub code: String,
    /// The person's password, again: a session alone does not set up a second factor.
    pub current_password: String,
}

/// The second factor is on: the recovery codes (shown once), and the tokens of a new,
/// full session (the enrolling one has ended).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecondFactorEnrolled {
    pub recovery_codes: Vec<String>,
    pub tokens: TokenResponse,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    pub access_token: String,
    pub refresh_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// Seconds until the session ends whatever happens (its absolute limit).
    pub session_expires_in: u64,
    /// Seconds without use after which the browser signs the person out.
    pub idle_timeout: u64,
    /// Seconds before that when the browser warns.
    pub idle_warning: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    pub refresh_token: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SwitchRequest {
    /// The slug of another partnership the person belongs to.
    pub tenant: String,
    /// The refresh token of the session being left: that session ends.
    pub refresh_token: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserInfo {
    pub id: uuid::Uuid,
    pub email: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantInfo {
    pub slug: String,
    pub name: String,
    pub region: Region,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeResponse {
    pub user: UserInfo,
    /// The partnership this token is for.
    pub tenant: TenantInfo,
    /// Roles in this partnership.
    pub roles: Vec<Role>,
    /// The agency the person belongs to in this partnership, if any.
    pub agency: Option<crate::agency::AgencyView>,
    /// Other partnerships the person may switch to.
    pub other_tenants: Vec<TenantInfo>,
    /// Their second factor.
    #[serde(default)]
    pub second_factor: SecondFactorState,
}

/// Claims of an access token (JWT).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    /// The user's id.
    pub sub: String,
    /// The tenant slug this token is for.
    pub tenant: String,
    /// The tenant's id.
    pub tid: String,
    pub roles: Vec<Role>,
    pub exp: u64,
    pub iat: u64,
    pub aud: String,
    /// Token type: always `access`.
    pub typ: String,
    /// The person's session epoch when issued: sign-out, disabling, a role change and a
    /// password change raise it, and older tokens are refused.
    #[serde(default)]
    pub sep: i64,
    /// The session may only enrol a second factor.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub enrol: bool,
}

pub const ACCESS_AUDIENCE: &str = "cspr-hub";
pub const ACCESS_TOKEN_TYPE: &str = "access";
/// Access tokens live at most this long.
pub const ACCESS_TOKEN_SECONDS: u64 = 15 * 60;

/// The fewest characters a password people choose may have (set, change, reset).
pub const MIN_PASSWORD_CHARS: usize = 12;

/// The length rule of a new password, for `field`: the browser checks it before sending;
/// the server checks it again with the list of common passwords.
pub fn password_length_problem(field: &str, password: &str) -> Option<crate::FieldError> {
    if password.is_empty() {
        return Some(crate::FieldError::new(field, "required", "Enter a new password"));
    }
    (password.chars().count() < MIN_PASSWORD_CHARS).then(|| {
        crate::FieldError::new(
            field,
            "too_short",
            format!("The password must be at least {MIN_PASSWORD_CHARS} characters"),
        )
    })
}

/// The boxes of a new password (the browser's form): the current one when changing it, and
/// the new one typed twice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewPassword {
    pub current_password: String,
    pub new_password: String,
    pub confirm_password: String,
}

/// The browser's checks of a new password: its length (the server also refuses common
/// passwords) and the same password twice.
pub fn new_password_problems(form: &NewPassword) -> Vec<crate::FieldError> {
    let mut out: Vec<_> = password_length_problem("new_password", &form.new_password).into_iter().collect();
    if out.is_empty() && form.confirm_password != form.new_password {
        out.push(crate::FieldError::new("confirm_password", "mismatch", "Enter the same password twice"));
    }
    out
}

/// The token of a reset link's fragment (`token=…`).
pub fn reset_token_of(fragment: &str) -> Option<String> {
    fragment.split('&').find_map(|part| part.strip_prefix("token=")).filter(|t| !t.is_empty()).map(str::to_string)
}

/// Change the signed-in person's password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    /// At least 12 characters, and not a common password.
    pub new_password: String,
}

/// Ask for a password-reset link by e-mail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    /// The partnership's slug, e.g. `northvale`.
    pub tenant: String,
    pub email: String,
}

/// Set a new password with the token of a reset link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetComplete {
    /// The `token` of the link's fragment (`/reset-password#token=…`).
    pub token: String,
    /// At least 12 characters, and not a common password.
    pub new_password: String,
}

#[cfg(test)]
mod tests {
    #[test]
    fn new_passwords_have_at_least_twelve_characters() {
        assert_eq!(super::password_length_problem("p", "").unwrap().code, "required");
        assert_eq!(super::password_length_problem("p", "elevenchars").unwrap().code, "too_short");
        assert!(super::password_length_problem("p", "twelve chars").is_none());
        // characters, not bytes
        assert_eq!(super::password_length_problem("p", "ééééééééééé").unwrap().code, "too_short");
    }

    #[test]
    fn a_new_password_is_long_enough_and_typed_twice() {
        use super::{new_password_problems, NewPassword};
        let mut f = NewPassword { new_password: "short".into(), ..NewPassword::default() };
        assert_eq!(new_password_problems(&f)[0].code, "too_short");
        f.new_password = "tulip engine harbour".into();
        assert_eq!(new_password_problems(&f)[0].field, "confirm_password");
        f.confirm_password = f.new_password.clone();
        assert!(new_password_problems(&f).is_empty());
    }

    #[test]
    fn the_reset_token_comes_from_the_fragment() {
        use super::reset_token_of;
        assert_eq!(reset_token_of("token=abc-_1").as_deref(), Some("abc-_1"));
        assert_eq!(reset_token_of("x=1&token=abc").as_deref(), Some("abc"));
        assert_eq!(reset_token_of("token="), None);
        assert_eq!(reset_token_of("other"), None);
    }
}
