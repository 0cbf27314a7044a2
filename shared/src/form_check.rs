//! The field checker behind every form's validation: paths such as
//! `family_members[0].address`, required boxes when strict, lengths and dates always.
use crate::text::{is_blank, MAX_ROWS};
use crate::FieldError;
use chrono::NaiveDate;

/// Collects field errors with their paths.
pub(crate) struct Check<'a> {
    pub(crate) errors: Vec<FieldError>,
    pub(crate) today: NaiveDate,
    pub(crate) strict: bool,
    pub(crate) prefix: &'a str,
}

impl Check<'_> {
    pub(crate) fn path(&self, field: &str) -> String {
        if self.prefix.is_empty() {
            field.to_string()
        } else {
            format!("{}.{}", self.prefix, field)
        }
    }

    pub(crate) fn text(&mut self, field: &str, value: &str, max: usize, label: &str) {
        if value.chars().count() > max {
            let path = self.path(field);
            self.errors.push(FieldError::new(path, "too_long", format!("{label} must be {max} characters or fewer")));
        } else if self.strict && is_blank(value) {
            let path = self.path(field);
            self.errors.push(FieldError::new(path, "required", format!("Enter {}", lower_first(label))));
        }
    }

    pub(crate) fn date(&mut self, field: &str, value: Option<NaiveDate>, label: &str) {
        match value {
            None if self.strict => {
                let path = self.path(field);
                self.errors.push(FieldError::new(path, "required", format!("Enter {}", lower_first(label))));
            }
            Some(d) if d > self.today => {
                let path = self.path(field);
                self.errors.push(FieldError::new(path, "in_future", format!("{label} must be today or in the past")));
            }
            _ => {}
        }
    }

    pub(crate) fn rows(&mut self, field: &str, len: usize, label: &str) {
        if len > MAX_ROWS {
            let path = self.path(field);
            self.errors.push(FieldError::new(path, "too_many", format!("{label} can have at most {MAX_ROWS} rows")));
        } else if self.strict && len == 0 {
            let path = self.path(field);
            self.errors.push(FieldError::new(
                path,
                "required",
                format!("Add at least one row to {}", lower_first(label)),
            ));
        }
    }

    pub(crate) fn nested(&mut self, prefix: &str, f: impl FnOnce(&mut Check<'_>)) {
        let mut inner = Check { errors: Vec::new(), today: self.today, strict: self.strict, prefix };
        f(&mut inner);
        self.errors.append(&mut inner.errors);
    }
}

pub(crate) fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

impl Check<'_> {
    pub(crate) fn text_optional(&mut self, field: &str, value: &str, max: usize, label: &str) {
        let saved = self.strict;
        self.strict = false;
        self.text(field, value, max, label);
        self.strict = saved;
    }
}
