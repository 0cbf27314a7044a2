//! Small building blocks shared by the pages.
pub mod error_summary;

pub use error_summary::ErrorSummary;
