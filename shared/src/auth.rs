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
}

pub const ACCESS_AUDIENCE: &str = "cspr-hub";
pub const ACCESS_TOKEN_TYPE: &str = "access";
/// Access tokens live at most this long.
pub const ACCESS_TOKEN_SECONDS: u64 = 15 * 60;
