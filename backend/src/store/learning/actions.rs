//! Actions (issue 15): each with its owners, due date, status, history and themes.
use crate::columns::Id;
use crate::db::DbConn;
use crate::error::{ApiError, ApiResult};
use crate::models::now;
use crate::schema::{action_themes as at, action_updates as au, actions as a, memberships, users};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use shared::learning::actions::{is_overdue, ActionMove};
use shared::learning::{ActionFilter, ActionSource, ActionStatus, ActionUpdate, ActionUpdateKind, ActionView};

#[derive(Debug, Clone, Queryable, Insertable, Selectable)]
#[diesel(table_name = a)]
pub struct ActionRow {
    pub tenant_id: String,
    pub id: Id,
    pub case_id: Option<Id>,
    pub referral_id: Option<Id>,
    pub reference: String,
    pub source: ActionSource,
    pub description: String,
    pub owner_agency_id: Option<Id>,
    pub owner_agency: String,
    pub owner_person_id: Option<Id>,
    pub due_on: NaiveDate,
    pub status: ActionStatus,
    pub evidence: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub agreed_by: Option<String>,
    pub reminded_before_on: Option<NaiveDate>,
    pub reminded_overdue_on: Option<NaiveDate>,
    pub version: i32,
    pub created_on: NaiveDate,
    pub updated_at: NaiveDateTime,
}

/// A new action's row.
#[allow(clippy::too_many_arguments)]
pub fn new_row(
    tenant_id: &str,
    case: Option<(&Id, &str)>,
    referral_id: Option<&Id>,
    source: ActionSource,
    description: &str,
    agency: (Option<Id>, String),
    person: Option<Id>,
    due_on: NaiveDate,
    today: NaiveDate,
) -> ActionRow {
    ActionRow {
        tenant_id: tenant_id.to_string(),
        id: Id::new(),
        case_id: case.map(|(id, _)| *id),
        referral_id: referral_id.copied(),
        reference: match (case, referral_id) {
            (Some((_, r)), _) => r.to_string(),
            (None, Some(id)) => format!("Referral {}", id.as_str().get(..8).unwrap_or_default()),
            (None, None) => String::new(),
        },
        source,
        description: description.trim().to_string(),
        owner_agency_id: agency.0,
        owner_agency: agency.1,
        owner_person_id: person,
        due_on,
        status: ActionStatus::Open,
        evidence: None,
        closed_on: None,
        agreed_by: None,
        reminded_before_on: None,
        reminded_overdue_on: None,
        version: 1,
        created_on: today,
        updated_at: now(),
    }
}

pub fn insert(conn: &mut DbConn, row: &ActionRow) -> QueryResult<()> {
    diesel::insert_into(a::table).values(row.clone()).execute(conn).map(drop)
}

pub fn get(conn: &mut DbConn, tenant_id: &str, id: &str) -> QueryResult<Option<ActionRow>> {
    a::table.find((tenant_id, id)).select(ActionRow::as_select()).first(conn).optional()
}

/// The actions on the board: the partnership's, filtered (and for an agency author, only their
/// agency's or their own: `only_for`).
pub fn list(
    conn: &mut DbConn,
    tenant_id: &str,
    filter: &ActionFilter,
    only_for: Option<(&str, Option<&str>)>,
) -> QueryResult<Vec<ActionRow>> {
    let mut q = a::table.filter(a::tenant_id.eq(tenant_id)).select(ActionRow::as_select()).into_boxed();
    if let Some(agency) = filter.agency_id {
        q = q.filter(a::owner_agency_id.eq(agency.to_string()));
    }
    if let Some(status) = filter.status {
        q = q.filter(a::status.eq(status));
    }
    if let Some(case) = filter.case_id {
        q = q.filter(a::case_id.eq(case.to_string()));
    }
    if let Some((person, agency)) = only_for {
        q = match agency {
            Some(agency) => q.filter(a::owner_person_id.eq(person).or(a::owner_agency_id.eq(agency))),
            None => q.filter(a::owner_person_id.eq(person)),
        };
    }
    q.order((a::due_on, a::id)).limit(2000).load(conn)
}

