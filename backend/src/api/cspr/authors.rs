//! The authors: the briefing, and each agency's author with the due date of its report.
use super::context::{step, step_expecting};
use crate::api::precondition::{IfMatch, Tagged};
use crate::api::today;
use crate::auth::principal::{Principal, RequestId};
use crate::columns::{Id, Json};
use crate::error::{ApiError, ApiResult};
use crate::models::{now, AgencyReportRow};
use crate::state::AppState;
use crate::store::{cspr as store, directory};
use actix_web::{post, put, web};
use shared::calendar::ClockKind;
use shared::cspr::terms::clean_lines;
use shared::cspr::{
    check_assignment, check_briefing, AgencyReportBody, AssignAuthor, AuthorBriefing, Candidate, CsprAction, CsprView,
    ReportStatus,
};
use shared::{ApiErrorBody, Role};

/// Record the author briefing: when, and who attended.
#[utoipa::path(
    operation_id = "record_author_briefing", tag = "cspr",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the review as read (its version, e.g. \"7\"): the save is refused with 409 `edit_conflict` when someone saved since"),
    ),
    request_body = AuthorBriefing,
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "The terms are not agreed yet, or saved by someone since the version named in If-Match (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/cspr/author-briefing")]
pub async fn briefing(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    if_match: IfMatch,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<AuthorBriefing>,
) -> ApiResult<Tagged<CsprView>> {
    let form = body.into_inner();
    step_expecting(
        &state,
        who,
        rid,
        path.into_inner().1,
        CsprAction::RecordBriefing,
        if_match.0,
        move |_, _, review| {
            let agreed_on = review
                .cspr
                .agreement
                .as_ref()
                .map(|a| a.decode())
                .transpose()?
                .map(|a: shared::cspr::TermsAgreement| a.agreed_on);
            ApiError::unless_invalid(check_briefing(&form, agreed_on, today()))?;
            let briefing = AuthorBriefing { held_on: form.held_on, attendees: clean_lines(&form.attendees) };
            review.cspr.briefing = Some(Json::encode(&briefing)?);
            Ok(())
        },
    )
    .await
}

/// Assign an agency's author: the agency's report opens as an empty draft, with its clock
/// (by the rule for agency reports the case was opened under) from the day assigned.
#[utoipa::path(
    operation_id = "assign_author", tag = "cspr",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = AssignAuthor,
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "The terms are not agreed yet", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/cspr/authors")]
pub async fn assign(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<AssignAuthor>,
) -> ApiResult<Tagged<CsprView>> {
    let form = body.into_inner();
    step(&state, who, rid, path.into_inner().1, CsprAction::AssignAuthor, move |conn, calendar, review| {
        let tenant = review.tenant().to_string();
        let agencies: Vec<uuid::Uuid> =
            directory::agencies_of(conn, &tenant)?.into_iter().filter(|a| a.active).map(|a| a.id.uuid()).collect();
        let authors: Vec<Candidate> = directory::people_of(conn, &tenant)?
            .into_iter()
            .filter(|(u, m, _, _)| !u.disabled && directory::roles_of(m).contains(&Role::AgencyAuthor))
            .filter_map(|(u, m, _, _)| m.agency_id.map(|a| Candidate { user_id: u.id.uuid(), agency_id: a.uuid() }))
            .collect();
        ApiError::unless_invalid(check_assignment(&form, &agencies, &authors, &review.report_agencies, today()))?;
        let (Some(agency), Some(author)) = (form.agency_id, form.author_id) else {
            return Err(ApiError::validation(Vec::new()));
        };
        let on = form.assigned_on.unwrap_or(today());
        let row = AgencyReportRow {
            tenant_id: tenant.clone(),
            case_id: review.case.id,
            agency_id: Id::from(agency),
            author_id: Id::from(author),
            assigned_on: on,
            status: ReportStatus::Draft,
            draft: Json::encode(&AgencyReportBody::default())?,
            revision: 0,
            manager_sign_off: None,
            submitted: Json::encode(&Vec::new())?,
            current_chronology: Json::encode(&Vec::new())?,
            returned_reason: None,
            submitted_on: None,
            created_at: now(),
            updated_at: now(),
        };
        store::insert_report(conn, &row)?;
        // the rule the case was opened under; a case opened before agency reports had a rule
        // takes the partnership's own
        let kept = review.case.clock_rules.decode()?;
        let rule = match kept.own(ClockKind::AgencyReport) {
            Some(rule) => rule.clone(),
            None => crate::store::clock_rule::rules_of(conn, &tenant)?.of(ClockKind::AgencyReport),
        };
        store::start_report_clock(conn, calendar, &review.case, row.agency_id, on, &rule)?;
        review.report_agencies.push(agency);
        Ok(())
    })
    .await
}
