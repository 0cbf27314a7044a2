//! The business office's pages about its partnership's people: the people themselves (take a
//! role or a membership away, disable an account) and the audit trail. A lazily loaded chunk
//! of its own in the app's build.
pub mod audit;
pub mod list;

pub use audit::AuditPage;
pub use list::PeoplePage;
