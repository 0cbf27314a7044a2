//! Comment threads on the report's text: a person selects words and comments, others reply,
//! the lead reviewer answers; a thread is resolved and reopened. Each thread keeps the anchor
//! of the words it is about, re-attached after every save ([`reanchor`]); when its words are
//! gone it is orphaned and keeps its last quote.
use super::anchor::{reattach, TextAnchor};
use super::document::Section;
use crate::role::Role;
use crate::text::{is_blank, MAX_TEXT};
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One comment of a thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comment {
    pub by: String,
    /// The role they comment in (the scrutineer's, a member's, the lead reviewer's).
    pub role: Role,
    pub on: NaiveDate,
    pub text: String,
}

/// When a thread was resolved, and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Resolution {
    pub by: String,
    pub on: NaiveDate,
}

/// A thread as kept and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentThread {
    pub id: Uuid,
    /// Where it points in the version named by `anchored_version` (its last place when
    /// orphaned).
    pub anchor: TextAnchor,
    pub anchored_version: u32,
    /// Its words are gone from the report: `anchor.exact` is the last quote.
    pub orphaned: bool,
    /// The person who opened it (their account), who may resolve it as the lead reviewer may.
    pub opened_by_id: Uuid,
    pub comments: Vec<Comment>,
    pub resolved: Option<Resolution>,
}

/// A new thread: the words selected in a version, and the first comment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct NewThread {
    /// The version the person was reading.
    pub version: u32,
    pub section: String,
    /// Characters `start..end` of the section's text.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A reply to a thread.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct ReplyForm {
    pub text: String,
}

/// Resolve or reopen a thread.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResolveForm {
    /// `true` resolves, `false` reopens.
    pub resolved: bool,
}

/// The problems with a comment's text.
pub fn check_comment(text: &str) -> Vec<FieldError> {
    if is_blank(text) {
        vec![FieldError::new("text", "required", "Enter your comment")]
    } else if text.chars().count() > MAX_TEXT {
        vec![FieldError::new("text", "too_long", format!("A comment has at most {MAX_TEXT} characters"))]
    } else {
        Vec::new()
    }
}

/// The anchor of a new thread on `sections` (the version the person read), or the field
/// problem: the section is not there or the words are not in it.
pub fn new_anchor(form: &NewThread, sections: &[Section]) -> Result<TextAnchor, Vec<FieldError>> {
    let mut errors = check_comment(&form.text);
    let anchor = super::anchor::anchor_at(sections, &form.section, form.start, form.end);
    if anchor.is_none() {
        errors.push(FieldError::new("start", "invalid", "Select some words of the report to comment on"));
    }
    match anchor {
        Some(a) if errors.is_empty() => Ok(a),
        _ => Err(errors),
    }
}

/// Re-attaches a thread to a new version: its words found again, or orphaned (keeping the
/// last quote). An orphaned thread stays orphaned unless its words come back.
pub fn reanchor(thread: &mut CommentThread, sections: &[Section], version: u32) {
    match reattach(&thread.anchor, sections) {
        Some(a) => {
            thread.anchor = a;
            thread.anchored_version = version;
            thread.orphaned = false;
        }
        None => thread.orphaned = true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thread(sections: &[Section], section: &str, start: usize, end: usize) -> CommentThread {
        let form = NewThread { version: 1, section: section.into(), start, end, text: "Why?".into() };
        CommentThread {
            id: Uuid::nil(),
            anchor: new_anchor(&form, sections).unwrap(),
            anchored_version: 1,
            orphaned: false,
            opened_by_id: Uuid::nil(),
            comments: vec![],
            resolved: None,
        }
    }

    #[test]
    fn a_thread_follows_its_words_and_is_orphaned_when_they_go() {
        let v1 = vec![Section::new("findings", "Findings", "The plan was not reviewed. Nobody asked why.")];
        let mut t = thread(&v1, "findings", 27, 44);
        assert_eq!(t.anchor.exact, "Nobody asked why.");
        let v2 = vec![Section::new(
            "findings",
            "Findings",
            "New first sentence. The plan was not reviewed. Nobody asked why.",
        )];
        reanchor(&mut t, &v2, 2);
        assert_eq!((t.anchor.start, t.anchored_version, t.orphaned), (47, 2, false));
        let v3 = vec![Section::new("findings", "Findings", "The plan was not reviewed.")];
        reanchor(&mut t, &v3, 3);
        assert!(t.orphaned);
        assert_eq!((t.anchor.exact.as_str(), t.anchored_version), ("Nobody asked why.", 2), "keeps its last quote");
    }

    #[test]
    fn a_new_thread_needs_words_and_a_comment() {
        let v1 = vec![Section::new("findings", "Findings", "Text.")];
        let bad = NewThread { version: 1, section: "findings".into(), start: 2, end: 2, text: " ".into() };
        let fields: Vec<_> = new_anchor(&bad, &v1).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["text", "start"]);
        let elsewhere = NewThread { section: "nowhere".into(), end: 4, text: "x".into(), ..bad };
        assert!(new_anchor(&elsewhere, &v1).is_err());
    }
}
