//! Actions that take learning forward, followed to completion: each has an owner agency and
//! person, a due date, a status, updates, and the evidence of its impact ("so what" [514]).
//! An action closes only when its owner has shown the evidence and a strategic lead agrees.
use crate::text::{is_blank, MAX_SHORT, MAX_TEXT};
use crate::{FieldError, Role};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::wire::wire_enum! {
    /// Where an action came from.
    pub enum ActionSource ["snake_case"] {
        /// A Rapid Review's decision (learning only, or a CSPR).
        RapidReview,
        /// The learning of a referral decided without a review.
        Referral,
        /// A recommendation of a review's report.
        Recommendation,
    }
}

crate::wire::wire_enum! {
    /// Where an action stands.
    pub enum ActionStatus ["snake_case"] {
        /// Being worked on.
        Open,
        /// Its owner has given the evidence of impact and asked to close it: a strategic lead
        /// agrees (closed) or not (open again).
        AwaitingAgreement,
        /// Done, with its evidence, agreed by a strategic lead.
        Closed,
    }
}

impl ActionStatus {
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::AwaitingAgreement => "Awaiting a lead's agreement",
            ActionStatus::Closed => "Closed",
        }
    }
}

crate::wire::wire_enum! {
    /// What an entry of an action's history records.
    pub enum ActionUpdateKind ["snake_case"] {
        /// Progress, in the owner's words.
        Progress,
        /// The owner asked to close it, with the evidence of impact.
        ClosureRequested,
        /// A strategic lead agreed: closed.
        Agreed,
        /// A strategic lead did not agree: open again, with the reason.
        NotAgreed,
    }
}

/// Who sees every action of the partnership (an agency author sees those of their agency, or
/// given to them).
pub const ACTION_READERS: &[Role] = &[Role::BusinessOffice, Role::StrategicLead, Role::Reviewer, Role::Scrutineer];
/// Who adds an action (a report's recommendation, say) or changes its owner and due date.
pub const ACTION_KEEPERS: &[Role] = &[Role::BusinessOffice, Role::StrategicLead];
/// Who writes an action's updates and asks to close it: its owners (an agency author of the
/// owner agency) and its keepers.
pub const ACTION_UPDATERS: &[Role] = &[Role::BusinessOffice, Role::StrategicLead, Role::AgencyAuthor];
/// Who agrees an action is done.
pub const ACTION_AGREERS: &[Role] = &[Role::StrategicLead];
/// Every role that reaches the actions board.
pub const ACTION_BOARD: &[Role] =
    &[Role::BusinessOffice, Role::StrategicLead, Role::Reviewer, Role::Scrutineer, Role::AgencyAuthor];

/// Whether these roles see every action of the partnership (else only their agency's and
/// their own).
pub fn sees_every_action(roles: &[Role]) -> bool {
    roles.iter().any(|r| ACTION_READERS.contains(r))
}

/// Whether a person updates an action: a keeper, or an agency author who owns it (in person,
/// or through their agency).
pub fn may_update(roles: &[Role], owns: bool) -> bool {
    roles.iter().any(|r| ACTION_KEEPERS.contains(r)) || (owns && roles.contains(&Role::AgencyAuthor))
}

/// Whether a person owns an action: named as its owner, or of its owner agency.
pub fn owns(
    owner_person: Option<uuid::Uuid>,
    owner_agency: Option<uuid::Uuid>,
    person: uuid::Uuid,
    agency: Option<uuid::Uuid>,
) -> bool {
    owner_person == Some(person) || (agency.is_some() && owner_agency == agency)
}

/// Working days before its due date at which an open action's owner is reminded.
pub const REMIND_BEFORE_WORKING_DAYS: i64 = 5;

/// An action as added or changed by the office or a lead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ActionForm {
    /// What is to be done.
    pub description: String,
    /// The agency that owns it (one of the partnership's).
    pub owner_agency_id: Option<uuid::Uuid>,
    /// The person who owns it: a member of the partnership.
    pub owner_person_id: Option<uuid::Uuid>,
    pub due_on: Option<NaiveDate>,
    /// Where it came from (a new action: a recommendation, unless said).
    pub source: Option<ActionSource>,
    /// Themes of the partnership's list it is tagged with.
    pub theme_ids: Vec<uuid::Uuid>,
}

/// The checks of an action's form: what is to be done, its owners and its due date.
pub fn check_action(form: &ActionForm) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if is_blank(&form.description) {
        errors.push(FieldError::new("description", "required", "Enter what is to be done"));
    } else if form.description.chars().count() > MAX_TEXT {
        errors.push(FieldError::new("description", "too_long", format!("Keep it within {MAX_TEXT} characters")));
    }
    if form.owner_agency_id.is_none() {
        errors.push(FieldError::new("owner_agency_id", "required", "Select the agency that owns the action"));
    }
    if form.owner_person_id.is_none() {
        errors.push(FieldError::new("owner_person_id", "required", "Select the person who owns the action"));
    }
    if form.due_on.is_none() {
        errors.push(FieldError::new("due_on", "required", "Enter the date the action is due"));
    }
    errors
}

