//! Tenants, agencies, users and memberships.
use crate::columns::Id;
use crate::db::DbConn;
use crate::models::*;
use crate::schema::{agencies, memberships, tenants, users};
use diesel::prelude::*;
use shared::agency::{AgencyKind, AgencyView};
use shared::auth::TenantInfo;
use shared::region::Region;
use shared::Role;

pub fn tenant_by_slug(conn: &mut DbConn, slug: &str) -> QueryResult<Option<TenantRow>> {
    tenants::table.filter(tenants::slug.eq(slug)).first(conn).optional()
}

pub fn tenant_by_id(conn: &mut DbConn, id: &str) -> QueryResult<TenantRow> {
    tenants::table.find(id).first(conn)
}

pub fn tenant_count(conn: &mut DbConn) -> QueryResult<i64> {
    tenants::table.count().get_result(conn)
}

pub fn create_tenant(conn: &mut DbConn, slug: &str, name: &str, region: Region) -> QueryResult<TenantRow> {
    let row = TenantRow { id: new_id(), slug: slug.into(), name: name.into(), region, created_at: now() };
    diesel::insert_into(tenants::table).values(&row).execute(conn)?;
    Ok(row)
}

pub fn tenant_info(row: &TenantRow) -> TenantInfo {
    TenantInfo { slug: row.slug.clone(), name: row.name.clone(), region: row.region }
}

pub fn create_agency(
    conn: &mut DbConn,
    tenant_id: &str,
    name: &str,
    kind: AgencyKind,
    strategic_lead: bool,
) -> QueryResult<AgencyRow> {
    let row = AgencyRow {
        tenant_id: tenant_id.into(),
        id: Id::new(),
        name: name.into(),
        kind,
        strategic_lead,
        created_at: now(),
    };
    diesel::insert_into(agencies::table).values(&row).execute(conn)?;
    Ok(row)
}

pub fn agencies_of(conn: &mut DbConn, tenant_id: &str) -> QueryResult<Vec<AgencyRow>> {
    agencies::table.filter(agencies::tenant_id.eq(tenant_id)).order(agencies::name).load(conn)
}

pub fn agency_by_name(conn: &mut DbConn, tenant_id: &str, name: &str) -> QueryResult<Option<AgencyRow>> {
    agencies::table.filter(agencies::tenant_id.eq(tenant_id)).filter(agencies::name.eq(name)).first(conn).optional()
}

pub fn agency_view(row: &AgencyRow) -> AgencyView {
    AgencyView { id: row.id.uuid(), name: row.name.clone(), kind: row.kind, strategic_lead: row.strategic_lead }
}

pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn user_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<UserRow>> {
    users::table.filter(users::email.eq(normalise_email(email))).first(conn).optional()
}

pub fn user_by_id(conn: &mut DbConn, id: &str) -> QueryResult<UserRow> {
    users::table.find(id).first(conn)
}

pub fn create_user(conn: &mut DbConn, email: &str, name: &str, password_hash: &str) -> QueryResult<UserRow> {
    let row = UserRow {
        id: Id::new(),
        email: normalise_email(email),
        name: name.into(),
        password_hash: password_hash.into(),
        disabled: false,
        created_at: now(),
    };
    diesel::insert_into(users::table).values(&row).execute(conn)?;
    Ok(row)
}

pub fn membership(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<Option<MembershipRow>> {
    memberships::table.find((tenant_id, user_id)).first(conn).optional()
}

/// The roles of a membership; unknown words in the database are dropped.
pub fn roles_of(m: &MembershipRow) -> Vec<Role> {
    m.roles.split(',').filter_map(|w| Role::parse(w.trim())).collect()
}

/// Grants roles (added to any held) and optionally sets the agency.
pub fn grant(
    conn: &mut DbConn,
    tenant_id: &str,
    user_id: &str,
    agency_id: Option<Id>,
    roles: &[Role],
) -> QueryResult<MembershipRow> {
    crate::db::write_transaction(conn, |conn| match membership(conn, tenant_id, user_id)? {
        Some(existing) => {
            let mut all = roles_of(&existing);
            all.extend_from_slice(roles);
            all.sort();
            all.dedup();
            let agency = agency_id.or(existing.agency_id);
            diesel::update(memberships::table.find((tenant_id, user_id)))
                .set((memberships::roles.eq(Role::join(&all)), memberships::agency_id.eq(&agency)))
                .execute(conn)?;
            Ok(MembershipRow { roles: Role::join(&all), agency_id: agency, ..existing })
        }
        None => {
            let row = MembershipRow {
                tenant_id: tenant_id.into(),
                user_id: user_id.into(),
                agency_id,
                roles: Role::join(roles),
                created_at: now(),
            };
            diesel::insert_into(memberships::table).values(&row).execute(conn)?;
            Ok(row)
        }
    })
}

/// Every tenant the user belongs to.
pub fn tenants_of_user(conn: &mut DbConn, user_id: &str) -> QueryResult<Vec<TenantRow>> {
    memberships::table
        .inner_join(tenants::table)
        .filter(memberships::user_id.eq(user_id))
        .order(tenants::name)
        .select((tenants::id, tenants::slug, tenants::name, tenants::region, tenants::created_at))
        .load(conn)
}

pub fn agency_by_id(conn: &mut DbConn, tenant_id: &str, id: &str) -> QueryResult<Option<AgencyRow>> {
    agencies::table.find((tenant_id, id)).first(conn).optional()
}

/// Replaces the person's password hash.
pub fn set_password_hash(conn: &mut DbConn, user_id: &str, password_hash: &str) -> QueryResult<()> {
    diesel::update(users::table.find(user_id)).set(users::password_hash.eq(password_hash)).execute(conn)?;
    Ok(())
}
