//! Learning that changes practice (issue 15): the partnership's themes, actions followed to
//! the evidence of their impact, 6-step briefings, the timeliness statistics and quarterly
//! report, and each person's calendar feed.
pub mod actions;
pub mod briefings;
pub mod feed;
pub mod statistics;
pub mod themes;
