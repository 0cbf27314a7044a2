//! A referral on the wire, written straight from its row: the stored JSON of the form, the
//! recommendation and the decision goes out as it is (it was written by this server from the
//! typed values), neither parsed nor checked again: parsing and writing it again was most
//! of the time of a read, measured with `cargo xtask bench`. Tests check that both read back
//! as the `shared` types.
use crate::auth::principal::Principal;
use crate::error::{ApiError, ApiResult};
use crate::models::{ReferralRow, ReferralSummaryRow};
use crate::stamp::Stamp;
use actix_web::{http::header, HttpResponse};
use shared::referral::*;

/// A referral as answered: [`ReferralView`] on the wire, written as bytes (see the module).
#[derive(Debug)]
pub struct WireView {
    pub id: String,
    /// Its version: the `ETag` (`"7"`), named in a save's `If-Match`.
    pub version: i32,
    pub body: Vec<u8>,
}

impl actix_web::Responder for WireView {
    type Body = actix_web::body::BoxBody;

    fn respond_to(self, _req: &actix_web::HttpRequest) -> HttpResponse {
        HttpResponse::Ok()
            .content_type(header::ContentType::json())
            .insert_header((header::ETAG, format!("\"{}\"", self.version)))
            .body(self.body)
    }
}

/// The fields of a referral other than its stored JSON.
#[derive(serde::Serialize)]
struct WireHead<'a> {
    id: &'a str,
    stage: ReferralStage,
    referrer_id: &'a str,
    created_at: Stamp,
    updated_at: Stamp,
    submitted_at: Option<Stamp>,
    manager: Option<WireManager<'a>>,
    signed_off_at: Option<Stamp>,
    case_id: Option<&'a str>,
    return_reason: Option<&'a str>,
    allowed_actions: Vec<ReferralAction>,
    clock: Option<&'a shared::calendar::ClockView>,
    version: i32,
}

/// The caller as the stage machine sees them on this referral.
pub fn actor<'a>(row: &ReferralRow, who: &'a Principal) -> Actor<'a> {
    Actor {
        roles: &who.roles,
        is_referrer: row.referrer_id == who.user_id,
        is_manager: row.manager_id.as_deref() == Some(who.user_id.as_str()),
    }
}

/// The manager a referral was sent to, as the form's Senior Manager box shows them.
#[derive(serde::Serialize)]
struct WireManager<'a> {
    id: &'a str,
    name: &'a str,
    agency: &'a str,
}

/// The referral with its decision clock, once it has one.
pub fn view(row: &ReferralRow, who: &Principal, clock: Option<&shared::calendar::ClockView>) -> ApiResult<WireView> {
    let stage = row.stage;
    let actor = actor(row, who);
    let head = WireHead {
        id: &row.id,
        stage,
        referrer_id: &row.referrer_id,
        created_at: Stamp(row.created_at),
        updated_at: Stamp(row.updated_at),
        submitted_at: row.submitted_at.map(Stamp),
        manager: match (&row.manager_id, &row.manager_name, &row.manager_agency) {
            (Some(id), Some(name), Some(agency)) => Some(WireManager { id, name, agency }),
            _ => None,
        },
        signed_off_at: row.signed_off_at.map(Stamp),
        case_id: row.case_id.as_deref(),
        return_reason: row.return_reason.as_deref(),
        allowed_actions: allowed_actions(stage, actor),
        clock,
        version: row.version,
    };
    let extra = row.form.raw().len()
        + row.recommendation.as_ref().map_or(4, |r| r.raw().len())
        + row.decision.as_ref().map_or(4, |d| d.raw().len());
    let mut body = Vec::with_capacity(256 + extra);
    serde_json::to_writer(&mut body, &head).map_err(|_| ApiError::internal())?;
    body.pop(); // the closing brace: the stored JSON follows
    for (name, json) in [
        ("form", Some(row.form.raw())),
        ("recommendation", row.recommendation.as_ref().map(|r| r.raw())),
        ("decision", row.decision.as_ref().map(|d| d.raw())),
    ] {
        body.extend_from_slice(b",\"");
        body.extend_from_slice(name.as_bytes());
        body.extend_from_slice(b"\":");
        body.extend_from_slice(json.unwrap_or("null").as_bytes());
    }
    body.push(b'}');
    Ok(WireView { id: row.id.clone(), version: row.version, body })
}

