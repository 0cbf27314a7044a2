//! The partnership's framework settings: the national addresses (no row: the defaults).
use crate::db::DbConn;
use crate::models::{now, FrameworkAddressesRow};
use crate::schema::framework_addresses as fa;
use diesel::prelude::*;
use shared::settings::FrameworkAddresses;

/// The partnership's addresses, or the framework's when it set none.
pub fn addresses(conn: &mut DbConn, tenant_id: &str) -> QueryResult<FrameworkAddresses> {
    let row: Option<FrameworkAddressesRow> = fa::table.find(tenant_id).first(conn).optional()?;
    Ok(row.map_or_else(FrameworkAddresses::default, |r| FrameworkAddresses {
        national_panel: r.national_panel,
        ofsted: r.ofsted,
        dfe: r.dfe,
    }))
}

/// Stores the partnership's addresses (inside the caller's write transaction).
pub fn set_addresses(conn: &mut DbConn, tenant_id: &str, a: &FrameworkAddresses) -> QueryResult<()> {
    let n = diesel::update(fa::table.find(tenant_id))
        .set((
            fa::national_panel.eq(&a.national_panel),
            fa::ofsted.eq(&a.ofsted),
            fa::dfe.eq(&a.dfe),
            fa::updated_at.eq(now()),
        ))
        .execute(conn)?;
    if n == 0 {
        let row = FrameworkAddressesRow {
            tenant_id: tenant_id.into(),
            national_panel: a.national_panel.clone(),
            ofsted: a.ofsted.clone(),
            dfe: a.dfe.clone(),
            updated_at: now(),
        };
        diesel::insert_into(fa::table).values(&row).execute(conn)?;
    }
    Ok(())
}
