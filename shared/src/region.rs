//! The UK nations whose bank holidays a partnership follows.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    EnglandAndWales,
    Scotland,
    NorthernIreland,
}

impl Region {
    pub const ALL: [Region; 3] = [Region::EnglandAndWales, Region::Scotland, Region::NorthernIreland];

    /// The division name used by the GOV.UK bank-holidays list.
    pub fn as_str(self) -> &'static str {
        match self {
            Region::EnglandAndWales => "england-and-wales",
            Region::Scotland => "scotland",
            Region::NorthernIreland => "northern-ireland",
        }
    }

    pub fn parse(s: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.as_str() == s)
    }
}
