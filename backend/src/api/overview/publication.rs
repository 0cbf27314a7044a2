//! After sign-off: the report sent to the National Panel (its date stops the CSPR's 6-month
//! clock, as the case's own step does), the Panel's response, and the publication plan
//! (blocked while a parallel process holds publication).
use super::context::step;
use crate::api::today;
use crate::auth::principal::{Principal, RequestId};
use crate::columns::Json;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{case as case_store, directory};
use actix_web::http::StatusCode;
use actix_web::{post, put, web};
use shared::case::{transition, CaseCommand};
use shared::cspr::holds_publication;
use shared::overview::{
    check_after_publication, check_plan, check_response, check_submission, signed_off_version, OverviewAction,
    OverviewView, PanelResponse, PublicationPlan, Submission, SubmitForm,
};
use shared::{ApiErrorBody, ErrorCode};

/// Record the signed-off version sent to the National Panel: the CSPR's clock stops.
#[utoipa::path(
    operation_id = "submit_overview", tag = "overview",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = SubmitForm,
    responses(
        (status = 200, description = "The report", body = OverviewView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not signed off in full, a newer version (`edit_conflict`), or sent already", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/report/submission")]
pub async fn submit(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<SubmitForm>,
) -> ApiResult<web::Json<OverviewView>> {
    let form = body.into_inner();
    step(
        &state,
        who,
        rid,
        path.into_inner().1,
        OverviewAction::SubmitToPanel,
        "overview.submit",
        move |conn, calendar, o, who| {
            let signed = signed_off_version(&o.row.signoffs.decode()?, &o.lead_agencies);
            if signed != Some(form.version) {
                return Err(ApiError::edit_conflict());
            }
            let (_, left) = o.check(conn)?;
            if left > 0 {
                return Err(shared::overview::SignOffRefusal::IdentifiersRemain(left).into());
            }
            ApiError::unless_invalid(check_submission(&form, o.row.latest_saved_on, today()))?;
            let Some(sent_on) = form.sent_on else { return Err(ApiError::validation(Vec::new())) };
            // the case's own step: the 6-month clock stops
            let case = case_store::state(conn, &o.review.case)?;
            let rules = o.review.case.clock_rules.decode()?;
            let t = transition(&case, CaseCommand::RecordFinalReportSent { sent_on }, &who.roles, today(), &rules)?;
            case_store::advance(conn, calendar, &mut o.review.case, t)?;
            let submission = Submission {
                sent_on,
                version: form.version,
                recorded_by: directory::user_by_id(conn, &who.user_id)?.name,
            };
            o.row.submission = Some(Json::encode(&submission)?);
            Ok(true)
        },
    )
    .await
}

/// Record the National Panel's acknowledgement or feedback.
#[utoipa::path(
    operation_id = "record_panel_response", tag = "overview",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = PanelResponse,
    responses(
        (status = 200, description = "The report", body = OverviewView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not sent to the Panel yet", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/report/panel-response")]
pub async fn response(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<PanelResponse>,
) -> ApiResult<web::Json<OverviewView>> {
    let form = body.into_inner();
    step(
        &state,
        who,
        rid,
        path.into_inner().1,
        OverviewAction::RecordPanelResponse,
        "overview.panel_response",
        move |_, _, o, _| {
            let Some(sub) = o.row.submission.as_ref().map(|s| s.decode()).transpose()? else {
                return Err(ApiError::invalid_stage("not sent to the Panel yet"));
            };
            ApiError::unless_invalid(check_response(&form, sub.sent_on, today()))?;
            let r = PanelResponse { acknowledged_on: form.acknowledged_on, feedback: form.feedback.trim().to_string() };
            o.row.panel_response = Some(Json::encode(&r)?);
            Ok(true)
        },
    )
    .await
}

/// Keep the publication plan: the date and time, and the day each step was done. No
/// publication date while a parallel process holds publication (409 `publication_held`).
#[utoipa::path(
    operation_id = "plan_publication", tag = "overview",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = PublicationPlan,
    responses(
        (status = 200, description = "The report", body = OverviewView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not sent to the Panel yet, published already, or publication held (`publication_held`)", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/report/publication-plan")]
pub async fn plan(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<PublicationPlan>,
) -> ApiResult<web::Json<OverviewView>> {
    let form = body.into_inner();
    step(&state, who, rid, path.into_inner().1, OverviewAction::PlanPublication, "overview.plan", move |_, _, o, _| {
        if holds_publication(&o.review.cspr.processes.decode()?) {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                ErrorCode::PublicationHeld,
                "A parallel process holds publication: no publication date can be set while it is active",
            ));
        }
        let sent_on = o.row.submission.as_ref().map(|s| s.decode()).transpose()?.map(|s| s.sent_on);
        let kept = o.row.plan.decode()?;
        if kept.published_on.is_some() {
            ApiError::unless_invalid(check_after_publication(&kept, &form))?;
        }
        ApiError::unless_invalid(check_plan(&form, sent_on, today()))?;
        let plan = PublicationPlan { publication_time: form.publication_time.trim().to_string(), ..form };
        o.row.plan = Json::encode(&plan)?;
        Ok(true)
    })
    .await
}
