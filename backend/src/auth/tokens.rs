//! Access tokens (JWT, HS256 only) and opaque refresh tokens (stored hashed).
use base64::Engine;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use sha2::{Digest, Sha256};
use shared::auth::{AccessClaims, ACCESS_AUDIENCE, ACCESS_TOKEN_SECONDS, ACCESS_TOKEN_TYPE};
use shared::Role;
use std::collections::HashMap;
use std::sync::RwLock;

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// Tokens already verified, by their exact text: a token is sent with every request,
    /// and checking its signature again cost more than the rest of `/me` (measured).
    /// Expiry is checked on every use; a changed byte is a different key.
    verified: RwLock<HashMap<String, AccessClaims>>,
}

const VERIFIED_CACHE_MAX: usize = 20_000;

impl JwtKeys {
    pub fn new(secret: &[u8]) -> JwtKeys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&[ACCESS_AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "aud", "sub"]);
        validation.leeway = 5;
        JwtKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            verified: RwLock::new(HashMap::new()),
        }
    }

    /// An access token for `grant`, living [`ACCESS_TOKEN_SECONDS`] or until the session
    /// ends, whichever is first.
    pub fn issue(&self, grant: &Grant<'_>) -> Result<String, String> {
        let now = now_secs();
        let claims = AccessClaims {
            sub: grant.user_id.to_string(),
            tenant: grant.tenant.to_string(),
            tid: grant.tenant_id.to_string(),
            roles: grant.roles.to_vec(),
            iat: now,
            exp: (now + ACCESS_TOKEN_SECONDS).min(grant.session_ends.max(now + 1)),
            aud: ACCESS_AUDIENCE.to_string(),
            typ: ACCESS_TOKEN_TYPE.to_string(),
            sep: grant.epoch,
            enrol: grant.enrolling,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(|e| e.to_string())
    }

    /// Verifies signature, algorithm, expiry, audience and token type, remembering tokens
    /// that passed until they expire.
    pub fn verify(&self, token: &str) -> Option<AccessClaims> {
        let now = now_secs();
        if let Some(c) = self.verified.read().unwrap_or_else(|p| p.into_inner()).get(token) {
            return (c.exp > now).then(|| c.clone());
        }
        let claims = self.verify_uncached(token)?;
        let mut map = self.verified.write().unwrap_or_else(|p| p.into_inner());
        if map.len() >= VERIFIED_CACHE_MAX {
            map.retain(|_, c| c.exp > now);
            if map.len() >= VERIFIED_CACHE_MAX {
                map.clear();
            }
        }
        map.insert(token.to_string(), claims.clone());
        Some(claims)
    }

    fn verify_uncached(&self, token: &str) -> Option<AccessClaims> {
        let data = decode::<AccessClaims>(token, &self.decoding, &self.validation).ok()?;
        (data.claims.typ == ACCESS_TOKEN_TYPE && data.claims.exp > data.claims.iat).then_some(data.claims)
    }
}

/// Who an access token is for.
pub struct Grant<'a> {
    pub user_id: &'a str,
    pub tenant: &'a str,
    pub tenant_id: &'a str,
    pub roles: &'a [Role],
    /// The person's session epoch now.
    pub epoch: i64,
    /// When the session ends (seconds since 1970).
    pub session_ends: u64,
    /// The session may only enrol a second factor.
    pub enrolling: bool,
}

pub fn now_secs() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// 32 random bytes, URL-safe base64.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored for a refresh token: its SHA-256, hex.
pub fn hash_refresh(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_and_verifies() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef");
        let grant = |ends| Grant {
            user_id: "u1",
            tenant: "northvale",
            tenant_id: "t1",
            roles: &[Role::Referrer],
            epoch: 3,
            session_ends: ends,
            enrolling: false,
        };
        let t = keys.issue(&grant(u64::MAX)).unwrap();
        let c = keys.verify(&t).unwrap();
        assert_eq!(c.sep, 3);
        // A token never outlives its session.
        let short = keys.verify(&keys.issue(&grant(now_secs() + 60)).unwrap()).unwrap();
        assert!(short.exp <= now_secs() + 60);
        assert_eq!((c.sub.as_str(), c.tenant.as_str(), c.roles.as_slice()), ("u1", "northvale", &[Role::Referrer][..]));
        assert!(c.exp - c.iat <= ACCESS_TOKEN_SECONDS);
        let other = JwtKeys::new(b"another secret another secret 123");
        assert!(other.verify(&t).is_none());
        // remembered tokens still verify; a changed byte does not
        assert!(keys.verify(&t).is_some());
        let mut tampered = t.clone().into_bytes();
        let last = tampered.len() - 2;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        assert!(keys.verify(std::str::from_utf8(&tampered).unwrap()).is_none());
    }

    #[test]
    fn refresh_tokens_are_random_and_hashed() {
        let a = random_token();
        assert_ne!(a, random_token());
        assert_eq!(hash_refresh(&a).len(), 64);
        assert_ne!(hash_refresh(&a), a);
    }
}
