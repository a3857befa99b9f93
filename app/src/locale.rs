//! The languages the shop's content (product texts, categories) is written
//! in, and how a request's language falls back to the other one. Used by
//! the catalog, the cart, checkout and the server's language switch, so it
//! sits in the lowest layer.

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
