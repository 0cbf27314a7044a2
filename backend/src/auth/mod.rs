//! Sign-in: passwords, tokens, throttling, and the principal of a request.
pub mod password;
pub mod principal;
pub mod revocation;
pub mod throttle;
pub mod tokens;
pub mod totp;
