//! Argon2id password hashes, and the rule for passwords people choose: at least
//! [`MIN_PASSWORD_CHARS`] characters and not a common password (the list of
//! `common-passwords.txt`, compiled in).
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use shared::FieldError;
use std::collections::HashSet;
use std::sync::{LazyLock, OnceLock};

pub use shared::auth::MIN_PASSWORD_CHARS;

pub fn hash(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

/// Checks a password against a stored hash; a malformed hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(h) => Argon2::default().verify_password(password.as_bytes(), &h).is_ok(),
        Err(_) => {
            // The same time as a real check (an invited account has no password yet).
            verify_dummy(password);
            false
        }
    }
}

/// Spends the same time as a real check, for unknown accounts.
pub fn verify_dummy(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash("a password nobody has, for timing").unwrap_or_default());
    if let Ok(h) = PasswordHash::new(stored) {
        let _ = Argon2::default().verify_password(password.as_bytes(), &h);
    }
}

/// The common passwords, lower case.
static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("common-passwords.txt").lines().map(|l| l.trim().to_lowercase()).filter(|l| !l.is_empty()).collect()
});

/// Whether `password` is a common password, or one with digits and symbols added before or
/// after it (`qwertyuiop123!`, `2026password!`), or a short run said again and again
/// (`abcabcabcabc`), ignoring case.
pub fn is_common(password: &str) -> bool {
    let lower = password.trim().to_lowercase();
    let base = lower.trim_matches(|c: char| !c.is_alphabetic());
    COMMON.contains(&lower) || (base.chars().count() >= 4 && COMMON.contains(base)) || repeats(&lower)
}

/// A run of at most 4 characters, repeated.
fn repeats(password: &str) -> bool {
    let chars: Vec<char> = password.chars().collect();
    (1..=4.min(chars.len() / 2)).any(|n| chars.len().is_multiple_of(n) && chars.chunks(n).all(|c| c == &chars[..n]))
}

/// The rule for a password someone chooses, for the box `field`: `None` when it passes.
pub fn problem(field: &str, password: &str) -> Option<FieldError> {
    if let Some(p) = shared::auth::password_length_problem(field, password) {
        return Some(p);
    }
    is_common(password).then(|| {
        FieldError::new(
            field,
            "common",
            "This password is too common: choose one that is harder to guess, for example three unrelated words",
        )
    })
}

/// [`problem`] as a sentence, for the command line.
pub fn check_strength(password: &str) -> Result<(), String> {
    match problem("password", password) {
        Some(p) => Err(p.message.to_lowercase()),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_verify_and_differ() {
        let a = super::hash("correct horse battery").unwrap();
        let b = super::hash("correct horse battery").unwrap();
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$"));
        assert!(super::verify("correct horse battery", &a));
        assert!(!super::verify("wrong horse battery", &a));
        assert!(!super::verify("x", "not a hash"));
    }

    #[test]
    fn short_and_common_passwords_are_refused() {
        use super::check_strength;
        assert_eq!(super::MIN_PASSWORD_CHARS, 12);
        assert!(check_strength("short pass").is_err());
        assert!(check_strength("").is_err());
        // on the list as they are (12 characters or more)
        assert!(check_strength("unbelievable").is_err());
        assert!(check_strength("UNBELIEVABLE").is_err());
        assert!(super::is_common("password"));
        // digits before a common word, or a short run repeated
        assert!(check_strength("1234567890qwerty").is_err());
        assert!(check_strength("abcabcabcabc").is_err());
        assert!(check_strength("zzzzzzzzzzzzzz").is_err());
        // a common word with digits or symbols added at its end
        assert!(check_strength("password1234").is_err());
        assert!(check_strength("Password2026!").is_err());
        assert!(check_strength("qwertyuiop123").is_err());
        assert_eq!(super::problem("new_password", "Password2026!").unwrap().code, "common");
        // long and uncommon
        assert!(check_strength("tulip engine harbour").is_ok());
        assert!(check_strength(crate::demo::DEFAULT_PASSWORD).is_ok());
    }

    #[test]
    fn the_list_is_compiled_in() {
        assert_eq!(super::COMMON.len(), 10_000);
        let long: Vec<_> = super::COMMON.iter().filter(|p| p.chars().count() >= 12).collect();
        assert!(!long.is_empty());
        for p in long {
            assert!(super::check_strength(p).is_err(), "{p}");
        }
    }
}
