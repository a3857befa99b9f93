//! Review moderation. Reviews are published as soon as they are written
//! and moderated afterwards: the queue is every review nobody has looked at
//! yet (`moderated_at IS NULL`). Approving keeps a review published, hiding
//! takes it off the shop; either way it leaves the queue. The shop's public
//! reply is shown under the review on the product page, as text.
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod pages;

use super::AdminFn;
use crate::accounts::Permission;
use crate::reviews::ReviewStatus;
use serde::{Deserialize, Serialize};

pub const FNS: &[AdminFn] = &[
    AdminFn::read("admin/reviews", Permission::ReviewModerate),
    AdminFn::write("admin/review/moderate", Permission::ReviewModerate),
    AdminFn::write("admin/review/reply", Permission::ReviewModerate),
];

/// Reviews per page.
pub const REVIEWS_PAGE_SIZE: i64 = 20;
/// Longest reply, in characters (the database checks the same).
pub const MAX_REPLY_CHARS: usize = 1000;
/// The list's filters; the first is the default.
pub const FILTERS: [&str; 4] = ["queue", "published", "hidden", "all"];
/// What a moderator may set a review to.
pub const MODERATED_STATUSES: [ReviewStatus; 2] = [ReviewStatus::Published, ReviewStatus::Hidden];

/// A review as the moderator sees it: the reviewer's name in full, the
/// product, and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdminReview {
    pub id: i64,
    pub product_id: i64,
    pub product_slug: String,
    /// The Chinese name, or the English one when there is none.
    pub product_name: String,
    pub reviewer: String,
    pub rating: i16,
    pub body: String,
    pub photos: i64,
    pub verified: bool,
    /// published, hidden (or pending, from before moderation existed).
    pub status: ReviewStatus,
    /// Someone has approved or hidden it (it is out of the queue).
    pub moderated: bool,
    pub reply: Option<String>,
    /// YYYY-MM-DD HH:MM, shop time.
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewList {
    pub reviews: Vec<AdminReview>,
    /// How many reviews the filter holds, on every page.
    pub total: i64,
    pub page: i64,
    pub has_more: bool,
}
