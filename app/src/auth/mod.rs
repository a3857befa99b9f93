//! Who may do what: roles, per-action permissions and the signed-in user.
//! Below the server's guards, which check them, and the UI kit, which names
//! them; `accounts` (registration, sign-in, profile) re-exports them for
//! the features above it (README, "Module layering").
mod roles;

pub use roles::{Permission, Role};

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