/// A referral in a list: [`ReferralSummary`] on the wire, written straight from the row
/// (ids as stored, times by [`crate::stamp`]). A test checks that it reads back as a
/// `ReferralSummary`.
#[derive(Debug, serde::Serialize)]
pub struct WireSummary<'a> {
    id: &'a str,
    stage: ReferralStage,
    referrer_id: &'a str,
    review_type: Option<ReviewType>,
    created_at: Stamp,
    updated_at: Stamp,
    submitted_at: Option<Stamp>,
    child_name: &'a str,
}

pub fn summary(row: &ReferralSummaryRow) -> WireSummary<'_> {
    WireSummary {
        id: &row.id,
        stage: row.stage,
        referrer_id: &row.referrer_id,
        review_type: row.review_type,
        created_at: row.created_at,
        updated_at: row.updated_at,
        submitted_at: row.submitted_at,
        child_name: &row.child_name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_summary_reads_back_as_a_referral_summary() {
        let t = crate::models::now();
        let row = ReferralSummaryRow {
            id: uuid::Uuid::new_v4().to_string(),
            referrer_id: uuid::Uuid::new_v4().to_string(),
            stage: ReferralStage::Submitted,
            review_type: Some(ReviewType::CaseMappingExercise),
            created_at: Stamp(t),
            updated_at: Stamp(t),
            submitted_at: None,
            child_name: "Child \"Q\"".into(),
        };
        let wire = serde_json::to_string(&summary(&row)).unwrap();
        let back: ReferralSummary = serde_json::from_str(&wire).unwrap();
        assert_eq!(back.id.to_string(), row.id);
        assert_eq!(back.stage, ReferralStage::Submitted);
        assert_eq!(back.review_type, Some(ReviewType::CaseMappingExercise));
        assert_eq!(back.created_at, crate::stamp::utc(t));
        assert_eq!(back.submitted_at, None);
        assert_eq!(back.child_name, "Child \"Q\"");
        let mut chrono_way = serde_json::to_value(&back).unwrap();
        chrono_way.as_object_mut().unwrap().retain(|_, v| !v.is_null());
        let mut ours: serde_json::Value = serde_json::from_str(&wire).unwrap();
        ours.as_object_mut().unwrap().retain(|_, v| !v.is_null());
        assert_eq!(ours, chrono_way);
    }

    #[test]
    fn the_wire_view_reads_back_as_a_referral_view() {
        let form = crate::demo::example_form("Town", "Child");
        let rec = Recommendation {
            review_recommended: true,
            review_type: Some(ReviewType::Cspr),
            comments: "c \"quoted\"".into(),
            recommended_on: "2026-01-02".parse().unwrap(),
            reason: "r".into(),
            legal_advice_sought: false,
        };
        let t = crate::models::now();
        let row = ReferralRow {
            tenant_id: "t".into(),
            id: uuid::Uuid::new_v4().to_string(),
            referrer_id: uuid::Uuid::new_v4().to_string(),
            stage: ReferralStage::Recommended,
            review_type: Some(ReviewType::Cspr),
            form: crate::columns::Json::encode(&form).unwrap(),
            return_reason: None,
            recommendation: Some(crate::columns::Json::encode(&rec).unwrap()),
            decision: None,
            created_at: t,
            updated_at: t,
            submitted_at: Some(t),
            child_name: "Child".into(),
            manager_id: Some(uuid::Uuid::new_v4().to_string()),
            manager_name: Some("Jo \"M\"".into()),
            manager_agency: Some("Schools".into()),
            signed_off_at: Some(t),
            case_id: None,
            version: 0,
        };
        let who = Principal {
            user_id: "u".into(),
            tenant_slug: "t".into(),
            tenant_id: "t".into(),
            roles: vec![shared::Role::StrategicLead],
            enrolling: false,
        };
        let wire = String::from_utf8(view(&row, &who, None).unwrap().body).unwrap();
        let back: ReferralView = serde_json::from_str(&wire).unwrap();
        assert_eq!(back.form, form);
        assert_eq!(back.recommendation, Some(rec));
        assert_eq!(back.decision, None);
        assert_eq!(
            back.manager.map(|m| (m.id.to_string(), m.name)),
            Some((row.manager_id.clone().unwrap(), "Jo \"M\"".into()))
        );
        assert_eq!(back.signed_off_at, Some(crate::stamp::utc(t)));
        assert_eq!(back.stage, ReferralStage::Recommended);
        assert_eq!(back.allowed_actions, vec![ReferralAction::Decide]);
        assert_eq!(back.id.to_string(), row.id);
        assert_eq!(back.created_at, crate::stamp::utc(t));
    }
}
