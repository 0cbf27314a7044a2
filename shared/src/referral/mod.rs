//! The referral for consideration of a review (the seed's Appendix 1).
mod form;
mod outcome;
mod stage;
pub(crate) mod validation;
mod view;

pub use form::*;
pub use outcome::*;
pub use stage::*;
pub use validation::*;
pub use view::*;
