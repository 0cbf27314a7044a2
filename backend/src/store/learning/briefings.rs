//! 6-step learning briefings (issue 15) and the partnership's headings for them.
use crate::columns::{Id, Json};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::now;
use crate::schema::{briefing_headings as bh, briefings as b, cases};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::learning::{BriefingHeadings, BriefingOccasion, BriefingStatus, BriefingSummary};
use shared::overview::Section;

#[derive(Debug, Clone, Queryable, Insertable, Selectable)]
#[diesel(table_name = b)]
pub struct BriefingRow {
    pub tenant_id: String,
    pub id: Id,
    pub case_id: Id,
    pub occasion: BriefingOccasion,
    pub status: BriefingStatus,
    pub steps: Json<Vec<Section>>,
    pub returned_note: Option<String>,
    pub approved_by: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub version: i32,
    pub created_on: NaiveDate,
    pub updated_at: NaiveDateTime,
}

/// The partnership's headings (the seed's until the office sets its own).
pub fn headings(conn: &mut DbConn, tenant_id: &str) -> ApiResult<BriefingHeadings> {
    let raw: Option<Json<BriefingHeadings>> = bh::table.find(tenant_id).select(bh::headings).first(conn).optional()?;
    match raw {
        Some(j) => j.decode(),
        None => Ok(BriefingHeadings::default()),
    }
}

pub fn set_headings(conn: &mut DbConn, tenant_id: &str, h: &BriefingHeadings) -> ApiResult<()> {
    let json = Json::encode(h)?;
    let n = diesel::update(bh::table.find(tenant_id))
        .set((bh::headings.eq(&json), bh::updated_at.eq(now())))
        .execute(conn)?;
    if n == 0 {
        diesel::insert_into(bh::table)
            .values((bh::tenant_id.eq(tenant_id), bh::headings.eq(&json), bh::updated_at.eq(now())))
            .execute(conn)?;
    }
    Ok(())
}

pub fn insert(conn: &mut DbConn, row: &BriefingRow) -> ApiResult<()> {
    match diesel::insert_into(b::table).values(row.clone()).execute(conn) {
        Ok(_) => Ok(()),
        Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
            Err(ApiError::invalid_stage("the case already has a briefing for this"))
        }
        Err(e) => Err(e.into()),
    }
}

pub fn get(conn: &mut DbConn, tenant_id: &str, id: &str) -> QueryResult<Option<BriefingRow>> {
    b::table.find((tenant_id, id)).select(BriefingRow::as_select()).first(conn).optional()
}

pub fn find(
    conn: &mut DbConn,
    tenant_id: &str,
    case_id: &str,
    occasion: BriefingOccasion,
) -> QueryResult<Option<BriefingRow>> {
    b::table
        .filter(b::tenant_id.eq(tenant_id))
        .filter(b::case_id.eq(case_id))
        .filter(b::occasion.eq(occasion))
        .select(BriefingRow::as_select())
        .first(conn)
        .optional()
}

/// Writes the row back if it is still at the version read (else 409 `edit_conflict`), raising it.
pub fn update(conn: &mut DbConn, row: &BriefingRow) -> ApiResult<()> {
    let n = diesel::update(b::table.find((&row.tenant_id, &row.id)).filter(b::version.eq(row.version)))
        .set((
            b::status.eq(row.status),
            b::steps.eq(&row.steps),
            b::returned_note.eq(&row.returned_note),
            b::approved_by.eq(&row.approved_by),
            b::published_on.eq(row.published_on),
            b::version.eq(row.version + 1),
            b::updated_at.eq(now()),
        ))
        .execute(conn)?;
    if n == 0 {
        return Err(ApiError::edit_conflict());
    }
    Ok(())
}

/// The partnership's briefings, newest first: with `published_only`, only those published.
pub fn list(conn: &mut DbConn, tenant_id: &str, published_only: bool) -> QueryResult<Vec<BriefingSummary>> {
    let mut q = b::table
        .inner_join(cases::table.on(cases::tenant_id.eq(b::tenant_id).and(cases::id.eq(b::case_id))))
        .filter(b::tenant_id.eq(tenant_id))
        .select((b::id, b::case_id, cases::reference, b::occasion, b::status, b::published_on))
        .order((b::created_on.desc(), b::id))
        .into_boxed();
    if published_only {
        q = q.filter(b::status.eq(BriefingStatus::Published));
    }
    let rows: Vec<(Id, Id, String, BriefingOccasion, BriefingStatus, Option<NaiveDate>)> = q.limit(1000).load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, case_id, reference, occasion, status, published_on)| BriefingSummary {
            id: id.uuid(),
            case_id: case_id.uuid(),
            reference,
            occasion,
            status,
            published_on,
        })
        .collect())
}

/// The briefings of a case (for its timeline).
pub fn of_case(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<Vec<BriefingRow>> {
    b::table
        .filter(b::tenant_id.eq(tenant_id))
        .filter(b::case_id.eq(case_id))
        .select(BriefingRow::as_select())
        .order(b::created_on)
        .load(conn)
}

/// Deletes a case's briefings (retention).
pub fn delete_of_case(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<usize> {
    diesel::delete(b::table.filter(b::tenant_id.eq(tenant_id)).filter(b::case_id.eq(case_id))).execute(conn)
}
