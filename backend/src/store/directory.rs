//! Tenants, agencies, users and memberships.
use crate::columns::Id;
use crate::db::DbConn;
use crate::models::*;
use crate::schema::{agencies, memberships, tenants, users};
use diesel::prelude::*;
use shared::agency::{AgencyKind, AgencyView};
use shared::auth::{SecondFactorRule, TenantInfo};
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
    let row = TenantRow {
        id: new_id(),
        slug: slug.into(),
        name: name.into(),
        region,
        created_at: now(),
        second_factor: SecondFactorRule::Required,
    };
    crate::db::write_transaction(conn, |conn| {
        diesel::insert_into(tenants::table).values(&row).execute(conn)?;
        crate::store::audit::start_chain(conn, &row.id)
    })?;
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
        active: true,
    };
    diesel::insert_into(agencies::table).values(&row).execute(conn)?;
    Ok(row)
}

/// Changes an agency's name, kind, strategic-lead flag and whether it is active.
pub fn update_agency(
    conn: &mut DbConn,
    tenant_id: &str,
    id: &str,
    name: &str,
    kind: AgencyKind,
    strategic_lead: bool,
    active: bool,
) -> QueryResult<usize> {
    diesel::update(agencies::table.find((tenant_id, id)))
        .set((
            agencies::name.eq(name),
            agencies::kind.eq(kind),
            agencies::strategic_lead.eq(strategic_lead),
            agencies::active.eq(active),
        ))
        .execute(conn)
}

/// Records a sign-in to the partnership (shown to its business office).
pub fn record_sign_in(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<()> {
    diesel::update(memberships::table.find((tenant_id, user_id)))
        .set(memberships::last_sign_in_at.eq(Some(now())))
        .execute(conn)
        .map(drop)
}

/// Replaces the member's roles and agency; `None` when the person is not a member. Their
/// access tokens end when the roles change.
pub fn set_roles_and_agency(
    conn: &mut DbConn,
    tenant_id: &str,
    user_id: &str,
    agency_id: Option<Id>,
    roles: &[Role],
) -> QueryResult<Option<()>> {
    crate::db::write_transaction(conn, |conn| {
        lock_membership(conn, tenant_id, user_id)?;
        let Some(existing) = membership(conn, tenant_id, user_id)? else { return Ok(None) };
        let mut roles = roles.to_vec();
        roles.sort();
        roles.dedup();
        diesel::update(memberships::table.find((tenant_id, user_id)))
            .set((memberships::roles.eq(Role::join(&roles)), memberships::agency_id.eq(&agency_id)))
            .execute(conn)?;
        if roles_of(&existing) != roles {
            bump_epoch(conn, user_id)?;
        }
        Ok(Some(()))
    })
}

pub fn agencies_of(conn: &mut DbConn, tenant_id: &str) -> QueryResult<Vec<AgencyRow>> {
    agencies::table.filter(agencies::tenant_id.eq(tenant_id)).order(agencies::name).load(conn)
}

pub fn agency_by_name(conn: &mut DbConn, tenant_id: &str, name: &str) -> QueryResult<Option<AgencyRow>> {
    agencies::table.filter(agencies::tenant_id.eq(tenant_id)).filter(agencies::name.eq(name)).first(conn).optional()
}

pub fn agency_view(row: &AgencyRow) -> AgencyView {
    AgencyView {
        id: row.id.uuid(),
        name: row.name.clone(),
        kind: row.kind,
        strategic_lead: row.strategic_lead,
        active: row.active,
    }
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
        session_epoch: 0,
        totp_secret: None,
        totp_pending: None,
        totp_last_step: None,
    };
    diesel::insert_into(users::table).values(&row).execute(conn)?;
    Ok(row)
}

