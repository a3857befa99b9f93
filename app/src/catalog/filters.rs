//! Listing filters and sorting, and their form in the URL. The URL is the
//! single source of truth, so a filtered page can be shared, bookmarked,
//! cached and used without JavaScript.
use crate::text::{parse_money, url_encode};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Search rank for a query; best sellers first on a category page.
    #[default]
    Relevance,
    PriceAsc,
    PriceDesc,
    Newest,
    Sales,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Relevance,
        Sort::PriceAsc,
        Sort::PriceDesc,
        Sort::Newest,
        Sort::Sales,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::PriceAsc => "price_asc",
            Sort::PriceDesc => "price_desc",
            Sort::Newest => "newest",
            Sort::Sales => "sales",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// Everything a listing can be narrowed and ordered by. Prices are minor
/// units; in the URL they are whole or decimal yuan as the shopper typed them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Narrow to this category below the page's own (or the search's).
    pub sub: Option<String>,
    pub min_price: Option<i64>,
    pub max_price: Option<i64>,
    pub in_stock: bool,
    /// Minimum average rating, 1–4 stars.
    pub rating: Option<i16>,
    /// Attribute code → value.
    pub attrs: BTreeMap<String, String>,
    pub sort: Sort,
    pub page: i64,
    /// A price in the URL was not a number: it was ignored, and the page
    /// says so. Not sent to the server, and never part of a link.
    #[serde(skip)]
    pub bad_price: bool,
}

/// Prefix of attribute parameters in the URL (`a.brand=Acme`).
pub const ATTR_PREFIX: &str = "a.";

/// Bounds on what a listing can be narrowed by. Filters reach the server
/// already structured (a server function's arguments), so the server
/// applies these itself (`Filters::bounded`) before they reach SQL or a
/// cache key: a request cannot make either grow without limit.
pub const MAX_SUB_CHARS: usize = 100;
pub const MAX_ATTRS: usize = 10;
pub const MAX_ATTR_CODE_CHARS: usize = 40;
pub const MAX_ATTR_VALUE_CHARS: usize = 200;
/// Far past the last page of any listing (which the query clamps to anyway).
pub const MAX_PAGE: i64 = 10_000;
/// The largest price `parse_price` reads: 999,999,999.99 yuan.
const MAX_PRICE_MINOR: i64 = 99_999_999_999;

fn valid_attr_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= MAX_ATTR_CODE_CHARS
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A value kept as the shopper typed it, cut to `max` characters; empty or
/// holding control characters (NUL above all), it is dropped.
fn bounded_value(v: &str, max: usize) -> Option<String> {
    let v = v.trim();
    (!v.is_empty() && !v.chars().any(char::is_control)).then(|| v.chars().take(max).collect())
}

/// "129", "129.5" or "129.50" (yuan) → minor units, up to
/// [`MAX_PRICE_MINOR`]. Anything else → None.
pub fn parse_price(s: &str) -> Option<i64> {
    parse_money(s).filter(|p| *p <= MAX_PRICE_MINOR)
}

/// Minor units → the shortest yuan string ("129", "129.5"), as in the URL.
pub fn price_param(minor: i64) -> String {
    let (w, f) = (minor / 100, minor % 100);
    match f {
        0 => w.to_string(),
        f if f % 10 == 0 => format!("{w}.{}", f / 10),
        f => format!("{w}.{f:02}"),
    }
}

