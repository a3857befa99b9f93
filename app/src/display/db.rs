//! The display settings kept with an account (`user_display_settings`).
use super::{DisplaySettings, TextSize, Theme};
use crate::error::AppError;
use sqlx::PgPool;

/// The account's saved settings; None when it never chose, or is disabled.
/// Read for every page a signed-in shopper opens: one primary-key lookup.
pub async fn load(pool: &PgPool, user_id: i64) -> Result<Option<DisplaySettings>, AppError> {
    Ok(sqlx::query_as!(
        DisplaySettings,
        r#"SELECT s.theme AS "theme: Theme", s.text_size AS "text: TextSize"
             FROM user_display_settings s JOIN users u ON u.id = s.user_id
            WHERE s.user_id = $1 AND u.disabled_at IS NULL"#,
        user_id
    )
    .fetch_optional(pool)
    .await?)
}

/// Saves the account's choice, replacing any earlier one.
pub async fn save(pool: &PgPool, user_id: i64, s: DisplaySettings) -> Result<(), AppError> {
    sqlx::query!(
        "INSERT INTO user_display_settings (user_id, theme, text_size) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET theme = EXCLUDED.theme, text_size = EXCLUDED.text_size",
        user_id,
        s.theme as Theme,
        s.text as TextSize,
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// At sign-in: the account's settings if it has some; else `guest` (the
/// browser's choice, if any) becomes the account's. A saved choice is never
/// overwritten (`DO NOTHING`), also when two browsers sign in at once. The
/// outer SELECT reads the table as it was before the INSERT (one snapshot),
/// so at most one of the two branches has a row.
pub async fn adopt(
    pool: &PgPool,
    user_id: i64,
    guest: Option<DisplaySettings>,
) -> Result<Option<DisplaySettings>, AppError> {
    Ok(sqlx::query_as!(
        DisplaySettings,
        r#"WITH adopted AS (
               INSERT INTO user_display_settings (user_id, theme, text_size)
               SELECT $1, $2, $3 WHERE $2::text IS NOT NULL AND $3::text IS NOT NULL
               ON CONFLICT (user_id) DO NOTHING
               RETURNING theme, text_size)
           SELECT theme AS "theme!: Theme", text_size AS "text!: TextSize" FROM adopted
           UNION ALL
           SELECT theme, text_size FROM user_display_settings WHERE user_id = $1
           LIMIT 1"#,
        user_id,
        guest.map(|g| g.theme) as Option<Theme>,
        guest.map(|g| g.text) as Option<TextSize>,
    )
    .fetch_optional(pool)
    .await?)
}
