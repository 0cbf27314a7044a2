//! Paginated lists.
use serde::{Deserialize, Serialize};

pub const DEFAULT_PER_PAGE: u32 = 20;
pub const MAX_PER_PAGE: u32 = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 1-based page number.
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

/// Clamps client-supplied paging to sane bounds; `None` when out of range.
pub fn checked_paging(page: Option<u32>, per_page: Option<u32>) -> Option<(u32, u32)> {
    let page = page.unwrap_or(1);
    let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE);
    if page == 0 || page > 1_000_000 || per_page == 0 || per_page > MAX_PER_PAGE {
        return None;
    }
    Some((page, per_page))
}

#[cfg(test)]
mod tests {
    #[test]
    fn paging_bounds() {
        assert_eq!(super::checked_paging(None, None), Some((1, 20)));
        assert_eq!(super::checked_paging(Some(0), None), None);
        assert_eq!(super::checked_paging(Some(2), Some(101)), None);
        assert_eq!(super::checked_paging(Some(2), Some(100)), Some((2, 100)));
    }
}
