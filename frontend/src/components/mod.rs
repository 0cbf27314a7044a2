//! Small building blocks shared by the pages, after the GOV.UK Frontend components.
pub mod back_link;
pub mod checkbox;
pub mod child_fields;
pub mod date_input;
pub mod error_summary;
pub mod field_errors;
pub mod header;
pub mod loading;
pub mod radios;
pub mod summary_list;
pub mod tag;
pub mod text_input;
pub mod textarea;

pub use back_link::BackLink;
pub use checkbox::Checkbox;
pub use child_fields::ChildFields;
pub use date_input::{DateInput, DateProblems};
pub use error_summary::ErrorSummary;
pub use field_errors::FieldErrors;
pub use header::Header;
pub use loading::{share, unshare, Load, Loading, Shared};
pub use radios::Radios;
pub use summary_list::{SummaryList, SummaryRow};
pub use tag::{CaseStageTag, ClockTag, StageTag};
pub use text_input::TextInput;
pub use textarea::Textarea;
