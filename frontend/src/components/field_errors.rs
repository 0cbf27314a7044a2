//! The field errors of a form, shared by its fields: each field shows its own message.
use leptos::prelude::*;
use shared::FieldError;

/// The errors shown on a page, by field path; cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct FieldErrors(pub RwSignal<Vec<FieldError>>);

impl FieldErrors {
    pub fn new() -> FieldErrors {
        FieldErrors(RwSignal::new(Vec::new()))
    }

    /// The message for the field `id` (tracked).
    pub fn message(&self, id: &str) -> Option<String> {
        self.0.with(|errors| errors.iter().find(|e| e.field == id).map(|e| e.message.clone()))
    }

    pub fn set(&self, errors: Vec<FieldError>) {
        self.0.set(errors);
    }

    pub fn clear(&self) {
        self.0.set(Vec::new());
    }
}

impl Default for FieldErrors {
    fn default() -> Self {
        FieldErrors::new()
    }
}

/// `first`, then those of `more` for fields `first` does not already name.
pub fn merge(mut first: Vec<FieldError>, more: Vec<FieldError>) -> Vec<FieldError> {
    for e in more {
        if !first.iter().any(|f| f.field == e.field) {
            first.push(e);
        }
    }
    first
}

/// The classes of a form group, with the error modifier when the field has an error.
pub fn group_class(error: bool) -> &'static str {
    if error {
        "govuk-form-group govuk-form-group--error"
    } else {
        "govuk-form-group"
    }
}

/// The `aria-describedby` of a control: its hint and its error message, when present.
pub fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The GOV.UK error message above a control.
#[component]
pub fn ErrorMessage(id: String, message: String) -> impl IntoView {
    view! {
        <p class="govuk-error-message" id=format!("{id}-error")>
            <span class="govuk-visually-hidden">"Error: "</span>
            {message}
        </p>
    }
}
