//! The UK nations whose bank holidays a partnership follows.
crate::wire::wire_enum! {
    /// A region; its wire name is the division name of the GOV.UK bank-holidays list.
    #[derive(PartialOrd, Ord)]
    pub enum Region ["kebab-case"] {
        EnglandAndWales,
        Scotland,
        NorthernIreland,
    }
}
