//! Each person's calendar feed: made (or made anew, which revokes the old address) and revoked
//! by its person, and read by calendar programs at its secret address without signing in.
use crate::api::{audit, today};
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::learning::feed::{self as store, FeedPerson};
use actix_web::{delete, get, post, web, HttpResponse};
use shared::learning::feed::{ics, FeedStatus, FOLLOW_EVERY_CASE};
use shared::ApiErrorBody;

/// Whether the person has a feed.
#[utoipa::path(
    operation_id = "get_calendar_feed", tag = "learning",
    responses((status = 200, description = "Whether the feed is on (its address is shown only when made)", body = FeedStatus))
)]
#[get("/api/v1/t/{tenant}/calendar-feed")]
pub async fn status(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<FeedStatus>> {
    let created = state.db(move |conn| Ok(store::created(conn, &who.tenant_id, &who.user_id)?)).await?;
    Ok(web::Json(FeedStatus { active: created.is_some(), created_at: created.map(|t| t.and_utc()), url: None }))
}

/// Make the person's feed: a new secret address (any earlier one stops working).
#[utoipa::path(
    operation_id = "make_calendar_feed", tag = "learning",
    responses((status = 200, description = "The feed, with its secret address (shown this once)", body = FeedStatus))
)]
#[post("/api/v1/t/{tenant}/calendar-feed")]
pub async fn make(state: web::Data<AppState>, who: Principal, rid: RequestId) -> ApiResult<web::Json<FeedStatus>> {
    let base = state.link_base();
    let made = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let token = store::issue(conn, &who.tenant_id, &who.user_id)?;
                audit(conn, &who, &rid, "calendar_feed.made", "person", &who.user_id)?;
                Ok(FeedStatus {
                    active: true,
                    created_at: store::created(conn, &who.tenant_id, &who.user_id)?.map(|t| t.and_utc()),
                    url: Some(format!("{base}/api/v1/feeds/{token}")),
                })
            })
        })
        .await?;
    Ok(web::Json(made))
}

/// Revoke the person's feed: its address stops working.
#[utoipa::path(
    operation_id = "revoke_calendar_feed", tag = "learning",
    responses((status = 200, description = "The feed is off", body = FeedStatus))
)]
#[delete("/api/v1/t/{tenant}/calendar-feed")]
pub async fn revoke(state: web::Data<AppState>, who: Principal, rid: RequestId) -> ApiResult<web::Json<FeedStatus>> {
    state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                store::revoke(conn, &who.tenant_id, &who.user_id)?;
                audit(conn, &who, &rid, "calendar_feed.revoked", "person", &who.user_id)
            })
        })
        .await?;
    Ok(web::Json(FeedStatus { active: false, created_at: None, url: None }))
}

/// A person's calendar (iCalendar): the open clocks, meetings, events and actions they are
/// part of. No child's or family's name: titles give the case's reference and the step. The
/// secret address is the only key: an unknown or revoked one answers 404.
#[utoipa::path(
    operation_id = "calendar_feed", tag = "learning",
    params(("token" = String, Path, description = "The feed's secret")),
    responses(
        (status = 200, description = "The calendar", content_type = "text/calendar", body = String),
        (status = 404, description = "No such feed (revoked, or never made)", body = ApiErrorBody),
    )
)]
#[get("/api/v1/feeds/{token}")]
pub async fn feed(state: web::Data<AppState>, path: web::Path<String>) -> ApiResult<HttpResponse> {
    let token = path.into_inner();
    let token = token.strip_suffix(".ics").unwrap_or(&token).to_string();
    if token.len() > 100 {
        return Err(ApiError::not_found());
    }
    let body = state
        .db(move |conn| {
            let (tenant_id, user_id) = store::owner_of(conn, &token)?.ok_or_else(ApiError::not_found)?;
            let membership =
                crate::store::directory::membership(conn, &tenant_id, &user_id)?.filter(|m| m.removed_at.is_none());
            let Some(m) = membership else { return Err(ApiError::not_found()) };
            let roles = crate::store::directory::roles_of(&m);
            let agency = m.agency_id.as_ref().map(|a| a.as_str().to_string());
            let who = FeedPerson {
                tenant_id: &tenant_id,
                user_id: &user_id,
                agency_id: agency.as_deref(),
                every_case: roles.iter().any(|r| FOLLOW_EVERY_CASE.contains(r)),
            };
            let from = today() - chrono::Duration::days(90);
            let items = store::items(conn, &who, from)?;
            let name = crate::store::directory::tenant_by_id(conn, &tenant_id)?.name;
            Ok(ics(&format!("CSPR Hub: {name}"), &items, crate::models::now()))
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .insert_header(("Referrer-Policy", "no-referrer"))
        .body(body))
}
