//! Cells of the CSV files the shop writes and reads (the product export
//! and import, the shopper's data download): one rule against CSV
//! injection for all of them.
use std::borrow::Cow;

/// Characters that make a spreadsheet read a cell as a formula (or, for tab
/// and carriage return, can hide one after them).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A plain number ("-5", "12.50"): a spreadsheet reads it as a number, not
/// a formula, so it is left as it is.
fn is_number(cell: &str) -> bool {
    !cell.is_empty()
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == '.')
        && cell.parse::<f64>().is_ok()
}

/// A cell as exported: one that a spreadsheet would run as a formula
/// (`=HYPERLINK(…)` in a product name, say) gets a leading `'`, which makes
/// it plain text (OWASP's advice against CSV injection, and the same rule
/// used by every CSV the shop writes: the product export and the shopper's
/// data download).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_START) && !is_number(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The import's side of `neutralise`: a file the export wrote comes back as
/// it was (`'=…` is read as `=…`), so a round trip changes nothing.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) && !is_number(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::{neutralise, unneutralise};

    #[test]
    fn formula_cells_become_text_and_come_back_on_import() {
        for cell in [
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            let out = neutralise(cell);
            assert_eq!(out, format!("'{cell}"));
            assert_eq!(unneutralise(&out), cell);
        }
        for cell in ["Wool hat", "羊毛帽", "", "'quoted", "a=b", "-5", "12.50"] {
            assert_eq!(neutralise(cell), cell);
            assert_eq!(unneutralise(cell), cell);
        }
    }
}
