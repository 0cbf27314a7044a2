//! 6-step learning briefings: the list, one opened on a decided case (or a published CSPR),
//! saved as a draft, sent to a lead once anonymised, approved (and so published to the
//! partnership's members) or sent back, and exported as DOCX. The partnership's headings.
use crate::api::precondition::{check, IfMatch, Tagged};
use crate::api::{audit, today};
use crate::auth::principal::{Principal, RequestId};
use crate::columns::{Id, Json};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{now, CaseRow};
use crate::schema::{memberships, overview_reports, referrals, users};
use crate::state::AppState;
use crate::store::case as case_store;
use crate::store::learning::briefings::{self as store, BriefingRow};
use actix_web::{get, post, put, web, HttpResponse};
use diesel::prelude::*;
use shared::learning::briefing::{
    approve, can_edit, check_headings, check_texts, may_open, new_steps, reads_drafts, submit, BriefingRefused,
};
use shared::learning::{
    BriefingApproval, BriefingForm, BriefingHeadings, BriefingStatus, BriefingSummary, BriefingView, NewBriefing,
};
use shared::overview::anonymise::{scan, CaseIdentifiers};
use shared::overview::identifiers::of_case;
use shared::overview::PublicationPlan;
use shared::referral::ReferralForm;
use shared::ApiErrorBody;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

fn refused(r: BriefingRefused) -> ApiError {
    match r {
        BriefingRefused::Stage(m) => ApiError::invalid_stage(m),
        BriefingRefused::Invalid(errors) => ApiError::validation(errors),
    }
}

/// What the case holds that would identify the child or family: the children its notification
/// names, its referral's people and places, and the review's family members.
fn identifiers(conn: &mut DbConn, case: &CaseRow) -> ApiResult<CaseIdentifiers> {
    let form = match &case.referral_id {
        Some(r) => referrals::table
            .filter(referrals::tenant_id.eq(&case.tenant_id))
            .filter(referrals::id.eq(r.as_str()))
            .select(referrals::form)
            .first::<Json<ReferralForm>>(conn)
            .optional()?
            .map(|f| f.decode())
            .transpose()?,
        None => None,
    };
    let family = crate::store::cspr::family_of(conn, &case.tenant_id, case.id.as_str())?;
    let children = case.notification.decode()?.children;
    Ok(of_case(&children, form.as_ref(), family.as_ref(), &[]))
}

/// The briefing as read, with what in it would identify the family.
fn view(conn: &mut DbConn, row: BriefingRow) -> ApiResult<BriefingView> {
    let case = case_store::get(conn, &row.tenant_id, row.case_id.as_str())?.ok_or_else(ApiError::internal)?;
    let steps = row.steps.decode()?;
    let hits = scan(&steps, &identifiers(conn, &case)?);
    Ok(BriefingView {
        id: row.id.uuid(),
        case_id: row.case_id.uuid(),
        reference: case.reference,
        occasion: row.occasion,
        status: row.status,
        steps,
        hits,
        returned_note: row.returned_note,
        approved_by: row.approved_by,
        published_on: row.published_on,
        theme_ids: crate::store::learning::themes_of_case(conn, &row.tenant_id, row.case_id.as_str())?
            .into_iter()
            .map(|t| t.id)
            .collect(),
        version: row.version,
    })
}

/// A briefing the person reads: a published one, or any for those who write or approve them.
fn readable(conn: &mut DbConn, who: &Principal, id: &str) -> ApiResult<BriefingRow> {
    let row = store::get(conn, &who.tenant_id, id)?.ok_or_else(ApiError::not_found)?;
    if row.status != BriefingStatus::Published && !reads_drafts(&who.roles) {
        return Err(ApiError::not_found());
    }
    Ok(row)
}

/// The partnership's briefings, newest first (for most members, the published ones).
#[utoipa::path(
    operation_id = "list_briefings", tag = "learning",
    responses((status = 200, description = "The briefings", body = Vec<BriefingSummary>))
)]
#[get("/api/v1/t/{tenant}/briefings")]
pub async fn list(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Vec<BriefingSummary>>> {
    let all = reads_drafts(&who.roles);
    Ok(web::Json(state.db(move |conn| Ok(store::list(conn, &who.tenant_id, !all)?)).await?))
}

/// Open a case's briefing, with the partnership's six headings: a Rapid Review's once the case
/// is decided, a local CSPR's once its report is published.
#[utoipa::path(
    operation_id = "open_briefing", tag = "learning",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = NewBriefing,
    responses(
        (status = 201, description = "The draft briefing", body = BriefingView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not decided or not published yet, or the case has this briefing already", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/briefings")]
pub async fn open(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<NewBriefing>,
) -> ApiResult<HttpResponse> {
    let case_id = path.into_inner().1.to_string();
    let occasion = body.into_inner().occasion;
    let view = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                crate::store::lock::case(conn, &who.tenant_id, &case_id)?;
                let case = case_store::get(conn, &who.tenant_id, &case_id)?.ok_or_else(ApiError::not_found)?;
                let plan: Option<Json<PublicationPlan>> = overview_reports::table
                    .find((&who.tenant_id, &case_id))
                    .select(overview_reports::plan)
                    .first(conn)
                    .optional()?;
                let published = plan.map(|p| p.decode()).transpose()?.is_some_and(|p| p.published_on.is_some());
                may_open(occasion, case.stage.decided(), published).map_err(refused)?;
                let partnership_headings = store::headings(conn, &who.tenant_id)?;
                let row = BriefingRow {
                    tenant_id: who.tenant_id.clone(),
                    id: Id::new(),
                    case_id: case.id,
                    occasion,
                    status: BriefingStatus::Draft,
                    steps: Json::encode(&new_steps(&partnership_headings))?,
                    returned_note: None,
                    approved_by: None,
                    published_on: None,
                    version: 1,
                    created_on: today(),
                    updated_at: now(),
                };
                store::insert(conn, &row)?;
                audit(conn, &who, &rid, "briefing.opened", "briefing", row.id.as_str())?;
                view(conn, row)
            })
        })
        .await?;
    Ok(HttpResponse::Created().insert_header(("ETag", format!("\"{}\"", view.version))).json(view))
}

