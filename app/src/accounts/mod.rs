//! Accounts: registration, sign-in, profile, password and address book, plus
//! the roles and permissions that staff features are guarded by.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
mod roles;
mod validate;

pub use roles::{Permission, Role};
pub use validate::*;

use serde::{Deserialize, Serialize};

/// Who is signed in, as the UI needs it. Carries no password hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub permissions: Vec<Permission>,
}

impl SessionUser {
    pub fn can(&self, permission: Permission) -> bool {
        self.permissions.contains(&permission)
    }
    pub fn is_staff(&self) -> bool {
        self.can(Permission::AdminAccess)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Profile {
    pub email: String,
    pub display_name: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Address {
    pub id: i64,
    pub recipient: String,
    pub phone: String,
    pub region: String,
    pub line1: String,
    pub postal_code: Option<String>,
    pub is_default: bool,
}

/// A new or edited address, as typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressInput {
    pub recipient: String,
    pub phone: String,
    pub region: String,
    pub line1: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub is_default: Option<String>,
}
