//! Mail: every message goes through the outbox ([`crate::store::outbox`]), queued in the
//! same transaction as what it is about; [`sender`] sends due messages over SMTP, retrying
//! with back-off. Bodies hold no child's or family's name, nor the person's: a link into
//! the app ([`messages`]).
pub mod messages;
pub mod sender;
