//! The server's error type, answered as [`shared::ApiErrorBody`].
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use shared::{ApiErrorBody, ErrorCode, FieldError};

#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: ErrorCode,
    pub message: String,
    pub fields: Vec<FieldError>,
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError { status, code, message: message.into(), fields: Vec::new(), retry_after: None }
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthenticated,
            "Sign in to continue: the access token is missing, invalid or expired",
        )
    }

    pub fn invalid_credentials() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::InvalidCredentials,
            "The partnership, e-mail address or password is not right",
        )
    }

    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, ErrorCode::Forbidden, "Your roles in this partnership do not allow this")
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, "There is nothing here")
    }

    pub fn malformed(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ErrorCode::MalformedRequest, message)
    }

    pub fn validation(fields: Vec<FieldError>) -> Self {
        let n = fields.len();
        let mut e = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ValidationFailed,
            if n == 1 { "1 box needs attention".to_string() } else { format!("{n} boxes need attention") },
        );
        e.fields = fields;
        e
    }

    pub fn invalid_stage(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, ErrorCode::InvalidStage, message)
    }

    /// `Ok` when the checks found nothing, else 422 with the boxes that need attention.
    pub fn unless_invalid(errors: Vec<FieldError>) -> ApiResult<()> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(errors))
        }
    }

    /// 409 `edit_conflict`: the write was based on a version that another write replaced.
    pub fn edit_conflict() -> Self {
        Self::new(
            StatusCode::CONFLICT,
            ErrorCode::EditConflict,
            "Someone else saved a change first, so yours was not saved: copy what you need, reload to see theirs, then make your change again",
        )
    }

    pub fn rate_limited(retry_after: u64) -> Self {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::RateLimited,
            "Too many sign-in attempts: wait and try again",
        );
        e.retry_after = Some(retry_after.max(1));
        e
    }

    pub fn second_factor_required() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::SecondFactorRequired,
            "Enter the code from your authenticator app, or a recovery code",
        )
    }

    pub fn invalid_second_factor() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::InvalidSecondFactor,
            "The code is not right, or has been used: enter the code your app shows now",
        )
    }

    pub fn enrol_first() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            ErrorCode::SecondFactorEnrolmentRequired,
            "Set up your second factor first: your partnership requires one",
        )
    }

    /// Too many password checks at once.
    pub fn busy() -> Self {
        let mut e =
            Self::new(StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Busy, "The server is busy: try again in a moment");
        e.retry_after = Some(1);
        e
    }

    /// A new password that is too short or too common: 422 `weak_password`, with the box.
    pub fn weak_password(field: FieldError) -> Self {
        let mut e = Self::new(StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::WeakPassword, field.message.clone());
        e.fields = vec![field];
        e
    }

    /// The current password given is wrong: 422 `wrong_password` (not 401: the access token
    /// is fine), with the box.
    pub fn wrong_password(field: &str) -> Self {
        let message = "Your current password is not right";
        let mut e = Self::new(StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::WrongPassword, message);
        e.fields = vec![FieldError::new(field, "wrong", message)];
        e
    }

    /// A password-reset link that is unknown, used already or expired: 422 `invalid_reset_link`.
    pub fn invalid_reset_link() -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::InvalidResetLink,
            "This link to reset your password has expired or has been used: ask for a new one",
        )
    }

    pub fn internal() -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal, "Something went wrong on the server")
    }

    /// 503 `unavailable` with `Retry-After`: the database cannot be reached, or the
    /// connection was lost (it is replaced: the next request gets another).
    pub fn unavailable() -> Self {
        let mut e =
            Self::new(StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable, "The database cannot be reached");
        e.retry_after = Some(2);
        e
    }

    pub fn body(&self) -> ApiErrorBody {
        ApiErrorBody { code: self.code, message: self.message.clone(), fields: self.fields.clone(), request_id: None }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.code.as_str())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut res = HttpResponse::build(self.status);
        if let Some(secs) = self.retry_after {
            res.insert_header((header::RETRY_AFTER, secs.to_string()));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        res.json(self.body())
    }
}

/// Whether a database error means the database went away (a restart, a lost connection),
/// not that the request was wrong: answered 503 with `Retry-After`, never 500.
pub fn is_outage(kind: &diesel::result::DatabaseErrorKind, message: &str) -> bool {
    use diesel::result::DatabaseErrorKind as K;
    if matches!(kind, K::ClosedConnection | K::UnableToSendCommand) {
        return true;
    }
    let m = message.to_ascii_lowercase();
    // PostgreSQL's words for admin_shutdown (57P01), crash_shutdown (57P02),
    // cannot_connect_now (57P03) and a connection gone under libpq
    [
        "terminating connection",
        "server closed the connection",
        "the database system is starting up",
        "the database system is shutting down",
        "the database system is in recovery mode",
        "no connection to the server",
        "could not receive data from server",
        "could not send data to server",
        "connection to server",
    ]
    .iter()
    .any(|w| m.contains(w))
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => ApiError::not_found(),
            diesel::result::Error::DatabaseError(kind, info) if is_outage(&kind, info.message()) => {
                crate::db::note_outage();
                tracing::warn!(kind = ?kind, "the database connection was lost");
                ApiError::unavailable()
            }
            diesel::result::Error::BrokenTransactionManager => {
                crate::db::note_outage();
                tracing::warn!("a database transaction was left broken (the connection was lost)");
                ApiError::unavailable()
            }
            diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _) => {
                ApiError::new(StatusCode::CONFLICT, ErrorCode::Conflict, "That already exists")
            }
            diesel::result::Error::DatabaseError(kind, info) => {
                // The message may quote values: log the kind, and the constraint or table.
                tracing::error!(kind = ?kind, table = info.table_name(), constraint = info.constraint_name(), "database error");
                ApiError::internal()
            }
            other => {
                tracing::error!(error = %other, "database error");
                ApiError::internal()
            }
        }
    }
}

