//! The referral for consideration of a review (the seed's Appendix 1): its form, the
//! office's recommendation and the strategic partners' decision ([`form`], [`outcome`]), the
//! checks ([`validation`]), the moves ([`stage`]) and what each does ([`transition`]), who
//! sees what ([`scope`]), and the task list the browser walks people through ([`journey`]).
pub mod clock;
mod form;
pub mod journey;
mod outcome;
mod scope;
mod stage;
mod transition;
pub(crate) mod validation;
mod view;

pub use form::*;
pub use outcome::*;
pub use scope::*;
pub use stage::*;
pub use transition::*;
pub use validation::*;
pub use view::*;
