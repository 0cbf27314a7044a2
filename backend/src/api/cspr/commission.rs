//! Commissioning the review and setting its review group (the business office).
use super::context::{step, step_expecting, Review};
use crate::api::precondition::{IfMatch, Tagged};
use crate::api::today;
use crate::auth::principal::{Principal, RequestId};
use crate::columns::Json;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{case as case_store, cspr as store, directory, settings};
use actix_web::{post, put, web};
use shared::cspr::group::GroupAgency;
use shared::cspr::{
    check_commission, check_review_group, Commission, CommissionForm, CsprAction, CsprView, NoticeForm, ReviewGroup,
};
use shared::{ApiErrorBody, Role};

/// The people of the partnership holding `role`: id and name.
pub fn holders(conn: &mut DbConn, tenant_id: &str, role: Role) -> ApiResult<Vec<(uuid::Uuid, String)>> {
    Ok(directory::people_of(conn, tenant_id)?
        .into_iter()
        .filter(|(u, m, _, _)| !u.disabled && directory::roles_of(m).contains(&role))
        .map(|(u, _, _, _)| (u.id.uuid(), u.name))
        .collect())
}

fn name_of(people: &[(uuid::Uuid, String)], id: Option<uuid::Uuid>) -> String {
    people.iter().find(|(p, _)| Some(*p) == id).map(|(_, n)| n.clone()).unwrap_or_default()
}

/// Appoint the lead reviewer and assign the Independent Scrutineer (again, to replace them;
/// the notice already sent stays recorded).
#[utoipa::path(
    operation_id = "commission_cspr", tag = "cspr",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the review as read (its version, e.g. \"7\"): the save is refused with 409 `edit_conflict` when someone saved since"),
    ),
    request_body = CommissionForm,
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not an open local CSPR, or saved by someone since the version named in If-Match (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/cspr/commission")]
pub async fn commission(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    if_match: IfMatch,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<CommissionForm>,
) -> ApiResult<Tagged<CsprView>> {
    let form = body.into_inner();
    step_expecting(
        &state,
        who,
        rid,
        path.into_inner().1,
        CsprAction::Commission,
        if_match.0,
        move |conn, _, review: &mut Review| {
            let reviewers = holders(conn, review.tenant(), Role::Reviewer)?;
            let scrutineers = holders(conn, review.tenant(), Role::Scrutineer)?;
            let ids = |p: &[(uuid::Uuid, String)]| p.iter().map(|(id, _)| *id).collect::<Vec<_>>();
            ApiError::unless_invalid(check_commission(
                &form,
                &ids(&reviewers),
                &ids(&scrutineers),
                review.case.decided_on,
                today(),
            ))?;
            let (Some(lead), Some(scrutineer), Some(on)) =
                (form.lead_reviewer_id, form.scrutineer_id, form.commissioned_on)
            else {
                return Err(ApiError::validation(Vec::new()));
            };
            let commission = Commission {
                lead_reviewer_id: lead,
                lead_reviewer_name: name_of(&reviewers, Some(lead)),
                scrutineer_id: scrutineer,
                scrutineer_name: name_of(&scrutineers, Some(scrutineer)),
                commissioned_on: on,
                notice_sent_on: review.commission.as_ref().and_then(|c| c.notice_sent_on),
            };
            review.cspr.commission = Some(Json::encode(&commission)?);
            Ok(())
        },
    )
    .await
}

/// Record the notice to the National Panel, Ofsted and the DfE naming the lead reviewer: a
/// message to each of the partnership's addresses is queued in the outbox.
#[utoipa::path(
    operation_id = "record_commissioning_notice", tag = "cspr",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = NoticeForm,
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not commissioned, or the notice is recorded already", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/cspr/commissioning-notice")]
pub async fn notice(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<NoticeForm>,
) -> ApiResult<Tagged<CsprView>> {
    let form = body.into_inner();
    step(&state, who, rid, path.into_inner().1, CsprAction::SendNotice, move |conn, _, review| {
        let mut record = review.commission.clone().ok_or_else(|| ApiError::invalid_stage("not commissioned"))?;
        let sent_on = form.sent_on.unwrap_or(today());
        ApiError::unless_invalid(shared::cspr::commission::check_notice(sent_on, &record, today()))?;
        record.notice_sent_on = Some(sent_on);
        review.cspr.commission = Some(Json::encode(&record)?);
        let partnership = directory::tenant_by_id(conn, review.tenant())?.name;
        let addresses = settings::addresses(conn, review.tenant())?;
        for to in [&addresses.national_panel, &addresses.ofsted, &addresses.dfe] {
            crate::mail::messages::queue_commissioning_notice(
                conn,
                review.tenant(),
                to,
                &partnership,
                &review.case.reference,
                &record.lead_reviewer_name,
            )?;
        }
        Ok(())
    })
    .await
}

/// Set the review group. Its composition is checked against the framework's rule (each
/// strategic lead agency, and two further partner agencies of which one had no involvement
/// with the family): 422 names the part of the rule that is not met.
#[utoipa::path(
    operation_id = "set_review_group", tag = "cspr",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the review as read (its version, e.g. \"7\"): the save is refused with 409 `edit_conflict` when someone saved since"),
    ),
    request_body = ReviewGroup,
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Not commissioned, or saved by someone since the version named in If-Match (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "The group does not meet the rule, or boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/review-group")]
pub async fn review_group(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    if_match: IfMatch,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<ReviewGroup>,
) -> ApiResult<Tagged<CsprView>> {
    let mut group = body.into_inner();
    step_expecting(
        &state,
        who,
        rid,
        path.into_inner().1,
        CsprAction::SetReviewGroup,
        if_match.0,
        move |conn, _, review| {
            let agencies: Vec<GroupAgency> = directory::agencies_of(conn, review.tenant())?
                .into_iter()
                .filter(|a| a.active)
                .map(|a| GroupAgency { id: a.id.uuid(), name: a.name, strategic_lead: a.strategic_lead })
                .collect();
            let mut involved = case_store::asked_agencies(conn, review.tenant(), review.case_id())?;
            involved.extend(store::report_agencies(conn, review.tenant(), review.case_id())?);
            ApiError::unless_invalid(check_review_group(&group, &agencies, &involved))?;
            for m in &mut group.members {
                m.name = m.name.trim().to_string();
                m.designation = m.designation.trim().to_string();
            }
            review.cspr.review_group = Json::encode(&group.members)?;
            review.cspr.group_set_on = Some(today());
            Ok(())
        },
    )
    .await
}
