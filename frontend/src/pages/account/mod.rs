//! A person's account: asking for a link to reset a forgotten password, setting a new one
//! with that link, changing one's password, setting up the second factor; and the business
//! office's outbox. A lazily
//! loaded chunk of its own in the app's build.
pub mod change;
pub mod forgot;
pub mod outbox;
pub mod reset;
pub mod second_factor;

pub use change::ChangePasswordPage;
pub use forgot::ForgotPasswordPage;
pub use outbox::OutboxPage;
pub use reset::{PasswordLink, PasswordLinkPage};
pub use second_factor::SecondFactorPage;

pub use shared::auth::{new_password_problems, NewPassword};

pub const PASSWORD_HINT: &str =
    "At least 12 characters. A common password is refused: three unrelated words are easy to remember and hard to guess.";
