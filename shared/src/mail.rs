//! The outbox: every message the system sends, with its state, as the business office sees it.
use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    /// Where a message stands.
    pub enum OutboxState ["snake_case"] {
        /// Waiting to be sent (first try, or a retry after a failure).
        Queued,
        /// Being handed to the mail server.
        Sending,
        /// Accepted by the mail server.
        Sent,
        /// Given up: refused for good, or too many failed tries.
        Failed,
    }
}

crate::wire::wire_enum! {
    /// What a message is for.
    pub enum MailKind ["snake_case"] {
        /// A one-time link to set a new password.
        PasswordReset,
        /// An invitation to a partnership: a one-time link to set a new account's password,
        /// or (the same kind and subject, so the office cannot tell) a notice to a person
        /// who has an account already.
        Invitation,
        /// The notice to the National Panel, Ofsted and the DfE that a local CSPR is
        /// commissioned, naming its lead reviewer.
        CommissioningNotice,
        /// An action's owner: it falls due within 5 working days.
        ActionReminder,
        /// An action's owner: it is overdue (again each week while it is).
        ActionOverdue,
        /// The partnership's members: a learning briefing is published.
        BriefingPublished,
    }
}

impl OutboxState {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            OutboxState::Queued => "Queued",
            OutboxState::Sending => "Sending",
            OutboxState::Sent => "Sent",
            OutboxState::Failed => "Failed",
        }
    }
}

impl MailKind {
    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            MailKind::PasswordReset => "Password reset",
            MailKind::Invitation => "Invitation",
            MailKind::CommissioningNotice => "Commissioning notice",
            MailKind::ActionReminder => "Action due soon",
            MailKind::ActionOverdue => "Action overdue",
            MailKind::BriefingPublished => "Briefing published",
        }
    }
}

/// One message of the outbox, without its body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutboxEntry {
    pub id: uuid::Uuid,
    pub recipient: String,
    pub subject: String,
    pub kind: MailKind,
    pub state: OutboxState,
    /// Tries made so far.
    pub attempts: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When the next try is due (queued messages).
    pub next_attempt_at: Option<chrono::DateTime<chrono::Utc>>,
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The class of the last failure (`connection`, `timeout`, `transient`, `permanent`,
    /// `address`, …): never the message or the server's words.
    pub last_error: Option<String>,
}

/// Most messages one listing answers.
pub const MAX_OUTBOX_LIMIT: i64 = 200;