/// The actions of a case.
pub fn of_case(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<Vec<ActionRow>> {
    a::table
        .filter(a::tenant_id.eq(tenant_id))
        .filter(a::case_id.eq(case_id))
        .select(ActionRow::as_select())
        .order(a::due_on)
        .load(conn)
}

/// Writes a move: the new status (and evidence, closing), raising the version if it is still
/// the one read (else 409 `edit_conflict`), and adds the entry to the history.
#[allow(clippy::too_many_arguments)]
pub fn apply(
    conn: &mut DbConn,
    row: &ActionRow,
    m: &ActionMove,
    text: &str,
    author: (&str, &str),
    on: NaiveDate,
) -> ApiResult<()> {
    let closed_on = if m.closed { Some(on) } else { row.closed_on };
    let agreed_by = if m.closed { Some(author.1.to_string()) } else { row.agreed_by.clone() };
    let evidence = match (&m.evidence, m.kind) {
        (Some(e), _) => Some(e.clone()),
        (None, ActionUpdateKind::NotAgreed) => None,
        (None, _) => row.evidence.clone(),
    };
    let n = diesel::update(a::table.find((&row.tenant_id, &row.id)).filter(a::version.eq(row.version)))
        .set((
            a::status.eq(m.status),
            a::evidence.eq(evidence),
            a::closed_on.eq(closed_on),
            a::agreed_by.eq(agreed_by),
            a::version.eq(row.version + 1),
            a::updated_at.eq(now()),
        ))
        .execute(conn)?;
    if n == 0 {
        return Err(ApiError::edit_conflict());
    }
    add_update(conn, &row.tenant_id, row.id.as_str(), m.kind, text, author, on)?;
    Ok(())
}

/// Changes an action's description, owners and due date.
pub fn change(conn: &mut DbConn, row: &ActionRow) -> ApiResult<()> {
    let n = diesel::update(a::table.find((&row.tenant_id, &row.id)).filter(a::version.eq(row.version)))
        .set((
            a::description.eq(&row.description),
            a::owner_agency_id.eq(&row.owner_agency_id),
            a::owner_agency.eq(&row.owner_agency),
            a::owner_person_id.eq(&row.owner_person_id),
            a::due_on.eq(row.due_on),
            a::version.eq(row.version + 1),
            a::updated_at.eq(now()),
        ))
        .execute(conn)?;
    if n == 0 {
        return Err(ApiError::edit_conflict());
    }
    Ok(())
}

fn add_update(
    conn: &mut DbConn,
    tenant_id: &str,
    action_id: &str,
    kind: ActionUpdateKind,
    text: &str,
    (author_id, author): (&str, &str),
    on: NaiveDate,
) -> QueryResult<()> {
    let last: Option<i32> = au::table
        .filter(au::tenant_id.eq(tenant_id))
        .filter(au::action_id.eq(action_id))
        .select(diesel::dsl::max(au::seq))
        .first(conn)?;
    diesel::insert_into(au::table)
        .values((
            au::tenant_id.eq(tenant_id),
            au::action_id.eq(action_id),
            au::seq.eq(last.unwrap_or(0) + 1),
            au::kind.eq(kind.as_str()),
            au::text.eq(text.trim()),
            au::author_id.eq(author_id),
            au::author.eq(author),
            au::written_on.eq(on),
        ))
        .execute(conn)
        .map(drop)
}

/// Sets the themes an action is tagged with (checked by the caller).
pub fn tag(conn: &mut DbConn, tenant_id: &str, action_id: &str, ids: &[uuid::Uuid]) -> QueryResult<()> {
    super::themes::ensure_seeded(conn, tenant_id)?;
    diesel::delete(at::table.filter(at::tenant_id.eq(tenant_id)).filter(at::action_id.eq(action_id))).execute(conn)?;
    for id in ids {
        diesel::insert_into(at::table)
            .values((at::tenant_id.eq(tenant_id), at::action_id.eq(action_id), at::theme_id.eq(id.to_string())))
            .execute(conn)?;
    }
    Ok(())
}

fn themes_of(conn: &mut DbConn, tenant_id: &str, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    at::table
        .filter(at::tenant_id.eq(tenant_id))
        .filter(at::action_id.eq_any(ids))
        .select((at::action_id, at::theme_id))
        .load(conn)
}

fn names_of(conn: &mut DbConn, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    users::table.filter(users::id.eq_any(ids)).select((users::id, users::name)).load(conn)
}

/// The views of rows, with their owners' names and themes (and, with `history`, their updates).
pub fn views(
    conn: &mut DbConn,
    tenant_id: &str,
    rows: Vec<ActionRow>,
    today: NaiveDate,
    history: bool,
) -> ApiResult<Vec<ActionView>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.as_str().to_string()).collect();
    let people: Vec<String> =
        rows.iter().filter_map(|r| r.owner_person_id.as_ref().map(|p| p.as_str().to_string())).collect();
    let names = names_of(conn, &people)?;
    let themes = themes_of(conn, tenant_id, &ids)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let id = r.id.as_str().to_string();
        let updates = if history {
            let entries: Vec<(String, String, String, NaiveDate)> = au::table
                .filter(au::tenant_id.eq(tenant_id))
                .filter(au::action_id.eq(&id))
                .order(au::seq)
                .select((au::kind, au::text, au::author, au::written_on))
                .load(conn)?;
            entries
                .into_iter()
                .map(|(kind, text, author, written_on)| {
                    let kind = ActionUpdateKind::ALL
                        .into_iter()
                        .find(|k| k.as_str() == kind)
                        .ok_or_else(ApiError::internal)?;
                    Ok(ActionUpdate { kind, text, author, written_on })
                })
                .collect::<ApiResult<Vec<_>>>()?
        } else {
            Vec::new()
        };
        let person = r.owner_person_id.as_ref().map(|p| p.as_str().to_string());
        out.push(ActionView {
            id: r.id.uuid(),
            case_id: r.case_id.as_ref().map(Id::uuid),
            referral_id: r.referral_id.as_ref().map(Id::uuid),
            reference: r.reference,
            source: r.source,
            description: r.description,
            owner_agency_id: r.owner_agency_id.as_ref().map(Id::uuid),
            owner_agency: r.owner_agency,
            owner_person_id: r.owner_person_id.as_ref().map(Id::uuid),
            owner_person: person.and_then(|p| names.iter().find(|(i, _)| *i == p).map(|(_, n)| n.clone())),
            due_on: r.due_on,
            overdue: is_overdue(r.status, r.due_on, today),
            status: r.status,
            evidence: r.evidence,
            closed_on: r.closed_on,
            agreed_by: r.agreed_by,
            theme_ids: themes.iter().filter(|(a, _)| *a == id).filter_map(|(_, t)| t.parse().ok()).collect(),
            version: r.version,
            updates,
        });
    }
    Ok(out)
}

