//! The one error shape on the wire.
use serde::{Deserialize, Serialize};

/// A problem with one field of a request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// Path of the field, e.g. `child.name` or `family_members[0].address`.
    pub field: String,
    /// Stable machine code: `required`, `invalid`, `too_long`, `too_many`, `in_future`.
    pub code: String,
    /// A sentence for people.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &str, message: impl Into<String>) -> Self {
        FieldError { field: field.into(), code: code.to_string(), message: message.into() }
    }
}

/// Every error answer: a stable code, a message for people, and for validation the fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// The request id, to quote when reporting a problem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

crate::wire::wire_enum! {
    /// Stable machine codes of [`ApiErrorBody`].
    pub enum ErrorCode ["snake_case"] {
        /// The body is not valid JSON or has the wrong shape.
        MalformedRequest,
        /// The body is larger than the server accepts.
        PayloadTooLarge,
        /// The body is not `application/json`.
        UnsupportedMediaType,
        /// No valid access token.
        Unauthenticated,
        /// Wrong partnership, e-mail or password.
        InvalidCredentials,
        /// The refresh token is unknown, expired or revoked.
        InvalidRefreshToken,
        /// The token is valid but the roles do not allow this.
        Forbidden,
        /// Nothing here, or nothing the caller may know of.
        NotFound,
        /// The method is not allowed on this path.
        MethodNotAllowed,
        /// Mandatory boxes empty or values invalid; see `fields`.
        ValidationFailed,
        /// The action is not possible in the current stage.
        InvalidStage,
        /// The thing already exists.
        Conflict,
        /// Too many attempts; see `Retry-After`.
        RateLimited,
        /// Something broke on the server; the request id helps find it.
        Internal,
        /// The database cannot be reached.
        Unavailable,
        /// The server is busy (too many password checks at once); see `Retry-After`.
        Busy,
        /// The new password is too short or too common; see `fields`.
        WeakPassword,
        /// The current password given is not the person's password.
        WrongPassword,
        /// The password-reset link is unknown, used already or expired.
        InvalidResetLink,
        /// The password is right and the person has a second factor: send `code` too.
        SecondFactorRequired,
        /// The second factor's code is wrong, used already or out of date.
        InvalidSecondFactor,
        /// This session may only set up a second factor (the partnership requires one).
        SecondFactorEnrolmentRequired,
        /// The invitation link is unknown, used already or expired.
        InvalidInvitation,
        /// Someone else saved a change first: the write was based on an older version.
        EditConflict,
        /// The overview report still holds identifiers of the child or family (fix or waive
        /// each before sign-off).
        IdentifiersRemain,
        /// A parallel process holds publication: no publication date while it is active.
        PublicationHeld,
    }
}
