//! The second factor: time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps,
//! 6 digits) as authenticator apps make them, and single-use recovery codes.
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha1::Sha1;
use sha2::{Digest, Sha256};

pub const STEP_SECS: u64 = 30;
pub const DIGITS: u32 = 6;
/// Steps either side of now that are accepted (clock drift between phone and server).
pub const DRIFT_STEPS: u64 = 1;
pub const RECOVERY_CODES: usize = 10;

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding (what authenticator apps read).
pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(BASE32[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(BASE32[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Reads base32, ignoring spaces and case; `None` on other characters.
pub fn from_base32(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = BASE32.iter().position(|b| *b as char == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// A new secret: 20 random bytes (160 bits, as RFC 4226 recommends), in base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    base32(&bytes)
}

/// The code of time step `step` for a base32 secret.
pub fn code_at_step(secret: &str, step: u64) -> Option<String> {
    let key = from_base32(secret)?;
    let mut mac = Hmac::<Sha1>::new_from_slice(&key).ok()?;
    mac.update(&step.to_be_bytes());
    let digest = mac.finalize().into_bytes();
    let offset = (digest[19] & 0x0f) as usize;
    let value = u32::from_be_bytes([digest[offset] & 0x7f, digest[offset + 1], digest[offset + 2], digest[offset + 3]]);
    Some(format!("{:0width$}", value % 10u32.pow(DIGITS), width = DIGITS as usize))
}

/// The time step of a moment (seconds since 1970).
pub fn step_of(unix_secs: u64) -> u64 {
    unix_secs / STEP_SECS
}

/// The code an authenticator shows at `unix_secs` (what the tests compute).
pub fn code_at(secret: &str, unix_secs: u64) -> Option<String> {
    code_at_step(secret, step_of(unix_secs))
}

/// The step whose code `code` is, within the drift of `now_secs`, and later than
/// `last_used` (a code is good once); `None` otherwise. Compared in constant time.
pub fn matching_step(secret: &str, code: &str, now_secs: u64, last_used: Option<u64>) -> Option<u64> {
    let code = code.trim().replace(' ', "");
    if code.len() != DIGITS as usize || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let now = step_of(now_secs);
    let mut found = None;
    for step in now.saturating_sub(DRIFT_STEPS)..=now + DRIFT_STEPS {
        let expected = code_at_step(secret, step)?;
        let same = expected.bytes().zip(code.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
        if same && last_used.is_none_or(|last| step > last) {
            found = Some(step);
        }
    }
    found
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn otpauth_uri(secret: &str, account: &str) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    format!(
        "otpauth://totp/CSPR%20Hub:{}?secret={secret}&issuer=CSPR%20Hub&algorithm=SHA1&digits={DIGITS}&period={STEP_SECS}",
        enc(account)
    )
}

/// The QR code of `text` as an SVG `data:` address (for an `<img>`).
pub fn qr_data_url(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let svg = code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build();
    Some(format!("data:image/svg+xml;base64,{}", base64::engine::general_purpose::STANDARD.encode(svg)))
}

/// Ten recovery codes, `xxxx-xxxx-xxxx` of lower-case letters and digits (no look-alikes).
pub fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 12];
            rng.fill_bytes(&mut bytes);
            let chars: String = bytes.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect();
            format!("{}-{}-{}", &chars[..4], &chars[4..8], &chars[8..])
        })
        .collect()
}

/// What is stored of a recovery code: the SHA-256 of its normalised form.
pub fn hash_recovery_code(code: &str) -> String {
    let normal: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    Sha256::digest(normal.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether what was typed looks like a recovery code rather than a TOTP code.
pub fn is_recovery_code(code: &str) -> bool {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).count() == 12
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_test_vectors() {
        // RFC 6238 appendix B, SHA-1, secret "12345678901234567890" (8 digits there; the last
        // 6 of each here).
        let secret = base32(b"12345678901234567890");
        assert_eq!(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        for (t, eight) in
            [(59, "94287082"), (1_111_111_109, "07081804"), (1_234_567_890, "89005924"), (2_000_000_000, "69279037")]
        {
            assert_eq!(code_at(&secret, t).unwrap(), eight[2..], "t = {t}");
        }
        assert_eq!(from_base32(&secret.to_lowercase()).unwrap(), b"12345678901234567890");
        assert!(from_base32("not base32!").is_none());
    }

    #[test]
    fn a_code_is_good_within_the_drift_and_once() {
        let secret = new_secret();
        let now = 1_800_000_000;
        let code = code_at(&secret, now).unwrap();
        let step = step_of(now);
        assert_eq!(matching_step(&secret, &code, now, None), Some(step));
        assert_eq!(matching_step(&secret, &code, now + 30, None), Some(step), "one step of drift");
        assert_eq!(matching_step(&secret, &code, now + 90, None), None, "too old");
        assert_eq!(matching_step(&secret, &code, now, Some(step)), None, "used already");
        let next = code_at(&secret, now + 30).unwrap();
        assert_eq!(matching_step(&secret, &next, now, Some(step)), Some(step + 1), "the next step, early");
        assert_eq!(matching_step(&secret, "12345", now, None), None);
        assert_eq!(matching_step(&secret, "abcdef", now, None), None);
    }

    #[test]
    fn recovery_codes_are_distinct_and_hashed_loosely() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), RECOVERY_CODES);
        assert!(codes.iter().all(|c| is_recovery_code(c) && c.len() == 14));
        assert_eq!(hash_recovery_code(&codes[0]), hash_recovery_code(&codes[0].to_uppercase().replace('-', " ")));
        assert!(!is_recovery_code("123456"));
    }

    #[test]
    fn the_qr_code_and_address_name_the_secret() {
        let uri = otpauth_uri("ABC", "jo+x@example.org");
        assert!(uri.starts_with("otpauth://totp/CSPR%20Hub:jo%2Bx@example.org?secret=ABC&issuer=CSPR%20Hub"));
        assert!(qr_data_url(&uri).unwrap().starts_with("data:image/svg+xml;base64,"));
    }
}
