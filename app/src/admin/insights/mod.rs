//! Search insights: what shoppers searched for over the last days, and the
//! searches that found nothing (the gaps to fill in the catalog). Read from
//! `search_queries`, which the storefront search writes for every query;
//! queries are grouped as typed, lower-cased and trimmed.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use super::AdminFn;
use crate::accounts::Permission;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[AdminFn::read("admin/insights", Permission::ReportRead)];

/// Rows in each table.
pub const TOP_QUERIES: i64 = 20;
/// The longest period asked for, in days.
pub const MAX_DAYS: i32 = 90;
/// The periods the page offers.
pub const PERIODS: [i32; 3] = [7, 30, 90];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueryStat {
    /// Lower-cased and trimmed.
    pub query: String,
    pub searches: i64,
    /// Average number of products found, to one decimal.
    pub avg_results: f64,
    /// YYYY-MM-DD HH:MM, shop time.
    pub last_searched: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissedQuery {
    pub query: String,
    pub searches: i64,
    /// YYYY-MM-DD HH:MM, shop time.
    pub last_searched: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchInsights {
    pub days: i32,
    /// Every search in the period, and those that found nothing.
    pub searches: i64,
    pub zero_result_searches: i64,
    pub top: Vec<QueryStat>,
    pub zero_results: Vec<MissedQuery>,
}

/// The storefront's search page for `q`, so staff see what shoppers saw.
pub fn search_href(q: &str) -> String {
    format!("/search?q={}", crate::text::url_encode(q))
}

#[cfg(test)]
mod tests {
    #[test]
    fn search_links_are_encoded() {
        assert_eq!(super::search_href("red shoes"), "/search?q=red%20shoes");
        assert_eq!(super::search_href("a&b=c#"), "/search?q=a%26b%3Dc%23");
        assert_eq!(super::search_href("羽绒"), "/search?q=%E7%BE%BD%E7%BB%92");
    }
}
