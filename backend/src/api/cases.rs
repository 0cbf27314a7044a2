//! Cases: a Serious Incident Notification opens one; the business office asks agencies for
//! information, records the Rapid Review meeting and what was sent to the National Panel;
//! strategic leads decide. Moves and validation come from `shared`.
use crate::auth::principal::{Principal, RequestId};
use crate::casework::{self as work, today};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{new_id, now, CaseRow, InformationRequestRow};
use crate::state::AppState;
use crate::store::{audit, cases as store, directory, referrals};
use actix_web::{http::header, web, HttpResponse};
use chrono::Datelike;
use serde::Deserialize;
use shared::calendar::ClockKind;
use shared::case::*;
use shared::page::{checked_paging, Page};
use shared::referral::ReferralScope;
use shared::{ApiErrorBody, FieldError};
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseListQuery {
    /// 1-based page number (default 1).
    pub page: Option<u32>,
    /// Items per page, 1 to 100 (default 20).
    pub per_page: Option<u32>,
    /// Only cases at this stage.
    pub stage: Option<CaseStage>,
}

fn audit_case(conn: &mut DbConn, who: &Principal, rid: &RequestId, action: &str, case_id: &str) -> ApiResult<()> {
    audit::record(
        conn,
        audit::Event {
            tenant_id: &who.tenant_id,
            actor_id: Some(&who.user_id),
            action,
            entity_type: "case",
            entity_id: Some(case_id),
            request_id: Some(&rid.0),
        },
    )?;
    Ok(())
}

/// Loads the case, checks the move, lets `change` fill it in (and start or stop clocks),
/// writes it and the audit event in one transaction, and answers the case.
async fn act<F>(
    state: &web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    id: uuid::Uuid,
    action: CaseAction,
    outcome: Option<RapidReviewOutcome>,
    change: F,
) -> ApiResult<web::Json<CaseView>>
where
    F: FnOnce(&mut DbConn, &shared::calendar::WorkingCalendar, &mut CaseRow) -> ApiResult<()> + Send + 'static,
{
    let st = state.clone();
    let view = state
        .db(move |conn| {
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            crate::db::write_transaction(conn, |conn| {
                let mut row = store::get(conn, &who.tenant_id, &id.to_string())?.ok_or_else(ApiError::not_found)?;
                let from = work::stage_of(&row)?;
                let to = next_case_stage(from, work::facts_of(&row), action, &who.roles, outcome)
                    .map_err(work::move_error)?;
                change(conn, &calendar, &mut row)?;
                row.stage = to.as_str().into();
                row.updated_at = now();
                if !store::update(conn, &row, from.as_str())? {
                    return Err(ApiError::invalid_stage("the case changed meanwhile: reload it and try again"));
                }
                audit_case(conn, &who, &rid, &format!("case.{}", action.as_str()), &row.id)?;
                work::case_view(conn, &calendar, &row, &who.roles)
            })
        })
        .await?;
    Ok(web::Json(view))
}

/// The tenant's cases, newest first.
#[utoipa::path(
    get, path = "/api/v1/t/{tenant}/cases", operation_id = "list_cases", tag = "cases",
    params(("tenant" = String, Path, description = "Partnership slug"), CaseListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of cases", body = Page<CaseSummary>),
        (status = 400, description = "Bad paging", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "Not this token's partnership", body = ApiErrorBody),
    )
)]
pub async fn list(
    state: web::Data<AppState>,
    who: Principal,
    q: web::Query<CaseListQuery>,
) -> ApiResult<web::Json<Page<CaseSummary>>> {
    let q = q.into_inner();
    let (page, per_page) = checked_paging(q.page, q.per_page)
        .ok_or_else(|| ApiError::malformed("page must be 1 or more and per_page between 1 and 100"))?;
    let (rows, total) = state
        .db(move |conn| Ok(store::list(conn, &who.tenant_id, q.stage.map(|s| s.as_str()), page, per_page)?))
        .await?;
    let items = rows.iter().map(work::summary).collect::<ApiResult<Vec<_>>>()?;
    Ok(web::Json(Page { items, page, per_page, total: total.max(0) as u64 }))
}

/// Record a Serious Incident Notification: opens a case and starts its 5-working-day clock.
#[utoipa::path(
    post, path = "/api/v1/t/{tenant}/cases", operation_id = "create_case", tag = "cases",
    params(("tenant" = String, Path, description = "Partnership slug")),
    request_body = Notification,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "Not this token's partnership", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
