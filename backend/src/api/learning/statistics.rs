//! The timeliness statistics by quarter and the quarterly quality assurance report (a page's
//! data and a DOCX).
use crate::api::{audit, today};
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::learning::statistics as store;
use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use shared::learning::quality::total;
use shared::learning::statistics::timeliness;
use shared::learning::{QualityReport, Quarter, Timeliness};
use shared::ApiErrorBody;
use utoipa::IntoParams;

/// The quarters shown.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuartersQuery {
    /// The last quarter, e.g. `2026-Q4` (default: this quarter).
    pub to: Option<String>,
    /// How many quarters (1 to 20; default 4).
    pub quarters: Option<usize>,
}

/// The timeliness of the partnership's deadlines by quarter: of those due in each quarter and
/// decided (met, or past due), the share met on time. Notifications within their rule,
/// Additional Information within 7 working days, Rapid Reviews within 15, local CSPRs within 6
/// months, and actions closed by their due date.
#[utoipa::path(
    operation_id = "timeliness", tag = "learning",
    params(QuartersQuery),
    responses(
        (status = 200, description = "A series per measure", body = Timeliness),
        (status = 400, description = "A quarter not like 2026-Q4, or a count out of 1 to 20", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/statistics/timeliness")]
pub async fn timeliness_by_quarter(
    state: web::Data<AppState>,
    who: Principal,
    query: web::Query<QuartersQuery>,
) -> ApiResult<web::Json<Timeliness>> {
    let q = query.into_inner();
    let quarters = super::quarters_shown(q.to.as_deref(), q.quarters, 4)?;
    let t = state
        .db(move |conn| {
            let counts = store::timeliness(conn, &who.tenant_id, &quarters, today())?;
            Ok(timeliness(&quarters, &counts))
        })
        .await?;
    Ok(web::Json(t))
}

/// The quarter of the report.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QualityQuery {
    /// The quarter, e.g. `2026-Q4` (default: this quarter).
    pub quarter: Option<String>,
    /// `docx` for the Word document (default: JSON).
    pub format: Option<String>,
}

fn report(conn: &mut crate::db::DbConn, tenant_id: &str, q: Quarter) -> ApiResult<QualityReport> {
    let (from, to) = (q.first_day(), q.last_day());
    let cut = to.min(today());
    let actions = store::actions_by_agency(conn, tenant_id, from, to, cut)?;
    Ok(QualityReport {
        quarter: q.label(),
        total: total(&actions),
        actions,
        briefings_published: store::briefings_published(conn, tenant_id, from, to)?,
        reviews: store::reviews(conn, tenant_id, from, to)?,
    })
}

/// The quarterly quality assurance report: actions opened, closed and overdue by agency,
/// briefings published, and reviews started and finished; as JSON, or `format=docx`.
#[utoipa::path(
    operation_id = "quality_report", tag = "learning",
    params(QualityQuery),
    responses(
        (status = 200, description = "The report (or, with format=docx, the Word document)", body = QualityReport),
        (status = 400, description = "A quarter not like 2026-Q4, or a format other than docx", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/statistics/quality-report")]
pub async fn quality(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    query: web::Query<QualityQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let docx = match q.format.as_deref() {
        None | Some("json") => false,
        Some("docx") => true,
        Some(_) => return Err(ApiError::malformed("format must be docx or json")),
    };
    let quarter = super::quarter_named(q.quarter.as_deref())?;
    let (r, name) = state
        .db(move |conn| {
            let r = report(conn, &who.tenant_id, quarter)?;
            if docx {
                crate::db::write_transaction(conn, |conn| {
                    audit(conn, &who, &rid, "quality_report.export", "partnership", &who.tenant_id)
                })?;
            }
            let name = crate::store::directory::tenant_by_id(conn, &who.tenant_id)?.name;
            Ok((r, name))
        })
        .await?;
    if !docx {
        return Ok(HttpResponse::Ok().json(r));
    }
    let title = format!("{name}: quality assurance report, {}", r.quarter);
    let bytes = crate::word::quality_docx(&title, &r).map_err(|e| {
        tracing::error!(error = %e, "the Word document could not be written");
        ApiError::internal()
    })?;
    let file = r.quarter.replace(' ', "-");
    Ok(HttpResponse::Ok()
        .content_type("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"quality-report-{file}.docx\"")))
        .insert_header(("Cache-Control", "no-store"))
        .body(bytes))
}
