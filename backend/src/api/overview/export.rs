//! The signed-off version as a Word document: headings, numbered paragraphs, and the merged
//! chronology as an appendix table. Every export is audited.
use super::context::{load, version_of};
use crate::api::audit;
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::overview as store;
use actix_web::{get, web, HttpResponse};
use serde::Deserialize;
use shared::cspr::{merge_from, ChronologyQuery};
use shared::overview::signed_off_version;
use shared::ApiErrorBody;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `docx` (the only format).
    pub format: Option<String>,
}

/// The media type of a Word document.
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The latest version signed off in full, as DOCX.
#[utoipa::path(
    operation_id = "export_overview", tag = "overview",
    params(("id" = uuid::Uuid, Path, description = "Case id"), ExportParams),
    responses(
        (status = 200, description = "The Word document", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = Vec<u8>),
        (status = 400, description = "A format other than docx", body = ApiErrorBody),
        (status = 404, description = "No such case, or not one the caller may read", body = ApiErrorBody),
        (status = 409, description = "No version is signed off in full yet", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/cases/{id}/report/export")]
pub async fn export(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    q: web::Query<ExportParams>,
) -> ApiResult<HttpResponse> {
    match q.format.as_deref() {
        None | Some("docx") => {}
        Some(_) => return Err(ApiError::malformed("format must be docx")),
    }
    let case_id = path.into_inner().1.to_string();
    let st = state.clone();
    let (bytes, reference, version) = state
        .db(move |conn| {
            let o = load(conn, &who, &case_id)?;
            let signed = signed_off_version(&o.row.signoffs.decode()?, &o.lead_agencies)
                .ok_or_else(|| ApiError::invalid_stage("no version of the report is signed off in full yet"))?;
            let row = store::version(conn, &who.tenant_id, &case_id, signed as i32)?.ok_or_else(ApiError::not_found)?;
            let version = version_of(&row)?;
            let kept = st.chronologies.of_case(conn, &who.tenant_id, &case_id)?;
            let borrowed: Vec<_> =
                kept.iter().map(|(a, name, entries)| (a.uuid(), name.as_str(), entries.as_slice())).collect();
            let merged = merge_from(&borrowed, &ChronologyQuery::default());
            let title = format!("Child Safeguarding Practice Review {}", o.review.case.reference);
            let bytes = crate::word::overview_docx(&title, &version, &merged).map_err(|e| {
                tracing::error!(error = %e, "the Word document could not be written");
                ApiError::internal()
            })?;
            crate::db::write_transaction(conn, |conn| audit(conn, &who, &rid, "overview.export", "case", &case_id))?;
            Ok((bytes, o.review.case.reference.clone(), signed))
        })
        .await?;
    let name: String = reference.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    Ok(HttpResponse::Ok()
        .content_type(DOCX)
        .insert_header(("Content-Disposition", format!("attachment; filename=\"overview-{name}-v{version}.docx\"")))
        .insert_header(("Cache-Control", "no-store"))
        .body(bytes))
}
