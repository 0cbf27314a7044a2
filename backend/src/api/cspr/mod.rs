//! The local CSPR over HTTP, from commissioning to the practitioner event: the office
//! commissions the review and sets the review group ([`commission`]); the lead reviewer
//! writes the terms of reference, the scrutineer and members observe, the group agrees them
//! ([`terms`]); the office briefs and assigns each agency's author ([`authors`]); each agency
//! writes, signs off and submits its chronology and key event analysis ([`report`]), merged
//! into one chronology ([`chronology`]); the practitioner event and the family's part
//! ([`event`]); the parallel processes ([`parallel`]); everyone reads what their scope
//! allows ([`read`]).
//!
//! Every handler has the same shape: extract, check what can be checked without the case,
//! read the case and its review in the caller's partnership and scope ([`context`]), ask
//! `shared::cspr` whether the step may be taken and whether its boxes hold, apply it, write
//! it back only if nothing changed meanwhile, audit, answer.
pub mod authors;
pub mod chronology;
pub mod commission;
pub(crate) mod context;
pub mod event;
pub mod parallel;
pub mod read;
pub mod report;
pub mod terms;
mod views;

pub use views::timeline_steps;
