//! The partnership's working-day calendar, for planning and for other systems.
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{audit, calendar as store};
use actix_web::{get, put, web};
use chrono::NaiveDate;
use serde::Deserialize;
use shared::calendar::answer::{MAX_CLOSURE_DAYS, MAX_DAYS};
use shared::calendar::{ClosureDays, WorkingDaysAnswer};
use shared::{ApiErrorBody, FieldError};
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WorkingDaysQuery {
    /// The start date, YYYY-MM-DD.
    pub from: NaiveDate,
    /// Working days to add, 0 to 1000.
    pub days: u32,
}

/// The `days`-th working day strictly after `from`, on the partnership's calendar (its
/// region's bank holidays and its closure days), with a warning for any year whose bank
/// holidays are not known.
#[utoipa::path(
    operation_id = "working_days", tag = "calendar",
    params(WorkingDaysQuery),
    responses(
        (status = 200, description = "The due date", body = WorkingDaysAnswer),
        (status = 400, description = "Missing or malformed from/days", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/calendar/working-days")]
pub async fn working_days(
    state: web::Data<AppState>,
    who: Principal,
    q: web::Query<WorkingDaysQuery>,
) -> ApiResult<web::Json<WorkingDaysAnswer>> {
    let WorkingDaysQuery { from, days } = q.into_inner();
    if days > MAX_DAYS {
        return Err(ApiError::malformed(format!("days must be between 0 and {MAX_DAYS}")));
    }
    let st = state.clone();
    let calendar = state.db(move |conn| st.calendars.for_tenant(conn, &who.tenant_id)).await?;
    let r = calendar
        .add_working_days(from, days)
        .ok_or_else(|| ApiError::malformed("the date is too far in the future"))?;
    Ok(web::Json(WorkingDaysAnswer { from, days, due: r.value, region: calendar.region(), warnings: r.warnings }))
}

/// The partnership's own closure days.
#[utoipa::path(
    operation_id = "get_closure_days", tag = "calendar",
    responses(
        (status = 200, description = "The closure days", body = ClosureDays),
    )
)]
#[get("/api/v1/t/{tenant}/calendar/closures")]
pub async fn closures(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<ClosureDays>> {
    let days = state.db(move |conn| Ok(store::closures(conn, &who.tenant_id)?)).await?;
    Ok(web::Json(ClosureDays { days }))
}

/// Replace the partnership's closure days. Clocks already started keep their due dates.
#[utoipa::path(
    operation_id = "set_closure_days", tag = "calendar",
    request_body = ClosureDays,
    responses(
        (status = 200, description = "The closure days", body = ClosureDays),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 422, description = "Too many days", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/calendar/closures")]
pub async fn set_closures(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<ClosureDays>,
) -> ApiResult<web::Json<ClosureDays>> {
    let mut days = body.into_inner().days;
    days.sort();
    days.dedup();
    if days.len() > MAX_CLOSURE_DAYS {
        return Err(ApiError::validation(vec![FieldError::new(
            "days",
            "too_many",
            format!("A partnership can set at most {MAX_CLOSURE_DAYS} closure days"),
        )]));
    }
    let st = state.clone();
    let saved = days.clone();
    let tenant_id = who.tenant_id.clone();
    state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                store::set_closures(conn, &who.tenant_id, &days)?;
                audit::record(
                    conn,
                    audit::Event {
                        tenant_id: &who.tenant_id,
                        actor_id: Some(&who.user_id),
                        action: "calendar.set_closures",
                        entity_type: "tenant",
                        entity_id: Some(&who.tenant_id),
                        request_id: Some(&rid.0),
                        address: None,
                    },
                )?;
                Ok::<_, ApiError>(())
            })
        })
        .await?;
    st.calendars.forget(&tenant_id);
    Ok(web::Json(ClosureDays { days: saved }))
}