impl Filters {
    /// Reads the filters from URL parameters; unknown or malformed values are
    /// ignored rather than failing the page.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut f = Filters::default();
        for (k, v) in pairs {
            let v = v.trim();
            // Control characters (NUL above all) are never part of a real value.
            if v.chars().any(char::is_control) {
                continue;
            }
            match k {
                "sub" if !v.is_empty() => f.sub = bounded_value(v, MAX_SUB_CHARS),
                "min" | "max" => {
                    let price = parse_price(v);
                    f.bad_price |= price.is_none() && !v.is_empty();
                    if k == "min" {
                        f.min_price = price;
                    } else {
                        f.max_price = price;
                    }
                }
                "stock" => f.in_stock = v == "1" || v == "on",
                "rating" => f.rating = v.parse().ok().filter(|r| (1..=4).contains(r)),
                "sort" => f.sort = Sort::parse(v).unwrap_or_default(),
                "page" => f.page = v.parse().unwrap_or(1),
                _ => {
                    if let Some(code) = k.strip_prefix(ATTR_PREFIX)
                        && valid_attr_code(code)
                        && f.attrs.len() < MAX_ATTRS
                        && let Some(v) = bounded_value(v, MAX_ATTR_VALUE_CHARS)
                    {
                        f.attrs.insert(code.to_string(), v);
                    }
                }
            }
        }
        if let (Some(a), Some(b)) = (f.min_price, f.max_price)
            && a > b
        {
            f.min_price = Some(b);
            f.max_price = Some(a);
        }
        f.page = f.page.max(1);
        f.bounded()
    }

    /// The same filters within the bounds above: at most `MAX_ATTRS`
    /// attributes with valid codes, values cut to length, a rating of 1–4,
    /// prices that `parse_price` could have read (in order), a page from 1
    /// to `MAX_PAGE`. What a URL gives already is unchanged.
    pub fn bounded(self) -> Self {
        let price = |p: Option<i64>| p.filter(|p| (0..=MAX_PRICE_MINOR).contains(p));
        let (mut min_price, mut max_price) = (price(self.min_price), price(self.max_price));
        if let (Some(a), Some(b)) = (min_price, max_price)
            && a > b
        {
            (min_price, max_price) = (Some(b), Some(a));
        }
        Filters {
            sub: self
                .sub
                .as_deref()
                .and_then(|s| bounded_value(s, MAX_SUB_CHARS)),
            min_price,
            max_price,
            rating: self.rating.filter(|r| (1..=4).contains(r)),
            attrs: self
                .attrs
                .iter()
                .filter(|(k, _)| valid_attr_code(k))
                .filter_map(|(k, v)| Some((k.clone(), bounded_value(v, MAX_ATTR_VALUE_CHARS)?)))
                .take(MAX_ATTRS)
                .collect(),
            page: self.page.clamp(1, MAX_PAGE),
            ..self
        }
    }

    /// The URL parameters for these filters (unencoded); defaults are left out.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut parts: Vec<(String, String)> = Vec::new();
        if let Some(s) = &self.sub {
            parts.push(("sub".into(), s.clone()));
        }
        if let Some(p) = self.min_price {
            parts.push(("min".into(), price_param(p)));
        }
        if let Some(p) = self.max_price {
            parts.push(("max".into(), price_param(p)));
        }
        if self.in_stock {
            parts.push(("stock".into(), "1".into()));
        }
        if let Some(r) = self.rating {
            parts.push(("rating".into(), r.to_string()));
        }
        for (k, v) in &self.attrs {
            parts.push((format!("{ATTR_PREFIX}{k}"), v.clone()));
        }
        if self.sort != Sort::Relevance {
            parts.push(("sort".into(), self.sort.as_str().into()));
        }
        if self.page > 1 {
            parts.push(("page".into(), self.page.to_string()));
        }
        parts
    }

    /// The query string (without `?`) for these filters plus `extra` leading
    /// pairs, e.g. the search query.
    pub fn query_string(&self, extra: &[(&str, &str)]) -> String {
        extra
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .chain(self.pairs())
            .map(|(k, v)| format!("{}={}", url_encode(&k), url_encode(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// A link to `path` with these filters; `?` only when there is a query.
    pub fn href(&self, path: &str, extra: &[(&str, &str)]) -> String {
        let q = self.query_string(extra);
        if q.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{q}")
        }
    }

    /// The same filters on another page number.
    pub fn with_page(&self, page: i64) -> Self {
        Filters {
            page,
            ..self.clone()
        }
    }

    /// How many filters narrow the set.
    pub fn active(&self) -> usize {
        usize::from(self.sub.is_some())
            + usize::from(self.min_price.is_some() || self.max_price.is_some())
            + usize::from(self.in_stock)
            + usize::from(self.rating.is_some())
            + self.attrs.len()
    }

    /// Whether anything narrows the set (sorting and paging do not).
    pub fn narrows(&self) -> bool {
        self.sub.is_some()
            || self.min_price.is_some()
            || self.max_price.is_some()
            || self.in_stock
            || self.rating.is_some()
            || !self.attrs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_parse_without_floats() {
        assert_eq!(parse_price("129"), Some(12_900));
        assert_eq!(parse_price("129.5"), Some(12_950));
        assert_eq!(parse_price("¥0.05"), Some(5));
        assert_eq!(parse_price(".5"), Some(50));
        for bad in ["", ".", "1.234", "-5", "1e3", "12a", "9999999999"] {
            assert_eq!(parse_price(bad), None, "{bad}");
        }
    }

    #[test]
    fn filters_survive_a_round_trip_through_the_url() {
        let mut f = Filters {
            sub: Some("t-shirts".into()),
            min_price: Some(5_000),
            max_price: Some(12_950),
            in_stock: true,
            rating: Some(4),
            sort: Sort::PriceDesc,
            page: 3,
            ..Default::default()
        };
        f.attrs.insert("brand".into(), "山野 & Co".into());
        let q = f.query_string(&[("q", "羽绒 服")]);
        assert!(q.starts_with("q=%E7%BE%BD"), "{q}");
        let pairs: Vec<(String, String)> = q
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (k.to_string(), decode(v))
            })
            .collect();
        let back = Filters::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        assert_eq!(back, f);
    }

    #[test]
    fn malformed_values_are_ignored_and_ranges_ordered() {
        let f = Filters::from_pairs([
            ("min", "300"),
            ("max", "100"),
            ("rating", "9"),
            ("sort", "drop table"),
            ("page", "-4"),
            ("a.bad key", "x"),
            ("a.brand", "a\0b"),
        ]);
        assert_eq!(f.min_price, Some(10_000));
        assert_eq!(f.max_price, Some(30_000));
        assert_eq!(f.rating, None);
        assert_eq!(f.sort, Sort::Relevance);
        assert_eq!(f.page, 1);
        assert!(f.attrs.is_empty());
        assert!(!f.bad_price, "valid prices");
        assert_eq!(Filters::default().href("/c/x", &[]), "/c/x");

        // A price that is not a number is dropped, flagged, and kept out of links.
        let f = Filters::from_pairs([("min", "abc"), ("max", "200")]);
        assert_eq!((f.min_price, f.max_price), (None, Some(20_000)));
        assert!(f.bad_price);
        assert_eq!(f.href("/c/x", &[]), "/c/x?max=200");
        assert!(!Filters::from_pairs([("min", ""), ("max", " ")]).bad_price);
    }

    #[test]
    fn structured_filters_are_bounded_like_the_url() {
        let mut f = Filters {
            sub: Some("x".repeat(10_000)),
            min_price: Some(-5),
            max_price: Some(i64::MAX),
            rating: Some(9),
            page: i64::MAX,
            ..Default::default()
        };
        for i in 0..1_000 {
            f.attrs.insert(format!("a{i}"), "v".repeat(10_000));
        }
        f.attrs.insert("bad key".into(), "x".into());
        f.attrs.insert("blank".into(), "  ".into());
        let b = f.bounded();
        assert_eq!(
            b.sub.as_ref().map(|s| s.chars().count()),
            Some(MAX_SUB_CHARS)
        );
        assert_eq!((b.min_price, b.max_price, b.rating), (None, None, None));
        assert_eq!(b.page, MAX_PAGE);
        assert_eq!(b.attrs.len(), MAX_ATTRS);
        assert!(
            b.attrs
                .iter()
                .all(|(k, v)| valid_attr_code(k) && v.chars().count() == MAX_ATTR_VALUE_CHARS)
        );
        // What a URL produces is already within bounds.
        let url = Filters::from_pairs([("min", "300"), ("max", "100"), ("a.brand", "Acme")]);
        assert_eq!(url.clone().bounded(), url);
    }

    fn decode(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }
}
