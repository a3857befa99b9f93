//! The shopper's data download as a file (`GET /account/data.json`,
//! `/account/data.csv`, optionally `?section=orders`): only the signed-in
//! shopper's own data, and each download is written to the audit log before
//! it leaves. The route itself is wiring in `server/src/privacy.rs`.
use super::{Section, db};
use crate::accounts::SessionUser;
use crate::error::AppError;
use sqlx::PgPool;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8",
        }
    }
}

/// A finished download.
pub struct Download {
    pub body: Vec<u8>,
    pub format: Format,
    /// "agora-data-2026-11-26.json" (or "…-orders.csv" for one section).
    pub file_name: String,
}

/// `user`'s data (every section, or the one named by `section`), rendered
/// as `format` and recorded in the audit log with the client's address
/// `ip`. An unknown section is `BadRequest`. `public_url` makes photo links
/// absolute.
pub async fn download(
    pool: &PgPool,
    user: &SessionUser,
    ip: Option<&str>,
    public_url: &str,
    section: Option<&str>,
    format: Format,
) -> Result<Download, AppError> {
    let only = match section {
        None | Some("") => None,
        Some(name) => Some(Section::parse(name).ok_or(AppError::BadRequest)?),
    };
    let export = db::export(pool, user.id, public_url, only).await?;
    let body = match format {
        Format::Json => serde_json::to_vec_pretty(&export).map_err(|e| {
            tracing::error!(error = %e, "privacy json");
            AppError::Internal
        })?,
        Format::Csv => super::csv::render(&export)?,
    };
    let ext = format.extension();
    // Recorded before it is sent: a download that cannot be logged is not
    // handed out.
    db::record_export(pool, user, ip, ext, only).await?;
    let date: String = export.generated_at.chars().take(10).collect();
    let part = only.map(|s| format!("-{}", s.as_str())).unwrap_or_default();
    Ok(Download {
        body,
        format,
        file_name: format!("agora-data-{date}{part}.{ext}"),
    })
}
