//! The partnership's themes: the list (the office edits it), the themes of a case, and the
//! themes across cases over time, by quarter, with those that recur first.
use crate::api::{audit, today};
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::{case as case_store, learning as store};
use actix_web::{get, put, web};
use serde::Deserialize;
use shared::learning::{check_tags, check_themes, themes_over_time, CaseThemes, ThemeList, ThemeView, ThemesOverTime};
use shared::ApiErrorBody;
use utoipa::IntoParams;

/// The partnership's themes, in its order (retired ones too, marked).
#[utoipa::path(
    operation_id = "list_themes", tag = "learning",
    responses((status = 200, description = "The themes", body = Vec<ThemeView>))
)]
#[get("/api/v1/t/{tenant}/themes")]
pub async fn list(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Vec<ThemeView>>> {
    Ok(web::Json(state.db(move |conn| store::themes(conn, &who.tenant_id)).await?))
}

/// Save the whole list, in its order: a theme with an id is changed, one without is added,
/// one left out is removed (a theme tagged on a case must be retired instead).
#[utoipa::path(
    operation_id = "set_themes", tag = "learning",
    request_body = ThemeList,
    responses(
        (status = 200, description = "The themes as saved", body = Vec<ThemeView>),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "An id that is not one of the partnership's themes", body = ApiErrorBody),
        (status = 409, description = "A theme left out is tagged on a case (`invalid_stage`): retire it instead", body = ApiErrorBody),
        (status = 422, description = "No theme, or a label empty, too long or twice in the list", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/themes")]
pub async fn set(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    body: web::Json<ThemeList>,
) -> ApiResult<web::Json<Vec<ThemeView>>> {
    let form = body.into_inner();
    ApiError::unless_invalid(check_themes(&form.themes))?;
    let saved = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                store::save_themes(conn, &who.tenant_id, &form.themes)?;
                audit(conn, &who, &rid, "themes.set", "partnership", &who.tenant_id)?;
                store::themes(conn, &who.tenant_id)
            })
        })
        .await?;
    Ok(web::Json(saved))
}

/// The themes a case is tagged with.
#[utoipa::path(
    operation_id = "get_case_themes", tag = "learning",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    responses(
        (status = 200, description = "The case's themes", body = Vec<ThemeView>),
        (status = 404, description = "No such case", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/cases/{id}/themes")]
pub async fn of_case(
    state: web::Data<AppState>,
    who: Principal,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<web::Json<Vec<ThemeView>>> {
    let id = path.into_inner().1.to_string();
    let themes = state
        .db(move |conn| {
            case_store::get(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::not_found)?;
            store::themes_of_case(conn, &who.tenant_id, &id)
        })
        .await?;
    Ok(web::Json(themes))
}

/// Tag a case with exactly these themes (those left out are taken off).
#[utoipa::path(
    operation_id = "tag_case_themes", tag = "learning",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    request_body = CaseThemes,
    responses(
        (status = 200, description = "The case's themes", body = Vec<ThemeView>),
        (status = 400, description = "Malformed body", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 422, description = "A theme not on the list, retired, or named twice", body = ApiErrorBody),
    )
)]
#[put("/api/v1/t/{tenant}/cases/{id}/themes")]
pub async fn tag(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    body: web::Json<CaseThemes>,
) -> ApiResult<web::Json<Vec<ThemeView>>> {
    let id = path.into_inner().1.to_string();
    let tags = body.into_inner();
    let themes = state
        .db_write(move |conn| {
            crate::db::write_transaction(conn, |conn| {
                crate::store::lock::case(conn, &who.tenant_id, &id)?;
                case_store::get(conn, &who.tenant_id, &id)?.ok_or_else(ApiError::not_found)?;
                let known = store::themes(conn, &who.tenant_id)?;
                let already: Vec<uuid::Uuid> =
                    store::themes_of_case(conn, &who.tenant_id, &id)?.into_iter().map(|t| t.id).collect();
                ApiError::unless_invalid(check_tags(&tags, &known, &already))?;
                store::tag_case(conn, &who.tenant_id, &id, &tags.theme_ids, today())?;
                audit(conn, &who, &rid, "case.themes_tagged", "case", &id)?;
                store::themes_of_case(conn, &who.tenant_id, &id)
            })
        })
        .await?;
    Ok(web::Json(themes))
}

/// The quarters shown: `to` (default this one) and the `quarters` before it.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OverTimeQuery {
    /// The last quarter shown, e.g. `2026-Q4` (default: this quarter).
    pub to: Option<String>,
    /// How many quarters (1 to 20; default 8).
    pub quarters: Option<usize>,
}

/// The themes across the partnership's cases over time: for each quarter, how many cases the
/// local authority became aware of in it are tagged with each theme; the themes that recur
/// (3 cases or more in the last 4 quarters shown) first.
#[utoipa::path(
    operation_id = "themes_over_time", tag = "learning",
    params(OverTimeQuery),
    responses(
        (status = 200, description = "Cases by theme and quarter", body = ThemesOverTime),
        (status = 400, description = "A quarter not like 2026-Q4, or a count out of 1 to 20", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/themes/over-time")]
pub async fn over_time(
    state: web::Data<AppState>,
    who: Principal,
    query: web::Query<OverTimeQuery>,
) -> ApiResult<web::Json<ThemesOverTime>> {
    let q = query.into_inner();
    let quarters = super::quarters_shown(q.to.as_deref(), q.quarters, 8)?;
    let last = *quarters.last().ok_or_else(ApiError::internal)?;
    let view = state
        .db(move |conn| {
            let (from, to) = (quarters[0].first_day(), last.last_day());
            let known = store::themes(conn, &who.tenant_id)?;
            let tags = store::tags_between(conn, &who.tenant_id, from, to)?;
            Ok(themes_over_time(known, &tags, quarters))
        })
        .await?;
    Ok(web::Json(view))
}
