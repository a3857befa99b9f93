//! Catalog: categories and product listings, with translated texts that fall
//! back to the other language when one is missing.
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
mod pictogram;

pub use pictogram::department_glyph;

use serde::{Deserialize, Serialize};

/// Locales that catalog texts exist in; the first is the default.
pub const LOCALES: [&str; 2] = ["zh-CN", "en"];

/// The requested locale and the one to fall back to.
pub fn locale_pair(lang: &str) -> (&'static str, &'static str) {
    if lang == "en" {
        ("en", "zh-CN")
    } else {
        ("zh-CN", "en")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Category {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProductCard {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub price_minor: i64,
    pub currency: String,
    pub in_stock: bool,
    pub image: Option<String>,
}

impl ProductCard {
    pub fn image_url(&self) -> Option<String> {
        self.image.as_ref().map(|h| format!("/media/{h}.svg"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub category: Category,
    pub parent: Option<Category>,
    pub children: Vec<Category>,
    pub products: Vec<ProductCard>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub products: Vec<ProductCard>,
    pub total: i64,
}

pub const PAGE_SIZE: i64 = 24;
