//! Pieces several back-office pages share: SVG charts and small helpers.
mod charts;

pub use charts::{BarChart, Bars, LineChart};

use leptos::prelude::*;

/// Empties a form once its action has succeeded, back to its `value`
/// attributes (which the reloaded page updates), so the next entry does not
/// start from the last one.
pub fn reset_on_success(
    form: NodeRef<leptos::html::Form>,
    succeeded: impl Fn() -> bool + Send + Sync + 'static,
) {
    Effect::new(move |_| {
        if succeeded()
            && let Some(f) = form.get_untracked()
        {
            f.reset();
        }
    });
}

/// Minor units → the text a staff member types ("12.50"); and back.
pub fn minor_to_input(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let m = minor.abs();
    format!("{sign}{}.{:02}", m / 100, m % 100)
}

/// "12", "12.5", "12.50" → 1250. At most two decimals; no exponent, no sign
/// unless `allow_negative`.
pub fn parse_minor(text: &str, allow_negative: bool) -> Option<i64> {
    let t = text.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(rest) if allow_negative => (true, rest),
        Some(_) => return None,
        None => (false, t),
    };
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 12 {
        return None;
    }
    if frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let cents = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse::<i64>().ok()?,
    };
    let v = whole.parse::<i64>().ok()? * 100 + cents;
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_text_round_trips() {
        assert_eq!(parse_minor("12", false), Some(1200));
        assert_eq!(parse_minor("12.5", false), Some(1250));
        assert_eq!(parse_minor(" 0.07 ", false), Some(7));
        assert_eq!(parse_minor("-3.10", true), Some(-310));
        for bad in ["", "-1", "1.234", "1e3", "abc", "1,5", ".5", "1.-5"] {
            assert_eq!(parse_minor(bad, false), None, "{bad}");
        }
        for m in [0, 7, 1250, 9_999_999] {
            assert_eq!(parse_minor(&minor_to_input(m), false), Some(m));
        }
    }
}
