//! The guest cart in the browser's local storage. Each line keeps what the
//! shopper saw (name, picture, price) so the cart still shows offline; the
//! server re-prices it whenever it is reachable. Browser-only: call from
//! event handlers and effects, never while rendering on the server.
use super::{LineIn, MAX_LINES, MAX_QTY};
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

const CART_KEY: &str = "agora.cart";
const COUPON_KEY: &str = "agora.coupon";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalLine {
    pub variant_id: i64,
    pub qty: i32,
    /// Unit price when added.
    #[serde(default)]
    pub price_minor: Option<i64>,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub options: String,
    #[serde(default)]
    pub image: Option<String>,
}

pub fn lines() -> Vec<LocalLine> {
    LocalStorage::get(CART_KEY).unwrap_or_default()
}

fn save(lines: &[LocalLine]) {
    let _ = LocalStorage::set(CART_KEY, lines);
}

pub fn as_lines_in() -> Vec<LineIn> {
    lines()
        .into_iter()
        .map(|l| LineIn {
            variant_id: l.variant_id,
            qty: l.qty,
            seen_price_minor: l.price_minor,
        })
        .collect()
}

/// Units in the cart. Local storage can hold anything, so the sum saturates.
pub fn count() -> i32 {
    lines()
        .iter()
        .fold(0i32, |n, l| n.saturating_add(l.qty.max(0)))
}

/// Adds `qty`, never above `stock` or 99; returns the line's quantity, or
/// None when the cart already holds 50 other items.
pub fn add(line: LocalLine, stock: i32) -> Option<i32> {
    let mut all = lines();
    let cap = stock.clamp(0, MAX_QTY);
    let now = if let Some(l) = all.iter_mut().find(|l| l.variant_id == line.variant_id) {
        l.qty = l.qty.saturating_add(line.qty).clamp(0, cap);
        l.qty
    } else if all.len() >= MAX_LINES {
        return None;
    } else {
        let qty = line.qty.clamp(0, cap);
        all.push(LocalLine { qty, ..line });
        qty
    };
    save(&all);
    Some(now)
}

/// Sets a line's quantity; 0 removes it.
pub fn set_qty(variant_id: i64, qty: i32) {
    let mut all = lines();
    if qty <= 0 {
        all.retain(|l| l.variant_id != variant_id);
    } else if let Some(l) = all.iter_mut().find(|l| l.variant_id == variant_id) {
        l.qty = qty.min(MAX_QTY);
    }
    save(&all);
}

/// After a sign-in merged the lines into the account, or an order took them.
pub fn clear() {
    LocalStorage::delete(CART_KEY);
}

/// Drops the lines an order just bought.
pub fn remove(variant_ids: &[i64]) {
    let mut all = lines();
    all.retain(|l| !variant_ids.contains(&l.variant_id));
    save(&all);
}

pub fn coupon() -> Option<String> {
    LocalStorage::get::<String>(COUPON_KEY)
        .ok()
        .filter(|c| !c.is_empty())
}

pub fn set_coupon(code: Option<&str>) {
    match code {
        Some(c) => {
            let _ = LocalStorage::set(COUPON_KEY, c);
        }
        None => LocalStorage::delete(COUPON_KEY),
    }
}

/// The JSON the sign-in and registration forms send, so the server merges
/// the guest cart in the same request that signs in.
pub fn merge_payload() -> String {
    serde_json::to_string(&as_lines_in()).unwrap_or_else(|_| "[]".into())
}