/// An update of an action by its owner: progress, or (with `close`) the evidence of impact and
/// the request to close.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ActionUpdateForm {
    /// Progress made, or with `close` the evidence that practice changed.
    pub text: String,
    /// Ask a strategic lead to agree it is done.
    pub close: bool,
}

/// A strategic lead's answer to a request to close.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ActionAgreement {
    pub agree: bool,
    /// Required when not agreeing: what is still missing.
    pub note: String,
}

/// An entry of an action's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionUpdate {
    pub kind: ActionUpdateKind,
    pub text: String,
    pub author: String,
    pub written_on: NaiveDate,
}

/// An action as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionView {
    pub id: uuid::Uuid,
    pub case_id: Option<uuid::Uuid>,
    pub referral_id: Option<uuid::Uuid>,
    /// The case's reference (or the referral's), never a name.
    pub reference: String,
    pub source: ActionSource,
    pub description: String,
    pub owner_agency_id: Option<uuid::Uuid>,
    pub owner_agency: String,
    pub owner_person_id: Option<uuid::Uuid>,
    pub owner_person: Option<String>,
    pub due_on: NaiveDate,
    pub status: ActionStatus,
    /// Open and past its due date.
    pub overdue: bool,
    /// The evidence of impact given with the request to close.
    pub evidence: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub agreed_by: Option<String>,
    pub theme_ids: Vec<uuid::Uuid>,
    /// Raised by every change: send it back as `If-Match`.
    pub version: i32,
    /// The history, oldest first (in the full view; empty on the board).
    pub updates: Vec<ActionUpdate>,
}

/// The board's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionFilter {
    pub agency_id: Option<uuid::Uuid>,
    pub status: Option<ActionStatus>,
    pub case_id: Option<uuid::Uuid>,
}

/// The board's order: overdue first (longest overdue first), then open and awaiting by due
/// date, then closed (latest first).
pub fn board_order(actions: &mut [ActionView]) {
    actions.sort_by(|a, b| {
        let rank = |v: &ActionView| match (v.status, v.overdue) {
            (_, true) => 0,
            (ActionStatus::Closed, _) => 2,
            _ => 1,
        };
        rank(a).cmp(&rank(b)).then_with(|| match rank(a) {
            2 => b.closed_on.cmp(&a.closed_on),
            _ => a.due_on.cmp(&b.due_on),
        })
    });
}

/// Whether an action is overdue on `today`: not closed, and its due date has passed.
pub fn is_overdue(status: ActionStatus, due_on: NaiveDate, today: NaiveDate) -> bool {
    status != ActionStatus::Closed && due_on < today
}

/// What a move of an action does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionMove {
    pub status: ActionStatus,
    pub kind: ActionUpdateKind,
    /// The evidence to keep (set on a request to close).
    pub evidence: Option<String>,
    /// Set when it closes.
    pub closed: bool,
}

/// Why a move was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveRefused {
    /// Not at this status (409).
    Stage(&'static str),
    /// The input does not hold (422).
    Invalid(Vec<FieldError>),
}

/// An owner's update: progress (the action stays where it is, unless closed), or a request to
/// close, which needs the evidence of impact.
pub fn update(status: ActionStatus, form: &ActionUpdateForm) -> Result<ActionMove, MoveRefused> {
    if status == ActionStatus::Closed {
        return Err(MoveRefused::Stage("the action is closed"));
    }
    let text_error = |message: &str| {
        if is_blank(&form.text) {
            Some(FieldError::new("text", "required", message))
        } else if form.text.chars().count() > MAX_TEXT {
            Some(FieldError::new("text", "too_long", format!("Keep it within {MAX_TEXT} characters")))
        } else {
            None
        }
    };
    if form.close {
        if status == ActionStatus::AwaitingAgreement {
            return Err(MoveRefused::Stage("closing is already awaiting a lead's agreement"));
        }
        if let Some(e) = text_error("Give the evidence that practice changed before asking to close") {
            return Err(MoveRefused::Invalid(vec![e]));
        }
        return Ok(ActionMove {
            status: ActionStatus::AwaitingAgreement,
            kind: ActionUpdateKind::ClosureRequested,
            evidence: Some(form.text.trim().to_string()),
            closed: false,
        });
    }
    if let Some(e) = text_error("Enter the progress made") {
        return Err(MoveRefused::Invalid(vec![e]));
    }
    Ok(ActionMove { status, kind: ActionUpdateKind::Progress, evidence: None, closed: false })
}

