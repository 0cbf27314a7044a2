//! The anonymisation check: the latest version scanned for the case's own identifiers (each
//! hit with its section and place), and the lead reviewer's waivers.
use super::context::{load, step};
use crate::api::{record_read, today};
use crate::auth::principal::{Principal, RequestId};
use crate::columns::Json;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::directory;
use actix_web::{get, post, web};
use serde::Serialize;
use shared::overview::anonymise::scan;
use shared::overview::waiver::{fold, key_of};
use shared::overview::{check_waiver, HitView, OverviewAction, OverviewView, WaiveForm, Waiver};
use shared::ApiErrorBody;

/// The check's answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AnonymisationView {
    /// The version checked (0 before the first save).
    pub version: u32,
    pub hits: Vec<HitView>,
    /// Hits neither fixed nor waived.
    pub left: usize,
}

/// Every identifier of the case found in the latest version, with its section and place.
#[utoipa::path(
    operation_id = "get_anonymisation", tag = "overview",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    responses(
        (status = 200, description = "The hits", body = AnonymisationView),
        (status = 404, description = "No such case, or not one the caller may read", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/cases/{id}/report/anonymisation")]
pub async fn get(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<web::Json<AnonymisationView>> {
    let id = path.into_inner().1.to_string();
    let reader = who.clone();
    let entity = id.clone();
    let view = state
        .db(move |conn| {
            let o = load(conn, &who, &id)?;
            let (hits, left) = o.check(conn)?;
            Ok(AnonymisationView { version: o.row.latest_version as u32, hits, left })
        })
        .await?;
    record_read(&state, &reader, &rid, "overview.anonymisation", "case", Some(entity));
    Ok(web::Json(view))
}

/// Waive a hit with a reason (the lead reviewer): it covers that text in that section.
#[utoipa::path(
    operation_id = "waive_hit", tag = "overview",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = WaiveForm,
    responses(
        (status = 200, description = "The report", body = OverviewView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 403, description = "Not the lead reviewer", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "No version yet, or sent already", body = ApiErrorBody),
        (status = 422, description = "No reason, or not a hit now", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/report/anonymisation/waivers")]
pub async fn waive(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<WaiveForm>,
) -> ApiResult<web::Json<OverviewView>> {
    let form = body.into_inner();
    step(&state, who, rid, path.into_inner().1, OverviewAction::Waive, "overview.waive", move |conn, _, o, who| {
        let Some(latest) = &o.latest else { return Err(ApiError::not_found()) };
        let ids = super::context::identifiers(conn, &o.review)?;
        let hits = scan(&latest.sections, &ids);
        ApiError::unless_invalid(check_waiver(&form, &hits))?;
        let (section, text) = key_of(&form);
        let mut waivers = o.row.waivers.decode()?;
        waivers.retain(|w| !(w.section == section && w.text == text));
        waivers.push(Waiver {
            section,
            text: fold(&form.found),
            reason: form.reason.trim().to_string(),
            by: directory::user_by_id(conn, &who.user_id)?.name,
            on: today(),
        });
        o.row.waivers = Json::encode(&waivers)?;
        Ok(true)
    })
    .await
}
