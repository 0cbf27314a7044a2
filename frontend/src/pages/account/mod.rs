//! A person's account: asking for a link to reset a forgotten password, setting a new one
//! with that link, changing one's password; and the business office's outbox. A lazily
//! loaded chunk of its own in the app's build.
pub mod change;
pub mod forgot;
pub mod outbox;
pub mod reset;

pub use change::ChangePasswordPage;
pub use forgot::ForgotPasswordPage;
pub use outbox::OutboxPage;
pub use reset::ResetPasswordPage;

use shared::auth::password_length_problem;
use shared::FieldError;

/// The boxes of a new password, typed twice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewPassword {
    pub current_password: String,
    pub new_password: String,
    pub confirm_password: String,
}

/// The browser's checks of a new password: its length (the server also refuses common
/// passwords) and the same password twice.
pub fn new_password_problems(form: &NewPassword) -> Vec<FieldError> {
    let mut out: Vec<FieldError> = password_length_problem("new_password", &form.new_password).into_iter().collect();
    if out.is_empty() && form.confirm_password != form.new_password {
        out.push(FieldError::new("confirm_password", "mismatch", "Enter the same password twice"));
    }
    out
}

pub const PASSWORD_HINT: &str =
    "At least 12 characters. A common password is refused: three unrelated words are easy to remember and hard to guess.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_password_is_long_enough_and_typed_twice() {
        let mut f = NewPassword { new_password: "short".into(), ..NewPassword::default() };
        assert_eq!(new_password_problems(&f)[0].code, "too_short");
        f.new_password = "tulip engine harbour".into();
        assert_eq!(new_password_problems(&f)[0].field, "confirm_password");
        f.confirm_password = f.new_password.clone();
        assert!(new_password_problems(&f).is_empty());
    }
}
