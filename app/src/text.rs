//! Text codecs every layer uses: the shop's one URL encoder (and decoder),
//! its one money parser, the LIKE-pattern escaper and the HTML escaper for
//! text written outside the view macros. Pure functions with no
//! dependencies, so they sit in the lowest layer (README, "Module
//! layering") and the browser and the server run the same code.

/// Percent-encodes every byte of `s` that `keep` refuses, as `%XX`: the
/// shop's one URL encoder. The functions below name the sets it uses.
pub fn percent_encode(s: &str, keep: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `value` safe inside HTML text and quoted attribute values: the shop's
/// one escaper for HTML written by hand (e-mails, pages patched on the
/// server).
pub fn html_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// RFC 3986's unreserved characters: `A–Z a–z 0–9 - _ . ~`.
fn unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-_.~".contains(&b)
}

/// Encodes `s` for use inside a URL query value: everything but the
/// unreserved characters, so `&`, `=`, `#`, `?`, `%` and spaces cannot end
/// or change the value.
pub fn url_encode(s: &str) -> String {
    percent_encode(s, unreserved)
}

/// [`url_encode`] that leaves `/` readable: for a site path carried in a
/// query (`/sign-in?next=/orders/A1`). `/` is allowed in a query (RFC 3986
/// §3.4); `?`, `&`, `=` and `%` are still encoded.
pub fn url_encode_path(s: &str) -> String {
    percent_encode(s, |b| unreserved(b) || b == b'/')
}

/// `%XX` escapes decoded; anything else (a lone `%`) is kept as it is, and
/// bytes that are not UTF-8 become U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| char::from(c).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Most digits before the decimal point: far past any price, and small
/// enough that the result cannot overflow.
const MAX_WHOLE_DIGITS: usize = 12;

/// An amount in yuan as typed into a form or carried in a URL ("129",
/// "129.5", "129.50", ".5", "¥12") → minor units (fen), without floats.
/// At most two decimals; no sign, exponent, grouping or inner spaces.
/// Callers add their own range (the catalog's filters cap the price).
pub fn parse_money(text: &str) -> Option<i64> {
    let t = text.trim();
    let t = t
        .strip_prefix('¥')
        .or_else(|| t.strip_prefix('￥'))
        .unwrap_or(t);
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty())
        || whole.len() > MAX_WHOLE_DIGITS
        || frac.len() > 2
        || !digits(whole)
        || !digits(frac)
    {
        return None;
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    Some(whole * 100 + frac)
}

/// `%text%` for ILIKE, with the pattern characters escaped, so a search
/// for "50%_off" matches those characters literally.
pub fn like_pattern(q: &str) -> String {
    format!(
        "%{}%",
        q.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_keep_only_unreserved_characters() {
        assert_eq!(url_encode("red shoes"), "red%20shoes");
        assert_eq!(url_encode("a&b=c#?%/"), "a%26b%3Dc%23%3F%25%2F");
        assert_eq!(url_encode("羽绒"), "%E7%BE%BD%E7%BB%92");
        assert_eq!(url_encode("A-z_0.9~"), "A-z_0.9~");
        assert_eq!(url_encode(""), "");
    }

    #[test]
    fn paths_in_a_query_keep_their_slashes() {
        assert_eq!(
            url_encode_path("/orders/A1?x=1&y"),
            "/orders/A1%3Fx%3D1%26y"
        );
        assert_eq!(url_encode_path("/c/鞋"), "/c/%E9%9E%8B");
    }

    #[test]
    fn decoding_undoes_encoding_and_keeps_stray_percents() {
        for text in ["red shoes", "a&b=c#?%/", "羽绒 100%"] {
            assert_eq!(percent_decode(&url_encode(text)), text);
        }
        assert_eq!(percent_decode("50%"), "50%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%2F%2f"), "//");
        assert_eq!(
            percent_encode("/a b/é", |b| b.is_ascii_graphic()),
            "/a%20b/%C3%A9"
        );
    }

    #[test]
    fn money_parses_without_floats() {
        assert_eq!(parse_money("129"), Some(12_900));
        assert_eq!(parse_money("129.5"), Some(12_950));
        assert_eq!(parse_money(" 0.07 "), Some(7));
        assert_eq!(parse_money("¥0.05"), Some(5));
        assert_eq!(parse_money("￥12"), Some(1_200));
        assert_eq!(parse_money(".5"), Some(50));
        assert_eq!(parse_money("12."), Some(1_200));
        assert_eq!(parse_money("999999999999.99"), Some(99_999_999_999_999));
        for bad in [
            "",
            ".",
            "¥",
            "-1",
            "-¥2",
            "+1",
            "1.234",
            "1e3",
            "abc",
            "1,5",
            "12a",
            "1.-5",
            "1 000",
            "¥¥1",
            "1000000000000",
        ] {
            assert_eq!(parse_money(bad), None, "{bad}");
        }
    }

    #[test]
    fn like_patterns_match_literally() {
        assert_eq!(like_pattern("李"), "%李%");
        assert_eq!(like_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
    }
}
