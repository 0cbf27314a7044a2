//! The overview report over HTTP: the lead reviewer saves versions ([`draft`]); the
//! scrutineer and the review group comment on words of the text, the lead reviewer answers
//! ([`comments`]); the anonymisation check and its waivers ([`anonymisation`]); the sign-off
//! chain bound to one version ([`signoff`]); the submission to the National Panel, its
//! response and the publication plan ([`publication`]); the Word export ([`export`]);
//! reading it, its versions and their difference, and the scrutineer's drafts across
//! partnerships ([`read`]); the partnership's own headings ([`headings`]).
//!
//! Every handler has the same shape: extract, check what can be checked without the case,
//! read the report in the caller's partnership and scope ([`context`]), ask
//! `shared::overview` whether the step may be taken and whether its boxes hold, apply it,
//! write it back only if nothing changed meanwhile, audit, answer.
pub mod anonymisation;
pub mod comments;
pub(crate) mod context;
pub mod draft;
pub mod export;
pub mod headings;
pub mod publication;
pub mod read;
pub mod signoff;
mod views;

pub use views::timeline_steps;
