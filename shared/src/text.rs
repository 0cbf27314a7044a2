//! Small helpers for free-text boxes.

/// The longest free-text box we accept, in characters.
pub const MAX_TEXT: usize = 20_000;
/// The longest short box (names, designations), in characters.
pub const MAX_SHORT: usize = 500;
/// The most rows in any table of a form.
pub const MAX_ROWS: usize = 200;

/// True when the box holds nothing but white space.
pub fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}
