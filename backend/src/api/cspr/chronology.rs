//! The one multi-agency chronology: every agency's submitted entries merged, filtered by
//! agency and period, as JSON or CSV; and the lead reviewer's sharing of it with the review
//! group (until then an agency's people see only their own agency's entries).
use super::context::{load, step};
use crate::api::{record_read, today};
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use crate::store::cspr as store;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use shared::cspr::chronology::ChronologyAgency;
use shared::cspr::{merge, quiet_periods, to_csv, ChronologyQuery, ChronologyView, CsprAction, CsprView, QUIET_DAYS};
use shared::ApiErrorBody;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChronologyParams {
    /// Only this agency's entries.
    pub agency: Option<uuid::Uuid>,
    /// From this day (inclusive).
    pub from: Option<chrono::NaiveDate>,
    /// To this day (inclusive).
    pub to: Option<chrono::NaiveDate>,
    /// `json` (the default) or `csv`.
    pub format: Option<String>,
}

/// The merged chronology: ordered by date and time, then agency. `?format=csv` answers the
/// same rows as CSV.
#[utoipa::path(
    operation_id = "get_chronology", tag = "cspr",
    params(("id" = uuid::Uuid, Path, description = "Case id"), ChronologyParams),
    responses(
        (status = 200, description = "The merged chronology (JSON, or CSV with `format=csv`)",
            content((ChronologyView = "application/json"), (String = "text/csv"))),
        (status = 400, description = "Bad filter", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
    )
)]
#[get("/api/v1/t/{tenant}/cases/{id}/chronology")]
pub async fn get(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
    q: web::Query<ChronologyParams>,
) -> ApiResult<HttpResponse> {
    let q = q.into_inner();
    let csv = match q.format.as_deref() {
        None | Some("json") => false,
        Some("csv") => true,
        Some(_) => return Err(ApiError::malformed("format must be json or csv")),
    };
    if let (Some(from), Some(to)) = (q.from, q.to) {
        if from > to {
            return Err(ApiError::malformed("from must not be after to"));
        }
    }
    let case_id = path.into_inner().1;
    let reader = who.clone();
    let view = state
        .db(move |conn| {
            let review = load(conn, &who, &case_id.to_string())?;
            let shared = review.cspr.chronology_shared_on.is_some();
            let only = review.actor.chronology_agency(shared);
            let rows = store::chronologies(conn, review.tenant(), review.case_id())?;
            let mut agencies = Vec::new();
            let mut all = Vec::new();
            for (id, name, entries) in rows {
                if only.is_some_and(|a| a != id.uuid()) {
                    continue;
                }
                let entries = entries.decode()?;
                agencies.push(ChronologyAgency { id: id.uuid(), name: name.clone(), entries: entries.len() });
                all.push((id.uuid(), name, entries));
            }
            agencies.sort_by(|a, b| a.name.cmp(&b.name));
            let entries = merge(all, &ChronologyQuery { agency: q.agency, from: q.from, to: q.to });
            Ok(ChronologyView { quiet_periods: quiet_periods(&entries, QUIET_DAYS), entries, agencies, shared })
        })
        .await?;
    record_read(&state, &reader, &rid, "cspr.chronology.read", "case", Some(case_id.to_string()));
    if csv {
        Ok(HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header(("Content-Disposition", "attachment; filename=\"chronology.csv\""))
            .body(to_csv(&view.entries)))
    } else {
        Ok(HttpResponse::Ok().json(view))
    }
}

/// Share the merged chronology with the review group (the lead reviewer): from then on an
/// agency's people see every agency's entries.
#[utoipa::path(
    operation_id = "share_chronology", tag = "cspr",
    params(("id" = uuid::Uuid, Path, description = "Case id")),
    responses(
        (status = 200, description = "The review", body = CsprView),
        (status = 403, description = "Not the lead reviewer", body = ApiErrorBody),
        (status = 404, description = "No such case", body = ApiErrorBody),
        (status = 409, description = "Shared already", body = ApiErrorBody),
    )
)]
#[post("/api/v1/t/{tenant}/cases/{id}/chronology/share")]
pub async fn share(
    state: web::Data<AppState>,
    who: Principal,
    rid: RequestId,
    path: web::Path<(String, uuid::Uuid)>,
) -> ApiResult<web::Json<CsprView>> {
    step(&state, who, rid, path.into_inner().1, CsprAction::ShareChronology, |_, _, review| {
        review.cspr.chronology_shared_on = Some(today());
        Ok(())
    })
    .await
}
