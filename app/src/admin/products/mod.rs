//! Products in the back office: the list, the editor (both languages,
//! options and variants, attributes, tags, images with alt text and order),
//! listing and unlisting, and CSV import (validated, with a dry run) and
//! export. Stock is not edited here once a variant exists: it changes only
//! through the inventory page, which records why.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod upload;
mod validate;

pub use validate::*;

use super::AdminFn;
use crate::accounts::Permission;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/products", Permission::ProductEdit),
    AdminFn::read("admin/product", Permission::ProductEdit),
    AdminFn::write("admin/product/save", Permission::ProductEdit),
    AdminFn::write("admin/product/listed", Permission::ProductEdit),
    AdminFn::write("admin/product/images", Permission::ProductEdit),
    AdminFn::write("admin/products/import", Permission::ProductEdit),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub category: String,
    pub price_min_minor: Option<i64>,
    pub stock: i64,
    pub variants: i64,
    pub listed: bool,
    pub thumb: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductList {
    pub rows: Vec<ProductRow>,
    pub has_more: bool,
}

pub const PRODUCTS_PAGE_SIZE: i64 = 30;

/// A label in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    pub zh: String,
    pub en: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantForm {
    /// None for a variant added in this edit.
    pub id: Option<i64>,
    pub sku: String,
    /// As typed: "129" or "129.90".
    pub price: String,
    /// Opening stock of a new variant; ignored for existing ones.
    pub stock: i32,
    pub safety_stock: i32,
    /// One value per option, in option order.
    pub values: Vec<Pair>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeValue {
    pub attribute_id: i64,
    pub value: Pair,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductForm {
    pub id: Option<i64>,
    pub slug: String,
    pub category_id: i64,
    pub name: Pair,
    pub description: Pair,
    /// Comma-separated, as typed.
    pub tags: String,
    pub listed: bool,
    pub featured: bool,
    /// Option names (colour, size…), at most three.
    pub options: Vec<Pair>,
    pub variants: Vec<VariantForm>,
    pub attributes: Vec<AttributeValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageEdit {
    pub image_id: i64,
    /// Thumbnail URL, for the editor (ignored when saving).
    #[serde(default)]
    pub url: String,
    pub alt: Pair,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductEditor {
    pub form: ProductForm,
    pub images: Vec<ImageEdit>,
    /// Categories as "Parent / Child" paths, for the picker.
    pub categories: Vec<Choice>,
    pub attributes: Vec<Choice>,
}

/// One problem in an import file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    /// 1-based line in the file (the header is line 1).
    pub line: usize,
    pub column: String,
    pub error: FieldError,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub dry_run: bool,
    /// Rows read (not counting the header).
    pub rows: usize,
    pub products_created: usize,
    pub products_updated: usize,
    pub variants_created: usize,
    pub variants_updated: usize,
    pub problems: Vec<RowProblem>,
    /// True only when the import ran for real and wrote everything.
    pub written: bool,
}

/// The CSV columns, in order; export writes them and import requires them.
pub const CSV_COLUMNS: [&str; 16] = [
    "product_slug",
    "category_slug",
    "name_zh",
    "name_en",
    "description_zh",
    "description_en",
    "tags",
    "listed",
    "sku",
    "price",
    "stock",
    "safety_stock",
    "option_names_zh",
    "option_names_en",
    "option_values_zh",
    "option_values_en",
];

/// Largest import accepted (characters of CSV text).
pub const MAX_IMPORT_CHARS: usize = 2_000_000;
