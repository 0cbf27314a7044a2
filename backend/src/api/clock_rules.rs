//! The partnership's clock rules: read by everyone in it (each clock shows its rule), set
//! by the business office. A change applies to clocks started after it.
use crate::api::audit;
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::models::{now, ClockRuleRow};
use crate::state::AppState;
use crate::store::clock_rule as store;
use actix_web::{get, put, web};
use shared::calendar::{ClockKind, ClockRule, ClockRuleView};
use shared::ApiErrorBody;

/// Every kind of clock with the rule new clocks start under, the statutory default, and
/// the events it may start and stop at.
#[utoipa::path(
    operation_id = "list_clock_rules", tag = "calendar",
    responses(
        (status = 200, description = "The rules", body = [ClockRuleView]),
    )
)]
#[get("/api/v1/t/{tenant}/clock-rules")]
pub async fn list(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Vec<ClockRuleView>>> {
    let rules = state.db(move |conn| store::list(conn, &who.tenant_id)).await?;
    Ok(web::Json(rules))
}

/// Set the partnership's rule for one kind of clock. Clocks started before keep theirs.
#[utoipa::path(
    operation_id = "set_clock_rule", tag = "calendar",
    params(("kind" = ClockKind, Path, description = "The kind of clock")),
    request_body = ClockRule,
    responses(
        (status = 200, description = "The rule", body = ClockRuleView),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such kind of clock", body = ApiErrorBody),
        (status = 422, description = "Boxes need attention", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/clock-rules/{kind}")]
pub async fn set(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, String)>,
    body: web::Json<ClockRule>,
) -> ApiResult<web::Json<ClockRuleView>> {
    let kind = ClockKind::parse(&path.into_inner().1).ok_or_else(ApiError::not_found)?;
    let rule = body.into_inner();
    let errors = rule.check(kind);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let view = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                let row = ClockRuleRow {
                    tenant_id: who.tenant_id.clone(),
                    kind,
                    rule: store::encode(&rule)?,
                    changed_by: who.user_id.clone(),
                    changed_at: now(),
                };
                store::set(conn, &row)?;
                audit(conn, &who, &rid, "clock_rule.update", "clock_rule", kind.as_str())?;
                Ok::<_, ApiError>(ClockRuleView::of(kind, rule, Some(row.changed_at)))
            })
        })
        .await?;
    Ok(web::Json(view))
}