/// A briefing, with what in it would identify the child or family.
#[utoipa::path(
    operation_id = "get_briefing", tag = "learning",
    params(("id" = uuid::Uuid, Path, description = "Briefing id")),
    responses(
        (status = 200, description = "The briefing; its version is the ETag", body = BriefingView),
        (status = 404, description = "No such briefing, or not published yet", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/briefings/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    who: Principal,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<Tagged<BriefingView>> {
    let id = path.into_inner().1.to_string();
    let v = state
        .db(move |conn| {
            let row = readable(conn, &who, &id)?;
            view(conn, row)
        })
        .await?;
    Ok(Tagged { version: v.version, body: v })
}

/// Save a draft's six texts.
#[utoipa::path(
    operation_id = "save_briefing", tag = "learning",
    params(("id" = uuid::Uuid, Path, description = "Briefing id")),
    request_body = BriefingForm,
    responses(
        (status = 200, description = "The briefing, with its hits", body = BriefingView),
        (status = 400, description = "Malformed body or If-Match", body = ApiErrorBody),
        (status = 404, description = "No such briefing", body = ApiErrorBody),
        (status = 409, description = "Not a draft (`invalid_stage`), or changed since read (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "Not six texts, or one too long", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/briefings/{id}")]
pub async fn save(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    expected: IfMatch,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<BriefingForm>,
) -> ApiResult<Tagged<BriefingView>> {
    let id = path.into_inner().1.to_string();
    let form = body.into_inner();
    let v = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let mut row = store::get(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::not_found)?;
                check(expected.0, row.version)?;
                can_edit(row.status).map_err(refused)?;
                ApiError::unless_invalid(check_texts(&form))?;
                let mut steps = row.steps.decode()?;
                for (step, text) in steps.iter_mut().zip(&form.texts) {
                    step.text = text.clone();
                }
                row.steps = Json::encode(&steps)?;
                store::update(conn, &row)?;
                audit(conn, &who, &rid, "briefing.saved", "briefing", &id)?;
                let row = store::get(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::internal)?;
                view(conn, row)
            })
        })
        .await?;
    Ok(Tagged { version: v.version, body: v })
}

/// Send a draft to the strategic leads: every step written, nothing that identifies the family.
#[utoipa::path(
    operation_id = "submit_briefing", tag = "learning",
    params(("id" = uuid::Uuid, Path, description = "Briefing id")),
    responses(
        (status = 200, description = "The briefing, awaiting approval", body = BriefingView),
        (status = 400, description = "Malformed If-Match", body = ApiErrorBody),
        (status = 404, description = "No such briefing", body = ApiErrorBody),
        (status = 409, description = "Not a draft (`invalid_stage`), or changed since read (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "A step not written, or something that identifies the family (`identifies_family`)", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/briefings/{id}/submit")]
pub async fn send(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    expected: IfMatch,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<Tagged<BriefingView>> {
    let id = path.into_inner().1.to_string();
    let v = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let mut row = store::get(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::not_found)?;
                check(expected.0, row.version)?;
                let current = view(conn, row.clone())?;
                row.status = submit(row.status, &current.steps, current.hits.len()).map_err(refused)?;
                row.returned_note = None;
                store::update(conn, &row)?;
                audit(conn, &who, &rid, "briefing.submitted", "briefing", &id)?;
                let row = store::get(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::internal)?;
                view(conn, row)
            })
        })
        .await?;
    Ok(Tagged { version: v.version, body: v })
}

/// A strategic lead approves the briefing, which publishes it to the partnership's members (a
/// message to each), or sends it back with a note.
#[utoipa::path(
    operation_id = "approve_briefing", tag = "learning",
    params(("id" = uuid::Uuid, Path, description = "Briefing id")),
    request_body = BriefingApproval,
    responses(
        (status = 200, description = "The briefing, published or back as a draft", body = BriefingView),
        (status = 400, description = "Malformed body or If-Match", body = ApiErrorBody),
        (status = 404, description = "No such briefing", body = ApiErrorBody),
        (status = 409, description = "Not awaiting approval (`invalid_stage`), or changed since read (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "Sent back without a note", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/briefings/{id}/approval")]
