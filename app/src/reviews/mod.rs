//! Reviews of what was bought: one per order line, 1–5 stars, text and up to
//! three photos, a verified-purchase badge and "helpful" votes. Texts are
//! always rendered as text, never as HTML.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod upload;

use serde::{Deserialize, Serialize};

/// Whether a review is shown (`reviews.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum ReviewStatus {
    Pending,
    Published,
    Hidden,
}

#[cfg(feature = "ssr")]
pg_text!(ReviewStatus);

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 3] = [
        ReviewStatus::Pending,
        ReviewStatus::Published,
        ReviewStatus::Hidden,
    ];

    /// The text stored in the database and used in translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Pending => "pending",
            ReviewStatus::Published => "published",
            ReviewStatus::Hidden => "hidden",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Longest review text, in characters, and most photos per review.
pub const MAX_BODY_CHARS: usize = 2000;
pub const MAX_PHOTOS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub id: i64,
    /// Masked, e.g. "李***": reviews never show who wrote them in full.
    pub author: String,
    pub rating: i16,
    pub body: String,
    /// ISO date, YYYY-MM-DD.
    pub date: String,
    /// Written by someone who bought the product here.
    pub verified: bool,
    pub helpful: i32,
    /// SHA-256 of each photo.
    pub photos: Vec<String>,
    /// The shop's public answer, shown under the review (as text).
    pub reply: Option<String>,
}

/// "李小明" → "李***", "ann@x" → "a***": enough to tell reviewers apart.
pub fn mask(name: &str) -> String {
    let first: String = name.chars().take(1).collect();
    format!("{first}***")
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_masked() {
        assert_eq!(super::mask("李小明"), "李***");
        assert_eq!(super::mask(""), "***");
    }
}
