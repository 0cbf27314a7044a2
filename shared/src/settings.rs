//! The partnership's framework settings kept by the business office: the addresses later
//! stages send to (the National Panel, Ofsted, the DfE).
use crate::FieldError;
use serde::{Deserialize, Serialize};

/// Who may change the framework settings.
pub const SETTINGS_ADMINS: &[crate::Role] = &[crate::Role::BusinessOffice];

/// The longest e-mail address accepted.
pub const MAX_EMAIL: usize = 254;

/// Whether `s` looks like one e-mail address (`local@domain.tld`, no spaces).
pub fn is_email(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.len() > MAX_EMAIL || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// The national addresses used by later stages, per partnership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FrameworkAddresses {
    /// The Child Safeguarding Practice Review Panel (Rapid Reviews, final reports).
    pub national_panel: String,
    /// Ofsted (Serious Incident Notifications).
    pub ofsted: String,
    /// The Department for Education (final reports).
    pub dfe: String,
}

impl Default for FrameworkAddresses {
    /// The framework's addresses.
    fn default() -> Self {
        FrameworkAddresses {
            national_panel: "Mailbox.NationalReviewPanel@education.gov.uk".into(),
            ofsted: "SCR.SIN@ofsted.gov.uk".into(),
            dfe: "Mailbox.CPOD@education.gov.uk".into(),
        }
    }
}

impl FrameworkAddresses {
    /// Each box must be one e-mail address.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        for (field, value, label) in [
            ("national_panel", &self.national_panel, "the National Panel"),
            ("ofsted", &self.ofsted, "Ofsted"),
            ("dfe", &self.dfe, "the DfE"),
        ] {
            if value.trim().is_empty() {
                errors.push(FieldError::new(field, "required", format!("Enter the email address of {label}")));
            } else if !is_email(value) {
                errors.push(FieldError::new(
                    field,
                    "invalid",
                    format!("Enter the email address of {label} in the right format, like name@example.gov.uk"),
                ));
            }
        }
        errors
    }

    /// The addresses as stored (trimmed).
    pub fn cleaned(&self) -> FrameworkAddresses {
        FrameworkAddresses {
            national_panel: self.national_panel.trim().into(),
            ofsted: self.ofsted.trim().into(),
            dfe: self.dfe.trim().into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_bad_addresses_are_refused() {
        assert!(FrameworkAddresses::default().problems().is_empty());
        let bad = FrameworkAddresses { national_panel: "".into(), ofsted: "not an address".into(), dfe: "a@b".into() };
        let codes: Vec<_> = bad.problems().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            codes,
            vec![
                ("national_panel".into(), "required".into()),
                ("ofsted".into(), "invalid".into()),
                ("dfe".into(), "invalid".into())
            ]
        );
        assert!(is_email(" x.y@example.gov.uk "));
        assert!(!is_email("x@@example.org"));
        assert!(!is_email("x@example..org"));
    }
}
