//! The partnership's themes and the themes each case is tagged with.
//!
//! A partnership with no rows in `themes` has the seeded list (`shared::learning::themes`),
//! with the seed's ids; the rows are written from it the first time the list is changed or
//! a case is tagged ([`ensure_seeded`]).
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::schema::{case_themes as ct, cases, themes as th};
use chrono::NaiveDate;
use diesel::prelude::*;
use shared::learning::{seeded_id, ThemeForm, ThemeView, SEEDED_THEMES};

fn seeded() -> Vec<ThemeView> {
    SEEDED_THEMES
        .iter()
        .enumerate()
        .map(|(i, label)| ThemeView { id: seeded_id(i), label: label.to_string(), retired: false })
        .collect()
}

/// The partnership's themes, in the office's order (the seed when it has none).
pub fn themes(conn: &mut DbConn, tenant_id: &str) -> ApiResult<Vec<ThemeView>> {
    let rows: Vec<(String, String, bool)> = th::table
        .filter(th::tenant_id.eq(tenant_id))
        .order((th::position, th::label))
        .select((th::id, th::label, th::retired))
        .load(conn)?;
    if rows.is_empty() {
        return Ok(seeded());
    }
    rows.into_iter()
        .map(|(id, label, retired)| Ok(ThemeView { id: id.parse().map_err(|_| ApiError::internal())?, label, retired }))
        .collect()
}

/// Writes the seeded list as the partnership's own, if it has none yet.
pub fn ensure_seeded(conn: &mut DbConn, tenant_id: &str) -> QueryResult<()> {
    let any: Option<String> = th::table.filter(th::tenant_id.eq(tenant_id)).select(th::id).first(conn).optional()?;
    if any.is_some() {
        return Ok(());
    }
    for (i, t) in seeded().into_iter().enumerate() {
        insert(conn, tenant_id, &t.id.to_string(), &t.label, false, i as i32)?;
    }
    Ok(())
}

fn insert(conn: &mut DbConn, tenant_id: &str, id: &str, label: &str, retired: bool, position: i32) -> QueryResult<()> {
    diesel::insert_into(th::table)
        .values((
            th::tenant_id.eq(tenant_id),
            th::id.eq(id),
            th::label.eq(label),
            th::retired.eq(retired),
            th::position.eq(position),
        ))
        .execute(conn)
        .map(drop)
}

/// Saves the whole list in its order: a theme with an id of the list is changed, one without
/// is added. A theme left out of the list is removed if no case is tagged with it; one that
/// is tagged must be retired instead (409 `invalid_stage`).
pub fn save_themes(conn: &mut DbConn, tenant_id: &str, list: &[ThemeForm]) -> ApiResult<()> {
    ensure_seeded(conn, tenant_id)?;
    let existing: Vec<String> = th::table.filter(th::tenant_id.eq(tenant_id)).select(th::id).load(conn)?;
    let mut kept: Vec<String> = Vec::new();
    for (position, form) in list.iter().enumerate() {
        let label = form.label.trim();
        match form.id.map(|id| id.to_string()) {
            Some(id) if existing.contains(&id) => {
                diesel::update(th::table.find((tenant_id, &id)))
                    .set((th::label.eq(label), th::retired.eq(form.retired), th::position.eq(position as i32)))
                    .execute(conn)?;
                kept.push(id);
            }
            Some(_) => return Err(ApiError::not_found()),
            None => {
                let id = uuid::Uuid::new_v4().to_string();
                insert(conn, tenant_id, &id, label, form.retired, position as i32)?;
                kept.push(id);
            }
        }
    }
    for id in existing.iter().filter(|id| !kept.contains(id)) {
        let tagged: i64 =
            ct::table.filter(ct::tenant_id.eq(tenant_id)).filter(ct::theme_id.eq(id)).count().get_result(conn)?;
        if tagged > 0 {
            return Err(ApiError::invalid_stage("a theme left out of the list is tagged on a case: retire it instead"));
        }
        diesel::delete(th::table.find((tenant_id, id))).execute(conn)?;
    }
    Ok(())
}

/// The themes a case is tagged with, in the list's order.
pub fn themes_of_case(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> ApiResult<Vec<ThemeView>> {
    let tagged: Vec<String> = ct::table
        .filter(ct::tenant_id.eq(tenant_id))
        .filter(ct::case_id.eq(case_id))
        .select(ct::theme_id)
        .load(conn)?;
    Ok(themes(conn, tenant_id)?.into_iter().filter(|t| tagged.contains(&t.id.to_string())).collect())
}

/// Tags a case with exactly these themes (checked by the caller), keeping the day each that
/// stays was first tagged.
pub fn tag_case(conn: &mut DbConn, tenant_id: &str, case_id: &str, ids: &[uuid::Uuid], on: NaiveDate) -> ApiResult<()> {
    ensure_seeded(conn, tenant_id)?;
    let ids: Vec<String> = ids.iter().map(|i| i.to_string()).collect();
    diesel::delete(
        ct::table.filter(ct::tenant_id.eq(tenant_id)).filter(ct::case_id.eq(case_id)).filter(ct::theme_id.ne_all(&ids)),
    )
    .execute(conn)?;
    let already: Vec<String> = ct::table
        .filter(ct::tenant_id.eq(tenant_id))
        .filter(ct::case_id.eq(case_id))
        .select(ct::theme_id)
        .load(conn)?;
    for id in ids.iter().filter(|i| !already.contains(i)) {
        diesel::insert_into(ct::table)
            .values((ct::tenant_id.eq(tenant_id), ct::case_id.eq(case_id), ct::theme_id.eq(id), ct::tagged_on.eq(on)))
            .execute(conn)?;
    }
    Ok(())
}

/// Each tag of a case the local authority became aware of between `from` and `to`
/// (inclusive): the theme and the day it was aware.
pub fn tags_between(
    conn: &mut DbConn,
    tenant_id: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> ApiResult<Vec<(uuid::Uuid, NaiveDate)>> {
    let rows: Vec<(String, NaiveDate)> = ct::table
        .inner_join(cases::table.on(cases::tenant_id.eq(ct::tenant_id).and(cases::id.eq(ct::case_id))))
        .filter(ct::tenant_id.eq(tenant_id))
        .filter(cases::la_aware_on.between(from, to))
        .select((ct::theme_id, cases::la_aware_on))
        .load(conn)?;
    rows.into_iter().map(|(id, on)| Ok((id.parse().map_err(|_| ApiError::internal())?, on))).collect()
}
