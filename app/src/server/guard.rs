//! The guards every protected server function starts with. Permissions are
//! read from the database on each call, so a change to a role applies at once.
//!
//! A failure to read the session or the user (database down, session store
//! broken, a role or permission the code does not know) is an error (500),
//! never "signed out": answering 401 would send a signed-in member to the
//! sign-in form, and the one thing it would not fix is the database.
use super::session::{session, session_user_id};
use crate::auth::{Permission, Role, SessionUser};
use crate::error::AppError;
use sqlx::PgPool;

/// Loads an active user with the permissions of their role. A role or
/// permission code the code does not know is a decode error, not a
/// shopper with fewer rights.
pub async fn load_session_user(
    pool: &PgPool,
    user_id: i64,
) -> Result<Option<SessionUser>, AppError> {
    Ok(sqlx::query_as!(
        SessionUser,
        r#"SELECT u.id, u.email, u.display_name, u.role AS "role: Role",
                  ARRAY(SELECT rp.permission FROM role_permissions rp
                         WHERE rp.role = u.role ORDER BY rp.permission)
                    AS "permissions!: Vec<Permission>"
             FROM users u
            WHERE u.id = $1 AND u.disabled_at IS NULL"#,
        user_id
    )
    .fetch_optional(pool)
    .await?)
}

/// The signed-in user, or `Unauthenticated`.
pub async fn require_user() -> Result<SessionUser, AppError> {
    // A template for every shopper (`personal`) shows who is signed in and
    // nothing that needs a real account; its stand-in user may do nothing.
    if super::personal_template().is_some() {
        return Err(AppError::Unauthenticated);
    }
    let pool = super::pool()?;
    let session = session().await?;
    let Some(id) = session_user_id(&session).await? else {
        return Err(AppError::Unauthenticated);
    };
    match load_session_user(&pool, id).await? {
        Some(user) => Ok(user),
        None => {
            // Disabled (or deleted) since signing in: end this session too.
            session.flush().await?;
            Err(AppError::Unauthenticated)
        }
    }
}

/// The signed-in user, or None for a guest (pages that serve both).
pub async fn optional_user() -> Result<Option<SessionUser>, AppError> {
    if let Some(template) = super::personal_template() {
        return Ok(Some(template.user()));
    }
    let pool = super::pool()?;
    match session_user_id(&session().await?).await? {
        Some(id) => load_session_user(&pool, id).await,
        None => Ok(None),
    }
}

/// A staff member acting in the back office: who, and from which address
/// (both go into the audit log).
#[derive(Debug, Clone)]
pub struct Staff {
    pub user: SessionUser,
    pub ip: Option<String>,
}

/// The guard at the top of every back-office server function.
pub async fn require_staff(permission: Permission) -> Result<Staff, AppError> {
    let user = require_permission(permission).await?;
    Ok(Staff {
        user,
        ip: super::client_ip().await,
    })
}

