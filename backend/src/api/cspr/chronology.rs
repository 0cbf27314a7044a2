//! The one multi-agency chronology: every agency's submitted entries merged, filtered by
//! agency and period, as JSON or CSV; and the lead reviewer's sharing of it with the review
//! group (until then an agency's people see only their own agency's entries).
use super::context::{chronology_scope, step};
use crate::api::precondition::Tagged;
use crate::api::{record_read, today};
use crate::auth::principal::{Principal, RequestId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use serde::Deserialize;
use shared::cspr::chronology::ChronologyAgency;
use shared::cspr::{
    merge_from, quiet_periods, to_csv, ChronologyQuery, ChronologyView, CsprAction, CsprView, MergedRef, QUIET_DAYS,
};
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
    let st = state.clone();
    let query = ChronologyQuery { agency: q.agency, from: q.from, to: q.to };
    // the entries are borrowed from the kept chronologies and written straight out
    let body = state
        .db(move |conn| {
            let id = case_id.to_string();
            let scope = chronology_scope(conn, &who, &id)?;
            let kept = st.chronologies.of_case(conn, &who.tenant_id, &id)?;
            let mut agencies: Vec<ChronologyAgency> = Vec::with_capacity(kept.len());
            let mut borrowed = Vec::with_capacity(kept.len());
            for (agency, name, entries) in &kept {
                if scope.only.is_some_and(|a| a != agency.uuid()) {
                    continue;
                }
                agencies.push(ChronologyAgency { id: agency.uuid(), name: name.clone(), entries: entries.len() });
                borrowed.push((agency.uuid(), name.as_str(), entries.as_slice()));
            }
            agencies.sort_by(|a, b| a.name.cmp(&b.name));
            let entries = merge_from(&borrowed, &query);
            if csv {
                return Ok(to_csv(&entries).into_bytes());
            }
            let out = ChronologyOut {
                quiet_periods: quiet_periods(entries.iter().map(|e| e.date), QUIET_DAYS),
                entries,
                agencies,
                shared: scope.shared,
            };
            serde_json::to_vec(&out).map_err(|_| ApiError::internal())
        })
        .await?;
    record_read(&state, &reader, &rid, "cspr.chronology.read", "case", Some(case_id.to_string()));
    Ok(if csv {
        HttpResponse::Ok()
            .content_type("text/csv; charset=utf-8")
            .insert_header(("Content-Disposition", "attachment; filename=\"chronology.csv\""))
            .body(body)
    } else {
        HttpResponse::Ok().content_type("application/json").body(body)
    })
}

/// [`ChronologyView`] as written, its entries borrowed (the same fields: a test keeps them
/// so).
#[derive(serde::Serialize)]
struct ChronologyOut<'a> {
    entries: Vec<MergedRef<'a>>,
    agencies: Vec<ChronologyAgency>,
    quiet_periods: Vec<shared::cspr::QuietPeriod>,
    shared: bool,
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
) -> ApiResult<Tagged<CsprView>> {
    step(&state, who, rid, path.into_inner().1, CsprAction::ShareChronology, |_, _, review| {
        review.cspr.chronology_shared_on = Some(today());
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the handler writes reads back as the documented answer.
    #[test]
    fn the_written_answer_is_the_documented_view() {
        let e = shared::cspr::ChronologyEntry {
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 2),
            event: "Seen".into(),
            ..Default::default()
        };
        let entries = [e];
        let borrowed = [(uuid::Uuid::from_u128(1), "Police", &entries[..])];
        let merged = merge_from(&borrowed, &ChronologyQuery::default());
        let agencies = vec![ChronologyAgency { id: uuid::Uuid::from_u128(1), name: "Police".into(), entries: 1 }];
        let out = ChronologyOut { entries: merged, agencies, quiet_periods: Vec::new(), shared: true };
        let read: ChronologyView = serde_json::from_slice(&serde_json::to_vec(&out).unwrap()).unwrap();
        assert_eq!(read.entries[0].event, "Seen");
        assert_eq!(read.agencies[0].name, "Police");
        assert!(read.shared);
    }
}
