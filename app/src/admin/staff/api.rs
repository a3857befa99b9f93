use super::{NewStaff, Promoted, RoleGrants, StaffMember};
use crate::accounts::{Permission, Role};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json};

#[server(endpoint = "admin/roles", input = GetUrl)]
pub async fn list_role_grants() -> Result<Vec<RoleGrants>, AppError> {
    use crate::server;
    server::run(async {
        server::require_staff(Permission::StaffManage).await?;
        super::db::grants(&server::pool()?).await
    })
    .await
}

/// Gives or takes one permission from one staff role. Takes effect on the
/// next request of everyone in that role (guards read grants each time).
#[server(endpoint = "admin/roles/set", input = Json)]
pub async fn set_grant(role: Role, permission: Permission, granted: bool) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let staff = server::require_staff(Permission::StaffManage).await?;
        super::db::set_grant(&server::pool()?, &staff, role, permission, granted).await
    })
    .await
}

#[server(endpoint = "admin/staff", input = GetUrl)]
pub async fn staff_list() -> Result<Vec<StaffMember>, AppError> {
    use crate::server;
    server::run(async {
        server::require_staff(Permission::StaffManage).await?;
        super::db::list(&server::pool()?).await
    })
    .await
}

#[server(endpoint = "admin/staff/create", input = Json)]
pub async fn create_staff(member: NewStaff) -> Result<i64, AppError> {
    use crate::server;
    server::run(async move {
        let staff = server::require_staff(Permission::StaffManage).await?;
        super::db::create(&server::pool()?, &staff, member).await
    })
    .await
}

/// Changes a staff member's role or disables them (their sessions end).
#[server(endpoint = "admin/staff/update", input = Json)]
pub async fn update_staff(id: i64, role: Role, disabled: bool) -> Result<(), AppError> {
    use crate::server;
    server::run(async move {
        let staff = server::require_staff(Permission::StaffManage).await?;
        super::db::update(&server::pool()?, &staff, id, role, disabled).await
    })
    .await
}

/// Makes an existing shopper account staff. It gets a new, generated
/// password (returned once, for the admin to hand over) and every session
/// of it ends, so whoever registered that e-mail address first, perhaps
/// not the employee, cannot keep using an account that now has staff
/// rights.
#[server(endpoint = "admin/staff/promote", input = Json)]
pub async fn promote_staff(email: String, role: Role) -> Result<Promoted, AppError> {
    use crate::server;
    server::run(async move {
        let staff = server::require_staff(Permission::StaffManage).await?;
        super::db::promote(&server::pool()?, &staff, &email, role).await
    })
    .await
}
