//! Catalog: categories, listings with filters, product pages, search,
//! favourites and recently viewed. Texts come in the requested locale and
//! fall back to the other one when missing; unlisted products never leave
//! the database.
pub mod api;
#[cfg(feature = "ssr")]
mod cache;
pub mod components;
#[cfg(feature = "ssr")]
pub mod db;
pub mod extra;
mod filters;
#[cfg(feature = "ssr")]
mod listing_cache;
pub mod pages;
mod pictogram;
pub mod recent;
pub mod recommend;

#[cfg(feature = "ssr")]
pub use cache::{SearchCaches, search_caches};
pub use filters::{Filters, Sort, parse_price, price_param};
#[cfg(feature = "ssr")]
pub use listing_cache::{ListingCaches, listing_caches};
pub use pictogram::department_glyph;

// For the server functions in `api.rs` (`super::locale_pair`).
#[cfg(feature = "ssr")]
use crate::locale::locale_pair;
use serde::{Deserialize, Serialize};

/// Why a variant's stock changed (`stock_movements.reason`). Sales and
/// cancellations move stock without a movement row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ssr", derive(sqlx::Encode, sqlx::Decode))]
#[cfg_attr(feature = "ssr", sqlx(rename_all = "snake_case"))]
pub enum StockReason {
    Received,
    Damaged,
    Returned,
    Correction,
    Stocktake,
    Initial,
    /// A replacement sent for an after-sales exchange.
    Exchanged,
}

#[cfg(feature = "ssr")]
pg_text!(StockReason);

impl StockReason {
    pub const ALL: [StockReason; 7] = [
        StockReason::Received,
        StockReason::Damaged,
        StockReason::Returned,
        StockReason::Correction,
        StockReason::Stocktake,
        StockReason::Initial,
        StockReason::Exchanged,
    ];

