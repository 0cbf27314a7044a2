//! CSPR Hub domain: the types both the server and the browser app use, the
//! validation rules for the forms, and the stage machines. No I/O here.

pub mod agency;
pub mod api_error;
pub mod auth;
pub mod calendar;
pub mod case;
pub mod cspr;
mod form_check;
pub mod learning;
pub mod mail;
pub mod overview;
pub mod page;
pub mod people;
pub mod referral;
pub mod region;
pub mod retention;
pub mod role;
pub mod settings;
pub mod text;
mod wire;

pub use api_error::{ApiErrorBody, ErrorCode, FieldError};
pub use role::Role;
