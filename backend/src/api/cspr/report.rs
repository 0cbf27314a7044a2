//! An agency's chronology and key event analysis: its own people read and write the draft,
//! its senior manager signs it off, its author submits it; the lead reviewer may return it
//! for revision; every reader of the review reads the submitted versions.
use super::context::{load, Review};
use super::views;
use crate::api::precondition::{self, IfMatch, Tagged};
use crate::api::{audit, record_read, today};
use crate::auth::principal::{Principal, RequestId};
use crate::columns::Json;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{now, AgencyReportRow};
use crate::state::AppState;
use crate::store::{cspr as store, directory};
use actix_web::{get, post, put, web};
use serde::{Deserialize, Serialize};
use shared::calendar::ClockExtension;
use shared::case::{check_extension, ReviewExtension};
use shared::cspr::{
    check_report, next_report_status, AgencyReportBody, AgencyReportView, CsprMoveError, ReportAction, ReportVersion,
    ReturnForm, SignOff,
};
use shared::ApiErrorBody;
use utoipa::ToSchema;

/// A save of the draft: the revision it was based on (from the report as read), and the
/// draft.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct SaveReport {
    pub revision: u32,
    pub body: AgencyReportBody,
}

/// One step of a report in one transaction: the report if the caller may know of it (404
/// otherwise), the move checked for their part in it, `apply` to change it, written back
/// only if nothing changed meanwhile (409 `edit_conflict`), audited, answered.
async fn report_step<F>(
    state: &web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    (case_id, agency_id): (uuid::Uuid, uuid::Uuid),
    action: ReportAction,
    apply: F,
) -> ApiResult<Tagged<AgencyReportView>>
where
    F: FnOnce(&mut DbConn, &Review, &mut AgencyReportRow, String) -> ApiResult<()> + Send + 'static,
{
    let st = state.clone();
    let view = state
        .db_write(move |conn| {
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            crate::db::write_transaction(conn, |conn| {
                crate::store::lock::case(conn, &who.tenant_id, &case_id.to_string())?;
                let review = load(conn, &who, &case_id.to_string())?;
                let access = review.actor.report(agency_id).ok_or_else(ApiError::not_found)?;
                let mut report = store::report(conn, review.tenant(), review.case_id(), &agency_id.to_string())?
                    .ok_or_else(ApiError::not_found)?;
                if !review.facts()?.open {
                    return Err(CsprMoveError::NotOpen.into());
                }
                let row = &mut report.0;
                let (read_revision, read_status) = (row.revision, row.status);
                let to = next_report_status(row.status, row.manager_sign_off.is_some(), action, access.role)?;
                let name = directory::user_by_id(conn, &who.user_id)?.name;
                apply(conn, &review, row, name)?;
                row.status = to;
                row.updated_at = now();
                if !store::update_report(conn, row, read_revision, read_status)? {
                    return Err(ApiError::edit_conflict());
                }
                audit(conn, &who, &rid, &format!("cspr.report.{}", action.as_str()), "case", review.case_id())?;
                views::report_view(conn, &calendar, today(), &review, &report, access)
            })
        })
        .await?;
    Ok(Tagged { version: view.revision as i32, body: view })
}

fn checked(body: &AgencyReportBody, strict: bool) -> ApiResult<()> {
    ApiError::unless_invalid(check_report(body, today(), strict))
}

