//! One module per view.
pub mod home;
pub mod sign_in;

pub use home::Home;
pub use sign_in::SignIn;
