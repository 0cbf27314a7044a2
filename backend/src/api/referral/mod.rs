//! The referral stage over HTTP (Appendix 1): drafts ([`draft`]), reading through the
//! caller's scope ([`read`]), and the moves: submission, the office's return and
//! recommendation, the strategic partners' decision ([`moves`]). Answers are written
//! straight from the row ([`wire`]). The rules are `shared::referral`'s.
pub mod draft;
pub mod moves;
pub mod read;
mod wire;
