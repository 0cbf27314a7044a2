//! Additional Information Requests from the asked agency's side: its authors see only their
//! own agency's requests, save drafts and submit. The case's other readers may read a
//! request; nobody else learns it exists. Who sees and answers what is
//! `shared::case::CaseScope`; the answer's steps are `shared::case::answer`.
use super::views::{self, RequestParts};
use crate::api::precondition::{self, Tagged};
use crate::api::{audit, record_read, today};
use crate::auth::principal::{Principal, RequestId};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::InformationRequestRow;
use crate::state::AppState;
use crate::store::{case as store, directory};
use actix_web::{get, post, put, web};
use shared::case::{
    answer, check_draft, AdditionalInformation, AnswerCommand, CaseScope, InformationRequestView, RequestAccess,
};
use shared::ApiErrorBody;

/// The caller's scope over cases: their agency is looked up only when their roles need it.
pub fn scope_of(conn: &mut DbConn, who: &Principal) -> ApiResult<CaseScope> {
    let agency = if CaseScope::needs_agency(&who.roles) {
        directory::membership(conn, &who.tenant_id, &who.user_id)?.and_then(|m| m.agency_id).map(|a| a.uuid())
    } else {
        None
    };
    Ok(CaseScope::of(&who.roles, agency))
}

/// The request if the caller may see it, with its agency's name and the caller's access.
fn visible(conn: &mut DbConn, who: &Principal, id: &str) -> ApiResult<(InformationRequestRow, String, RequestAccess)> {
    let (row, agency_name) = store::get_request(conn, &who.tenant_id, id)?.ok_or_else(ApiError::not_found)?;
    let access = scope_of(conn, who)?.request(row.agency_id.uuid()).ok_or_else(ApiError::not_found)?;
    Ok((row, agency_name, access))
}

fn full_view(
    state: &AppState,
    conn: &mut DbConn,
    who: &Principal,
    row: &InformationRequestRow,
    agency_name: &str,
    access: RequestAccess,
) -> ApiResult<InformationRequestView> {
    let case = store::get(conn, &who.tenant_id, &row.case_id)?.ok_or_else(ApiError::internal)?;
    let calendar = state.calendars.for_tenant(conn, &who.tenant_id)?;
    let parts = RequestParts {
        agency_name,
        case_reference: &case.reference,
        notification: Some(&case.notification),
        can_answer: access.answer,
        full: true,
    };
    views::request_view(&calendar, today(), row, parts)
}

/// The requests to the caller's agency, soonest due first.
#[utoipa::path(
    operation_id = "list_information_requests", tag = "information requests",
    responses((status = 200, description = "The requests to the caller's agency", body = Vec<InformationRequestView>))
)]
#[get("/api/v1/t/{tenant}/information-requests")]
pub async fn list(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Vec<InformationRequestView>>> {
    let st = state.clone();
    let items = state
        .db(move |conn| {
            let Some(agency) = scope_of(conn, &who)?.own_agency() else { return Ok(Vec::new()) };
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            let today = today();
            store::requests_of_agency(conn, &who.tenant_id, &agency.to_string())?
                .iter()
                .map(|(r, case_reference, agency_name)| {
                    let parts =
                        RequestParts { agency_name, case_reference, notification: None, can_answer: true, full: false };
                    views::request_view(&calendar, today, r, parts)
                })
                .collect::<ApiResult<Vec<_>>>()
        })
        .await?;
    Ok(web::Json(items))
}

/// One request, with what it asks about and the answer so far.
#[utoipa::path(
    operation_id = "get_information_request", tag = "information requests",
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    responses(
        (status = 200, description = "The request", body = InformationRequestView),
        (status = 404, description = "No such request the caller may see", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/information-requests/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<Tagged<InformationRequestView>> {
    let id = path.into_inner().1.to_string();
    let reader = who.clone();
    let st = state.clone();
    let view = state
        .db(move |conn| {
            let (row, agency_name, access) = visible(conn, &who, &id)?;
            full_view(&st, conn, &who, &row, &agency_name, access)
        })
        .await?;
    let id = view.id.to_string();
    record_read(&state, &reader, &rid, "information_request.read", "information_request", Some(id));
    Ok(Tagged { version: view.version, body: view })
}

/// A step of the answer, in one transaction; refused with 409 `edit_conflict` unless the
/// request is at version `expected` (the `If-Match` of a save) when one is named.
async fn step(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    id: uuid::Uuid,
    command: AnswerCommand,
    expected: Option<i32>,
) -> ApiResult<Tagged<InformationRequestView>> {
    let st = state.clone();
    let view = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                crate::store::lock::information_request(conn, &who.tenant_id, &id.to_string())?;
                let (mut row, agency_name, access) = visible(conn, &who, &id.to_string())?;
                precondition::check(expected, row.version)?;
                let response = row.response.clone();
                let saved = move || response.as_ref().map(|r| r.decode()).transpose();
                let t = answer(row.status, saved, access, command, today())?;
                let action = t.audit;
                store::advance_answer(conn, &mut row, t)?;
                audit(conn, &who, &rid, action, "information_request", &row.id)?;
                full_view(&st, conn, &who, &row, &agency_name, access)
            })
        })
        .await?;
    Ok(Tagged { version: view.version, body: view })
}

/// Save the agency's answer as a draft (the whole answer; boxes left out are emptied).
#[utoipa::path(
    operation_id = "save_information", tag = "information requests",
    params(
        ("id" = uuid::Uuid, Path, description = "Request id"),
        ("If-Match" = Option<String>, Header, description = "The ETag of the request as read (its version, e.g. \"7\"): the save is refused with 409 `edit_conflict` when someone saved since"),
    ),
    request_body = AdditionalInformation,
    responses(
        (status = 200, description = "The request", body = InformationRequestView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "Not an author of the agency asked", body = ApiErrorBody),
        (status = 404, description = "No such request the caller may see", body = ApiErrorBody),
        (status = 409, description = "Answered already, or saved by someone since the version named in If-Match (`edit_conflict`)", body = ApiErrorBody),
        (status = 422, description = "Values out of bounds", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/information-requests/{id}")]
pub async fn save(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    req: actix_web::HttpRequest,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<AdditionalInformation>,
) -> ApiResult<Tagged<InformationRequestView>> {
    let expected = precondition::if_match(&req)?;
    let draft = body.into_inner();
    check_draft(&draft)?;
    step(state, who, rid, path.into_inner().1, AnswerCommand::Save(Box::new(draft)), expected).await
}

/// Submit the saved answer; refused with the list of empty mandatory boxes.
#[utoipa::path(
    operation_id = "submit_information", tag = "information requests",
    params(("id" = uuid::Uuid, Path, description = "Request id")),
    responses(
        (status = 200, description = "The request", body = InformationRequestView),
        (status = 403, description = "Not an author of the agency asked", body = ApiErrorBody),
        (status = 404, description = "No such request the caller may see", body = ApiErrorBody),
        (status = 409, description = "Answered already", body = ApiErrorBody),
        (status = 422, description = "Mandatory boxes are empty", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/information-requests/{id}/submit")]
pub async fn submit(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<Tagged<InformationRequestView>> {
    step(state, who, rid, path.into_inner().1, AnswerCommand::Submit, None).await
}
