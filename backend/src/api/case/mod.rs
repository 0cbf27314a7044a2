//! The case stage over HTTP: a Serious Incident Notification opens a case
//! ([`notification`]); the office asks agencies and reminds them ([`requests`]), records the
//! meeting ([`meeting`]) and what went to the National Panel; a strategic lead decides
//! ([`decision`]); each agency's authors answer ([`information`]); everyone reads what their
//! scope allows ([`read`], [`dashboard`]).
//!
//! Every handler has the same shape: extract the request, check what can be checked
//! without the case, read the case (in the caller's partnership; an agency's request through
//! the caller's `CaseScope`) and what the step needs, ask `shared::case` for the transition,
//! apply its effects, record the audit event, answer.
//! The rules (dates, roles, which clocks start) are all in `shared::case`.
pub mod dashboard;
pub mod decision;
pub mod information;
pub mod meeting;
pub mod notification;
pub mod read;
pub mod requests;
pub mod review;
mod step;
pub mod views;