pub async fn create(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<Notification>,
) -> ApiResult<HttpResponse> {
    let notification = body.into_inner();
    let errors = validate_notification(&notification, today());
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let st = state.clone();
    let slug = who.tenant_slug.clone();
    let view = state
        .db(move |conn| {
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            crate::db::write_transaction(conn, |conn| {
                if let Some(referral) = notification.referral_id {
                    let scope = ReferralScope::SubmittedAndOwn;
                    if referrals::get(conn, &who.tenant_id, &referral.to_string(), &who.user_id, scope)?.is_none() {
                        return Err(ApiError::validation(vec![FieldError::new(
                            "referral_id",
                            "not_found",
                            "There is no such submitted referral in this partnership",
                        )]));
                    }
                }
                let aware = notification.la_aware_on.ok_or_else(ApiError::internal)?;
                let t = now();
                let row = CaseRow {
                    tenant_id: who.tenant_id.clone(),
                    id: new_id(),
                    reference: store::next_reference(conn, &who.tenant_id, t.date().year())?,
                    stage: CaseStage::RapidReview.as_str().into(),
                    referral_id: notification.referral_id.map(|r| r.to_string()),
                    la_aware_on: aware,
                    notification: work::to_json(&notification)?,
                    notification_sent_on: None,
                    meeting: None,
                    decision: None,
                    decided_on: None,
                    report_sent_on: None,
                    created_by: who.user_id.clone(),
                    created_at: t,
                    updated_at: t,
                };
                store::insert(conn, &row)?;
                work::start_clock(conn, &calendar, &row, ClockKind::NotificationToPanel, aware, None)?;
                audit_case(conn, &who, &rid, "case.create", &row.id)?;
                work::case_view(conn, &calendar, &row, &who.roles)
            })
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, format!("/api/v1/t/{slug}/cases/{}", view.id)))
        .json(view))
}

/// One case, with its requests, clocks and timeline.
#[utoipa::path(
    get, path = "/api/v1/t/{tenant}/cases/{id}", operation_id = "get_case", tag = "cases",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Case id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    who: Principal,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<web::Json<CaseView>> {
    let id = path.into_inner().1.to_string();
    let st = state.clone();
    let view = state
        .db(move |conn| {
            let row = store::get(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::not_found)?;
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            work::case_view(conn, &calendar, &row, &who.roles)
        })
        .await?;
    Ok(web::Json(view))
}

fn sent_on_errors(sent_on: chrono::NaiveDate, not_before: chrono::NaiveDate, what: &str) -> Vec<FieldError> {
    if sent_on > today() {
        vec![FieldError::new("sent_on", "in_future", format!("The date {what} was sent must be today or in the past"))]
    } else if sent_on < not_before {
        vec![FieldError::new("sent_on", "invalid", format!("The date {what} was sent is before the case began"))]
    } else {
        Vec::new()
    }
}

/// Record the date the notification went to the National Panel: stops its clock and
/// starts the Rapid Review report's 15 working days.
#[utoipa::path(
    post, path = "/api/v1/t/{tenant}/cases/{id}/notification-sent", operation_id = "record_notification_sent", tag = "cases",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = SentOn,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Already recorded", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
pub async fn notification_sent(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<SentOn>,
) -> ApiResult<web::Json<CaseView>> {
    let sent_on = body.into_inner().sent_on;
    act(&state, who, rid, path.into_inner().1, CaseAction::RecordNotificationSent, None, move |conn, cal, row| {
        let errors = sent_on_errors(sent_on, row.la_aware_on, "the notification");
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        row.notification_sent_on = Some(sent_on);
        store::meet_clocks(conn, &row.tenant_id, &row.id, ClockKind::NotificationToPanel.as_str(), None, sent_on)?;
        work::start_clock(conn, cal, row, ClockKind::RapidReviewReport, sent_on, None)?;
        Ok(())
    })
    .await
}

/// Ask agencies for Additional Information (Appendix 2b); each has 7 working days.
#[utoipa::path(
    post, path = "/api/v1/t/{tenant}/cases/{id}/information-requests", operation_id = "send_information_requests", tag = "cases",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = SendRequests,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not at the Rapid Review stage", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