pub async fn approval(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    expected: IfMatch,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<BriefingApproval>,
) -> ApiResult<Tagged<BriefingView>> {
    let id = path.into_inner().1.to_string();
    let answer = body.into_inner();
    let base = state.link_base();
    let v = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let mut row = store::get(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::not_found)?;
                check(expected.0, row.version)?;
                row.status = approve(row.status, &answer).map_err(refused)?;
                if row.status == BriefingStatus::Published {
                    row.approved_by = Some(crate::store::directory::user_by_id(conn, &who.user_id)?.name);
                    row.published_on = Some(today());
                } else {
                    row.returned_note = Some(answer.note.trim().to_string());
                }
                store::update(conn, &row)?;
                if row.status == BriefingStatus::Published {
                    let reference = case_store::get(conn, &who.tenant_id, row.case_id.as_str())?
                        .ok_or_else(ApiError::internal)?
                        .reference;
                    let members: Vec<String> = memberships::table
                        .inner_join(users::table.on(users::id.eq(memberships::user_id)))
                        .filter(memberships::tenant_id.eq(&who.tenant_id))
                        .filter(memberships::removed_at.is_null())
                        .filter(users::disabled.eq(false))
                        .select(users::email)
                        .load(conn)?;
                    for email in members {
                        crate::mail::messages::queue_briefing_published(
                            conn,
                            &who.tenant_id,
                            &email,
                            &base,
                            (&id, &reference),
                        )?;
                    }
                }
                let action = if answer.approve { "briefing.published" } else { "briefing.returned" };
                audit(conn, &who, &rid, action, "briefing", &id)?;
                let row = store::get(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::internal)?;
                view(conn, row)
            })
        })
        .await?;
    Ok(Tagged { version: v.version, body: v })
}

/// The briefing as a Word document.
#[utoipa::path(
    operation_id = "export_briefing", tag = "learning",
    params(("id" = uuid::Uuid, Path, description = "Briefing id")),
    responses(
        (status = 200, description = "The Word document", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = Vec<u8>),
        (status = 404, description = "No such briefing, or not published yet", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/briefings/{id}/docx")]
pub async fn export(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner().1.to_string();
    let (bytes, reference) = state
        .db(move |conn| {
            let row = readable(conn, &who, &id)?;
            let v = view(conn, row)?;
            let title = format!("7-minute learning briefing: {}", v.reference);
            let subtitle = format!(
                "{} · {}",
                v.occasion.label(),
                v.published_on
                    .map(|d| format!("published {}", d.format("%-d %B %Y")))
                    .unwrap_or_else(|| v.status.label().to_string())
            );
            let bytes = crate::word::briefing_docx(&title, &subtitle, &v.steps).map_err(|e| {
                tracing::error!(error = %e, "the Word document could not be written");
                ApiError::internal()
            })?;
            crate::db::write_transaction(conn, |conn| audit(conn, &who, &rid, "briefing.export", "briefing", &id))?;
            Ok((bytes, v.reference))
        })
        .await?;
    let name: String = reference.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    Ok(HttpResponse::Ok()
        .content_type(DOCX)
        .insert_header(("Content-Disposition", format!("attachment; filename=\"briefing-{name}.docx\"")))
        .insert_header(("Cache-Control", "no-store"))
        .body(bytes))
}

/// The partnership's six headings for new briefings.
#[utoipa::path(
    operation_id = "get_briefing_headings", tag = "learning",
    responses((status = 200, description = "The headings", body = BriefingHeadings))
)]
#[get("/api/v1/t/{tenant}/briefing-headings")]
pub async fn headings(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<BriefingHeadings>> {
    Ok(web::Json(state.db(move |conn| store::headings(conn, &who.tenant_id)).await?))
}

/// Set the partnership's six headings (briefings opened from then on take them).
#[utoipa::path(
    operation_id = "set_briefing_headings", tag = "learning",
    request_body = BriefingHeadings,
    responses(
        (status = 200, description = "The headings", body = BriefingHeadings),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 422, description = "Not six, or one empty or too long", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/briefing-headings")]
pub async fn set_headings(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<BriefingHeadings>,
) -> ApiResult<web::Json<BriefingHeadings>> {
    let mut h = body.into_inner();
    ApiError::unless_invalid(check_headings(&h))?;
    h.headings = h.headings.iter().map(|s| s.trim().to_string()).collect();
    let saved = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                store::set_headings(conn, &who.tenant_id, &h)?;
                audit(conn, &who, &rid, "briefing_headings.set", "partnership", &who.tenant_id)?;
                store::headings(conn, &who.tenant_id)
            })
        })
        .await?;
    Ok(web::Json(saved))
}
