use super::{NewStaff, Promoted, RoleGrants, StaffMember, is_locked_grant};
use crate::accounts::{Permission, Role};
use crate::audit::{AuditAction, Snapshot, Target, audited};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::server::Staff;
use serde_json::json;
use sqlx::{PgConnection, PgPool};

/// Every staff role with the permissions it holds, in the enums' order. A
/// role or permission in the table that the code does not know is an error.
pub async fn grants(pool: &PgPool) -> Result<Vec<RoleGrants>, AppError> {
    let rows = sqlx::query!(
        r#"SELECT role AS "role: Role", permission AS "permission: Permission"
             FROM role_permissions ORDER BY role, permission"#
    )
    .fetch_all(pool)
    .await?;
    Ok(Role::ALL
        .into_iter()
        .filter(|r| *r != Role::Shopper)
        .map(|role| RoleGrants {
            role,
            permissions: Permission::ALL
                .into_iter()
                .filter(|p| rows.iter().any(|r| r.role == role && r.permission == *p))
                .collect(),
        })
        .collect())
}

/// A role's grants as the audit log keeps them (their codes), with the
/// role's row locked: concurrent edits of one role's grants queue here.
async fn role_snapshot(conn: &mut PgConnection, role: Role) -> Result<Option<Snapshot>, AppError> {
    sqlx::query!(
        "SELECT code FROM roles WHERE code = $1 FOR UPDATE",
        role as Role
    )
    .fetch_optional(&mut *conn)
    .await?;
    let permissions = sqlx::query_scalar!(
        "SELECT permission FROM role_permissions WHERE role = $1 ORDER BY permission",
        role as Role
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(Some(Snapshot {
        target: Target::new("role", role.as_str(), role.as_str()),
        state: json!({ "permissions": permissions }),
    }))
}

pub async fn set_grant(
    pool: &PgPool,
    staff: &Staff,
    role: Role,
    permission: Permission,
    granted: bool,
) -> Result<(), AppError> {
    // Shoppers hold nothing; and the super admin keeps the keys to this page.
    if role == Role::Shopper || (!granted && is_locked_grant(role, permission)) {
        return Err(AppError::Conflict(ErrorKey::Forbidden));
    }
    audited(
        pool,
        staff.into(),
        AuditAction::RolesSet,
        async |conn: &mut PgConnection, _: Option<&()>| role_snapshot(conn, role).await,
        async |conn: &mut PgConnection| {
            if granted {
                sqlx::query!(
                    "INSERT INTO role_permissions (role, permission) VALUES ($1, $2)
                     ON CONFLICT DO NOTHING",
                    role as Role,
                    permission as Permission
                )
                .execute(&mut *conn)
                .await?;
            } else {
                sqlx::query!(
                    "DELETE FROM role_permissions WHERE role = $1 AND permission = $2",
                    role as Role,
                    permission as Permission
                )
                .execute(&mut *conn)
                .await?;
            }
            Ok(())
        },
    )
    .await
}

pub async fn list(pool: &PgPool) -> Result<Vec<StaffMember>, AppError> {
    Ok(sqlx::query_as!(
        StaffMember,
        r#"SELECT id, email, display_name, role AS "role: Role",
                  disabled_at IS NOT NULL AS "disabled!"
             FROM users WHERE role <> 'shopper' ORDER BY id"#
    )
    .fetch_all(pool)
    .await?)
}

/// A role staff may be given: any but shopper.
fn staff_role(role: Role) -> Result<Role, AppError> {
    if role == Role::Shopper {
        Err(AppError::Validation(vec![FieldError::new(
            "role",
            ErrorKey::Required,
        )]))
    } else {
        Ok(role)
    }
}

/// A staff account as its audit entries describe it.
struct StaffState {
    email: String,
    display_name: String,
    role: Role,
    disabled: bool,
}

/// Staff account `id`, locked for a change; None when it is no staff account.
async fn staff_state(conn: &mut PgConnection, id: i64) -> Result<Option<StaffState>, AppError> {
    Ok(sqlx::query_as!(
        StaffState,
        r#"SELECT email, display_name, role AS "role: Role",
                  disabled_at IS NOT NULL AS "disabled!"
             FROM users WHERE id = $1 AND role <> 'shopper' FOR UPDATE"#,
        id
    )
    .fetch_optional(conn)
    .await?)
}

pub async fn create(pool: &PgPool, staff: &Staff, m: NewStaff) -> Result<i64, AppError> {
    let email = crate::accounts::normalize_email(&m.email);
    let name = m.display_name.trim().to_string();
    let mut errors = match crate::accounts::validate_registration(&email, &m.password, &name) {
        Ok(()) => Vec::new(),
        Err(AppError::Validation(e)) => e,
        Err(e) => return Err(e),
    };
    let role = staff_role(m.role);
    if let Err(AppError::Validation(e)) = &role {
        errors.extend(e.iter().cloned());
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let role = role?;
    let hash = crate::server::hash_password(m.password).await?;
    audited(
        pool,
        staff.into(),
        AuditAction::StaffCreate,
        async |conn: &mut PgConnection, created: Option<&i64>| {
            let Some(&id) = created else {
                return Ok(None);
            };
            Ok(staff_state(conn, id).await?.map(|s| Snapshot {
                target: Target::new("user", id, &s.email),
                state: json!({ "email": s.email, "display_name": s.display_name, "role": s.role }),
            }))
        },
        async |conn: &mut PgConnection| {
            sqlx::query_scalar!(
                "INSERT INTO users (email, password_hash, display_name, role)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (lower(email)) DO NOTHING RETURNING id",
                &email,
                hash.as_str(),
                &name,
                role as Role
            )
            .fetch_optional(conn)
            .await?
            .ok_or_else(|| {
                AppError::Validation(vec![FieldError::new("email", ErrorKey::EmailTaken)])
            })
        },
    )
    .await
}

pub async fn update(
    pool: &PgPool,
    staff: &Staff,
    id: i64,
    role: Role,
    disabled: bool,
) -> Result<(), AppError> {
    let role = staff_role(role)?;
    // Nobody demotes or locks out themselves (the last super admin could).
    if id == staff.user.id {
        return Err(AppError::Conflict(ErrorKey::Forbidden));
    }
    audited(
        pool,
        staff.into(),
        AuditAction::StaffUpdate,
        async |conn: &mut PgConnection, _: Option<&()>| {
            Ok(staff_state(conn, id).await?.map(|s| Snapshot {
                target: Target::new("user", id, &s.email),
                state: json!({ "role": s.role, "disabled": s.disabled }),
            }))
        },
        async |conn: &mut PgConnection| {
            let updated = sqlx::query!(
                "UPDATE users SET role = $2, updated_at = now(),
                        disabled_at = CASE WHEN $3 THEN COALESCE(disabled_at, now()) END
                  WHERE id = $1 AND role <> 'shopper'",
                id,
                role as Role,
                disabled
            )
            .execute(&mut *conn)
            .await?;
            if updated.rows_affected() == 0 {
                return Err(AppError::NotFound);
            }
            if disabled {
                crate::server::end_sessions_of(conn, id).await?;
            }
            Ok(())
        },
    )
    .await
}

/// An account looked up by e-mail for a promotion (locked).
struct Account {
    id: i64,
    email: String,
    role: Role,
}

async fn account_by_email(
    conn: &mut PgConnection,
    email: &str,
) -> Result<Option<Account>, AppError> {
    Ok(sqlx::query_as!(
        Account,
        r#"SELECT id, email, role AS "role: Role" FROM users WHERE lower(email) = $1 FOR UPDATE"#,
        email
    )
    .fetch_optional(conn)
    .await?)
}

/// What a promotion did: the account, and how many sessions of it ended.
struct Promotion {
    email: String,
    sessions_ended: u64,
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
    role: Role,
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
    let done = audited(
        pool,
        staff.into(),
        AuditAction::StaffPromote,
        async |conn: &mut PgConnection, done: Option<&Promotion>| {
            let Some(found) = account_by_email(conn, &email).await? else {
                return Ok(None);
            };
            let state = match done {
                None => json!({ "role": found.role }),
                Some(p) => json!({
                    "role": found.role,
                    "password_reset": true,
                    "sessions_ended": p.sessions_ended,
                }),
            };
            Ok(Some(Snapshot {
                target: Target::new("user", found.id, &found.email),
                state,
            }))
        },
        async |conn: &mut PgConnection| {
            let Some(found) = account_by_email(conn, &email).await? else {
                return Err(AppError::invalid("email", ErrorKey::NotFound));
            };
            if found.id == staff.user.id {
                return Err(AppError::Conflict(ErrorKey::Forbidden));
            }
            if found.role != Role::Shopper {
                return Err(AppError::invalid("email", ErrorKey::AlreadyStaff));
            }
            sqlx::query!(
                "UPDATE users SET role = $2, password_hash = $3, updated_at = now() WHERE id = $1",
                found.id,
                role as Role,
                hash.as_str()
            )
            .execute(&mut *conn)
            .await?;
            let sessions_ended = crate::server::end_sessions_of(conn, found.id).await?;
            Ok(Promotion {
                email: found.email,
                sessions_ended,
            })
        },
    )
    .await?;
    Ok(Promoted {
        email: done.email,
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
