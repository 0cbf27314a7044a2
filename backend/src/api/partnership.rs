//! The partnership's set-up: its agencies (every member reads them; the business office adds
//! and changes them) and the national addresses later stages send to.
use crate::api::audit;
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{directory, settings};
use actix_web::http::StatusCode;
use actix_web::{get, post, put, web, HttpResponse};
use shared::agency::{same_name, AgencyForm, AgencyView, DUPLICATE_NAME};
use shared::settings::FrameworkAddresses;
use shared::{ApiErrorBody, ErrorCode, FieldError};

/// Every agency of the partnership.
#[utoipa::path(
    operation_id = "list_agencies", tag = "partnership",
    responses(
        (status = 200, description = "Agencies, by name", body = Vec<AgencyView>),
    )
)]
#[get("/api/v1/t/{tenant}/agencies")]
pub async fn agencies(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Vec<AgencyView>>> {
    let rows = state.db(move |conn| Ok(directory::agencies_of(conn, &who.tenant_id)?)).await?;
    Ok(web::Json(rows.iter().map(directory::agency_view).collect()))
}

fn duplicate() -> ApiError {
    let mut e = ApiError::new(StatusCode::CONFLICT, ErrorCode::Conflict, DUPLICATE_NAME);
    e.fields = vec![FieldError::new("name", "duplicate", DUPLICATE_NAME)];
    e
}

/// Whether another agency of the partnership (not `except`) has this name.
fn name_taken(conn: &mut crate::db::DbConn, tenant_id: &str, name: &str, except: Option<&str>) -> ApiResult<bool> {
    Ok(directory::agencies_of(conn, tenant_id)?
        .iter()
        .any(|a| same_name(&a.name, name) && except.is_none_or(|id| a.id.as_str() != id)))
}

/// Add an agency to the partnership.
#[utoipa::path(
    operation_id = "create_agency", tag = "partnership",
    request_body = AgencyForm,
    responses(
        (status = 201, description = "Added", body = AgencyView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 409, description = "The partnership has an agency of this name (`conflict`)", body = ApiErrorBody),
        (status = 422, description = "No name, or too long", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/agencies")]
pub async fn create_agency(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<AgencyForm>,
) -> ApiResult<HttpResponse> {
    let form = body.into_inner();
    let problems = form.problems();
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let row = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let name = form.clean_name();
                if name_taken(conn, &who.tenant_id, &name, None)? {
                    return Err(duplicate());
                }
                let mut row = directory::create_agency(conn, &who.tenant_id, &name, form.kind, form.strategic_lead)?;
                if !form.active {
                    directory::update_agency(
                        conn,
                        &who.tenant_id,
                        &row.id,
                        &name,
                        form.kind,
                        form.strategic_lead,
                        false,
                    )?;
                    row.active = false;
                }
                audit(conn, &who, &rid, "agency.create", "agency", &row.id)?;
                Ok(row)
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(directory::agency_view(&row)))
}

/// Change an agency: its name, kind, strategic-lead flag, and whether it is active (an
/// inactive one is not offered for new requests or people; old records still name it).
#[utoipa::path(
    operation_id = "update_agency", tag = "partnership",
    params(("id" = uuid::Uuid, Path, description = "Agency id")),
    request_body = AgencyForm,
    responses(
        (status = 200, description = "Changed", body = AgencyView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such agency", body = ApiErrorBody),
        (status = 409, description = "Another agency has this name (`conflict`)", body = ApiErrorBody),
        (status = 422, description = "No name, or too long", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/agencies/{id}")]
pub async fn update_agency(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<AgencyForm>,
) -> ApiResult<web::Json<AgencyView>> {
    let id = path.into_inner().1.to_string();
    let form = body.into_inner();
    let problems = form.problems();
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let row = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                directory::agency_by_id(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::not_found)?;
                let name = form.clean_name();
                if name_taken(conn, &who.tenant_id, &name, Some(&id))? {
                    return Err(duplicate());
                }
                directory::update_agency(
                    conn,
                    &who.tenant_id,
                    &id,
                    &name,
                    form.kind,
                    form.strategic_lead,
                    form.active,
                )?;
                audit(conn, &who, &rid, "agency.update", "agency", &id)?;
                directory::agency_by_id(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::not_found)
            })
        })
        .await?;
    Ok(web::Json(directory::agency_view(&row)))
}

/// The national addresses later stages send to (the framework's unless the office changed
/// them).
#[utoipa::path(
    operation_id = "get_framework_addresses", tag = "partnership",
    responses((status = 200, description = "The addresses", body = FrameworkAddresses))
)]
#[get("/api/v1/t/{tenant}/settings/addresses")]
pub async fn get_addresses(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<FrameworkAddresses>> {
    Ok(web::Json(state.db(move |conn| Ok(settings::addresses(conn, &who.tenant_id)?)).await?))
}

/// Set the national addresses: the National Panel's, Ofsted's and the DfE's.
#[utoipa::path(
    operation_id = "set_framework_addresses", tag = "partnership",
    request_body = FrameworkAddresses,
    responses(
        (status = 200, description = "The addresses", body = FrameworkAddresses),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 422, description = "An address missing or not an e-mail address", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/settings/addresses")]
pub async fn set_addresses(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<FrameworkAddresses>,
) -> ApiResult<web::Json<FrameworkAddresses>> {
    let addresses = body.into_inner();
    let problems = addresses.problems();
    if !problems.is_empty() {
        return Err(ApiError::validation(problems));
    }
    let addresses = addresses.cleaned();
    let saved = addresses.clone();
    state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                settings::set_addresses(conn, &who.tenant_id, &addresses)?;
                audit(conn, &who, &rid, "settings.addresses", "settings", &who.tenant_id)
            })
        })
        .await?;
    Ok(web::Json(saved))
}