/// The signed-in user if their role holds `permission`; `Forbidden` otherwise.
/// The one permission check: the plain axum routes' extractors
/// (`server::extract`) run it too.
pub async fn require_permission(permission: Permission) -> Result<SessionUser, AppError> {
    let user = require_user().await?;
    if user.can(permission) {
        Ok(user)
    } else {
        tracing::warn!(
            user = user.id,
            permission = permission.as_str(),
            "permission refused"
        );
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    async fn user_with_role(pool: &PgPool, role: Role) -> i64 {
        sqlx::query_scalar("INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, 'x', 'T', $2) RETURNING id")
            .bind(format!("{}@agora.test", role.as_str()))
            .bind(role.as_str())
            .fetch_one(pool)
            .await
            .unwrap()
    }

    /// The default grants, written out independently of the migration.
    fn expected(role: Role) -> BTreeSet<&'static str> {
        use Permission::*;
        let list: &[Permission] = match role {
            Role::Shopper => &[],
            Role::SuperAdmin => &Permission::ALL,
            Role::OperationsManager => &[
                AdminAccess,
                OrderRead,
                OrderShip,
                OrderRefund,
                CustomerRead,
                CustomerDisable,
                CustomerEdit,
                PromotionEdit,
                ReportRead,
                AfterSalesHandle,
                AfterSalesConfigure,
                AfterSalesComplaints,
                OrderRisk,
                MailManage,
                TicketWork,
                TicketReport,
                HelpEdit,
            ],
            Role::CatalogEditor => &[AdminAccess, ProductEdit, CategoryEdit, StockAdjust],
            Role::CustomerService => &[
                AdminAccess,
                OrderRead,
                ReviewModerate,
                CustomerRead,
                AfterSalesHandle,
                TicketWork,
                HelpEdit,
            ],
        };
        list.iter().map(|p| p.as_str()).collect()
    }

    #[sqlx::test(migrator = "crate::server::MIGRATOR")]
    async fn each_role_holds_exactly_its_permissions(pool: PgPool) {
        for role in Role::ALL {
            let id = user_with_role(&pool, role).await;
            let user = load_session_user(&pool, id).await.unwrap().unwrap();
            assert_eq!(user.role, role);
            let got: BTreeSet<&str> = user.permissions.iter().map(|p| p.as_str()).collect();
            assert_eq!(got, expected(role), "{role:?}");
            for p in Permission::ALL {
                assert_eq!(
                    user.can(p),
                    expected(role).contains(p.as_str()),
                    "{role:?} {p:?}"
                );
            }
        }
        let shopper = load_session_user(&pool, user_with_role_id(&pool, "shopper").await)
            .await
            .unwrap()
            .unwrap();
        assert!(!shopper.is_staff());
    }

    async fn user_with_role_id(pool: &PgPool, role: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM users WHERE role = $1")
            .bind(role)
            .fetch_one(pool)
            .await
            .unwrap()
    }

    #[sqlx::test(migrator = "crate::server::MIGRATOR")]
    async fn a_revoked_permission_applies_at_once(pool: PgPool) {
        let id = user_with_role(&pool, Role::CatalogEditor).await;
        assert!(
            load_session_user(&pool, id)
                .await
                .unwrap()
                .unwrap()
                .can(Permission::ProductEdit)
        );
        sqlx::query("DELETE FROM role_permissions WHERE role = 'catalog_editor' AND permission = 'product.edit'")
            .execute(&pool)
            .await
            .unwrap();
        assert!(
            !load_session_user(&pool, id)
                .await
                .unwrap()
                .unwrap()
                .can(Permission::ProductEdit)
        );
    }

    /// Before, an unknown role read as a shopper and an unknown permission
    /// was dropped: a typo in the data quietly changed what someone may do.
    #[sqlx::test(migrator = "crate::server::MIGRATOR")]
    async fn an_unknown_role_or_permission_is_an_error(pool: PgPool) {
        sqlx::query("INSERT INTO roles (code, is_staff) VALUES ('intern', true)")
            .execute(&pool)
            .await
            .unwrap();
        let intern: i64 = sqlx::query_scalar(
            "INSERT INTO users (email, password_hash, display_name, role)
             VALUES ('intern@agora.test', 'x', 'T', 'intern') RETURNING id",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        assert_eq!(
            load_session_user(&pool, intern).await,
            Err(AppError::Internal)
        );
        let admin = user_with_role(&pool, Role::SuperAdmin).await;
        assert!(load_session_user(&pool, admin).await.is_ok());
        sqlx::query("INSERT INTO permissions (code) VALUES ('report.export')")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO role_permissions (role, permission) VALUES ('super_admin', 'report.export')",
        )
        .execute(&pool)
        .await
        .unwrap();
        assert_eq!(
            load_session_user(&pool, admin).await,
            Err(AppError::Internal)
        );
    }

    #[sqlx::test(migrator = "crate::server::MIGRATOR")]
    async fn disabled_accounts_are_not_loaded(pool: PgPool) {
        let id = user_with_role(&pool, Role::SuperAdmin).await;
        sqlx::query("UPDATE users SET disabled_at = now() WHERE id = $1")
            .bind(id)
            .execute(&pool)
            .await
            .unwrap();
        assert!(load_session_user(&pool, id).await.unwrap().is_none());
    }
}
