//! The after-sales settings: read for the back office, changed by staff
//! with `aftersales.configure` (each change audited with the state before
//! and after), and the rules applied to every new request.
use crate::aftersales::rules::{
    AutoRule, LEVELS, Policy, ReasonEdit, ReasonRow, RequestFacts, RuleEdit, Settings,
};
use crate::aftersales::{Fault, RequestKind};
use crate::audit::{AuditAction, Snapshot, Target, audited};
use crate::error::{AppError, ErrorKey, FieldError};
use crate::server::Staff;
use serde_json::json;
use sqlx::{PgConnection, PgPool};

pub async fn load(pool: &PgPool) -> Result<Settings, AppError> {
    let mut conn = pool.acquire().await?;
    let policy = policy(&mut conn).await?;
    let reasons = sqlx::query_as!(
        ReasonRow,
        r#"SELECT id, code, name_zh, name_en, fault AS "fault: Fault", photos_required, active,
                  position
             FROM after_sales_reasons ORDER BY position, id"#
    )
    .fetch_all(&mut *conn)
    .await?;
    let rules = rules(&mut conn, false).await?;
    Ok(Settings {
        policy,
        reasons,
        rules,
        currency: "CNY".into(),
    })
}

async fn policy(conn: &mut PgConnection) -> Result<Policy, AppError> {
    Ok(sqlx::query_as!(
        Policy,
        "SELECT return_days, warranty_days, answer_days, ship_days, receive_days, return_address
           FROM after_sales_policy"
    )
    .fetch_one(conn)
    .await?)
}

async fn rules(conn: &mut PgConnection, active_only: bool) -> Result<Vec<AutoRule>, AppError> {
    Ok(sqlx::query_as!(
        AutoRule,
        r#"SELECT id, active, kind AS "kind: RequestKind", max_refund_minor, min_level, reason_id,
                  unshipped_only
             FROM after_sales_auto_rules WHERE active OR NOT $1 ORDER BY id"#,
        active_only
    )
    .fetch_all(conn)
    .await?)
}

fn refuse(problems: Vec<(&'static str, ErrorKey)>) -> Result<(), AppError> {
    if problems.is_empty() {
        return Ok(());
    }
    Err(AppError::Validation(
        problems
            .into_iter()
            .map(|(f, k)| FieldError::new(f, k))
            .collect(),
    ))
}

pub async fn save_policy(pool: &PgPool, staff: &Staff, p: &Policy) -> Result<(), AppError> {
    refuse(p.problems())?;
    audited(
        pool,
        staff.into(),
        AuditAction::AfterSalesPolicy,
        async |conn: &mut PgConnection, _: Option<&()>| {
            let now = policy(conn).await?;
            Ok(Some(Snapshot {
                target: Target::new("after_sales_policy", 1, "after-sales policy"),
                state: json!(now),
            }))
        },
        async |conn: &mut PgConnection| {
            sqlx::query!(
                "UPDATE after_sales_policy
                    SET return_days = $1, warranty_days = $2, answer_days = $3, ship_days = $4,
                        receive_days = $5, return_address = $6",
                p.return_days,
                p.warranty_days,
                p.answer_days,
                p.ship_days,
                p.receive_days,
                p.return_address.trim(),
            )
            .execute(conn)
            .await?;
            Ok(())
        },
    )
    .await
}

async fn reason_snapshot(conn: &mut PgConnection, id: i64) -> Result<Option<Snapshot>, AppError> {
    let row = sqlx::query_as!(
        ReasonRow,
        r#"SELECT id, code, name_zh, name_en, fault AS "fault: Fault", photos_required, active,
                  position
             FROM after_sales_reasons WHERE id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Snapshot {
        target: Target::new("after_sales_reason", r.id, &r.name_zh),
        state: json!(r),
    }))
}

/// Adds a reason (`id` None) or changes one; returns its id. Requests
/// already opened keep the fault they were opened with.
pub async fn save_reason(pool: &PgPool, staff: &Staff, r: &ReasonEdit) -> Result<i64, AppError> {
    refuse(r.problems())?;
    audited(
        pool,
        staff.into(),
        AuditAction::AfterSalesReason,
        async |conn: &mut PgConnection, saved: Option<&i64>| match saved.copied().or(r.id) {
            Some(id) => reason_snapshot(conn, id).await,
            None => Ok(None),
        },
        async |conn: &mut PgConnection| {
            let (zh, en) = (r.name_zh.trim(), r.name_en.trim());
            let id = match r.id {
                Some(id) => sqlx::query_scalar!(
                    "UPDATE after_sales_reasons
                        SET name_zh = $2, name_en = $3, fault = $4, photos_required = $5,
                            active = $6, position = $7
                      WHERE id = $1 RETURNING id",
                    id,
                    zh,
                    en,
                    r.fault as Fault,
                    r.photos_required,
                    r.active,
                    r.position,
                )
                .fetch_optional(&mut *conn)
                .await?
                .ok_or(AppError::NotFound)?,
                None => sqlx::query_scalar!(
                    r#"WITH n AS (SELECT nextval(pg_get_serial_sequence('after_sales_reasons', 'id'))
                                           AS id)
                       INSERT INTO after_sales_reasons
                           (id, code, name_zh, name_en, fault, photos_required, active, position)
                       SELECT n.id, 'reason_' || n.id, $1, $2, $3, $4, $5, $6 FROM n
                       RETURNING id"#,
                    zh,
                    en,
                    r.fault as Fault,
                    r.photos_required,
                    r.active,
                    r.position,
                )
                .fetch_one(&mut *conn)
                .await?,
            };
            Ok(id)
        },
    )
    .await
}

