//! Keys for HMAC signatures: the sandbox provider's notification key, the
//! key behind guest order links and the one behind account e-mails' links.
//! They are created once in `settings` (so two instances agree) and cached
//! per process.
use crate::error::AppError;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::PgPool;

#[derive(Clone)]
pub struct Secrets {
    pub sandbox: Vec<u8>,
    pub order_links: Vec<u8>,
    /// Signs the links in account e-mails (confirm the address, reset the
    /// password): `accounts::links`.
    pub account_links: Vec<u8>,
}

impl Secrets {
    pub async fn load(pool: &PgPool) -> Result<Secrets, AppError> {
        Ok(Secrets {
            sandbox: setting(pool, "sandbox_hmac_key").await?,
            order_links: setting(pool, "order_link_key").await?,
            account_links: setting(pool, "account_link_key").await?,
        })
    }
}

/// The hex key stored under `name`, created at random on first use.
async fn setting(pool: &PgPool, name: &str) -> Result<Vec<u8>, AppError> {
    use rand::RngCore;
    let mut fresh = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut fresh);
    sqlx::query!(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
        name,
        hex::encode(fresh)
    )
    .execute(pool)
    .await?;
    let value = sqlx::query_scalar!("SELECT value FROM settings WHERE key = $1", name)
        .fetch_one(pool)
        .await?;
    hex::decode(value).map_err(|_| {
        tracing::error!(setting = name, "secret is not hex");
        AppError::Internal
    })
}

/// Hex HMAC-SHA256 of `message` under `key`.
pub fn sign(key: &[u8], message: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(message);
    hex::encode(mac.finalize().into_bytes())
}

/// Checks a hex signature in constant time.
pub fn verify(key: &[u8], message: &[u8], signature_hex: &str) -> bool {
    let Ok(sig) = hex::decode(signature_hex) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(message);
    mac.verify_slice(&sig).is_ok()
}

/// Checks a signature cut to its first `len` bytes (as hex, lower case), in
/// constant time. Any other length or spelling is refused, so a shorter
/// guess cannot match more easily.
pub fn verify_truncated(key: &[u8], message: &[u8], signature_hex: &str, len: usize) -> bool {
    if signature_hex.len() != len * 2
        || !signature_hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return false;
    }
    let Ok(sig) = hex::decode(signature_hex) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(message);
    mac.verify_truncated_left(&sig).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_only_for_the_same_key_and_message() {
        let s = sign(b"key", b"hello");
        assert!(verify(b"key", b"hello", &s));
        assert!(!verify(b"key", b"hellO", &s));
        assert!(!verify(b"other", b"hello", &s));
        assert!(!verify(b"key", b"hello", "zz"));
        assert!(!verify(b"key", b"hello", &s[..10]));
    }

    #[test]
    fn truncated_signatures_need_exactly_their_length() {
        let s = sign(b"key", b"order:1");
        assert!(verify_truncated(b"key", b"order:1", &s[..32], 16));
        assert!(!verify_truncated(b"key", b"order:2", &s[..32], 16));
        assert!(!verify_truncated(b"other", b"order:1", &s[..32], 16));
        assert!(
            !verify_truncated(b"key", b"order:1", &s[..2], 16),
            "shorter"
        );
        assert!(
            !verify_truncated(b"key", b"order:1", &s[..34], 16),
            "longer"
        );
        assert!(!verify_truncated(
            b"key",
            b"order:1",
            &s[..32].to_uppercase(),
            16
        ));
    }
}
