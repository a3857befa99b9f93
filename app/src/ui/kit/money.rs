//! Money is an integer count of minor units plus an ISO 4217 code.

/// Formats minor units for display, e.g. `format_money(129900, "CNY")` → `¥1,299.00`.
pub fn format_money(minor: i64, currency: &str) -> String {
    let symbol = match currency {
        "CNY" => "¥",
        "USD" => "$",
        "EUR" => "€",
        _ => "",
    };
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let (units, cents) = (abs / 100, abs % 100);
    let grouped = group_thousands(units);
    if symbol.is_empty() {
        format!("{sign}{grouped}.{cents:02} {currency}")
    } else {
        format!("{sign}{symbol}{grouped}.{cents:02}")
    }
}

/// A whole number with its thousands grouped: `10000` → `10,000`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::{format_money, group_thousands};

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(10_000), "10,000");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn formats_minor_units() {
        assert_eq!(format_money(0, "CNY"), "¥0.00");
        assert_eq!(format_money(5, "CNY"), "¥0.05");
        assert_eq!(format_money(129_900, "CNY"), "¥1,299.00");
        assert_eq!(format_money(123_456_789, "USD"), "$1,234,567.89");
        assert_eq!(format_money(-250, "CNY"), "-¥2.50");
        assert_eq!(format_money(1000, "JPY"), "10.00 JPY");
    }
}