pub async fn send_requests(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<SendRequests>,
) -> ApiResult<web::Json<CaseView>> {
    let send = body.into_inner();
    act(&state, who, rid, path.into_inner().1, CaseAction::SendRequests, None, move |conn, cal, row| {
        let errors = validate_send_requests(&send, today());
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let sent_on = send.sent_on.unwrap_or_else(today);
        let asked: Vec<String> =
            store::requests_of_case(conn, &row.tenant_id, &row.id)?.into_iter().map(|(r, _)| r.agency_id).collect();
        let mut errors = Vec::new();
        for (i, agency) in send.agency_ids.iter().enumerate() {
            let agency = agency.to_string();
            if directory::agency_by_id(conn, &row.tenant_id, &agency)?.is_none() {
                errors.push(FieldError::new(format!("agency_ids[{i}]"), "not_found", "There is no such agency here"));
            } else if asked.contains(&agency) {
                errors.push(FieldError::new(
                    format!("agency_ids[{i}]"),
                    "duplicate",
                    "This agency has been asked already",
                ));
            }
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let due = work::due_of(cal, ClockKind::AgencyInformation, sent_on)?;
        let t = now();
        for agency in &send.agency_ids {
            let request = InformationRequestRow {
                tenant_id: row.tenant_id.clone(),
                id: new_id(),
                case_id: row.id.clone(),
                agency_id: agency.to_string(),
                sent_on,
                due_on: due,
                status: RequestStatus::Sent.as_str().into(),
                response: None,
                submitted_on: None,
                reminders: 0,
                last_reminded_on: None,
                created_at: t,
                updated_at: t,
            };
            store::insert_request(conn, &request)?;
            work::start_clock(conn, cal, row, ClockKind::AgencyInformation, sent_on, Some(&request))?;
        }
        Ok(())
    })
    .await
}

/// Record a reminder sent to an agency that has not answered.
#[utoipa::path(
    post, path = "/api/v1/t/{tenant}/cases/{id}/information-requests/{request_id}/reminders", operation_id = "remind_agency", tag = "cases",
    params(
        ("tenant" = String, Path, description = "Partnership slug"),
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("request_id" = uuid::Uuid, Path, description = "Information request id"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "No such case or request", body = ApiErrorBody),
        (status = 409, description = "Answered already, or not at the Rapid Review stage", body = ApiErrorBody),
    )
)]
pub async fn remind(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid, uuid::Uuid)>,
) -> ApiResult<web::Json<CaseView>> {
    let (_, id, request_id) = path.into_inner();
    act(&state, who, rid, id, CaseAction::Remind, None, move |conn, _, row| {
        let (mut request, _) =
            store::get_request(conn, &row.tenant_id, &request_id.to_string())?.ok_or_else(ApiError::not_found)?;
        if request.case_id != row.id {
            return Err(ApiError::not_found());
        }
        if request.status == RequestStatus::Submitted.as_str() {
            return Err(ApiError::invalid_stage("the agency has answered already"));
        }
        let status = request.status.clone();
        request.reminders += 1;
        request.last_reminded_on = Some(today());
        request.updated_at = now();
        if !store::update_request(conn, &request, &status)? {
            return Err(ApiError::invalid_stage("the request changed meanwhile: reload it and try again"));
        }
        Ok(())
    })
    .await
}

/// Record the Rapid Review meeting and its recommendation.
#[utoipa::path(
    put, path = "/api/v1/t/{tenant}/cases/{id}/meeting", operation_id = "record_meeting", tag = "cases",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = RapidReviewMeeting,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not at the Rapid Review stage", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
pub async fn meeting(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<RapidReviewMeeting>,
) -> ApiResult<web::Json<CaseView>> {
    let m = body.into_inner();
    act(&state, who, rid, path.into_inner().1, CaseAction::RecordMeeting, None, move |_, _, row| {
        let errors = validate_meeting(&m, today());
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        if m.held_on.is_some_and(|d| d < row.la_aware_on) {
            return Err(ApiError::validation(vec![FieldError::new(
                "held_on",
                "invalid",
                "The meeting must be on or after the date the local authority became aware",
            )]));
        }
        row.meeting = Some(work::to_json(&m)?);
        Ok(())
    })
    .await
}

/// The strategic leads' decision. A local CSPR opens with its 6-month clock.
#[utoipa::path(
    put, path = "/api/v1/t/{tenant}/cases/{id}/decision", operation_id = "decide_case", tag = "cases",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = CaseDecision,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not awaiting a decision", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
pub async fn decide(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<CaseDecision>,
) -> ApiResult<web::Json<CaseView>> {
    let d = body.into_inner();
    // without an outcome the stage machine cannot place the move: ask for the boxes
    let outcome = d.outcome.or(Some(RapidReviewOutcome::LearningOnly));
    act(&state, who, rid, path.into_inner().1, CaseAction::Decide, outcome, move |conn, cal, row| {
        let errors = validate_decision(&d, today());
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        let decided_on = d.decided_on.ok_or_else(ApiError::internal)?;
        if decided_on < row.la_aware_on {
            return Err(ApiError::validation(vec![FieldError::new(
                "decided_on",
                "invalid",
                "The decision must be on or after the date the local authority became aware",
            )]));
        }
        row.decision = Some(work::to_json(&d)?);
        row.decided_on = Some(decided_on);
        if d.outcome == Some(RapidReviewOutcome::LocalCspr) {
            work::start_clock(conn, cal, row, ClockKind::CsprCompletion, decided_on, None)?;
        }
        Ok(())
    })
    .await
}

/// Record the date the Rapid Review report went to the National Panel.
#[utoipa::path(
    post, path = "/api/v1/t/{tenant}/cases/{id}/report-sent", operation_id = "record_report_sent", tag = "cases",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = SentOn,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The case", body = CaseView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Already recorded, or no meeting yet", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
pub async fn report_sent(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<SentOn>,
) -> ApiResult<web::Json<CaseView>> {
    let sent_on = body.into_inner().sent_on;
    act(&state, who, rid, path.into_inner().1, CaseAction::RecordReportSent, None, move |conn, _, row| {
        let errors = sent_on_errors(sent_on, row.la_aware_on, "the report");
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        row.report_sent_on = Some(sent_on);
        store::meet_clocks(conn, &row.tenant_id, &row.id, ClockKind::RapidReviewReport.as_str(), None, sent_on)?;
        Ok(())
    })
    .await
}
