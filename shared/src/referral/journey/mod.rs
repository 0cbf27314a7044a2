//! The referral as the browser app walks people through it: the sections of the task list
//! and their status, the day/month/year date boxes, and what needs a person's attention on
//! their home page. Pure functions over the [`crate::referral`] types; the rules themselves
//! (what must be filled in, who may do what) stay in `referral`.
mod attention;
mod dates;
mod sections;

pub use attention::*;
pub use dates::*;
pub use sections::*;
