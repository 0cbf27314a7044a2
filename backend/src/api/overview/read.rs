//! Reading the report: the latest version with its threads, check and chain; any version;
//! the difference between two versions; and, for the Independent Scrutineer, the drafts
//! waiting for their comments in every partnership they belong to.
use super::context::{load, version_of};
use super::views;
use crate::api::{record_read, today};
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::overview as store;
use actix_web::{get, web};
use serde::Deserialize;
use shared::overview::diff::{counts, diff_sections};
use shared::overview::{DraftForComment, OverviewView, ReportVersion, VersionDiff};
use shared::{ApiErrorBody, Role};
use utoipa::IntoParams;

/// The overview report: the latest version, the versions, the threads, the anonymisation
/// check, the sign-off chain, the submission and the publication plan.
#[utoipa::path(
    operation_id = "get_overview", tag = "overview",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    responses(
        (status = 200, description = "The report", body = OverviewView),
        (status = 404, description = "No such case, or not one the caller may read", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/cases/{id}/report")]
pub async fn get(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<web::Json<OverviewView>> {
    let id = path.into_inner().1.to_string();
    let reader = who.clone();
    let st = state.clone();
    let view = state
        .db(move |conn| {
            let o = load(conn, &who, &id)?;
            let calendar = st.calendars.for_tenant(conn, &who.tenant_id)?;
            views::overview_view(conn, &calendar, &o, today())
        })
        .await?;
    record_read(&state, &reader, &rid, "overview.read", "case", Some(view.case_id.to_string()));
    Ok(web::Json(view))
}

/// One version of the report.
#[utoipa::path(
    operation_id = "get_overview_version", tag = "overview",
    params(
        ("id" = uuid::Uuid, Path, description = "Case id"),
        ("version" = u32, Path, description = "The version"),
    ),
    responses(
        (status = 200, description = "The version", body = ReportVersion),
        (status = 404, description = "No such case or version", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/cases/{id}/report/versions/{version}")]
pub async fn version(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid, u32)>,
) -> ApiResult<web::Json<ReportVersion>> {
    let (_, id, n) = path.into_inner();
    let id = id.to_string();
    let (reader, entity) = (who.clone(), id.clone());
    let v = state
        .db(move |conn| {
            let o = load(conn, &who, &id)?;
            let n = i32::try_from(n).map_err(|_| ApiError::not_found())?;
            let row = store::version(conn, &who.tenant_id, o.case_id(), n)?.ok_or_else(ApiError::not_found)?;
            version_of(&row)
        })
        .await?;
    record_read(&state, &reader, &rid, "overview.version", "case", Some(entity));
    Ok(web::Json(v))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DiffParams {
    /// The older version (required).
    pub from: Option<u32>,
    /// The newer version (required).
    pub to: Option<u32>,
}

/// The words added and removed between two versions, section by section.
#[utoipa::path(
    operation_id = "diff_overview", tag = "overview",
    params(("id" = uuid::Uuid, Path, description = "Case id"), DiffParams),
    responses(
        (status = 200, description = "The difference", body = VersionDiff),
        (status = 400, description = "Missing or bad versions", body = ApiErrorBody),
        (status = 404, description = "No such case or version", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/cases/{id}/report/diff")]
pub async fn diff(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    q: web::Query<DiffParams>,
) -> ApiResult<web::Json<VersionDiff>> {
    let (from, to) = (q.from, q.to);
    let id = path.into_inner().1.to_string();
    let (reader, entity) = (who.clone(), id.clone());
    let answer = state
        .db(move |conn| {
            let o = load(conn, &who, &id)?;
            let (Some(from), Some(to)) = (from, to) else {
                return Err(ApiError::malformed("give the versions to compare: ?from=1&to=2"));
            };
            let mut read = |n: u32| -> ApiResult<ReportVersion> {
                let n = i32::try_from(n).map_err(|_| ApiError::not_found())?;
                version_of(&store::version(conn, &who.tenant_id, o.case_id(), n)?.ok_or_else(ApiError::not_found)?)
            };
            let (old, new) = (read(from)?, read(to)?);
            let sections = diff_sections(&old.sections, &new.sections);
            let (words_added, words_removed) = sections.iter().fold((0, 0), |(a, r), s| {
                let (sa, sr) = counts(&s.parts);
                (a + sa, r + sr)
            });
            Ok(VersionDiff { from, to, sections, words_added, words_removed })
        })
        .await?;
    record_read(&state, &reader, &rid, "overview.diff", "case", Some(entity));
    Ok(web::Json(answer))
}

/// The drafts waiting for the caller's comments as the Independent Scrutineer of their
/// review, in every partnership they belong to (each row names the partnership).
#[utoipa::path(
    operation_id = "my_drafts_for_comment", tag = "overview",
    responses((status = 200, description = "The drafts, by partnership", body = Vec<DraftForComment>))
)]
#[get("/api/v1/me/drafts-for-comment")]
pub async fn drafts(state: web::Data<AppState>, who: Principal) -> ApiResult<web::Json<Vec<DraftForComment>>> {
    let list = state
        .db(move |conn| {
            let mut out = Vec::new();
            for (roles, (tenant_slug, tenant_name, case, cspr, report)) in
                store::drafts_for_scrutineer(conn, &who.user_id)?
            {
                let scrutineer = roles.split(',').filter_map(|r| Role::parse(r.trim())).any(|r| r == Role::Scrutineer);
                let commission = cspr.commission.as_ref().map(|c| c.decode()).transpose()?;
                if !scrutineer || commission.is_none_or(|c| c.scrutineer_id.to_string() != who.user_id) {
                    continue;
                }
                let open_threads = store::open_threads(conn, &case.tenant_id, &case.id)? as u32;
                out.push(DraftForComment {
                    tenant_slug,
                    tenant_name,
                    case_id: case.id.uuid(),
                    reference: case.reference.clone(),
                    version: report.latest_version as u32,
                    saved_on: report.latest_saved_on.unwrap_or_else(today),
                    open_threads,
                });
            }
            Ok(out)
        })
        .await?;
    Ok(web::Json(list))
}
