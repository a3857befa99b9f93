//! Staff accounts and the permission matrix. Roles are fixed (the enum in
//! `auth::roles`); which permissions each holds is data a super admin
//! edits here, read fresh by the guard on every request.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use super::AdminFn;
use crate::accounts::{Permission, Role};
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/roles", Permission::StaffManage),
    AdminFn::write("admin/roles/set", Permission::StaffManage),
    AdminFn::read("admin/staff", Permission::StaffManage),
    AdminFn::write("admin/staff/create", Permission::StaffManage),
    AdminFn::write("admin/staff/update", Permission::StaffManage),
    AdminFn::write("admin/staff/promote", Permission::StaffManage),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleGrants {
    pub role: Role,
    pub permissions: Vec<Permission>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewStaff {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
}

/// An account just promoted to staff, with the password it was given. The
/// password exists only in this answer: it is shown once to the promoting
/// admin, to hand over in person, and stored nowhere but as a hash.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Promoted {
    pub email: String,
    pub role: Role,
    pub password: String,
}

/// Never prints the password, so it cannot end up in a log line.
impl std::fmt::Debug for Promoted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Promoted")
            .field("email", &self.email)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// Grants a super admin may never take from their own role: without them
/// nobody could open this page to put them back.
pub fn is_locked_grant(role: Role, p: Permission) -> bool {
    role == Role::SuperAdmin && matches!(p, Permission::AdminAccess | Permission::StaffManage)
}
