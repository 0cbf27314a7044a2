//! The strategic leads' decision on a Rapid Review.
use super::meeting::RapidReviewOutcome;
use crate::form_check::Check;
use crate::text::{MAX_ROWS, MAX_SHORT, MAX_TEXT};
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An action that takes learning forward.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct LearningAction {
    pub action: String,
    /// The agency that owns it.
    pub owner: String,
    pub due_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct CaseDecision {
    pub outcome: Option<RapidReviewOutcome>,
    /// The rationale, shared with partners.
    pub rationale: String,
    pub decided_on: Option<NaiveDate>,
    /// For "learning only": the learning identified ...
    pub learning_identified: String,
    /// ... and the actions to take it forward.
    pub actions: Vec<LearningAction>,
}

pub fn validate_decision(d: &CaseDecision, today: NaiveDate) -> Vec<FieldError> {
    let mut c = Check { errors: Vec::new(), today, strict: true, prefix: "" };
    if d.outcome.is_none() {
        c.errors.push(FieldError::new("outcome", "required", "Select the decision"));
    }
    c.text("rationale", &d.rationale, MAX_TEXT, "The rationale for the decision");
    c.date("decided_on", d.decided_on, "The date of the decision");
    let learning_only = d.outcome == Some(RapidReviewOutcome::LearningOnly);
    c.strict = learning_only;
    c.text("learning_identified", &d.learning_identified, MAX_TEXT, "The learning identified");
    c.rows("actions", d.actions.len(), "The actions");
    if d.actions.len() <= MAX_ROWS {
        for (i, a) in d.actions.iter().enumerate() {
            c.nested(&format!("actions[{i}]"), |c| {
                c.strict = true;
                c.text("action", &a.action, MAX_TEXT, "The action");
                c.text("owner", &a.owner, MAX_SHORT, "The agency that owns the action");
                if a.due_on.is_none() {
                    let path = c.path("due_on");
                    c.errors.push(FieldError::new(path, "required", "Enter the date the action is due"));
                }
            });
        }
    }
    c.errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(d: &CaseDecision) -> Vec<String> {
        validate_decision(d, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()).into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn learning_only_needs_the_learning_and_its_actions() {
        let cspr = CaseDecision {
            outcome: Some(RapidReviewOutcome::LocalCspr),
            rationale: "Criteria met".into(),
            decided_on: NaiveDate::from_ymd_opt(2026, 11, 25),
            ..Default::default()
        };
        assert!(fields(&cspr).is_empty());
        let learning = CaseDecision { outcome: Some(RapidReviewOutcome::LearningOnly), ..cspr.clone() };
        assert_eq!(fields(&learning), vec!["learning_identified", "actions"]);
        let with_action = CaseDecision {
            learning_identified: "Share threshold guidance".into(),
            actions: vec![LearningAction { action: "Briefing".into(), owner: String::new(), due_on: None }],
            ..learning
        };
        assert_eq!(fields(&with_action), vec!["actions[0].owner", "actions[0].due_on"]);
        assert_eq!(fields(&CaseDecision::default()), vec!["outcome", "rationale", "decided_on"]);
    }
}
