//! Additional Information Requests from the asked agency's side: its authors see only
//! their own agency's requests, save drafts and submit. The case's other readers may read
//! a request; nobody else learns it exists.
use crate::auth::principal::{Principal, RequestId};
use crate::casework::{self as work, today};
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::{now, InformationRequestRow};
use crate::state::AppState;
use crate::store::{audit, cases as store, directory};
use actix_web::web;
use shared::calendar::ClockKind;
use shared::case::*;
use shared::{ApiErrorBody, Role};

/// The agency the caller writes for, if they are an agency author.
fn author_agency(conn: &mut DbConn, who: &Principal) -> ApiResult<Option<String>> {
    if !who.has(Role::AgencyAuthor) {
        return Ok(None);
    }
    Ok(directory::membership(conn, &who.tenant_id, &who.user_id)?.and_then(|m| m.agency_id))
}

/// The request if the caller may see it, and whether they may answer it.
fn visible(conn: &mut DbConn, who: &Principal, id: &str) -> ApiResult<(InformationRequestRow, String, bool)> {
    let (row, agency_name) = store::get_request(conn, &who.tenant_id, id)?.ok_or_else(ApiError::not_found)?;
    let own = author_agency(conn, who)?.is_some_and(|a| a == row.agency_id);
    if !own && !reads_cases(&who.roles) {
        return Err(ApiError::not_found());
    }
    Ok((row, agency_name, own))
}

fn full_view(
    state: &AppState,
    conn: &mut DbConn,
    who: &Principal,
    row: &InformationRequestRow,
    agency_name: &str,
    own: bool,
) -> ApiResult<InformationRequestView> {
    let case = store::get(conn, &who.tenant_id, &row.case_id)?.ok_or_else(ApiError::internal)?;
    let calendar = state.calendars.for_tenant(conn, &who.tenant_id)?;
    work::request_view(&calendar, today(), row, (agency_name, &case.reference), Some(&case.notification), own, true)
}

/// The requests to the caller's agency, soonest due first.
#[utoipa::path(
    get, path = "/api/v1/t/{tenant}/information-requests", operation_id = "list_information_requests", tag = "information requests",
    params(("tenant" = String, Path, description = "Partnership slug")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The requests to the caller's agency", body = Vec<InformationRequestView>),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "Not this token's partnership", body = ApiErrorBody),
    )
)]
pub async fn list(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Vec<InformationRequestView>>> {
    let st = state.clone();
    let items = state
        .db(move |conn| {
            let Some(agency) = author_agency(conn, &who)? else { return Ok(Vec::new()) };
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            let today = today();
            store::requests_of_agency(conn, &who.tenant_id, &agency)?
                .iter()
                .map(|(r, reference, name)| {
                    work::request_view(&calendar, today, r, (name, reference), None, true, false)
                })
                .collect::<ApiResult<Vec<_>>>()
        })
        .await?;
    Ok(web::Json(items))
}

/// One request, with what it asks about and the answer so far.
#[utoipa::path(
    get, path = "/api/v1/t/{tenant}/information-requests/{id}", operation_id = "get_information_request", tag = "information requests",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Request id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The request", body = InformationRequestView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Roles do not allow", body = ApiErrorBody),
        (status = 404, description = "No such request the caller may see", body = ApiErrorBody),
    )
)]
pub async fn get(
    state: web::Data<AppState>,
    who: Principal,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<web::Json<InformationRequestView>> {
    let id = path.into_inner().1.to_string();
    let st = state.clone();
    let view = state
        .db(move |conn| {
            let (row, agency_name, own) = visible(conn, &who, &id)?;
            full_view(&st, conn, &who, &row, &agency_name, own)
        })
        .await?;
    Ok(web::Json(view))
}

async fn answer(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    id: uuid::Uuid,
    response: Option<AdditionalInformation>,
) -> ApiResult<web::Json<InformationRequestView>> {
    let submit = response.is_none();
    let st = state.clone();
    let view = state
        .db(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let (mut row, agency_name, own) = visible(conn, &who, &id.to_string())?;
                if !own {
                    return Err(ApiError::forbidden());
                }
                if row.status == RequestStatus::Submitted.as_str() {
                    return Err(ApiError::invalid_stage("this request has been answered already"));
                }
                let from = row.status.clone();
                match response {
                    Some(r) => {
                        row.response = Some(work::to_json(&r)?);
                        row.status = RequestStatus::Draft.as_str().into();
                    }
                    None => {
                        let saved: AdditionalInformation =
                            row.response.as_deref().map(work::parse_json).transpose()?.unwrap_or_default();
                        let errors = validate_information(&saved, true);
                        if !errors.is_empty() {
                            return Err(ApiError::validation(errors));
                        }
                        let on = today();
                        row.status = RequestStatus::Submitted.as_str().into();
                        row.submitted_on = Some(on);
                        store::meet_clocks(
                            conn,
                            &row.tenant_id,
                            &row.case_id,
                            ClockKind::AgencyInformation.as_str(),
                            Some(&row.id),
                            on,
                        )?;
                    }
                }
                row.updated_at = now();
                if !store::update_request(conn, &row, &from)? {
                    return Err(ApiError::invalid_stage("the request changed meanwhile: reload it and try again"));
                }
                audit::record(
                    conn,
                    audit::Event {
                        tenant_id: &who.tenant_id,
                        actor_id: Some(&who.user_id),
                        action: if submit { "information_request.submit" } else { "information_request.save" },
                        entity_type: "information_request",
                        entity_id: Some(&row.id),
                        request_id: Some(&rid.0),
                    },
                )?;
                full_view(&st, conn, &who, &row, &agency_name, own)
            })
        })
        .await?;
    Ok(web::Json(view))
}

/// Save the agency's answer as a draft (the whole answer; boxes left out are emptied).
#[utoipa::path(
    put, path = "/api/v1/t/{tenant}/information-requests/{id}", operation_id = "save_information", tag = "information requests",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Request id")),
    request_body = AdditionalInformation,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The request", body = InformationRequestView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not an author of the agency asked", body = ApiErrorBody),
        (status = 404, description = "No such request the caller may see", body = ApiErrorBody),
        (status = 409, description = "Answered already", body = ApiErrorBody),
        (status = 422, description = "Values out of bounds", body = ApiErrorBody),
    )
)]
pub async fn save(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<AdditionalInformation>,
) -> ApiResult<web::Json<InformationRequestView>> {
    let response = body.into_inner();
    let errors = validate_information(&response, false);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    answer(state, who, rid, path.into_inner().1, Some(response)).await
}

/// Submit the saved answer; refused with the list of empty mandatory boxes.
#[utoipa::path(
    post, path = "/api/v1/t/{tenant}/information-requests/{id}/submit", operation_id = "submit_information", tag = "information requests",
    params(("tenant" = String, Path, description = "Partnership slug"), ("id" = uuid::Uuid, Path, description = "Request id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The request", body = InformationRequestView),
        (status = 401, description = "No valid access token", body = ApiErrorBody),
        (status = 403, description = "Not an author of the agency asked", body = ApiErrorBody),
        (status = 404, description = "No such request the caller may see", body = ApiErrorBody),
        (status = 409, description = "Answered already", body = ApiErrorBody),
        (status = 422, description = "Mandatory boxes are empty", body = ApiErrorBody),
    )
)]
pub async fn submit(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<web::Json<InformationRequestView>> {
    answer(state, who, rid, path.into_inner().1, None).await
}
