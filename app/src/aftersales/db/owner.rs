//! Who acts on the shopper's side of a request: an account holder, or
//! whoever holds a guest order's link. A guest has no account to check, so
//! the link's secret (an HMAC of the order's or the request's number) is
//! checked before a [`Shopper::Guest`] exists, and the SQL then accepts
//! only rows without an account (`user_id IS NULL`), by that one number.
use crate::error::AppError;
use crate::server::{sign, verify_truncated};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shopper {
    Account(i64),
    /// Holds the link of the guest order or request being acted on.
    Guest,
}

impl Shopper {
    /// The account, or NULL for a guest (matched with `IS NOT DISTINCT FROM`).
    pub fn user_id(self) -> Option<i64> {
        match self {
            Shopper::Account(id) => Some(id),
            Shopper::Guest => None,
        }
    }

    /// Scopes a form's idempotency key: an account's keys, or the order's
    /// for a guest (whose forms all come through its one link).
    pub(super) fn key_scope(self, order_number: &str) -> String {
        match self {
            Shopper::Account(id) => format!("u{id}"),
            Shopper::Guest => format!("g{order_number}"),
        }
    }
}

/// Bytes of the HMAC kept in a guest's request link (32 hex characters),
/// as in an order link.
const TOKEN_BYTES: usize = 16;

fn message(number: &str) -> Vec<u8> {
    format!("after-sales:{number}").into_bytes()
}

/// The secret in a guest's link to one of their requests.
pub fn request_token(key: &[u8], number: &str) -> String {
    sign(key, &message(number))[..TOKEN_BYTES * 2].to_string()
}

/// Which [`Shopper`] a link or a session makes the caller: with a token,
/// the guest holding `number`'s link (`order` says whether it is an order's
/// or a request's), or else the signed-in account. A wrong token is
/// NotFound, as a missing order is, so numbers reveal nothing.
pub fn from_link(key: &[u8], order: bool, number: &str, token: &str) -> Result<Shopper, AppError> {
    let ok = if order {
        crate::orders::db::order_token_ok(key, number, token)
    } else {
        verify_truncated(key, &message(number), token, TOKEN_BYTES)
    };
    if ok {
        Ok(Shopper::Guest)
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_link_opens_its_own_request_only() {
        let key = b"0123456789abcdef0123456789abcdef";
        let t = request_token(key, "AS20261127-000001");
        assert_eq!(t.len(), 32);
        assert_eq!(
            from_link(key, false, "AS20261127-000001", &t),
            Ok(Shopper::Guest)
        );
        assert_eq!(
            from_link(key, false, "AS20261127-000002", &t),
            Err(AppError::NotFound)
        );
        // A request's secret is not its order's, nor the other way round.
        assert_eq!(
            from_link(key, true, "AS20261127-000001", &t),
            Err(AppError::NotFound)
        );
        let order = crate::orders::db::order_token(key, "A1");
        assert_eq!(from_link(key, false, "A1", &order), Err(AppError::NotFound));
        assert_eq!(from_link(key, true, "A1", &order), Ok(Shopper::Guest));
        assert_eq!(Shopper::Account(7).user_id(), Some(7));
        assert_eq!(Shopper::Guest.user_id(), None);
    }
}
