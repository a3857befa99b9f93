use super::{NewStaff, Promoted, RoleGrants, StaffMember, is_locked_grant};
use crate::accounts::{Permission, Role};
use crate::admin::audit::db::{Target, label_of, record};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::server::Staff;
use serde_json::json;
use sqlx::{PgConnection, PgPool};

pub async fn grants(pool: &PgPool) -> Result<Vec<RoleGrants>, AppError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT role, permission FROM role_permissions ORDER BY role, permission")
            .fetch_all(pool)
            .await?;
    Ok(Role::ALL
        .into_iter()
        .filter(|r| *r != Role::Shopper)
        .map(|role| RoleGrants {
            role,
            permissions: Permission::ALL
                .into_iter()
                .filter(|p| {
                    rows.iter()
                        .any(|(r, q)| r == role.as_str() && q == p.as_str())
                })
                .collect(),
        })
        .collect())
}

async fn role_permissions(conn: &mut PgConnection, role: Role) -> Result<Vec<String>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT permission FROM role_permissions WHERE role = $1 ORDER BY permission",
    )
    .bind(role.as_str())
    .fetch_all(conn)
    .await?)
}

pub async fn set_grant(
    pool: &PgPool,
    staff: &Staff,
    role: &str,
    permission: &str,
    granted: bool,
) -> Result<(), AppError> {
    let (Some(role), Some(permission)) = (Role::parse(role), Permission::parse(permission)) else {
        return Err(AppError::BadRequest);
    };
    // Shoppers hold nothing; and the super admin keeps the keys to this page.
    if role == Role::Shopper || (!granted && is_locked_grant(role, permission)) {
        return Err(AppError::Conflict(ErrorKey::Forbidden));
    }
    let mut tx = pool.begin().await?;
    // Serialises concurrent edits of one role's grants.
    sqlx::query("SELECT code FROM roles WHERE code = $1 FOR UPDATE")
        .bind(role.as_str())
        .execute(&mut *tx)
        .await?;
    let before = role_permissions(&mut tx, role).await?;
    if granted {
        sqlx::query(
            "INSERT INTO role_permissions (role, permission) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(role.as_str())
        .bind(permission.as_str())
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query("DELETE FROM role_permissions WHERE role = $1 AND permission = $2")
            .bind(role.as_str())
            .bind(permission.as_str())
            .execute(&mut *tx)
            .await?;
    }
    let after = role_permissions(&mut tx, role).await?;
    record(
        &mut tx,
        staff,
        "admin/roles/set",
        Target::new("role", role.as_str(), role.as_str()),
        Some(json!({ "permissions": before })),
        Some(json!({ "permissions": after })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct StaffRow {
    id: i64,
    email: String,
    display_name: String,
    role: String,
    disabled: bool,
}

impl StaffRow {
    fn into_member(self) -> StaffMember {
        StaffMember {
            id: self.id,
            email: self.email,
            display_name: self.display_name,
            role: Role::parse(&self.role).unwrap_or(Role::Shopper),
            disabled: self.disabled,
        }
    }
}

pub async fn list(pool: &PgPool) -> Result<Vec<StaffMember>, AppError> {
    let rows: Vec<StaffRow> = sqlx::query_as(
        "SELECT id, email, display_name, role, disabled_at IS NOT NULL AS disabled
           FROM users WHERE role <> 'shopper' ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(StaffRow::into_member).collect())
}

fn staff_role(role: &str) -> Result<Role, AppError> {
    Role::parse(role)
        .filter(|r| *r != Role::Shopper)
        .ok_or_else(|| AppError::Validation(vec![FieldError::new("role", ErrorKey::Required)]))
}

pub async fn create(pool: &PgPool, staff: &Staff, m: NewStaff) -> Result<i64, AppError> {
    let email = crate::accounts::normalize_email(&m.email);
    let name = m.display_name.trim().to_string();
    let mut errors = match crate::accounts::validate_registration(&email, &m.password, &name) {
        Ok(()) => Vec::new(),
        Err(AppError::Validation(e)) => e,
        Err(e) => return Err(e),
    };
    let role = staff_role(&m.role);
    if let Err(AppError::Validation(e)) = &role {
        errors.extend(e.iter().cloned());
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let role = role?;
    let hash = crate::server::hash_password(m.password).await?;
    let mut tx = pool.begin().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name, role) VALUES ($1, $2, $3, $4)
         ON CONFLICT (lower(email)) DO NOTHING RETURNING id",
    )
    .bind(&email)
    .bind(hash.as_str())
    .bind(&name)
    .bind(role.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Err(AppError::Validation(vec![FieldError::new(
            "email",
            ErrorKey::EmailTaken,
        )]));
    };
    record(
        &mut tx,
        staff,
        "admin/staff/create",
        Target::new("user", id, &email),
        None,
        Some(json!({ "email": email, "display_name": name, "role": role.as_str() })),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    role: &str,
    disabled: bool,
) -> Result<(), AppError> {
    let role = staff_role(role)?;
    // Nobody demotes or locks out themselves (the last super admin could).
    if id == staff.user.id {
        return Err(AppError::Conflict(ErrorKey::Forbidden));
    }
    let mut tx = pool.begin().await?;
    let before: Option<(String, bool)> = sqlx::query_as(
        "SELECT role, disabled_at IS NOT NULL FROM users
          WHERE id = $1 AND role <> 'shopper' FOR UPDATE",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((old_role, was_disabled)) = before else {
        return Err(AppError::NotFound);
    };
    sqlx::query(
        "UPDATE users SET role = $2, updated_at = now(),
                disabled_at = CASE WHEN $3 THEN COALESCE(disabled_at, now()) END
          WHERE id = $1",
    )
    .bind(id)
    .bind(role.as_str())
    .bind(disabled)
    .execute(&mut *tx)
    .await?;
    if disabled {
        crate::server::end_sessions_of(&mut tx, id).await?;
    }
    let label = label_of(&mut tx, "user", id).await?;
    record(
        &mut tx,
        staff,
        "admin/staff/update",
        Target::new("user", id, &label),
        Some(json!({ "role": old_role, "disabled": was_disabled })),
        Some(json!({ "role": role.as_str(), "disabled": disabled })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Promotes the shopper account with `email` to `role`, in one
/// transaction: the role changes, the password becomes a generated one,
/// every session of the account ends, and the audit log records it (never
/// the password). An unknown e-mail, a staff account and the caller's own
/// account are refused.
pub async fn promote(
    pool: &PgPool,
    staff: &Staff,
    email: &str,
    role: &str,
) -> Result<Promoted, AppError> {
    let email = crate::accounts::normalize_email(email);
    let mut errors = Vec::new();
    if let Err(key) = crate::accounts::check_email(&email) {
        errors.push(FieldError::new("email", key));
    }
    let role = staff_role(role);
    if let Err(AppError::Validation(e)) = &role {
        errors.extend(e.iter().cloned());
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let role = role?;
    let password = generated_password();
    let hash = crate::server::hash_password(password.clone()).await?;
    let mut tx = pool.begin().await?;
    let found: Option<(i64, String, String)> =
        sqlx::query_as("SELECT id, email, role FROM users WHERE lower(email) = $1 FOR UPDATE")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((id, stored_email, old_role)) = found else {
        return Err(AppError::invalid("email", ErrorKey::NotFound));
    };
    if id == staff.user.id {
        return Err(AppError::Conflict(ErrorKey::Forbidden));
    }
    if old_role != Role::Shopper.as_str() {
        return Err(AppError::invalid("email", ErrorKey::AlreadyStaff));
    }
    sqlx::query("UPDATE users SET role = $2, password_hash = $3, updated_at = now() WHERE id = $1")
        .bind(id)
        .bind(role.as_str())
        .bind(hash.as_str())
        .execute(&mut *tx)
        .await?;
    let ended = crate::server::end_sessions_of(&mut tx, id).await?;
    record(
        &mut tx,
        staff,
        "admin/staff/promote",
        Target::new("user", id, &stored_email),
        Some(json!({ "role": old_role })),
        Some(json!({ "role": role.as_str(), "password_reset": true, "sessions_ended": ended })),
    )
    .await?;
    tx.commit().await?;
    Ok(Promoted {
        email: stored_email,
        role,
        password,
    })
}

/// Characters of a generated password: letters and digits that cannot be
/// mistaken for one another when read out or copied by hand (no 0/O/o,
/// 1/l/I).
const PASSWORD_ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A new random password for an account handed over by an admin (and by
/// `agora-server create-admin` without a terminal): 20 characters from 56,
/// about 116 bits from the OS's generator, in groups of five to read out.
pub fn generated_password() -> String {
    use rand::Rng;
    let mut rng = rand::rngs::OsRng;
    loop {
        let chars: Vec<char> = (0..20)
            .map(|_| PASSWORD_ALPHABET[rng.gen_range(0..PASSWORD_ALPHABET.len())] as char)
            .collect();
        let password = chars
            .chunks(5)
            .map(|group| group.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-");
        // The rules want a letter and a digit; the rare draw without one
        // is drawn again.
        if crate::accounts::check_password(&password, "").is_ok() {
            return password;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::generated_password;

    #[test]
    fn generated_passwords_pass_the_rules_and_differ() {
        let a = generated_password();
        let b = generated_password();
        assert_ne!(a, b);
        assert_eq!(a.len(), 23, "{a}");
        assert!(crate::accounts::check_password(&a, "").is_ok(), "{a}");
    }
}
