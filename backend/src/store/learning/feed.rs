//! Calendar feeds: a secret per person (only its hash kept), and the items of their feed.
use crate::auth::tokens::{hash_refresh, random_token};
use crate::columns::Json;
use crate::db::DbConn;
use crate::models::now;
use crate::schema::{actions as a, calendar_feeds as f, cases, clocks, csprs};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::calendar::ClockKind;
use shared::case::RapidReviewMeeting;
use shared::cspr::PractitionerEvent;
use shared::learning::feed::{FeedItem, FeedKind};
use shared::learning::ActionStatus;

/// Makes the person's feed secret, replacing (so revoking) any earlier one; answers the secret.
pub fn issue(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<String> {
    revoke(conn, tenant_id, user_id)?;
    let token = random_token();
    diesel::insert_into(f::table)
        .values((
            f::tenant_id.eq(tenant_id),
            f::user_id.eq(user_id),
            f::token_hash.eq(hash_refresh(&token)),
            f::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(token)
}

pub fn revoke(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<usize> {
    diesel::delete(f::table.find((tenant_id, user_id))).execute(conn)
}

/// When the person's feed was made, if they have one.
pub fn created(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<Option<NaiveDateTime>> {
    f::table.find((tenant_id, user_id)).select(f::created_at).first(conn).optional()
}

/// The partnership and person a secret is for.
pub fn owner_of(conn: &mut DbConn, token: &str) -> QueryResult<Option<(String, String)>> {
    f::table.filter(f::token_hash.eq(hash_refresh(token))).select((f::tenant_id, f::user_id)).first(conn).optional()
}

/// Who a feed is for: the person, their agency, and whether they follow every case (the
/// office, the leads and the reviewers) or only their agency's part.
pub struct FeedPerson<'a> {
    pub tenant_id: &'a str,
    pub user_id: &'a str,
    pub agency_id: Option<&'a str>,
    pub every_case: bool,
}

/// The items of a person's feed from `from` on: the open clocks they are part of, the Rapid
/// Review meetings and practitioner events (for those who follow every case), and the open
/// actions they own.
pub fn items(conn: &mut DbConn, who: &FeedPerson<'_>, from: NaiveDate) -> QueryResult<Vec<FeedItem>> {
    let mut out = Vec::new();
    // an agency's person follows their agency's clocks; one of no agency who does not follow
    // every case has none
    if !who.every_case && who.agency_id.is_none() {
        return own_actions(conn, who, out);
    }
    let mut q = clocks::table
        .inner_join(cases::table.on(cases::tenant_id.eq(clocks::tenant_id).and(cases::id.eq(clocks::case_id))))
        .filter(clocks::tenant_id.eq(who.tenant_id))
        .filter(clocks::met_on.is_null())
        .select((clocks::id, clocks::kind, clocks::due_on, cases::reference))
        .into_boxed();
    if let (false, Some(agency)) = (who.every_case, who.agency_id) {
        q = q.filter(clocks::agency_id.eq(agency));
    }
    let rows: Vec<(String, ClockKind, NaiveDate, String)> = q.limit(2000).load(conn)?;
    for (id, kind, due, reference) in rows {
        out.push(FeedItem {
            uid: format!("clock-{id}@cspr-hub"),
            on: due,
            kind: FeedKind::Clock,
            reference,
            step: format!("{} due", kind.label()),
        });
    }
    if who.every_case {
        let meetings: Vec<(String, String, Option<Json<RapidReviewMeeting>>)> = cases::table
            .filter(cases::tenant_id.eq(who.tenant_id))
            .filter(cases::meeting.is_not_null())
            .select((cases::id, cases::reference, cases::meeting))
            .load(conn)?;
        for (id, reference, meeting) in meetings {
            let held = meeting.and_then(|m| m.decode().ok()).and_then(|m| m.held_on);
            if let Some(on) = held.filter(|d| *d >= from) {
                out.push(FeedItem {
                    uid: format!("meeting-{id}@cspr-hub"),
                    on,
                    kind: FeedKind::Meeting,
                    reference,
                    step: "Rapid Review meeting".into(),
                });
            }
        }
        let events: Vec<(String, String, Option<Json<PractitionerEvent>>)> = csprs::table
            .inner_join(cases::table.on(cases::tenant_id.eq(csprs::tenant_id).and(cases::id.eq(csprs::case_id))))
            .filter(csprs::tenant_id.eq(who.tenant_id))
            .filter(csprs::event.is_not_null())
            .select((csprs::case_id, cases::reference, csprs::event))
            .load(conn)?;
        for (id, reference, event) in events {
            let held = event.and_then(|e| e.decode().ok()).and_then(|e| e.held_on);
            if let Some(on) = held.filter(|d| *d >= from) {
                out.push(FeedItem {
                    uid: format!("event-{id}@cspr-hub"),
                    on,
                    kind: FeedKind::Event,
                    reference,
                    step: "Practitioner learning event".into(),
                });
            }
        }
    }
    own_actions(conn, who, out)
}

/// Adds the person's open actions to `out`, and answers the feed's items in date order.
fn own_actions(conn: &mut DbConn, who: &FeedPerson<'_>, mut out: Vec<FeedItem>) -> QueryResult<Vec<FeedItem>> {
    let actions: Vec<(String, String, NaiveDate)> = a::table
        .filter(a::tenant_id.eq(who.tenant_id))
        .filter(a::owner_person_id.eq(who.user_id))
        .filter(a::status.ne(ActionStatus::Closed))
        .select((a::id, a::reference, a::due_on))
        .load(conn)?;
    for (id, reference, due) in actions {
        out.push(FeedItem {
            uid: format!("action-{id}@cspr-hub"),
            on: due,
            kind: FeedKind::Action,
            reference,
            step: "Action due".into(),
        });
    }
    out.sort_by(|x, y| x.on.cmp(&y.on).then_with(|| x.uid.cmp(&y.uid)));
    Ok(out)
}