/// A step of a case refused by `shared::case`.
impl From<shared::case::Refusal> for ApiError {
    fn from(r: shared::case::Refusal) -> Self {
        use shared::case::{CaseMoveError, Refusal};
        match r {
            Refusal::Move(CaseMoveError::NotPermitted { .. }) | Refusal::Forbidden => ApiError::forbidden(),
            Refusal::Move(m) => ApiError::invalid_stage(m.to_string()),
            Refusal::Invalid(fields) => ApiError::validation(fields),
            Refusal::Conflict(why) => ApiError::invalid_stage(why),
        }
    }
}

/// A move of a referral refused by `shared::referral`.
impl From<shared::cspr::CsprMoveError> for ApiError {
    fn from(e: shared::cspr::CsprMoveError) -> Self {
        use shared::cspr::CsprMoveError as E;
        match e {
            E::NotPermitted | E::NotLead => ApiError::forbidden(),
            E::NotOpen | E::Needs(_) | E::Already(_) => ApiError::invalid_stage(e.to_string()),
        }
    }
}

/// A step of the overview report refused by `shared::overview`.
impl From<shared::overview::OverviewMoveError> for ApiError {
    fn from(e: shared::overview::OverviewMoveError) -> Self {
        use shared::overview::OverviewMoveError as E;
        match e {
            E::NotPermitted | E::NotLead => ApiError::forbidden(),
            E::Needs(_) | E::Already(_) => ApiError::invalid_stage(e.to_string()),
        }
    }
}

/// A sign-off refused by `shared::overview`.
impl From<shared::overview::SignOffRefusal> for ApiError {
    fn from(e: shared::overview::SignOffRefusal) -> Self {
        use shared::overview::SignOffRefusal as R;
        match e {
            R::Stale => ApiError::new(StatusCode::CONFLICT, ErrorCode::EditConflict, e.to_string()),
            R::NotTheirAgency => ApiError::forbidden(),
            R::IdentifiersRemain(_) => ApiError::new(StatusCode::CONFLICT, ErrorCode::IdentifiersRemain, e.to_string()),
            R::NotReady(_) | R::Already => ApiError::invalid_stage(e.to_string()),
        }
    }
}

impl From<shared::referral::ReferralRefusal> for ApiError {
    fn from(r: shared::referral::ReferralRefusal) -> Self {
        use shared::referral::{ReferralRefusal, StageError};
        match r {
            ReferralRefusal::Move(StageError::NotPermitted { .. }) => ApiError::forbidden(),
            ReferralRefusal::Move(m) => ApiError::invalid_stage(m.to_string()),
            ReferralRefusal::Invalid(fields) => ApiError::validation(fields),
        }
    }
}

impl From<diesel::r2d2::PoolError> for ApiError {
    fn from(e: diesel::r2d2::PoolError) -> Self {
        crate::db::note_outage();
        tracing::warn!(error = %e, "no database connection");
        ApiError::unavailable()
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(_: actix_web::error::BlockingError) -> Self {
        ApiError::internal()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::result::{DatabaseErrorKind as K, Error as E};

    fn db(kind: K, message: &str) -> ApiError {
        ApiError::from(E::DatabaseError(kind, Box::new(message.to_string())))
    }

    #[test]
    fn a_lost_database_is_503_with_retry_after_and_a_wrong_request_is_not() {
        for e in [
            db(K::ClosedConnection, "x"),
            db(K::UnableToSendCommand, "x"),
            db(K::Unknown, "FATAL: terminating connection due to administrator command"),
            db(K::Unknown, "server closed the connection unexpectedly"),
            db(K::Unknown, "FATAL:  the database system is starting up"),
            E::BrokenTransactionManager.into(),
        ] {
            assert_eq!(
                (e.status, e.code, e.retry_after),
                (StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable, Some(2))
            );
            let res = e.error_response();
            assert_eq!(res.headers().get(header::RETRY_AFTER).and_then(|v| v.to_str().ok()), Some("2"));
        }
        assert_eq!(db(K::UniqueViolation, "duplicate key").status, StatusCode::CONFLICT);
        assert_eq!(db(K::Unknown, "syntax error at or near").status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(ApiError::from(E::NotFound).status, StatusCode::NOT_FOUND);
    }
}