/// One agency's report: its own people read the draft too; every reader of the review reads
/// the submitted versions.
#[utoipa::path(
    operation_id = "get_agency_report", tag = "cspr",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("agency_id" = uuid::Uuid, Path, description = "The agency"),
    ),
    responses(
        (status = 200, description = "The report", body = AgencyReportView),
        (status = 404, description = "No such report, or not one the caller may know of", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/cases/{id}/agency-reports/{agency_id}")]
pub async fn get(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid, uuid::Uuid)>,
) -> ApiResult<Tagged<AgencyReportView>> {
    let (_, case_id, agency_id) = path.into_inner();
    let reader = who.clone();
    let st = state.clone();
    let view = state
        .db(move |conn| {
            let review = load(conn, &who, &case_id.to_string())?;
            let access = review.actor.report(agency_id).ok_or_else(ApiError::not_found)?;
            let report = store::report(conn, review.tenant(), review.case_id(), &agency_id.to_string())?
                .ok_or_else(ApiError::not_found)?;
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            views::report_view(conn, &calendar, today(), &review, &report, access)
        })
        .await?;
    record_read(&state, &reader, &rid, "cspr.report.read", "case", Some(case_id.to_string()));
    Ok(Tagged { version: view.revision as i32, body: view })
}

/// Save the draft (the agency's author). Any sign-off of the draft is voided by a change. A
/// save based on an older revision is refused with 409 `edit_conflict`.
#[utoipa::path(
    operation_id = "save_agency_report", tag = "cspr",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("agency_id" = uuid::Uuid, Path, description = "The agency"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the report as read (its draft's revision, e.g. \"7\"), as well as or instead of `revision` in the body: the save is refused with 409 `edit_conflict` when someone saved since"),
    ),
    request_body = SaveReport,
    responses(
        (status = 200, description = "The report", body = AgencyReportView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such report", body = ApiErrorBody),
        (status = 409, description = "Submitted, or saved by someone else since it was read", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/agency-reports/{agency_id}")]
pub async fn save(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    if_match: IfMatch,
    path: web::Path<(String, uuid::Uuid, uuid::Uuid)>,
    body: web::Json<SaveReport>,
) -> ApiResult<Tagged<AgencyReportView>> {
    let save = body.into_inner();
    let (_, case_id, agency_id) = path.into_inner();
    report_step(&state, who, rid, (case_id, agency_id), ReportAction::Save, move |_, _, row, _| {
        precondition::check(if_match.0, row.revision)?;
        if i64::from(save.revision) != i64::from(row.revision) {
            return Err(ApiError::edit_conflict());
        }
        checked(&save.body, false)?;
        let unchanged = row.draft.decode()? == save.body;
        if !unchanged {
            row.draft = Json::encode(&save.body)?;
            row.revision += 1;
            row.manager_sign_off = None;
        }
        Ok(())
    })
    .await
}

/// Sign the complete draft off (the agency's senior manager): section 1's manager sign-off,
/// or the report revision sign-off of a returned report.
#[utoipa::path(
    operation_id = "sign_off_agency_report", tag = "cspr",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("agency_id" = uuid::Uuid, Path, description = "The agency"),
    ),
    responses(
        (status = 200, description = "The report", body = AgencyReportView),
        (status = 404, description = "No such report", body = ApiErrorBody),
        (status = 409, description = "Submitted, or signed off already", body = ApiErrorBody),
        (status = 422, description = "The draft is not complete", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/agency-reports/{agency_id}/sign-off")]
pub async fn sign_off(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid, uuid::Uuid)>,
) -> ApiResult<Tagged<AgencyReportView>> {
    let (_, case_id, agency_id) = path.into_inner();
    report_step(&state, who, rid, (case_id, agency_id), ReportAction::SignOff, move |_, _, row, name| {
        checked(&row.draft.decode()?, true)?;
        row.manager_sign_off = Some(Json::encode(&SignOff { name, signed_on: today() })?);
        Ok(())
    })
    .await
}

/// Submit the signed-off draft (the agency's author, who signs it too): a new version is
/// kept, and the first submission meets the report's clock.
#[utoipa::path(
    operation_id = "submit_agency_report", tag = "cspr",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("agency_id" = uuid::Uuid, Path, description = "The agency"),
    ),
    responses(
        (status = 200, description = "The report", body = AgencyReportView),
        (status = 404, description = "No such report", body = ApiErrorBody),
        (status = 409, description = "Not signed off by the agency's manager, or submitted already", body = ApiErrorBody),
        (status = 422, description = "The draft is not complete", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/agency-reports/{agency_id}/submit")]
pub async fn submit(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid, uuid::Uuid)>,
) -> ApiResult<Tagged<AgencyReportView>> {
    let (_, case_id, agency_id) = path.into_inner();
    report_step(&state, who, rid, (case_id, agency_id), ReportAction::Submit, move |conn, review, row, name| {
        let body = row.draft.decode()?;
        checked(&body, true)?;
        let manager =
            row.manager_sign_off.as_ref().ok_or_else(|| ApiError::invalid_stage("not signed off"))?.decode()?;
        let mut versions: Vec<ReportVersion> = row.submitted.decode()?;
        let on = today();
        row.current_chronology = Json::encode(&body.chronology)?;
        versions.push(ReportVersion {
            version: versions.len() as u32 + 1,
            revision: !versions.is_empty(),
            body,
            author: SignOff { name, signed_on: on },
            manager,
            submitted_on: on,
        });
        row.submitted = Json::encode(&versions)?;
        row.manager_sign_off = None;
        row.returned_reason = None;
        row.revision += 1;
        if row.submitted_on.is_none() {
            row.submitted_on = Some(on);
            store::meet_report_clock(conn, review.tenant(), review.case_id(), &row.agency_id, on)?;
        }
        Ok(())
    })
    .await
}

/// Return a submitted report for revision, with what needs revising (the lead reviewer).
#[utoipa::path(
    operation_id = "return_agency_report", tag = "cspr",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("agency_id" = uuid::Uuid, Path, description = "The agency"),
    ),
    request_body = ReturnForm,
    responses(
        (status = 200, description = "The report", body = AgencyReportView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "Not the lead reviewer", body = ApiErrorBody),
        (status = 404, description = "No such report", body = ApiErrorBody),
        (status = 409, description = "Not submitted", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/agency-reports/{agency_id}/return")]
pub async fn return_report(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid, uuid::Uuid)>,
    body: web::Json<ReturnForm>,
) -> ApiResult<Tagged<AgencyReportView>> {
    let form = body.into_inner();
    let (_, case_id, agency_id) = path.into_inner();
    report_step(&state, who, rid, (case_id, agency_id), ReportAction::Return, move |_, _, row, _| {
        ApiError::unless_invalid(form.problems())?;
        row.returned_reason = Some(form.reason.trim().to_string());
        row.revision += 1;
        Ok(())
    })
    .await
}

/// Move a report's deadline on (the business office), while it is a first draft: the new
/// date, the reason, and whether and when the National Panel was advised. The extension
/// shows on the report, the review's timeline and the dashboard.
#[utoipa::path(
    operation_id = "extend_agency_report", tag = "cspr",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("agency_id" = uuid::Uuid, Path, description = "The agency"),
    ),
    request_body = ReviewExtension,
    responses(
        (status = 200, description = "The report", body = AgencyReportView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such report", body = ApiErrorBody),
        (status = 409, description = "Submitted already: its deadline is met", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/agency-reports/{agency_id}/extensions")]
pub async fn extend(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid, uuid::Uuid)>,
    body: web::Json<ReviewExtension>,
) -> ApiResult<Tagged<AgencyReportView>> {
    let e = body.into_inner();
    let (_, case_id, agency_id) = path.into_inner();
    report_step(&state, who, rid, (case_id, agency_id), ReportAction::Extend, move |conn, review, row, _| {
        let clock = store::report_clocks(conn, review.tenant(), review.case_id())?
            .into_iter()
            .find(|c| c.agency_id.as_ref() == Some(&row.agency_id) && c.met_on.is_none())
            .ok_or_else(|| ApiError::invalid_stage("the report's deadline is met"))?;
        ApiError::unless_invalid(check_extension(&e, clock.due_on, today()))?;
        let Some(due_on) = e.due_on else { return Err(ApiError::validation(Vec::new())) };
        let extension = ClockExtension {
            previous_due_on: clock.due_on,
            due_on,
            reason: e.reason.trim().to_string(),
            panel_advised: e.panel_advised,
            panel_advised_on: e.panel_advised_on,
            recorded_on: today(),
        };
        crate::store::case::move_due(conn, &clock, extension)
    })
    .await
}
