//! The partnership's own section headings for a first draft of an overview report (the
//! business office): by default the framework's.
use crate::api::audit;
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::overview as store;
use actix_web::{get, put, web};
use shared::overview::document::clean;
use shared::overview::{check_save, SaveReport, Section};
use shared::ApiErrorBody;

/// The headings a first draft starts from.
#[utoipa::path(
    operation_id = "get_report_headings", tag = "partnership",
    responses((status = 200, description = "The sections (texts empty)", body = Vec<Section>))
)]
#[get("/api/v1/t/{tenant}/settings/report-sections")]
pub async fn get(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Vec<Section>>> {
    Ok(web::Json(state.db(move |conn| store::headings(conn, &who.tenant_id)).await?))
}

/// Set the headings a first draft starts from (keys and headings; texts are ignored).
#[utoipa::path(
    operation_id = "set_report_headings", tag = "partnership",
    request_body = Vec<Section>,
    responses(
        (status = 200, description = "The sections as stored", body = Vec<Section>),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/settings/report-sections")]
pub async fn set(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<Vec<Section>>,
) -> ApiResult<web::Json<Vec<Section>>> {
    let sections: Vec<Section> =
        clean(&body.into_inner()).into_iter().map(|s| Section { text: String::new(), ..s }).collect();
    ApiError::unless_invalid(check_save(&SaveReport { base_version: 0, sections: sections.clone() }))?;
    let stored = sections.clone();
    state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                store::set_headings(conn, &who.tenant_id, &stored)?;
                audit(conn, &who, &rid, "settings.report_sections", "settings", &who.tenant_id)
            })
        })
        .await?;
    Ok(web::Json(sections))
}