/// The rule a form describes, checked: a known kind, level and reason, an
/// amount that parses, and at least one condition.
async fn rule_from(conn: &mut PgConnection, e: &RuleEdit) -> Result<AutoRule, AppError> {
    let kind = match e.kind.as_str() {
        "" => None,
        k => Some(RequestKind::parse(k).ok_or(AppError::invalid("kind", ErrorKey::ChoiceInvalid))?),
    };
    let max_refund_minor = match e.max_refund.trim() {
        "" => None,
        t => Some(
            crate::text::parse_money(t)
                .filter(|m| (0..=100_000_000).contains(m))
                .ok_or(AppError::invalid("max_refund", ErrorKey::NumberInvalid))?,
        ),
    };
    let min_level = match e.min_level.as_str() {
        "" => None,
        l if LEVELS.contains(&l) => Some(l.to_string()),
        _ => return Err(AppError::invalid("min_level", ErrorKey::ChoiceInvalid)),
    };
    let reason_id = match e.reason_id {
        0 => None,
        id => {
            sqlx::query_scalar!("SELECT id FROM after_sales_reasons WHERE id = $1", id)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or(AppError::invalid("reason_id", ErrorKey::ChoiceInvalid))?;
            Some(id)
        }
    };
    let rule = AutoRule {
        id: 0,
        active: true,
        kind,
        max_refund_minor,
        min_level,
        reason_id,
        unshipped_only: e.unshipped_only,
    };
    if rule.is_unconditional() {
        // Approving every request unseen is not a rule.
        return Err(AppError::invalid("rule", ErrorKey::AfterSalesRuleEmpty));
    }
    Ok(rule)
}

async fn rule_snapshot(conn: &mut PgConnection, id: i64) -> Result<Option<Snapshot>, AppError> {
    let rule = sqlx::query_as!(
        AutoRule,
        r#"SELECT id, active, kind AS "kind: RequestKind", max_refund_minor, min_level, reason_id,
                  unshipped_only
             FROM after_sales_auto_rules WHERE id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    Ok(rule.map(|r| Snapshot {
        target: Target::new("after_sales_rule", r.id, format!("#{}", r.id)),
        state: json!(r),
    }))
}

/// Adds an auto-approval rule; returns its id.
pub async fn add_rule(pool: &PgPool, staff: &Staff, e: &RuleEdit) -> Result<i64, AppError> {
    let mut conn = pool.acquire().await?;
    let rule = rule_from(&mut conn, e).await?;
    drop(conn);
    audited(
        pool,
        staff.into(),
        AuditAction::AfterSalesRule,
        async |conn: &mut PgConnection, saved: Option<&i64>| match saved {
            Some(id) => rule_snapshot(conn, *id).await,
            None => Ok(None),
        },
        async |conn: &mut PgConnection| {
            Ok(sqlx::query_scalar!(
                "INSERT INTO after_sales_auto_rules
                     (kind, max_refund_minor, min_level, reason_id, unshipped_only)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
                rule.kind.map(|k| k.as_str()),
                rule.max_refund_minor,
                rule.min_level,
                rule.reason_id,
                rule.unshipped_only,
            )
            .fetch_one(conn)
            .await?)
        },
    )
    .await
}

/// Removes an auto-approval rule (requests it approved keep saying so
/// until it is gone, then say "automatically").
pub async fn delete_rule(pool: &PgPool, staff: &Staff, id: i64) -> Result<(), AppError> {
    audited(
        pool,
        staff.into(),
        AuditAction::AfterSalesRuleDelete,
        async |conn: &mut PgConnection, done: Option<&()>| match done {
            Some(()) => Ok(None),
            None => rule_snapshot(conn, id).await,
        },
        async |conn: &mut PgConnection| {
            let gone = sqlx::query!("DELETE FROM after_sales_auto_rules WHERE id = $1", id)
                .execute(conn)
                .await?
                .rows_affected();
            if gone == 0 {
                return Err(AppError::NotFound);
            }
            Ok(())
        },
    )
    .await
}

/// The first active rule that approves the new request numbered `number`,
/// read inside the opening transaction.
pub(super) async fn matching_rule(
    conn: &mut PgConnection,
    number: &str,
) -> Result<Option<i64>, AppError> {
    let f = sqlx::query!(
        r#"SELECT r.kind AS "kind: RequestKind", r.refund_minor, r.reason_id,
                  COALESCE(u.level, 'regular') AS "level!",
                  o.status NOT IN ('pending_payment', 'awaiting_shipment') AS "shipped!"
             FROM after_sales_requests r
             JOIN orders o ON o.id = r.order_id
             LEFT JOIN users u ON u.id = r.user_id
            WHERE r.number = $1"#,
        number
    )
    .fetch_one(&mut *conn)
    .await?;
    let facts = RequestFacts {
        kind: f.kind,
        refund_minor: f.refund_minor,
        level: &f.level,
        reason_id: f.reason_id,
        shipped: f.shipped,
    };
    Ok(rules(conn, true)
        .await?
        .into_iter()
        .find(|r| r.matches(&facts))
        .map(|r| r.id))
}
