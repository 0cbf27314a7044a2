//! Rows as stored.
use crate::schema::*;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = tenants)]
pub struct TenantRow {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub region: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = agencies)]
pub struct AgencyRow {
    pub tenant_id: String,
    pub id: String,
    pub name: String,
    pub kind: String,
    pub strategic_lead: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = memberships)]
pub struct MembershipRow {
    pub tenant_id: String,
    pub user_id: String,
    pub agency_id: Option<String>,
    pub roles: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshTokenRow {
    pub tenant_id: String,
    pub id: String,
    pub user_id: String,
    pub family_id: String,
    pub token_hash: String,
    pub issued_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub revoked_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = audit_events)]
pub struct AuditRow {
    pub tenant_id: String,
    pub id: String,
    pub at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub request_id: Option<String>,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = referrals)]
pub struct ReferralRow {
    pub tenant_id: String,
    pub id: String,
    pub referrer_id: String,
    pub stage: String,
    pub review_type: Option<String>,
    pub form: String,
    pub return_reason: Option<String>,
    pub recommendation: Option<String>,
    pub decision: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
    /// The child's name from the form (lists show it).
    pub child_name: String,
}

/// The columns a referral list shows (no form: lists stay small).
#[derive(Debug, Clone, Queryable)]
pub struct ReferralSummaryRow {
    pub id: String,
    pub referrer_id: String,
    pub stage: String,
    pub review_type: Option<String>,
    pub created_at: crate::stamp::Stamp,
    pub updated_at: crate::stamp::Stamp,
    pub submitted_at: Option<crate::stamp::Stamp>,
    pub child_name: String,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = cases)]
pub struct CaseRow {
    pub tenant_id: String,
    pub id: String,
    pub reference: String,
    pub stage: String,
    pub referral_id: Option<String>,
    pub la_aware_on: NaiveDate,
    pub notification: String,
    pub notification_sent_on: Option<NaiveDate>,
    pub meeting: Option<String>,
    pub decision: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub report_sent_on: Option<NaiveDate>,
    pub created_by: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = information_requests)]
pub struct InformationRequestRow {
    pub tenant_id: String,
    pub id: String,
    pub case_id: String,
    pub agency_id: String,
    pub sent_on: NaiveDate,
    pub due_on: NaiveDate,
    pub status: String,
    pub response: Option<String>,
    pub submitted_on: Option<NaiveDate>,
    pub reminders: i32,
    pub last_reminded_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Insertable)]
#[diesel(table_name = clocks)]
pub struct ClockRow {
    pub tenant_id: String,
    pub id: String,
    pub case_id: String,
    pub kind: String,
    pub request_id: Option<String>,
    pub agency_id: Option<String>,
    pub started_on: NaiveDate,
    pub due_on: NaiveDate,
    pub met_on: Option<NaiveDate>,
    pub warnings: String,
}

pub fn now() -> NaiveDateTime {
    // Microsecond precision: both databases keep that much.
    let n = chrono::Utc::now().naive_utc();
    n.with_nanosecond((n.nanosecond() / 1000) * 1000).unwrap_or(n)
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

use chrono::Timelike;