/// The person's membership of the partnership, unless it was taken away.
pub fn membership(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<Option<MembershipRow>> {
    memberships::table.find((tenant_id, user_id)).filter(memberships::removed_at.is_null()).first(conn).optional()
}

/// Takes the membership's row lock (on PostgreSQL; SQLite's write transaction holds the whole
/// database) before it is read and written back, so two changes of one person's roles run
/// one after the other and neither is lost.
fn lock_membership(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<()> {
    diesel::update(memberships::table.find((tenant_id, user_id)))
        .set(memberships::roles.eq(memberships::roles))
        .execute(conn)
        .map(drop)
}

/// The membership row, also when it was taken away.
fn membership_row(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<Option<MembershipRow>> {
    memberships::table.find((tenant_id, user_id)).first(conn).optional()
}

/// Takes one role away; `None` when the person is not a member or did not hold it.
pub fn revoke_role(
    conn: &mut DbConn,
    tenant_id: &str,
    user_id: &str,
    role: Role,
) -> QueryResult<Option<MembershipRow>> {
    crate::db::write_transaction(conn, |conn| {
        lock_membership(conn, tenant_id, user_id)?;
        let Some(existing) = membership(conn, tenant_id, user_id)? else { return Ok(None) };
        let held = roles_of(&existing);
        if !held.contains(&role) {
            return Ok(None);
        }
        let rest: Vec<Role> = held.into_iter().filter(|r| *r != role).collect();
        diesel::update(memberships::table.find((tenant_id, user_id)))
            .set(memberships::roles.eq(Role::join(&rest)))
            .execute(conn)?;
        bump_epoch(conn, user_id)?;
        Ok(Some(MembershipRow { roles: Role::join(&rest), ..existing }))
    })
}

/// Takes the membership away (kept, so records still name the person); false when there was none.
pub fn remove_membership(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<bool> {
    crate::db::write_transaction(conn, |conn| {
        let n = diesel::update(memberships::table.find((tenant_id, user_id)).filter(memberships::removed_at.is_null()))
            .set(memberships::removed_at.eq(Some(now())))
            .execute(conn)?;
        if n == 1 {
            crate::store::refresh::end_sessions_in(conn, tenant_id, user_id)?;
            bump_epoch(conn, user_id)?;
        }
        Ok(n == 1)
    })
}

/// Disables or enables an account; disabling ends every session.
pub fn set_disabled(conn: &mut DbConn, user_id: &str, disabled: bool) -> QueryResult<()> {
    crate::db::write_transaction(conn, |conn| {
        diesel::update(users::table.find(user_id)).set(users::disabled.eq(disabled)).execute(conn)?;
        if disabled {
            // Also raises the epoch, so tokens from before stay dead if it is enabled again.
            crate::store::refresh::end_sessions(conn, user_id)?;
        }
        Ok(())
    })
}

/// Ends every access token issued to the person so far; returns the new epoch.
pub fn bump_epoch(conn: &mut DbConn, user_id: &str) -> QueryResult<i64> {
    diesel::update(users::table.find(user_id)).set(users::session_epoch.eq(users::session_epoch + 1)).execute(conn)?;
    users::table.find(user_id).select(users::session_epoch).first(conn)
}

/// The person's epoch, or `None` when the account is disabled or gone: what every request's
/// token is checked against.
pub fn live_epoch(conn: &mut DbConn, user_id: &str) -> QueryResult<Option<i64>> {
    let found: Option<(i64, bool)> =
        users::table.find(user_id).select((users::session_epoch, users::disabled)).first(conn).optional()?;
    Ok(found.and_then(|(epoch, disabled)| (!disabled).then_some(epoch)))
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
    crate::db::write_transaction(conn, |conn| {
        lock_membership(conn, tenant_id, user_id)?;
        let found = membership_row(conn, tenant_id, user_id)?;
        match found {
            Some(existing) => {
                // A membership taken away comes back with only the roles granted now.
                let mut all = if existing.removed_at.is_some() { Vec::new() } else { roles_of(&existing) };
                all.extend_from_slice(roles);
                all.sort();
                all.dedup();
                let agency = agency_id.or(existing.agency_id);
                diesel::update(memberships::table.find((tenant_id, user_id)))
                    .set((
                        memberships::roles.eq(Role::join(&all)),
                        memberships::agency_id.eq(&agency),
                        memberships::removed_at.eq(None::<chrono::NaiveDateTime>),
                    ))
                    .execute(conn)?;
                // A role change ends the tokens that carry the old roles.
                bump_epoch(conn, user_id)?;
                Ok(MembershipRow { roles: Role::join(&all), agency_id: agency, removed_at: None, ..existing })
            }
            None => {
                let row = MembershipRow {
                    tenant_id: tenant_id.into(),
                    user_id: user_id.into(),
                    agency_id,
                    roles: Role::join(roles),
                    created_at: now(),
                    removed_at: None,
                    last_sign_in_at: None,
                };
                diesel::insert_into(memberships::table).values(&row).execute(conn)?;
                Ok(row)
            }
        }
    })
}

/// Every tenant the user belongs to.
pub fn tenants_of_user(conn: &mut DbConn, user_id: &str) -> QueryResult<Vec<TenantRow>> {
    memberships::table
        .inner_join(tenants::table)
        .filter(memberships::user_id.eq(user_id))
        .filter(memberships::removed_at.is_null())
        .order(tenants::name)
        .select(tenants::all_columns)
        .load(conn)
}

pub fn agency_by_id(conn: &mut DbConn, tenant_id: &str, id: &str) -> QueryResult<Option<AgencyRow>> {
    agencies::table.find((tenant_id, id)).first(conn).optional()
}

/// A member: the account, the membership, the agency's name, and how many partnerships
/// the person belongs to.
pub type Member = (UserRow, MembershipRow, Option<String>, i64);

/// The partnership's members (not those taken away), by name.
pub fn people_of(conn: &mut DbConn, tenant_id: &str) -> QueryResult<Vec<Member>> {
    let rows: Vec<(UserRow, MembershipRow)> = memberships::table
        .inner_join(users::table)
        .filter(memberships::tenant_id.eq(tenant_id))
        .filter(memberships::removed_at.is_null())
        .order(users::name)
        .select((users::all_columns, memberships::all_columns))
        .load(conn)?;
    let agencies = agencies_of(conn, tenant_id)?;
    let mut out = Vec::with_capacity(rows.len());
    for (user, membership) in rows {
        let agency =
            membership.agency_id.as_ref().and_then(|a| agencies.iter().find(|r| &r.id == a)).map(|r| r.name.clone());
        let memberships: i64 = memberships::table
            .filter(memberships::user_id.eq(&user.id))
            .filter(memberships::removed_at.is_null())
            .count()
            .get_result(conn)?;
        out.push((user, membership, agency, memberships));
    }
    Ok(out)
}

/// Names of the partnership's people by id (for the audit trail).
pub fn names_of(conn: &mut DbConn, tenant_id: &str) -> QueryResult<Vec<(String, String)>> {
    memberships::table
        .inner_join(users::table)
        .filter(memberships::tenant_id.eq(tenant_id))
        .select((users::id, users::name))
        .load(conn)
}

/// Replaces the person's password hash.
pub fn set_password_hash(conn: &mut DbConn, user_id: &str, password_hash: &str) -> QueryResult<()> {
    diesel::update(users::table.find(user_id)).set(users::password_hash.eq(password_hash)).execute(conn)?;
    Ok(())
}

/// Sets who in the partnership must use a second factor.
pub fn set_second_factor_rule(conn: &mut DbConn, tenant_id: &str, rule: SecondFactorRule) -> QueryResult<()> {
    diesel::update(tenants::table.find(tenant_id)).set(tenants::second_factor.eq(rule)).execute(conn)?;
    Ok(())
}

/// Clears the person's second factor and recovery codes, and ends every session of theirs.
pub fn reset_second_factor(conn: &mut DbConn, user_id: &str) -> QueryResult<()> {
    use crate::schema::recovery_codes as rc;
    crate::db::write_transaction(conn, |conn| {
        diesel::update(users::table.find(user_id))
            .set((
                users::totp_secret.eq(None::<String>),
                users::totp_pending.eq(None::<String>),
                users::totp_last_step.eq(None::<i64>),
            ))
            .execute(conn)?;
        diesel::delete(rc::table.filter(rc::user_id.eq(user_id))).execute(conn)?;
        crate::store::refresh::end_sessions(conn, user_id)
    })
}
