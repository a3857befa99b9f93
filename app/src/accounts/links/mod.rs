//! Account e-mails (issue 18): a link to confirm the address after
//! registration, and one to reset a forgotten password. Each link names a
//! row of `account_links` and carries an HMAC of it, so it cannot be
//! guessed; the row makes it expire and work once. Both e-mails go through
//! the outbox like every other message.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;

use serde::{Deserialize, Serialize};

/// What a link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum Purpose {
    ConfirmEmail,
    PasswordReset,
}
#[cfg(feature = "ssr")]
pg_text!(Purpose);

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::ConfirmEmail => "confirm_email",
            Purpose::PasswordReset => "password_reset",
        }
    }

    /// The page the link opens (its token follows as `?token=`).
    pub fn path(self) -> &'static str {
        match self {
            Purpose::ConfirmEmail => "/account/confirm",
            Purpose::PasswordReset => "/password/reset",
        }
    }
}

/// What a link in an e-mail can still do, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    /// It works, for the account with this address.
    Valid(String),
    /// It worked once already.
    Used,
    Expired,
    /// Not a link the shop wrote (mistyped, cut short, or forged).
    Invalid,
}