/// Whether a person is a current member of the partnership, and their agency.
pub fn member(conn: &mut DbConn, tenant_id: &str, user_id: &str) -> QueryResult<Option<Option<String>>> {
    memberships::table
        .find((tenant_id, user_id))
        .filter(memberships::removed_at.is_null())
        .select(memberships::agency_id)
        .first::<Option<String>>(conn)
        .optional()
}

/// The open actions of the partnership whose owner is due a reminder on `today`: due within
/// `before` (a day: the reminder before the due date) and not reminded of that yet, or overdue
/// and not reminded of that in the last 7 days.
pub fn due_reminders(
    conn: &mut DbConn,
    tenant_id: &str,
    today: NaiveDate,
    before: NaiveDate,
) -> QueryResult<Vec<ActionRow>> {
    let week_ago = today - chrono::Duration::days(7);
    a::table
        .filter(a::tenant_id.eq(tenant_id))
        .filter(a::status.ne(ActionStatus::Closed))
        .filter(a::owner_person_id.is_not_null())
        .filter(
            a::due_on
                .ge(today)
                .and(a::due_on.le(before))
                .and(a::reminded_before_on.is_null())
                .or(a::due_on.lt(today).and(a::reminded_overdue_on.is_null().or(a::reminded_overdue_on.le(week_ago)))),
        )
        .select(ActionRow::as_select())
        .load(conn)
}

/// Records that a reminder was sent (not a change of the action: its version stays).
pub fn reminded(conn: &mut DbConn, row: &ActionRow, overdue: bool, on: NaiveDate) -> QueryResult<()> {
    let target = a::table.find((&row.tenant_id, &row.id));
    if overdue {
        diesel::update(target).set(a::reminded_overdue_on.eq(on)).execute(conn)?;
    } else {
        diesel::update(target).set(a::reminded_before_on.eq(on)).execute(conn)?;
    }
    Ok(())
}

/// Deletes a case's actions with their history and themes (retention).
pub fn delete_of_case(conn: &mut DbConn, tenant_id: &str, case_id: &str) -> QueryResult<usize> {
    let ids: Vec<String> =
        a::table.filter(a::tenant_id.eq(tenant_id)).filter(a::case_id.eq(case_id)).select(a::id).load(conn)?;
    let mut n = diesel::delete(au::table.filter(au::tenant_id.eq(tenant_id)).filter(au::action_id.eq_any(&ids)))
        .execute(conn)?;
    n += diesel::delete(at::table.filter(at::tenant_id.eq(tenant_id)).filter(at::action_id.eq_any(&ids)))
        .execute(conn)?;
    n += diesel::delete(a::table.filter(a::tenant_id.eq(tenant_id)).filter(a::id.eq_any(&ids))).execute(conn)?;
    Ok(n)
}

/// The actions a decision's learning names, as actions to follow: the owner agency matched by
/// name among the partnership's (the office gives each its owner person); one without a due
/// date is not taken (a decision's checks require one).
pub fn from_learning(
    conn: &mut DbConn,
    tenant_id: &str,
    (case, referral): (Option<(&Id, &str)>, Option<&Id>),
    actions: &[shared::case::LearningAction],
    source: ActionSource,
    on: NaiveDate,
) -> QueryResult<()> {
    for action in actions {
        let Some(due) = action.due_on else { continue };
        let agency = crate::store::directory::agency_by_name(conn, tenant_id, action.owner.trim())?;
        let owner = match agency {
            Some(a) => (Some(a.id), a.name),
            None => (None, action.owner.trim().to_string()),
        };
        let row = new_row(tenant_id, case, referral, source, &action.action, owner, None, due, on);
        insert(conn, &row)?;
    }
    Ok(())
}