/// A lead's answer: only to a request to close (which holds the evidence); not agreeing needs a
/// note of what is missing and opens the action again.
pub fn agree(status: ActionStatus, answer: &ActionAgreement) -> Result<ActionMove, MoveRefused> {
    if status != ActionStatus::AwaitingAgreement {
        return Err(MoveRefused::Stage("an action closes only once its owner has given the evidence of impact"));
    }
    if answer.agree {
        return Ok(ActionMove {
            status: ActionStatus::Closed,
            kind: ActionUpdateKind::Agreed,
            evidence: None,
            closed: true,
        });
    }
    if is_blank(&answer.note) {
        return Err(MoveRefused::Invalid(vec![FieldError::new("note", "required", "Say what is still missing")]));
    }
    if answer.note.chars().count() > MAX_SHORT * 4 {
        return Err(MoveRefused::Invalid(vec![FieldError::new(
            "note",
            "too_long",
            "Keep the note within 2000 characters",
        )]));
    }
    Ok(ActionMove { status: ActionStatus::Open, kind: ActionUpdateKind::NotAgreed, evidence: None, closed: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(text: &str, close: bool) -> ActionUpdateForm {
        ActionUpdateForm { text: text.into(), close }
    }

    #[test]
    fn an_action_closes_only_with_evidence_and_a_leads_agreement() {
        let yes = ActionAgreement { agree: true, note: String::new() };
        // A lead cannot close an open action: the owner has given no evidence.
        assert!(matches!(agree(ActionStatus::Open, &yes), Err(MoveRefused::Stage(_))));
        // Asking to close without evidence is refused.
        assert!(matches!(update(ActionStatus::Open, &form("  ", true)), Err(MoveRefused::Invalid(_))));
        let asked =
            update(ActionStatus::Open, &form("Audit of 40 cases: 38 recorded the voice of the child", true)).unwrap();
        assert_eq!(asked.status, ActionStatus::AwaitingAgreement);
        assert!(asked.evidence.is_some());
        let closed = agree(asked.status, &yes).unwrap();
        assert!(closed.closed && closed.status == ActionStatus::Closed);
        // Not agreeing needs a reason, and opens it again.
        let no = ActionAgreement { agree: false, note: String::new() };
        assert!(matches!(agree(ActionStatus::AwaitingAgreement, &no), Err(MoveRefused::Invalid(_))));
        let no = ActionAgreement { agree: false, note: "Show the re-audit".into() };
        assert_eq!(agree(ActionStatus::AwaitingAgreement, &no).unwrap().status, ActionStatus::Open);
        // Nothing moves a closed action.
        assert!(matches!(update(ActionStatus::Closed, &form("more", false)), Err(MoveRefused::Stage(_))));
    }

    #[test]
    fn progress_needs_words_and_keeps_the_status() {
        assert!(matches!(update(ActionStatus::Open, &form("", false)), Err(MoveRefused::Invalid(_))));
        let m = update(ActionStatus::AwaitingAgreement, &form("Training booked", false)).unwrap();
        assert_eq!((m.status, m.kind), (ActionStatus::AwaitingAgreement, ActionUpdateKind::Progress));
    }

    #[test]
    fn the_board_puts_overdue_first() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let view = |due: NaiveDate, status, overdue| ActionView {
            id: uuid::Uuid::nil(),
            case_id: None,
            referral_id: None,
            reference: String::new(),
            source: ActionSource::Recommendation,
            description: String::new(),
            owner_agency_id: None,
            owner_agency: String::new(),
            owner_person_id: None,
            owner_person: None,
            due_on: due,
            status,
            overdue,
            evidence: None,
            closed_on: None,
            agreed_by: None,
            theme_ids: vec![],
            version: 1,
            updates: vec![],
        };
        let mut list = vec![
            view(d(12, 1), ActionStatus::Closed, false),
            view(d(12, 20), ActionStatus::Open, false),
            view(d(11, 1), ActionStatus::Open, true),
            view(d(12, 10), ActionStatus::AwaitingAgreement, false),
            view(d(10, 1), ActionStatus::Open, true),
        ];
        board_order(&mut list);
        let dues: Vec<_> = list.iter().map(|a| a.due_on).collect();
        assert_eq!(dues, vec![d(10, 1), d(11, 1), d(12, 10), d(12, 20), d(12, 1)]);
        assert!(is_overdue(ActionStatus::Open, d(11, 1), d(11, 2)));
        assert!(!is_overdue(ActionStatus::Closed, d(11, 1), d(11, 2)));
        assert!(!is_overdue(ActionStatus::Open, d(11, 2), d(11, 2)));
        let (me, police) = (uuid::Uuid::from_u128(1), uuid::Uuid::from_u128(2));
        assert!(owns(Some(me), None, me, None));
        assert!(owns(None, Some(police), uuid::Uuid::from_u128(3), Some(police)));
        assert!(!owns(None, None, me, None), "no agency on either side is no match");
    }
}
