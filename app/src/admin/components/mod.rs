//! Pieces several back-office pages share: SVG charts, the table of
//! records and its empty state, and small helpers.
mod charts;
mod table;

pub use charts::{BarChart, Bars, LineChart};
pub use table::{DataTable, EmptyState};

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

/// Minor units → the text a staff member types ("12.50"), which
/// `crate::text::parse_money` reads back.
pub fn minor_to_input(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let m = minor.abs();
    format!("{sign}{}.{:02}", m / 100, m % 100)
}

/// The URL a queue's filter form leads to: `base` with each of `filters`
/// that has a value in the submitted form, encoded.
pub fn filter_href(ev: &leptos::ev::SubmitEvent, base: &str, filters: &[&str]) -> String {
    let f = crate::ui::kit::form_data(ev);
    let params = filters
        .iter()
        .map(|k| (k, f(k)))
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::text::url_encode(&v)))
        .collect::<Vec<_>>()
        .join("&");
    format!("{base}?{params}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_text_round_trips() {
        for m in [0, 7, 1250, 9_999_999] {
            assert_eq!(crate::text::parse_money(&minor_to_input(m)), Some(m));
        }
        assert_eq!(minor_to_input(-310), "-3.10");
    }
}
