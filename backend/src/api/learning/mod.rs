//! Learning that changes practice (issue 15). So far: the partnership's themes, tagged on
//! cases and seen across cases over time.
pub mod themes;
