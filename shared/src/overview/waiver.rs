//! The lead reviewer's waivers of anonymisation hits: a reason why a word found is not an
//! identifier here (a professional sharing a surname, a town named for the partnership).
//! A waiver covers that text in that section, wherever it moves.
use super::anonymise::{waiver_key, AnonymisationHit};
use crate::text::{is_blank, MAX_SHORT, MAX_TEXT};
use crate::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A waiver as kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Waiver {
    pub section: String,
    /// The text waived, folded (lower case, single spaces).
    pub text: String,
    pub reason: String,
    pub by: String,
    pub on: NaiveDate,
}

/// Waive a hit: its section and the text found, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct WaiveForm {
    pub section: String,
    pub found: String,
    pub reason: String,
}

/// A hit as the page lists it, with its waiver if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HitView {
    #[serde(flatten)]
    pub hit: AnonymisationHit,
    /// The heading of its section.
    pub heading: String,
    pub waiver: Option<Waiver>,
}

/// The problems with a waiver: a reason, and a hit that is in the report now.
pub fn check_waiver(form: &WaiveForm, hits: &[AnonymisationHit]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if is_blank(&form.reason) {
        errors.push(FieldError::new("reason", "required", "Enter why this is not an identifier"));
    } else if form.reason.chars().count() > MAX_TEXT {
        errors.push(FieldError::new("reason", "too_long", "The reason is too long"));
    }
    if form.found.chars().count() > MAX_SHORT || !hits.iter().any(|h| waiver_key(h) == key_of(form)) {
        errors.push(FieldError::new("found", "invalid", "The check does not find this in that section now"));
    }
    errors
}

/// The key a waiver form covers.
pub fn key_of(form: &WaiveForm) -> (String, String) {
    (form.section.clone(), fold(&form.found))
}

/// Lower case, white space collapsed to single spaces.
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The hits with their waivers, and how many are left (not waived).
pub fn with_waivers(
    hits: Vec<AnonymisationHit>,
    waivers: &[Waiver],
    heading: impl Fn(&str) -> String,
) -> (Vec<HitView>, usize) {
    let views: Vec<HitView> = hits
        .into_iter()
        .map(|hit| {
            let (section, text) = waiver_key(&hit);
            let waiver = waivers.iter().find(|w| w.section == section && w.text == text).cloned();
            HitView { heading: heading(&hit.section), hit, waiver }
        })
        .collect();
    let left = views.iter().filter(|v| v.waiver.is_none()).count();
    (views, left)
}