    /// The text stored in the database and used in translation keys.
    pub fn as_str(self) -> &'static str {
        match self {
            StockReason::Received => "received",
            StockReason::Damaged => "damaged",
            StockReason::Returned => "returned",
            StockReason::Correction => "correction",
            StockReason::Stocktake => "stocktake",
            StockReason::Initial => "initial",
            StockReason::Exchanged => "exchanged",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

pub const PAGE_SIZE: i64 = 24;

/// Category and product slugs are `[a-z0-9-]`; anything else cannot exist,
/// so it is answered with "not found" before it reaches the database.
pub fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
/// Longest search query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCard {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub price_minor: i64,
    pub currency: String,
    pub in_stock: bool,
    /// SHA-256 of the cover image.
    pub image: Option<String>,
    pub rating_sum: i32,
    pub rating_count: i32,
}

/// Average rating in tenths of a star (45 = 4.5), if anyone has rated.
pub fn rating_tenths(sum: i32, count: i32) -> Option<i32> {
    (count > 0).then(|| (sum * 10 + count / 2) / count)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeFacet {
    pub code: String,
    pub name: String,
    pub values: Vec<FacetValue>,
}

/// What the shopper can narrow a listing by, with counts for the current set.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Facets {
    /// Categories one level down (category page) or the categories hit (search).
    pub categories: Vec<FacetValue>,
    pub attributes: Vec<AttributeFacet>,
    /// The attribute values were counted over only some of the matches (a
    /// broad search, docs/search.md): the values are shown, their counts not.
    #[serde(default)]
    pub sampled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub products: Vec<ProductCard>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// The search stopped counting at `total` (its budget, docs/search.md):
    /// at least that many match, and the pages end there.
    #[serde(default)]
    pub capped: bool,
    pub facets: Facets,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryView {
    pub category: Category,
    /// Ancestors from the top level down, not including the category itself.
    pub trail: Vec<Category>,
    pub listing: Listing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query as the engine understood it, when it corrected a typo.
    pub corrected: Option<String>,
    pub listing: Listing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub label: String,
    pub href: String,
    pub is_category: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub id: i64,
    pub sku: String,
    pub price_minor: i64,
    pub currency: String,
    pub stock: i32,
    /// One label per product option, in option order.
    pub options: Vec<String>,
    /// The price under a running time-limited sale (限时折扣), and its name.
    #[serde(default)]
    pub sale_price_minor: Option<i64>,
    #[serde(default)]
    pub sale_label: Option<String>,
    /// Member prices below the price shown, lowest level first: the
    /// price's name ("Gold member price") and the price.
    #[serde(default)]
    pub member_prices: Vec<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GalleryImage {
    pub sha: String,
    pub alt: String,
    pub variant_id: Option<i64>,
}

pub use crate::reviews::ReviewView;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductDetail {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    /// From the top-level category down to the product's own.
    pub trail: Vec<Category>,
    pub tags: Vec<String>,
    /// (attribute name, value) in display order.
    pub attributes: Vec<(String, String)>,
    /// The `brand` attribute's value, for structured data.
    pub brand: Option<String>,
    /// Option names such as 颜色 / Colour.
    pub options: Vec<String>,
    pub variants: Vec<Variant>,
    pub images: Vec<GalleryImage>,
    pub rating_sum: i32,
    pub rating_count: i32,
    /// Published ratings per star, index 0 = one star.
    pub stars: [i64; 5],
    pub reviews: Vec<ReviewView>,
    pub related: Vec<ProductCard>,
}

impl ProductDetail {
    /// The variant named in the URL, else the first in stock, else the first.
    pub fn pick(&self, id: Option<i64>) -> Option<&Variant> {
        id.and_then(|id| self.variants.iter().find(|v| v.id == id))
            .or_else(|| self.variants.iter().find(|v| v.stock > 0))
            .or_else(|| self.variants.first())
    }

    /// The gallery for a variant: its own pictures first, then the shared ones.
    pub fn gallery_for(&self, variant: Option<i64>) -> Vec<GalleryImage> {
        let mut own: Vec<GalleryImage> = self
            .images
            .iter()
            .filter(|i| i.variant_id.is_some() && i.variant_id == variant)
            .cloned()
            .collect();
        own.extend(
            self.images
                .iter()
                .filter(|i| i.variant_id.is_none())
                .cloned(),
        );
        if own.is_empty() {
            own = self.images.clone();
        }
        own
    }
}

/// Home page rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeRows {
    pub featured: Vec<ProductCard>,
    pub new_arrivals: Vec<ProductCard>,
    pub best_sellers: Vec<ProductCard>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detail(variants: Vec<Variant>, images: Vec<GalleryImage>) -> ProductDetail {
        ProductDetail {
            id: 1,
            slug: "p".into(),
            name: "P".into(),
            description: String::new(),
            trail: vec![],
            tags: vec![],
            attributes: vec![],
            brand: None,
            options: vec![],
            variants,
            images,
            rating_sum: 0,
            rating_count: 0,
            stars: [0; 5],
            reviews: vec![],
            related: vec![],
        }
    }

    fn variant(id: i64, stock: i32) -> Variant {
        Variant {
            id,
            sku: format!("S{id}"),
            price_minor: 100,
            currency: "CNY".into(),
            stock,
            options: vec![],
            sale_price_minor: None,
            sale_label: None,
            member_prices: vec![],
        }
    }

    #[test]
    fn picks_the_requested_then_an_available_variant() {
        let d = detail(vec![variant(1, 0), variant(2, 3)], vec![]);
        assert_eq!(d.pick(Some(1)).map(|v| v.id), Some(1));
        assert_eq!(d.pick(None).map(|v| v.id), Some(2));
        assert_eq!(d.pick(Some(99)).map(|v| v.id), Some(2));
        let sold_out = detail(vec![variant(5, 0)], vec![]);
        assert_eq!(sold_out.pick(None).map(|v| v.id), Some(5));
    }

    #[test]
    fn a_variants_own_pictures_come_first() {
        let img = |sha: &str, v: Option<i64>| GalleryImage {
            sha: sha.into(),
            alt: String::new(),
            variant_id: v,
        };
        let d = detail(
            vec![variant(1, 1), variant(2, 1)],
            vec![img("a", None), img("b", Some(2)), img("c", Some(1))],
        );
        let shas = |v| {
            d.gallery_for(v)
                .into_iter()
                .map(|i| i.sha)
                .collect::<Vec<_>>()
        };
        assert_eq!(shas(Some(2)), ["b", "a"]);
        assert_eq!(shas(Some(1)), ["c", "a"]);
        assert_eq!(shas(None), ["a"]);
    }

    #[test]
    fn ratings_round_to_tenths() {
        assert_eq!(rating_tenths(0, 0), None);
        assert_eq!(rating_tenths(9, 2), Some(45));
        assert_eq!(rating_tenths(14, 3), Some(47));
    }
}
